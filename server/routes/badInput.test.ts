import { describe, expect, it } from 'vitest';
import { ApiError, MAX_MUTATIONS_PER_PUSH } from '../../core/sync.ts';
import type { Tables } from '../db/schema.ts';
import { DATABASE_KINDS } from '../testing/databases.ts';
import { type CallOptions, type TestServer, call, useTestServer } from '../testing/harness.ts';
import { discard, newClientId, numbered, put, spotCheckPut } from '../testing/spotChecks.ts';

/*
 * Bad input to every route: each gets a 4xx with a JSON ApiError naming the problem, nothing is
 * written, and the server keeps answering.
 */

const FORGED = `Bearer ${'f'.repeat(43)}`;

async function tableCounts(t: TestServer): Promise<Record<string, number>> {
  const tables: (keyof Tables)[] = ['organisations', 'teams', 'users', 'team_members', 'sessions', 'records', 'clients', 'mutation_results', 'audit_log'];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

interface Case {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  /** Sends the admin's token unless told otherwise. */
  request: (t: TestServer) => CallOptions;
  status: number;
  error: RegExp;
  issue?: { path: string; message: RegExp };
}

const json = (body: string): CallOptions => ({ body, headers: { 'content-type': 'application/json' } });
const signedIn = (t: TestServer, options: CallOptions = {}): CallOptions => ({ token: t.world.people.admin.token, ...options });
const pushBody = (mutations: unknown[]) => ({ clientId: newClientId(), mutations });

const CASES: Case[] = [
  // POST /api/auth/login
  { name: 'malformed JSON', method: 'POST', path: '/api/auth/login', request: () => json('{"email": "a@b.c",'), status: 400, error: /^malformed JSON$/ },
  { name: 'not JSON at all', method: 'POST', path: '/api/auth/login', request: () => ({ body: 'email=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), status: 415, error: /Content-Type: application\/json/ },
  { name: 'no body', method: 'POST', path: '/api/auth/login', request: () => json(''), status: 400, error: /^malformed JSON$/ },
  { name: 'deeply nested JSON', method: 'POST', path: '/api/auth/login', request: () => json('['.repeat(8000) + ']'.repeat(8000)), status: 400, error: /invalid request body/ },
  { name: 'wrong types', method: 'POST', path: '/api/auth/login', request: () => ({ json: { email: 42, password: ['x'] } }), status: 400, error: /email: Invalid input: expected string/, issue: { path: 'password', message: /expected string/ } },
  { name: 'unknown field', method: 'POST', path: '/api/auth/login', request: () => ({ json: { email: 'a@b.co', password: 'x', role: 'admin' } }), status: 400, error: /role: unknown field/, issue: { path: 'role', message: /unknown field/ } },
  { name: '__proto__ field', method: 'POST', path: '/api/auth/login', request: () => json('{"email":"a@b.co","password":"x","__proto__":{"admin":true}}'), status: 400, error: /__proto__: unknown field/ },
  { name: 'not an email', method: 'POST', path: '/api/auth/login', request: () => ({ json: { email: 'nobody', password: 'x' } }), status: 400, error: /email: enter an email address/ },
  { name: 'oversize body', method: 'POST', path: '/api/auth/login', request: () => ({ json: { email: 'a@b.co', password: 'x'.repeat(20_000) } }), status: 413, error: /at most 16 KB/ },
  // POST /api/auth/logout, GET /api/me
  { name: 'no token', method: 'POST', path: '/api/auth/logout', request: () => ({}), status: 401, error: /sign in first/ },
  { name: 'forged token', method: 'POST', path: '/api/auth/logout', request: () => ({ headers: { authorization: FORGED } }), status: 401, error: /invalid session token/ },
  { name: 'no token', method: 'GET', path: '/api/me', request: () => ({}), status: 401, error: /sign in first/ },
  { name: 'forged token', method: 'GET', path: '/api/me', request: () => ({ headers: { authorization: FORGED } }), status: 401, error: /invalid session token/ },
  // POST /api/sync/push
  { name: 'no token', method: 'POST', path: '/api/sync/push', request: () => ({ json: pushBody(numbered(1, [put(spotCheckPut())])) }), status: 401, error: /sign in first/ },
  { name: 'forged token', method: 'POST', path: '/api/sync/push', request: () => ({ json: pushBody(numbered(1, [put(spotCheckPut())])), headers: { authorization: FORGED } }), status: 401, error: /invalid session token/ },
  { name: 'malformed JSON', method: 'POST', path: '/api/sync/push', request: (t) => signedIn(t, json('{"clientId": ')), status: 400, error: /^malformed JSON$/ },
  { name: 'wrong types', method: 'POST', path: '/api/sync/push', request: (t) => signedIn(t, { json: { clientId: 7, mutations: 'all' } }), status: 400, error: /clientId: Invalid input: expected string/, issue: { path: 'mutations', message: /expected array/ } },
  { name: 'unknown mutation', method: 'POST', path: '/api/sync/push', request: (t) => signedIn(t, { json: pushBody([{ id: 1, name: 'spotCheck.delete', recordId: 'x', baseVersion: 0, args: {} }]) }), status: 400, error: /mutations\.0\.name: Invalid discriminator value/ },
  { name: 'unknown field in a mutation', method: 'POST', path: '/api/sync/push', request: (t) => signedIn(t, { json: pushBody([{ ...discard('x', 0), id: 1, force: true }]) }), status: 400, error: /mutations\.0\.force: unknown field/ },
  { name: 'evaluatorId sent by the client', method: 'POST', path: '/api/sync/push', request: (t) => signedIn(t, { json: pushBody(numbered(1, [put({ ...spotCheckPut(), evaluatorId: t.world.people.admin.id } as never)])) }), status: 400, error: /mutations\.0\.args\.evaluatorId: unknown field/ },
  { name: 'no mutations', method: 'POST', path: '/api/sync/push', request: (t) => signedIn(t, { json: pushBody([]) }), status: 400, error: /push at least one mutation/ },
  { name: '10,000 small mutations', method: 'POST', path: '/api/sync/push', request: (t) => signedIn(t, { json: pushBody(numbered(1, Array.from({ length: 10_000 }, () => discard('x', 0)))) }), status: 400, error: new RegExp(`push at most ${MAX_MUTATIONS_PER_PUSH} mutations`) },
  { name: '10,000 full mutations (over 2 MB)', method: 'POST', path: '/api/sync/push', request: (t) => signedIn(t, { json: pushBody(numbered(1, Array.from({ length: 10_000 }, () => put(spotCheckPut())))) }), status: 413, error: /at most 2 MB/ },
  // GET /api/sync/pull
  { name: 'no token', method: 'GET', path: '/api/sync/pull?cursor=0', request: () => ({}), status: 401, error: /sign in first/ },
  { name: 'forged token', method: 'GET', path: '/api/sync/pull', request: () => ({ headers: { authorization: FORGED } }), status: 401, error: /invalid session token/ },
  { name: 'cursor not a number', method: 'GET', path: '/api/sync/pull?cursor=abc', request: signedIn, status: 400, error: /invalid query: cursor/, issue: { path: 'cursor', message: /expected number/ } },
  { name: 'negative cursor', method: 'GET', path: '/api/sync/pull?cursor=-1', request: signedIn, status: 400, error: /cursor: Too small/ },
  { name: 'fractional cursor', method: 'GET', path: '/api/sync/pull?cursor=1.5', request: signedIn, status: 400, error: /cursor/ },
  { name: 'unknown parameter', method: 'GET', path: '/api/sync/pull?cursor=1&since=2', request: signedIn, status: 400, error: /since: unknown field/ },
  // /api/admin/*
  { name: 'no token', method: 'GET', path: '/api/admin/users', request: () => ({}), status: 401, error: /sign in first/ },
  { name: 'forged token', method: 'POST', path: '/api/admin/teams', request: () => ({ json: { name: 'T' }, headers: { authorization: FORGED } }), status: 401, error: /invalid session token/ },
  { name: 'not an admin', method: 'POST', path: '/api/admin/teams', request: (t) => ({ token: t.world.people.manager.token, json: { name: 'T' } }), status: 403, error: /only admin users/ },
  { name: 'malformed JSON', method: 'POST', path: '/api/admin/users', request: (t) => signedIn(t, json('{')), status: 400, error: /^malformed JSON$/ },
  { name: 'wrong types', method: 'POST', path: '/api/admin/users', request: (t) => signedIn(t, { json: { email: 'n@x.co', name: 'N', role: 'owner', password: 12345678901 } }), status: 400, error: /role: Invalid option/, issue: { path: 'password', message: /expected string/ } },
  { name: 'short password', method: 'POST', path: '/api/admin/users', request: (t) => signedIn(t, { json: { email: 'n@x.co', name: 'N', role: 'agent', password: 'short' } }), status: 400, error: /password: a password needs at least 10 characters/ },
  { name: 'unknown field', method: 'POST', path: '/api/admin/teams', request: (t) => signedIn(t, { json: { name: 'T', orgId: 'x' } }), status: 400, error: /orgId: unknown field/ },
  { name: 'oversize body', method: 'POST', path: '/api/admin/teams', request: (t) => signedIn(t, { json: { name: 'x'.repeat(17_000) } }), status: 413, error: /at most 16 KB/ },
  { name: 'user id not a UUID', method: 'POST', path: '/api/admin/teams/abc/members', request: (t) => signedIn(t, { json: { userId: 'me' } }), status: 400, error: /userId: expected a UUID/ },
  // Anything else
  { name: 'no such route', method: 'GET', path: '/api/nothing', request: () => ({}), status: 404, error: /no route for GET \/api\/nothing/ },
  { name: 'wrong method', method: 'GET', path: '/api/sync/push', request: signedIn, status: 404, error: /no route for GET \/api\/sync\/push/ },
];

describe.each(DATABASE_KINDS)('bad input on %s', (kind) => {
  const t = useTestServer(kind);

  it.each(CASES)('$method $path: $name → $status', async ({ method, path, request, status, error, issue }) => {
    const before = await tableCounts(t);
    const response = await call(t.app, method, path, request(t));
    expect(response.status, JSON.stringify(response.body).slice(0, 300)).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = ApiError.parse(response.body);
    expect(body.error).toMatch(error);
    if (issue) expect(body.issues).toContainEqual({ path: issue.path, message: expect.stringMatching(issue.message) });
    expect(await tableCounts(t)).toEqual(before);
    expect((await call(t.app, 'GET', '/api/health')).status).toBe(200);
  });
});
