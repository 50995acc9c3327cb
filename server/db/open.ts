import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Tables } from './schema.ts';

export type DatabaseKind = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<Tables>;
  kind: DatabaseKind;
  /** The SQLite handle, for online backups; absent on PostgreSQL. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

export type DatabaseTarget = { sqliteFile: string } | { postgresUrl: string };

const INT8_OID = 20;

export function openDatabase(target: DatabaseTarget): Database {
  if ('postgresUrl' in target) {
    const pool = new pg.Pool({
      connectionString: target.postgresUrl,
      // int8 (bigint, count(*)) arrives as a string by default; our counters fit a JS number.
      types: { getTypeParser: (oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format) } as pg.CustomTypesConfig,
    });
    const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', close: () => db.destroy() };
  }
  const sqlite = new SQLite(target.sqliteFile);
  sqlite.pragma('journal_mode = WAL');
  // The admin command line may write while the server runs: wait for the lock rather than fail.
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, kind: 'sqlite', sqlite, close: () => db.destroy() };
}

/** Throws when the database does not answer. */
export async function ping(database: Database): Promise<void> {
  await sql`select 1`.execute(database.db);
}
