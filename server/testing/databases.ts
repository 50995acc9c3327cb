import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { createDatabase } from '../../test/system/postgres.ts';
import { migrate } from '../db/migrations.ts';
import { type Database, type DatabaseKind, openDatabase } from '../db/open.ts';

/** Every server test that touches a database runs on both (describe.each). */
export const DATABASE_KINDS: DatabaseKind[] = ['sqlite', 'postgres'];

export interface TestDatabase {
  database: Database;
  /** SQLite: the file's path; PostgreSQL: the database URL. Pass either to DATA_DIR / DATABASE_URL. */
  env: { DATA_DIR: string } | { DATABASE_URL: string };
  dispose(): Promise<void>;
}

/** An empty, migrated database of the kind: a temp SQLite file, or a new database in the run's cluster. */
export async function openTestDatabase(kind: DatabaseKind, { migrated = true } = {}): Promise<TestDatabase> {
  let opened: TestDatabase;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'floorwalker-sqlite-'));
    const database = openDatabase({ sqliteFile: join(dir, 'floorwalker.sqlite') });
    opened = {
      database,
      env: { DATA_DIR: dir },
      async dispose() {
        await database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } else {
    // The run's cluster is started once by test/unit/globalSetup.ts.
    const url = await createDatabase(inject('postgresPort'), `floorwalker_${randomBytes(6).toString('hex')}`);
    const database = openDatabase({ postgresUrl: url });
    opened = {
      database,
      env: { DATABASE_URL: url },
      dispose: () => database.close(),
    };
  }
  if (migrated) await migrate(opened.database);
  return opened;
}
