import { describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../testing/databases.ts';
import { call, useTestServer } from '../testing/harness.ts';

describe.each(DATABASE_KINDS)('health, OpenAPI, CORS and logs on %s', (kind) => {
  const t = useTestServer(kind);

  it('reports health with a database ping', async () => {
    expect(await call(t.app, 'GET', '/api/health')).toMatchObject({ status: 200, body: { status: 'ok', database: kind } });
  });

  it('documents every route in OpenAPI 3.1, from the zod schemas', async () => {
    const response = await call(t.app, 'GET', '/api/openapi.json');
    expect(response.status).toBe(200);
    const doc = response.body;
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const served = t.app.routes
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(new Set(documented)).toEqual(new Set(served));

    const push = doc.paths['/api/sync/push'].post;
    expect(push.requestBody.content['application/json'].schema.properties.mutations.maxItems).toBe(500);
    expect(push.responses['401'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ApiError' });
    expect(doc.paths['/api/sync/pull'].get.parameters).toContainEqual(expect.objectContaining({ name: 'cursor', in: 'query' }));
    expect(doc.paths['/api/auth/login'].post.security).toEqual([]);
  });

  it.each([
    ['chrome-extension://abcdefghijklmnopabcdefghijklmnop', true],
    ['moz-extension://0c3f2d1e-1111-4e4e-8888-123456789abc', true],
    ['http://localhost', true], // the server's own origin under app.request()
    ['https://evil.example', false],
    ['chrome-extension://x/../evil', false],
  ])('answers a CORS preflight from %s: %s', async (origin, allowed) => {
    const response = await call(t.app, 'OPTIONS', '/api/sync/push', {
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(allowed ? origin : null);
    if (allowed) expect(response.headers.get('access-control-allow-headers')).toBe('Authorization,Content-Type');
  });

  it('logs one JSON line per request with its id, and gives the id back', async () => {
    const response = await call(t.app, 'GET', '/api/health');
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(/^[\w-]{8,}$/);
    expect(t.logs.filter((l) => l.requestId === id)).toEqual([
      { time: t.clock().toISOString(), level: 'info', msg: 'request', requestId: id, method: 'GET', path: '/api/health', status: 200, ms: expect.any(Number), userId: null },
    ]);
  });

  it('answers 503 when the database is gone, and never a stack trace', async () => {
    // A second app over a closed database: the shared one stays open for the other tests.
    const { createApp } = await import('../app.ts');
    const { openTestDatabase } = await import('../testing/databases.ts');
    const gone = await openTestDatabase(kind);
    await gone.database.close();
    const app = createApp({ database: gone.database, clock: t.clock, logger: { log() {} }, loginLimiter: { retryAfterMs: () => 0, recordFailure() {}, recordSuccess() {} }, sessionTtlHours: 1 });
    expect(await call(app, 'GET', '/api/health')).toMatchObject({ status: 503, body: { error: 'the database is not answering' } });
    const login = await call(app, 'POST', '/api/auth/login', { json: { email: 'a@b.co', password: 'x' } });
    expect(login.status).toBe(500);
    expect(login.body.error).toMatch(/^internal error \(reference [\w-]+\)$/);
    await gone.dispose().catch(() => undefined);
  });
});

describe('unexpected errors', () => {
  it('are a generic 500 with a reference that the log carries', async () => {
    const { createApp } = await import('../app.ts');
    const logs: string[] = [];
    const app = createApp({
      database: {} as never,
      clock: () => new Date(),
      logger: { log: (level, msg, fields) => logs.push(JSON.stringify({ level, msg, ...fields })) },
      loginLimiter: { retryAfterMs: () => { throw new Error('secret internals'); }, recordFailure() {}, recordSuccess() {} },
      sessionTtlHours: 1,
    });
    const response = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":"a@b.co","password":"x"}' });
    const body = (await response.json()) as { error: string };
    expect(response.status).toBe(500);
    expect(body.error).not.toContain('secret');
    const reference = /reference ([\w-]+)/.exec(body.error)![1]!;
    expect(logs.find((l) => l.includes('unexpected error'))).toContain(reference);
    expect(logs.find((l) => l.includes('unexpected error'))).toContain('secret internals');
  });
});
