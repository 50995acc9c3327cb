import { join, resolve } from 'node:path';
import { z } from '../core/z.ts';
import type { DatabaseTarget } from './db/open.ts';
import { LOG_LEVELS } from './log.ts';

const PORT_MESSAGE = 'expected a port number (0 picks a free one)';
const TTL_MESSAGE = 'expected a number of hours, above 0 and at most a year';

/** The server's settings, from the environment. Empty variables count as unset. */
const Env = z.object({
  HOST: z._default(z.string().check(z.minLength(1)), '127.0.0.1'),
  /** 0 picks a free port (tests). */
  PORT: z._default(z.coerce.number(PORT_MESSAGE).check(z.int(PORT_MESSAGE), z.gte(0, PORT_MESSAGE), z.lte(65535, PORT_MESSAGE)), 8787),
  DATABASE_URL: z.optional(
    z.string().check(z.regex(/^postgres(ql)?:\/\//, 'expected a postgres://user:password@host:port/database URL')),
  ),
  DATA_DIR: z._default(z.string().check(z.minLength(1)), './data'),
  SESSION_TTL_HOURS: z._default(z.coerce.number(TTL_MESSAGE).check(z.gt(0, TTL_MESSAGE), z.lte(24 * 366, TTL_MESSAGE)), 168),
  LOG_LEVEL: z._default(z.enum(LOG_LEVELS, `expected one of ${LOG_LEVELS.join(', ')}`), 'info'),
});

export interface Config {
  host: string;
  port: number;
  database: DatabaseTarget;
  /** Where the SQLite file lives (and where backups are suggested to go). */
  dataDir: string;
  sessionTtlHours: number;
  logLevel: (typeof LOG_LEVELS)[number];
}

/** A configuration problem, said in one line that names the variable. */
export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = Env.safeParse(set);
  if (!parsed.success) {
    // Values are not echoed: DATABASE_URL may hold a password.
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Bad configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  return {
    host: e.HOST,
    port: e.PORT,
    database: e.DATABASE_URL ? { postgresUrl: e.DATABASE_URL } : { sqliteFile: join(dataDir, 'floorwalker.sqlite') },
    dataDir,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    logLevel: e.LOG_LEVEL,
  };
}
