import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Me } from '../../core/account.ts';
import type { Actor } from '../authz.ts';
import type { Tables } from '../db/schema.ts';

/*
 * Sessions are random 32-byte bearer tokens. Only their SHA-256 is stored: a copy of the database
 * does not let anyone sign in. (A fast hash is enough for 256 random bits; scrypt is for passwords.)
 */

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Kysely<Tables>,
  userId: string,
  now: Date,
  ttlHours: number,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlHours * 3_600_000);
  // Sign-in is a good moment to forget this person's dead sessions.
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('expires_at', '<=', now.toISOString()).execute();
  await db
    .insertInto('sessions')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      revoked_at: null,
    })
    .execute();
  return { token, expiresAt };
}

export async function revokeSession(db: Kysely<Tables>, tokenHash: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ revoked_at: now.toISOString() }).where('token_hash', '=', tokenHash).execute();
}

/** The signed-in person: who they are (Me) and what authorisation needs (Actor). */
export type SessionUser = Me & Actor & { tokenHash: string };

export type SessionLookup = { ok: true; user: SessionUser } | { ok: false; reason: string };

export async function findSessionUser(db: Kysely<Tables>, tokenHash: string, now: Date): Promise<SessionLookup> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('organisations', 'organisations.id', 'users.org_id')
    .select([
      'sessions.expires_at',
      'sessions.revoked_at',
      'users.id',
      'users.org_id',
      'users.name',
      'users.email',
      'users.role',
      'users.disabled',
      'organisations.name as org_name',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return { ok: false, reason: 'invalid session token: sign in again' };
  if (row.revoked_at !== null) return { ok: false, reason: 'this session was signed out: sign in again' };
  if (row.expires_at <= now.toISOString()) return { ok: false, reason: 'this session has expired: sign in again' };
  if (row.disabled) return { ok: false, reason: 'this account is disabled' };
  const teams = await db.selectFrom('team_members').select('team_id').where('user_id', '=', row.id).orderBy('team_id').execute();
  return {
    ok: true,
    user: {
      id: row.id,
      orgId: row.org_id,
      orgName: row.org_name,
      name: row.name,
      email: row.email,
      role: row.role,
      teamIds: teams.map((t) => t.team_id),
      tokenHash,
    },
  };
}

/** The public part of a session user. */
export function toMe(user: SessionUser): Me {
  return { id: user.id, orgId: user.orgId, orgName: user.orgName, name: user.name, email: user.email, role: user.role, teamIds: user.teamIds };
}
