import { afterAll, beforeAll } from 'vitest';
import { loginRateLimiter } from '../accounts/loginRateLimit.ts';
import { type App, createApp } from '../app.ts';
import type { Clock } from '../clock.ts';
import type { Database, DatabaseKind } from '../db/open.ts';
import { jsonLogger } from '../log.ts';
import { type TestDatabase, openTestDatabase } from './databases.ts';
import { type World, seedWorld } from './world.ts';

export const START = new Date('2026-03-02T09:00:00.000Z');

/** A clock tests move by hand. */
export interface FakeClock extends Clock {
  advance(ms: number): void;
}

export function fakeClock(start: Date = START): FakeClock {
  let now = start.getTime();
  const clock = (() => new Date(now)) as FakeClock;
  clock.advance = (ms) => {
    now += ms;
  };
  return clock;
}

export interface TestServer {
  kind: DatabaseKind;
  app: App;
  database: Database;
  clock: FakeClock;
  /** Every log line the app wrote, parsed. */
  logs: Record<string, unknown>[];
  world: World;
  testDatabase: TestDatabase;
}

/**
 * Registers beforeAll/afterAll for a describe block: a fresh migrated database of the kind, the
 * seeded world, and the app over them with a fake clock and a captured log.
 */
export function useTestServer(kind: DatabaseKind): TestServer {
  const server = { kind, logs: [] as Record<string, unknown>[] } as TestServer;
  beforeAll(async () => {
    server.testDatabase = await openTestDatabase(kind);
    server.database = server.testDatabase.database;
    server.clock = fakeClock();
    server.world = await seedWorld(server.database.db, server.clock());
    server.app = createApp({
      database: server.database,
      clock: server.clock,
      logger: jsonLogger('debug', (line) => server.logs.push(JSON.parse(line) as Record<string, unknown>), server.clock),
      loginLimiter: loginRateLimiter(server.clock),
      sessionTtlHours: 168,
    });
  }, 120_000);
  afterAll(async () => {
    await server.testDatabase?.dispose();
  });
  return server;
}

export interface CallOptions {
  token?: string;
  /** Sent as JSON with Content-Type: application/json. */
  json?: unknown;
  /** Sent as is (for malformed bodies). */
  body?: string;
  headers?: Record<string, string>;
  /** node's request bindings, e.g. the client's address. */
  env?: unknown;
}

export interface CallResult {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever the route answered
  body: any;
}

export async function call(app: App, method: string, path: string, options: CallOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = {
    ...(options.json === undefined ? {} : { 'content-type': 'application/json' }),
    ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    ...options.headers,
  };
  const body = options.json === undefined ? options.body : JSON.stringify(options.json);
  const response = await app.request(path, { method, headers, body }, options.env as never);
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: leave the text for the assertion to show
  }
  return { status: response.status, headers: response.headers, body: parsed };
}
