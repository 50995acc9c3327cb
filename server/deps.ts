import type { HttpBindings } from '@hono/node-server';
import type { SessionUser } from './accounts/sessions.ts';
import type { LoginRateLimiter } from './accounts/loginRateLimit.ts';
import type { Clock } from './clock.ts';
import type { Database } from './db/open.ts';
import type { Logger } from './log.ts';

/** What the app needs from outside: injected so tests can use a temp database and a fake clock. */
export interface AppDeps {
  database: Database;
  clock: Clock;
  logger: Logger;
  loginLimiter: LoginRateLimiter;
  sessionTtlHours: number;
}

/** Hono's environment: node's request (absent under app.request() in tests) and per-request values. */
export type AppEnv = {
  Bindings: Partial<HttpBindings>;
  Variables: { requestId: string; user: SessionUser };
};
