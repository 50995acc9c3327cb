import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginResponse } from '../core/account.ts';
import { loginRateLimiter } from './accounts/loginRateLimit.ts';
import { createApp } from './app.ts';
import { runCli } from './cli.ts';
import { DATABASE_KINDS, type TestDatabase, openTestDatabase } from './testing/databases.ts';
import { call, fakeClock } from './testing/harness.ts';

describe.each(DATABASE_KINDS)('admin command line on %s', (kind) => {
  let t: TestDatabase;
  let backups: string;
  beforeAll(async () => {
    t = await openTestDatabase(kind);
    backups = mkdtempSync(join(tmpdir(), 'floorwalker-backups-'));
  }, 120_000);
  afterAll(async () => {
    await t?.dispose();
    rmSync(backups, { recursive: true, force: true });
  });

  async function cli(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const status = await runCli(argv, { env: t.env, out: (l) => out.push(l), err: (l) => err.push(l) });
    return { status, out: out.join('\n'), err: err.join('\n') };
  }

  const app = () =>
    createApp({ database: t.database, clock: fakeClock(new Date()), logger: { log() {} }, loginLimiter: loginRateLimiter(() => new Date()), sessionTtlHours: 1 });
  const login = (email: string, password: string) => call(app(), 'POST', '/api/auth/login', { json: { email, password } });

  it('explains itself', async () => {
    const help = await cli('--help');
    expect(help.status).toBe(0);
    expect(help.out).toMatch(/create-user\s+--org ORG --email EMAIL/);
    expect((await cli()).status).toBe(2);
    expect(await cli('make-coffee')).toMatchObject({ status: 2, err: expect.stringMatching(/^unknown command "make-coffee"/) });
    expect(await cli('create-org', '--colour', 'red')).toMatchObject({ status: 2, err: expect.stringMatching(/Unknown option '--colour'/) });
    expect(await cli('create-org')).toMatchObject({ status: 2, err: 'create-org: --name is required (see --help)' });
  });

  it('creates an organisation, a team and people who can sign in', async () => {
    const org = await cli('create-org', '--name', 'Northwind');
    expect(org).toMatchObject({ status: 0, out: expect.stringMatching(/^Created organisation "Northwind" \([0-9a-f-]{36}\)\.$/) });
    expect((await cli('create-team', '--org', 'Northwind', '--name', 'Day')).status).toBe(0);

    const generated = await cli('create-user', '--org', 'Northwind', '--email', 'Lead@Northwind.example', '--name', 'Lee Lead', '--role', 'supervisor', '--team', 'Day', '--crm-name', 'lee', '--crm-name', 'l.lead');
    expect(generated.status).toBe(0);
    expect(generated.out).toMatch(/^Created supervisor Lee Lead <lead@northwind\.example> \([0-9a-f-]{36}\) in Northwind, teams: Day\.\nPassword: [\w-]{16}$/);
    const password = /Password: (\S+)/.exec(generated.out)![1]!;
    const session = LoginResponse.parse((await login('lead@northwind.example', password)).body);
    expect(session.user).toMatchObject({ role: 'supervisor', orgName: 'Northwind', teamIds: [expect.any(String)] });

    const chosen = await cli('create-user', '--org', 'Northwind', '--email', 'agent@northwind.example', '--name', 'Ann Agent', '--role', 'agent', '--password', 'chosen password 1');
    expect(chosen.out).not.toContain('Password:');
    expect((await login('agent@northwind.example', 'chosen password 1')).status).toBe(200);
  });

  it('refuses bad values with exit 2 and failures with exit 1', async () => {
    await cli('create-org', '--name', 'Contoso');
    const base = ['create-user', '--org', 'Contoso', '--name', 'X'];
    expect(await cli(...base, '--email', 'x@contoso.example', '--role', 'owner')).toMatchObject({ status: 2, err: expect.stringMatching(/--role: Invalid option/) });
    expect(await cli(...base, '--email', 'not-an-email', '--role', 'agent')).toMatchObject({ status: 2, err: expect.stringMatching(/--email: enter an email address/) });
    expect(await cli(...base, '--email', 'x@contoso.example', '--role', 'agent', '--password', 'short')).toMatchObject({ status: 2, err: expect.stringMatching(/at least 10 characters/) });
    expect(await cli(...base, '--email', 'x@contoso.example', '--role', 'agent', '--team', 'Nope')).toMatchObject({ status: 1, err: 'create-user failed: no team "Nope" in this organisation' });
    expect(await cli('create-team', '--org', 'Nowhere', '--name', 'T')).toMatchObject({ status: 1, err: 'create-team failed: no organisation "Nowhere"' });
    expect((await cli(...base, '--email', 'x@contoso.example', '--role', 'agent')).status).toBe(0);
    expect(await cli(...base, '--email', 'X@contoso.example', '--role', 'agent')).toMatchObject({ status: 1, err: 'create-user failed: a user with email x@contoso.example already exists' });
  });

  it('resets a password and signs the person out everywhere', async () => {
    await cli('create-org', '--name', 'Fabrikam');
    await cli('create-user', '--org', 'Fabrikam', '--email', 'm@fabrikam.example', '--name', 'M', '--role', 'manager', '--password', 'first password');
    const { token } = LoginResponse.parse((await login('m@fabrikam.example', 'first password')).body);
    const reset = await cli('reset-password', '--email', 'm@fabrikam.example');
    expect(reset.status).toBe(0);
    const password = /Password: (\S+)/.exec(reset.out)![1]!;
    expect((await call(app(), 'GET', '/api/me', { token })).status).toBe(401);
    expect((await login('m@fabrikam.example', 'first password')).status).toBe(401);
    expect((await login('m@fabrikam.example', password)).status).toBe(200);
    expect(await cli('reset-password', '--email', 'nobody@fabrikam.example')).toMatchObject({ status: 1, err: 'reset-password failed: no user with email nobody@fabrikam.example' });
  });

  it('backs up the database to a new file', async () => {
    const file = join(backups, `backup-${kind}`);
    const done = await cli('backup', '--to', file);
    expect(done, done.err).toMatchObject({ status: 0 });
    expect(existsSync(file)).toBe(true);
    if (kind === 'sqlite') {
      const copy = new SQLite(file, { readonly: true });
      expect((copy.prepare('select count(*) as n from organisations').get() as { n: number }).n).toBeGreaterThan(0);
      copy.close();
    } else {
      expect(readFileSync(file).subarray(0, 5).toString()).toBe('PGDMP'); // pg_dump's custom format
    }
    expect(await cli('backup', '--to', file)).toMatchObject({ status: 1, err: expect.stringMatching(/already exists: choose a new file/) });
  });
});
