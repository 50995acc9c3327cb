import type { Kysely } from 'kysely';
import type { Role } from '../../core/account.ts';
import { createOrganisation, createTeam, createUser } from '../accounts/directory.ts';
import { hashPassword } from '../accounts/passwords.ts';
import { createSession } from '../accounts/sessions.ts';
import type { Tables } from '../db/schema.ts';

/** Cheap scrypt for fixtures: the stored parameters make verification cheap too. */
export const FAST_SCRYPT = { N: 1024, r: 8, p: 1 };

export interface Person {
  id: string;
  orgId: string;
  email: string;
  password: string;
  name: string;
  role: Role;
  /** A live session's bearer token. */
  token: string;
}

/*
 * Two organisations. Acme has teams A and B: agents a1 and a2 and supervisor supA in A, agent b1 and
 * supervisor supB in B, a manager and an admin in no team. Other has a manager, a supervisor and an
 * agent in one team, to prove nothing crosses organisations.
 */
const PEOPLE = {
  a1: { org: 'acme', role: 'agent', teams: ['A'] },
  a2: { org: 'acme', role: 'agent', teams: ['A'] },
  b1: { org: 'acme', role: 'agent', teams: ['B'] },
  supA: { org: 'acme', role: 'supervisor', teams: ['A'] },
  supB: { org: 'acme', role: 'supervisor', teams: ['B'] },
  manager: { org: 'acme', role: 'manager', teams: [] },
  admin: { org: 'acme', role: 'admin', teams: [] },
  otherManager: { org: 'other', role: 'manager', teams: [] },
  otherSup: { org: 'other', role: 'supervisor', teams: ['X'] },
  otherAgent: { org: 'other', role: 'agent', teams: ['X'] },
} as const satisfies Record<string, { org: 'acme' | 'other'; role: Role; teams: readonly string[] }>;

export type PersonKey = keyof typeof PEOPLE;

export interface World {
  orgs: { acme: string; other: string };
  teams: { A: string; B: string; X: string };
  people: Record<PersonKey, Person>;
}

export async function seedWorld(db: Kysely<Tables>, now: Date, prefix = ''): Promise<World> {
  const acme = await createOrganisation(db, `${prefix}Acme`, now);
  const other = await createOrganisation(db, `${prefix}Other`, now);
  const orgs = { acme: acme.id, other: other.id };
  const teams = {
    A: (await createTeam(db, acme.id, 'Team A', null, now)).id,
    B: (await createTeam(db, acme.id, 'Team B', null, now)).id,
    X: (await createTeam(db, other.id, 'Team X', null, now)).id,
  };
  const people = {} as Record<PersonKey, Person>;
  for (const [key, spec] of Object.entries(PEOPLE) as [PersonKey, (typeof PEOPLE)[PersonKey]][]) {
    const password = `password-of-${key}`;
    const email = `${prefix}${key.toLowerCase()}@example.com`;
    const user = await createUser(
      db,
      {
        orgId: orgs[spec.org],
        email,
        name: `${spec.role} ${key}`,
        role: spec.role,
        passwordHash: await hashPassword(password, FAST_SCRYPT),
        teamIds: spec.teams.map((t) => teams[t]),
        crmNames: [key],
      },
      null,
      now,
    );
    const { token } = await createSession(db, user.id, now, 24 * 365);
    people[key] = { id: user.id, orgId: orgs[spec.org], email, password, name: user.name, role: spec.role, token };
  }
  return { orgs, teams, people };
}
