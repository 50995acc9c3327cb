import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration from the environment', () => {
  it('has defaults for everything', () => {
    expect(loadConfig({})).toEqual({
      host: '127.0.0.1',
      port: 8787,
      database: { sqliteFile: resolve('data/floorwalker.sqlite') },
      dataDir: resolve('data'),
      sessionTtlHours: 168,
      logLevel: 'info',
    });
  });

  it('reads every variable, treating empty ones as unset', () => {
    const config = loadConfig({
      HOST: '0.0.0.0',
      PORT: '9000',
      DATABASE_URL: 'postgres://fw:secret@db:5432/floorwalker',
      DATA_DIR: '/var/lib/floorwalker',
      SESSION_TTL_HOURS: '12',
      LOG_LEVEL: '',
      UNRELATED: 'ignored',
    });
    expect(config).toMatchObject({ host: '0.0.0.0', port: 9000, database: { postgresUrl: 'postgres://fw:secret@db:5432/floorwalker' }, sessionTtlHours: 12, logLevel: 'info' });
  });

  it.each([
    [{ PORT: 'eighty' }, 'Bad configuration: PORT: expected a port number (0 picks a free one)'],
    [{ PORT: '70000' }, 'Bad configuration: PORT: expected a port number (0 picks a free one)'],
    [{ PORT: '80.5' }, 'Bad configuration: PORT: expected a port number (0 picks a free one)'],
    [{ DATABASE_URL: 'mysql://u:secret@db/x' }, 'Bad configuration: DATABASE_URL: expected a postgres://user:password@host:port/database URL'],
    [{ SESSION_TTL_HOURS: '0' }, 'Bad configuration: SESSION_TTL_HOURS: expected a number of hours, above 0 and at most a year'],
    [{ LOG_LEVEL: 'loud' }, 'Bad configuration: LOG_LEVEL: expected one of debug, info, warn, error'],
    [{ PORT: '-1', LOG_LEVEL: 'x' }, 'Bad configuration: PORT: expected a port number (0 picks a free one); LOG_LEVEL: expected one of debug, info, warn, error'],
  ])('%j is refused in one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });

  it('never repeats a value, which may hold a password', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://u:hunter2@db/x' })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('hunter2') }));
  });
});
