import type { Role } from '../core/account.ts';
import { createOrganisation, createTeam, createUser } from './accounts/directory.ts';
import { hashPassword } from './accounts/passwords.ts';
import type { Database } from './db/open.ts';

/** The demo organisation `npm start` creates, so a newcomer can sign in at once. Local use only. */
export const DEMO_ORG = 'Demo Contact Centre';
const TEAM = 'Billing';

export const DEMO_USERS: ReadonlyArray<{ role: Role; name: string; email: string; password: string; crmNames: string[] }> = [
  { role: 'agent', name: 'Alex Agent', email: 'agent@demo.floorwalker.test', password: 'demo-agent-pass', crmNames: ['Alex Agent', 'alex.agent'] },
  { role: 'supervisor', name: 'Sam Supervisor', email: 'supervisor@demo.floorwalker.test', password: 'demo-supervisor-pass', crmNames: [] },
  { role: 'manager', name: 'Morgan Manager', email: 'manager@demo.floorwalker.test', password: 'demo-manager-pass', crmNames: [] },
  { role: 'admin', name: 'Ash Admin', email: 'admin@demo.floorwalker.test', password: 'demo-admin-pass', crmNames: [] },
];

/** Create the demo organisation, its team and one user per role, unless it exists. */
export async function seedDemo(database: Database, now: Date): Promise<'created' | 'existed'> {
  const db = database.db;
  if (await db.selectFrom('organisations').select('id').where('name', '=', DEMO_ORG).executeTakeFirst()) return 'existed';
  const org = await createOrganisation(db, DEMO_ORG, now);
  const team = await createTeam(db, org.id, TEAM, null, now);
  for (const user of DEMO_USERS) {
    // Managers and admins see the whole organisation; agents and supervisors work in a team.
    const teamIds = user.role === 'agent' || user.role === 'supervisor' ? [team.id] : [];
    const passwordHash = await hashPassword(user.password);
    await createUser(db, { orgId: org.id, email: user.email, name: user.name, role: user.role, passwordHash, teamIds, crmNames: user.crmNames }, null, now);
  }
  return 'created';
}
