import { describe, expect, it } from 'vitest';
import { LoginResponse, Team } from '../../core/account.ts';
import { AdminUser, UserList } from '../../core/admin.ts';
import { DATABASE_KINDS } from '../testing/databases.ts';
import { call, useTestServer } from '../testing/harness.ts';

describe.each(DATABASE_KINDS)('admin API on %s', (kind) => {
  const t = useTestServer(kind);
  const asAdmin = (method: 'GET' | 'POST', path: string, json?: unknown) =>
    call(t.app, method, path, { token: t.world.people.admin.token, json });

  it("lists the admin's own organisation only", async () => {
    const response = await asAdmin('GET', '/api/admin/users');
    expect(response.status).toBe(200);
    const { users } = UserList.parse(response.body);
    expect(users).toHaveLength(7);
    expect(users.every((u) => !u.email.startsWith('other'))).toBe(true);
    expect(users.find((u) => u.id === t.world.people.a1.id)).toMatchObject({ role: 'agent', teamIds: [t.world.teams.A], crmNames: ['a1'], disabled: false });
  });

  it('creates a team and a user in it, who can then sign in; every change is audited', async () => {
    const team = Team.parse((await asAdmin('POST', '/api/admin/teams', { name: 'Night shift' })).body);
    const created = await asAdmin('POST', '/api/admin/users', {
      email: ' New.Agent@Example.com ',
      name: 'New Agent',
      role: 'agent',
      password: 'a long enough password',
      teamIds: [team.id],
      crmNames: ['nagent'],
    });
    expect(created.status).toBe(201);
    const user = AdminUser.parse(created.body);
    expect(user).toMatchObject({ email: 'new.agent@example.com', teamIds: [team.id], crmNames: ['nagent'], createdAt: t.clock().toISOString() });

    const login = await call(t.app, 'POST', '/api/auth/login', { json: { email: 'new.agent@example.com', password: 'a long enough password' } });
    expect(LoginResponse.parse(login.body).user).toMatchObject({ id: user.id, orgId: t.world.orgs.acme, teamIds: [team.id] });

    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'user_id', 'record_id']).where('user_id', '=', t.world.people.admin.id).orderBy('id').execute();
    expect(audit).toEqual([
      { action: 'team.create', user_id: t.world.people.admin.id, record_id: team.id },
      { action: 'user.create', user_id: t.world.people.admin.id, record_id: user.id },
      { action: 'team.addMember', user_id: t.world.people.admin.id, record_id: team.id },
    ]);
  });

  it('adds a member to a team, once', async () => {
    const { A } = t.world.teams;
    const { b1 } = t.world.people;
    expect((await asAdmin('POST', `/api/admin/teams/${A}/members`, { userId: b1.id })).status).toBe(204);
    expect((await asAdmin('POST', `/api/admin/teams/${A}/members`, { userId: b1.id })).status).toBe(204);
    const members = await t.database.db.selectFrom('team_members').select('team_id').where('user_id', '=', b1.id).execute();
    expect(members.map((m) => m.team_id).sort()).toEqual([t.world.teams.A, t.world.teams.B].sort());
  });

  it('refuses duplicates and anything of another organisation', async () => {
    const duplicateEmail = await asAdmin('POST', '/api/admin/users', { email: t.world.people.a1.email, name: 'X', role: 'agent', password: 'a long enough password' });
    expect(duplicateEmail).toMatchObject({ status: 409, body: { error: `a user with email ${t.world.people.a1.email} already exists` } });
    expect(await asAdmin('POST', '/api/admin/teams', { name: 'Team A' })).toMatchObject({ status: 409, body: { error: 'a team called "Team A" already exists' } });
    const foreignTeam = await asAdmin('POST', `/api/admin/teams/${t.world.teams.X}/members`, { userId: t.world.people.a1.id });
    expect(foreignTeam).toMatchObject({ status: 404, body: { error: `no team ${t.world.teams.X} in this organisation` } });
    const foreignUser = await asAdmin('POST', `/api/admin/teams/${t.world.teams.A}/members`, { userId: t.world.people.otherAgent.id });
    expect(foreignUser).toMatchObject({ status: 404, body: { error: `no user ${t.world.people.otherAgent.id} in this organisation` } });
    const foreignTeamForNewUser = await asAdmin('POST', '/api/admin/users', { email: 'z@example.com', name: 'Z', role: 'agent', password: 'a long enough password', teamIds: [t.world.teams.X] });
    expect(foreignTeamForNewUser.status).toBe(404);
    const users = await t.database.db.selectFrom('users').select('id').where('email', '=', 'z@example.com').execute();
    expect(users).toEqual([]);
  });

  it.each(['agent', 'supervisor', 'manager'] as const)('is closed to a %s', async (role) => {
    const person = { agent: t.world.people.a1, supervisor: t.world.people.supA, manager: t.world.people.manager }[role];
    const response = await call(t.app, 'GET', '/api/admin/users', { token: person.token });
    expect(response).toMatchObject({ status: 403, body: { error: 'only admin users can do this' } });
  });
});
