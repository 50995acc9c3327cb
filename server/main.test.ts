import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS, type TestDatabase, openTestDatabase } from './testing/databases.ts';

/** The real entry point as an admin runs it: `tsx server/main.ts`, configured by the environment. */
function start(env: Record<string, string>): { child: ChildProcess; output: () => { out: string; err: string }; exited: Promise<number | null> } {
  const child = spawn('node_modules/.bin/tsx', ['server/main.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', (chunk) => (err += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => ({ out, err }), exited };
}

async function waitFor<T>(what: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = what();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('a configuration error', () => {
  it('exits 1 with one line naming the variable, and no stack trace', async () => {
    const server = start({ PORT: 'eighty' });
    expect(await server.exited).toBe(1);
    expect(server.output().err).toBe('Bad configuration: PORT: expected a port number (0 picks a free one)\n');
  }, 20_000);
});

describe.each(DATABASE_KINDS)('the server process on %s', (kind) => {
  let t: TestDatabase;
  let dataDir: string;
  beforeAll(async () => {
    t = await openTestDatabase(kind, { migrated: false });
    dataDir = mkdtempSync(join(tmpdir(), 'floorwalker-main-'));
  }, 120_000);
  afterAll(async () => {
    await t?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('migrates, prints its URL, answers, logs JSON lines, and stops cleanly on SIGTERM', async () => {
    const server = start({ PORT: '0', ...t.env });
    const url = await waitFor(() => /on (http:\/\/127\.0\.0\.1:\d+) \((sqlite|postgres)\)/.exec(server.output().out)?.[1]);
    const health = await fetch(`${url}/api/health`);
    expect(await health.json()).toEqual({ status: 'ok', database: kind });
    const logLines = server.output().out.split('\n').filter((l) => l.startsWith('{'));
    expect(logLines.map((l) => JSON.parse(l).msg)).toEqual(expect.arrayContaining(['database migrated', 'request']));
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output().out).toContain('"msg":"shutting down","signal":"SIGTERM"');
  }, 30_000);
});
