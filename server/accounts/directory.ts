import type { Kysely } from 'kysely';
import type { Role, RosterEntry, Team } from '../../core/account.ts';
import type { AdminUser } from '../../core/admin.ts';
import { uuidv7 } from '../../core/ids.ts';
import { writeAudit } from '../audit.ts';
import type { Tables } from '../db/schema.ts';
import { Problem } from '../http/problem.ts';

/*
 * Organisations, teams and people: shared by the admin API and the admin command line. Every change
 * is audited with who made it (null for the command line).
 */

export interface Organisation {
  id: string;
  name: string;
}

export async function createOrganisation(db: Kysely<Tables>, name: string, at: Date): Promise<Organisation> {
  const org = { id: uuidv7(at.getTime()), name };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('organisations').values({ ...org, change_seq: 0, created_at: at.toISOString() }).execute();
    await writeAudit(trx, [{ orgId: org.id, userId: null, at, action: 'organisation.create' }]);
  });
  return org;
}

/** An organisation by id or exact name; a name shared by several is refused as ambiguous. */
export async function findOrganisation(db: Kysely<Tables>, idOrName: string): Promise<Organisation> {
  const rows = await db
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
    .execute();
  if (rows.length === 0) throw new Problem(404, `no organisation "${idOrName}"`);
  if (rows.length > 1) throw new Problem(409, `several organisations are called "${idOrName}": use the id`);
  return rows[0]!;
}

export async function createTeam(
  db: Kysely<Tables>,
  orgId: string,
  name: string,
  actorId: string | null,
  at: Date,
): Promise<Team> {
  const team = { id: uuidv7(at.getTime()), name };
  await db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('teams').select('id').where('org_id', '=', orgId).where('name', '=', name).executeTakeFirst();
    if (taken) throw new Problem(409, `a team called "${name}" already exists`);
    await trx.insertInto('teams').values({ ...team, org_id: orgId, created_at: at.toISOString() }).execute();
    await writeAudit(trx, [{ orgId, userId: actorId, at, action: 'team.create', entity: 'team', recordId: team.id }]);
  });
  return team;
}

/** A team of the organisation by id or name. */
export async function findTeam(db: Kysely<Tables>, orgId: string, idOrName: string): Promise<Team> {
  const team = await db
    .selectFrom('teams')
    .select(['id', 'name'])
    .where('org_id', '=', orgId)
    .where((eb) => eb.or([eb('id', '=', idOrName), eb('name', '=', idOrName)]))
    .executeTakeFirst();
  if (!team) throw new Problem(404, `no team "${idOrName}" in this organisation`);
  return team;
}

export interface NewUser {
  orgId: string;
  email: string;
  name: string;
  role: Role;
  passwordHash: string;
  teamIds: readonly string[];
  crmNames: readonly string[];
}

export async function createUser(db: Kysely<Tables>, user: NewUser, actorId: string | null, at: Date): Promise<AdminUser> {
  const id = uuidv7(at.getTime());
  await db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('users').select('id').where('email', '=', user.email).executeTakeFirst();
    if (taken) throw new Problem(409, `a user with email ${user.email} already exists`);
    await trx
      .insertInto('users')
      .values({
        id,
        org_id: user.orgId,
        email: user.email,
        name: user.name,
        role: user.role,
        password_hash: user.passwordHash,
        crm_names: JSON.stringify(user.crmNames),
        disabled: 0,
        created_at: at.toISOString(),
      })
      .execute();
    await writeAudit(trx, [{ orgId: user.orgId, userId: actorId, at, action: 'user.create', entity: 'user', recordId: id }]);
    for (const teamId of new Set(user.teamIds)) await addMember(trx, user.orgId, teamId, id, actorId, at);
  });
  return (await listUsers(db, user.orgId, id))[0]!;
}

export async function addTeamMember(
  db: Kysely<Tables>,
  orgId: string,
  teamId: string,
  userId: string,
  actorId: string | null,
  at: Date,
): Promise<void> {
  await db.transaction().execute((trx) => addMember(trx, orgId, teamId, userId, actorId, at));
}

async function addMember(db: Kysely<Tables>, orgId: string, teamId: string, userId: string, actorId: string | null, at: Date) {
  const team = await db.selectFrom('teams').select('id').where('id', '=', teamId).where('org_id', '=', orgId).executeTakeFirst();
  if (!team) throw new Problem(404, `no team ${teamId} in this organisation`);
  const user = await db.selectFrom('users').select('id').where('id', '=', userId).where('org_id', '=', orgId).executeTakeFirst();
  if (!user) throw new Problem(404, `no user ${userId} in this organisation`);
  const already = await db
    .selectFrom('team_members')
    .select('user_id')
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (already) return;
  await db.insertInto('team_members').values({ team_id: teamId, user_id: userId }).execute();
  await writeAudit(db, [{ orgId, userId: actorId, at, action: 'team.addMember', entity: 'team', recordId: teamId, detail: { userId } }]);
}

/** Sets a new password hash and signs the person out everywhere. */
export async function resetPassword(db: Kysely<Tables>, email: string, passwordHash: string, at: Date): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select(['id', 'org_id']).where('email', '=', email).executeTakeFirst();
    if (!user) throw new Problem(404, `no user with email ${email}`);
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', user.id).execute();
    await trx
      .updateTable('sessions')
      .set({ revoked_at: at.toISOString() })
      .where('user_id', '=', user.id)
      .where('revoked_at', 'is', null)
      .execute();
    await writeAudit(trx, [{ orgId: user.org_id, userId: null, at, action: 'user.resetPassword', entity: 'user', recordId: user.id }]);
  });
}

/** Each user's team ids, for the organisation. */
export async function teamIdsByUser(db: Kysely<Tables>, orgId: string): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom('team_members')
    .innerJoin('teams', 'teams.id', 'team_members.team_id')
    .select(['team_members.user_id', 'team_members.team_id'])
    .where('teams.org_id', '=', orgId)
    .orderBy('team_members.team_id')
    .execute();
  const byUser = new Map<string, string[]>();
  for (const row of rows) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row.team_id]);
  return byUser;
}

export async function listUsers(db: Kysely<Tables>, orgId: string, onlyId?: string): Promise<AdminUser[]> {
  let query = db.selectFrom('users').selectAll().where('org_id', '=', orgId).orderBy('name').orderBy('id');
  if (onlyId) query = query.where('id', '=', onlyId);
  const [users, teams] = await Promise.all([query.execute(), teamIdsByUser(db, orgId)]);
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    teamIds: teams.get(u.id) ?? [],
    crmNames: JSON.parse(u.crm_names) as string[],
    disabled: u.disabled === 1,
    createdAt: u.created_at,
  }));
}

/** The organisation's active people as colleagues see them: no emails. */
export async function roster(db: Kysely<Tables>, orgId: string): Promise<RosterEntry[]> {
  const users = await listUsers(db, orgId);
  return users
    .filter((u) => !u.disabled)
    .map((u) => ({ id: u.id, name: u.name, role: u.role, teamIds: u.teamIds, crmNames: u.crmNames }));
}

export async function listTeams(db: Kysely<Tables>, orgId: string): Promise<Team[]> {
  return db.selectFrom('teams').select(['id', 'name']).where('org_id', '=', orgId).orderBy('name').execute();
}
