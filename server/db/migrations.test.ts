import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAudit } from '../audit.ts';
import { createOrganisation } from '../accounts/directory.ts';
import { DATABASE_KINDS, type TestDatabase, openTestDatabase } from '../testing/databases.ts';
import { migrate } from './migrations.ts';
import type { Tables } from './schema.ts';

const TABLES: (keyof Tables)[] = [
  'organisations',
  'teams',
  'users',
  'team_members',
  'sessions',
  'records',
  'clients',
  'mutation_results',
  'audit_log',
];

describe.each(DATABASE_KINDS)('migrations on %s', (kind) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase(kind, { migrated: false });
  }, 120_000);
  afterAll(async () => {
    await t?.dispose();
  });

  it('creates every table once and is a no-op when run again', async () => {
    expect(await migrate(t.database)).toEqual(['0001_accounts_records_audit']);
    expect(await migrate(t.database)).toEqual([]);
    for (const table of TABLES) {
      const { n } = await t.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(n), table).toBe(0);
    }
  });

  it('returns counters as numbers', async () => {
    const org = await createOrganisation(t.database.db, 'Counters', new Date());
    const row = await t.database.db.selectFrom('organisations').select('change_seq').where('id', '=', org.id).executeTakeFirstOrThrow();
    expect(row.change_seq).toBe(0);
  });

  it('keeps the audit log append-only', async () => {
    const org = await createOrganisation(t.database.db, 'Audited', new Date());
    await writeAudit(t.database.db, [{ orgId: org.id, userId: null, at: new Date(), action: 'test.write' }]);
    await expect(t.database.db.updateTable('audit_log').set({ action: 'rewritten' }).execute()).rejects.toThrow(/append-only/);
    await expect(t.database.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    const rows = await t.database.db.selectFrom('audit_log').select('action').where('org_id', '=', org.id).execute();
    expect(rows.map((r) => r.action)).toEqual(['organisation.create', 'test.write']);
  });
});
