import { Hono } from 'hono';
import { AddTeamMemberRequest, type AdminUser, CreateTeamRequest, CreateUserRequest, type UserList } from '../../core/admin.ts';
import type { Team } from '../../core/account.ts';
import { addTeamMember, createTeam, createUser, listUsers } from '../accounts/directory.ts';
import { hashPassword } from '../accounts/passwords.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { authenticate, requireRole } from '../http/authenticate.ts';
import { SMALL_BODY_BYTES, limitBody, readJson } from '../http/body.ts';

/** People and teams of the admin's own organisation. */
export function adminRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return new Hono<AppEnv>()
    .use(authenticate(deps), requireRole('admin'))
    .get('/users', async (c) => c.json({ users: await listUsers(db, c.var.user.orgId) } satisfies UserList))
    .post('/users', limitBody(SMALL_BODY_BYTES), async (c) => {
      const { password, ...fields } = await readJson(c, CreateUserRequest);
      const { orgId, id: actorId } = c.var.user;
      const user = await createUser(db, { ...fields, orgId, passwordHash: await hashPassword(password) }, actorId, deps.clock());
      return c.json(user satisfies AdminUser, 201);
    })
    .post('/teams', limitBody(SMALL_BODY_BYTES), async (c) => {
      const { name } = await readJson(c, CreateTeamRequest);
      const team = await createTeam(db, c.var.user.orgId, name, c.var.user.id, deps.clock());
      return c.json(team satisfies Team, 201);
    })
    .post('/teams/:id/members', limitBody(SMALL_BODY_BYTES), async (c) => {
      const { userId } = await readJson(c, AddTeamMemberRequest);
      await addTeamMember(db, c.var.user.orgId, c.req.param('id'), userId, c.var.user.id, deps.clock());
      return c.body(null, 204);
    });
}
