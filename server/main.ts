import '../core/zodMessages.ts';
import { mkdirSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { loginRateLimiter } from './accounts/loginRateLimit.ts';
import { createApp } from './app.ts';
import { systemClock } from './clock.ts';
import { ConfigError, loadConfig } from './config.ts';
import { migrate } from './db/migrations.ts';
import { openDatabase } from './db/open.ts';
import { jsonLogger } from './log.ts';

/** `tsx server/main.ts`: the sync server, configured from the environment (server/config.ts). */

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}

const logger = jsonLogger(config.logLevel);
if ('sqliteFile' in config.database) mkdirSync(config.dataDir, { recursive: true });
const database = openDatabase(config.database);
try {
  const applied = await migrate(database);
  if (applied.length > 0) logger.log('info', 'database migrated', { migrations: applied.join(', ') });
} catch (error) {
  fail(`Cannot prepare the ${database.kind} database: ${error instanceof Error ? error.message : String(error)}`);
}

const app = createApp({
  database,
  clock: systemClock,
  logger,
  loginLimiter: loginRateLimiter(systemClock),
  sessionTtlHours: config.sessionTtlHours,
});

const host = config.host;
const server = serve({ fetch: app.fetch, hostname: host, port: config.port }, (info) => {
  const shownHost = host.includes(':') ? `[${host}]` : host;
  console.log(`Floorwalker sync server on http://${shownHost}:${info.port} (${database.kind})`);
});
server.on('error', (error) => fail(`Cannot listen on ${host}:${config.port}: ${error.message}. Set PORT to use another port.`));

let stopping = false;
function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.log('info', 'shutting down', { signal });
  // Finish requests in flight (a push commits or rolls back as a whole), then close the database.
  server.close(async () => {
    await database.close();
    process.exit(0);
  });
  if ('closeIdleConnections' in server) server.closeIdleConnections();
  setTimeout(() => fail('Requests did not finish within 10 s; stopping anyway.'), 10_000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
