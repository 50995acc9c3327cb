import { describe, expect, it } from 'vitest';
import { LoginResponse, Me } from '../../core/account.ts';
import { ApiError } from '../../core/sync.ts';
import { DATABASE_KINDS } from '../testing/databases.ts';
import { call, useTestServer } from '../testing/harness.ts';

const HOUR = 3_600_000;
const from = (address: string) => ({ incoming: { socket: { remoteAddress: address } } });

describe.each(DATABASE_KINDS)('sign-in on %s', (kind) => {
  const t = useTestServer(kind);
  const login = (email: string, password: string, address = '10.0.0.1') =>
    call(t.app, 'POST', '/api/auth/login', { json: { email, password }, env: from(address) });

  it('signs in with email and password, and the token opens /api/me', async () => {
    const { a1 } = t.world.people;
    const response = await login(`  ${a1.email.toUpperCase()} `, a1.password);
    expect(response.status).toBe(200);
    const body = LoginResponse.parse(response.body);
    expect(body.user).toEqual({ id: a1.id, orgId: a1.orgId, orgName: 'Acme', name: a1.name, email: a1.email, role: 'agent', teamIds: [t.world.teams.A] });
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Date(body.expiresAt).getTime() - t.clock().getTime()).toBe(168 * HOUR);

    const me = await call(t.app, 'GET', '/api/me', { token: body.token });
    expect(me.status).toBe(200);
    expect(Me.parse(me.body)).toEqual(body.user);
  });

  it('stores only the hash of the token', async () => {
    const { a2 } = t.world.people;
    const { token } = LoginResponse.parse((await login(a2.email, a2.password)).body);
    const rows = await t.database.db.selectFrom('sessions').select('token_hash').execute();
    expect(rows.some((r) => r.token_hash === token)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
  });

  it('answers a wrong password and an unknown email alike', async () => {
    const wrong = await login(t.world.people.b1.email, 'not the password');
    const unknown = await login('nobody@example.com', 'not the password');
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401);
      expect(ApiError.parse(response.body)).toEqual({ error: 'wrong email or password' });
    }
  });

  it('signs out: the token stops working, other sessions keep working', async () => {
    const { supB } = t.world.people;
    const first = LoginResponse.parse((await login(supB.email, supB.password)).body).token;
    const second = LoginResponse.parse((await login(supB.email, supB.password)).body).token;
    expect((await call(t.app, 'POST', '/api/auth/logout', { token: first })).status).toBe(204);
    const after = await call(t.app, 'GET', '/api/me', { token: first });
    expect(after.status).toBe(401);
    expect(after.body.error).toMatch(/signed out/);
    expect(after.headers.get('www-authenticate')).toBe('Bearer');
    expect((await call(t.app, 'GET', '/api/me', { token: second })).status).toBe(200);
    expect((await call(t.app, 'POST', '/api/auth/logout', { token: first })).status).toBe(401);
  });

  it('expires sessions after SESSION_TTL_HOURS', async () => {
    const { supA } = t.world.people;
    const { token } = LoginResponse.parse((await login(supA.email, supA.password)).body);
    t.clock.advance(168 * HOUR - 1);
    expect((await call(t.app, 'GET', '/api/me', { token })).status).toBe(200);
    t.clock.advance(1);
    const expired = await call(t.app, 'GET', '/api/me', { token });
    expect(expired.status).toBe(401);
    expect(expired.body.error).toMatch(/expired/);
  });

  it('refuses missing, malformed and forged tokens', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{}, /sign in first/],
      [{ authorization: 'Basic dXNlcjpwYXNz' }, /malformed Authorization/],
      [{ authorization: 'Bearer ' }, /malformed Authorization/],
      [{ authorization: 'Bearer not a token' }, /malformed Authorization/],
      [{ authorization: `Bearer ${'A'.repeat(43)}` }, /invalid session token/],
      [{ authorization: `Bearer ${'x'.repeat(5000)}` }, /malformed Authorization/],
    ];
    for (const [headers, message] of cases) {
      const response = await call(t.app, 'GET', '/api/me', { headers });
      expect(response.status, JSON.stringify(headers).slice(0, 60)).toBe(401);
      expect(ApiError.parse(response.body).error).toMatch(message);
    }
  });

  it('refuses a disabled account, at sign-in and for live sessions', async () => {
    const { otherAgent } = t.world.people;
    await t.database.db.updateTable('users').set({ disabled: 1 }).where('id', '=', otherAgent.id).execute();
    expect((await login(otherAgent.email, otherAgent.password)).status).toBe(401);
    const me = await call(t.app, 'GET', '/api/me', { token: otherAgent.token });
    expect(me.status).toBe(401);
    expect(me.body.error).toMatch(/disabled/);
  });

  it('limits failed sign-ins per email and address: the sixth is 429 with Retry-After, even with the right password', async () => {
    const { manager } = t.world.people;
    for (let i = 0; i < 5; i++) expect((await login(manager.email, 'wrong password', '10.9.9.9')).status).toBe(401);
    const limited = await login(manager.email, manager.password, '10.9.9.9');
    expect(limited.status).toBe(429);
    expect(ApiError.parse(limited.body).error).toMatch(/too many failed sign-ins/);
    expect(Number(limited.headers.get('retry-after'))).toBe(15 * 60);
    // Another address is not held up by this one's failures.
    expect((await login(manager.email, manager.password, '10.8.8.8')).status).toBe(200);
    t.clock.advance(15 * 60_000);
    expect((await login(manager.email, manager.password, '10.9.9.9')).status).toBe(200);
  });

  it('never logs passwords or tokens', async () => {
    const { admin } = t.world.people;
    const { token } = LoginResponse.parse((await login(admin.email, admin.password)).body);
    await call(t.app, 'GET', '/api/me', { token });
    const logged = JSON.stringify(t.logs);
    expect(logged).not.toContain(admin.password);
    expect(logged).not.toContain(token);
    expect(t.logs.at(-1)).toMatchObject({ level: 'info', msg: 'request', method: 'GET', path: '/api/me', status: 200, userId: admin.id });
  });
});
