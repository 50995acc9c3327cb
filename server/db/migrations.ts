import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import type { Database, DatabaseKind } from './open.ts';

/*
 * One set of migrations for SQLite and PostgreSQL. Kysely's schema builder writes portable DDL; the
 * only dialect differences (an auto-increment key, the trigger language) are branched on `kind`.
 * Never edit a migration that has shipped: add the next one.
 */
function migrations(kind: DatabaseKind): Record<string, Migration> {
  return {
    '0001_accounts_records_audit': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('organisations')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('change_seq', 'bigint', (c) => c.notNull().defaultTo(0))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('teams')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addUniqueConstraint('teams_org_name', ['org_id', 'name'])
          .execute();

        await db.schema
          .createTable('users')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
          .addColumn('email', 'text', (c) => c.notNull().unique())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('role', 'text', (c) => c.notNull())
          .addColumn('password_hash', 'text', (c) => c.notNull())
          .addColumn('crm_names', 'text', (c) => c.notNull().defaultTo('[]'))
          .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addCheckConstraint('users_role', sql`role in ('agent', 'supervisor', 'manager', 'admin')`)
          .execute();
        await db.schema.createIndex('users_org').on('users').column('org_id').execute();

        await db.schema
          .createTable('team_members')
          .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id'))
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
          .addPrimaryKeyConstraint('team_members_pk', ['team_id', 'user_id'])
          .execute();
        await db.schema.createIndex('team_members_user').on('team_members').column('user_id').execute();

        await db.schema
          .createTable('sessions')
          .addColumn('token_hash', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('expires_at', 'text', (c) => c.notNull())
          .addColumn('revoked_at', 'text')
          .execute();
        await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

        await db.schema
          .createTable('records')
          .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
          .addColumn('entity', 'text', (c) => c.notNull())
          .addColumn('id', 'text', (c) => c.notNull())
          .addColumn('version', 'integer', (c) => c.notNull())
          .addColumn('seq', 'bigint', (c) => c.notNull())
          .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('data', 'text')
          .addColumn('agent_id', 'text')
          .addColumn('evaluator_id', 'text')
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('updated_at', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('records_pk', ['org_id', 'entity', 'id'])
          .execute();
        await db.schema.createIndex('records_org_seq').on('records').columns(['org_id', 'seq']).execute();

        await db.schema
          .createTable('clients')
          .addColumn('client_id', 'text', (c) => c.primaryKey())
          .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
          .addColumn('last_mutation_id', 'bigint', (c) => c.notNull().defaultTo(0))
          .execute();

        await db.schema
          .createTable('mutation_results')
          .addColumn('client_id', 'text', (c) => c.notNull().references('clients.client_id'))
          .addColumn('mutation_id', 'bigint', (c) => c.notNull())
          .addColumn('result', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('mutation_results_pk', ['client_id', 'mutation_id'])
          .execute();

        await db.schema
          .createTable('audit_log')
          .addColumn('id', kind === 'postgres' ? 'bigserial' : 'integer', (c) =>
            kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
          )
          .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
          .addColumn('user_id', 'text')
          .addColumn('at', 'text', (c) => c.notNull())
          .addColumn('action', 'text', (c) => c.notNull())
          .addColumn('entity', 'text')
          .addColumn('record_id', 'text')
          .addColumn('detail', 'text')
          .execute();
        await db.schema.createIndex('audit_log_org_at').on('audit_log').columns(['org_id', 'at']).execute();

        // Append-only, enforced by the database so no code path can rewrite history.
        if (kind === 'postgres') {
          await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
            begin raise exception 'audit_log is append-only'; end $$`.execute(db);
          await sql`create trigger audit_log_append_only before update or delete on audit_log
            for each row execute function audit_log_append_only()`.execute(db);
        } else {
          for (const op of ['update', 'delete']) {
            await sql`create trigger ${sql.raw(`audit_log_no_${op}`)} before ${sql.raw(op)} on audit_log
              begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
          }
        }
      },
    },
  };
}

function provider(kind: DatabaseKind): MigrationProvider {
  return { getMigrations: async () => migrations(kind) };
}

/** Brings the schema up to date; returns the names of the migrations it applied (none when current). */
export async function migrate(database: Database): Promise<string[]> {
  const migrator = new Migrator({ db: database.db, provider: provider(database.kind) });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
