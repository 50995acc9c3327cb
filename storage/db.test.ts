import { openDB } from 'idb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DB_VERSION, migrations, openFloorwalkerDB } from './db.ts';
import { countPending, pendingMutations } from './outbox.ts';
import { deleteDraft, findDraftFor, knownAgents, putSpotCheck, querySpotChecks } from './spotChecks.ts';
import { freshIndexedDB, sampleContact, sampleSpotCheck } from './testing.ts';
import { contactKey } from '../core/contact.ts';

beforeEach(freshIndexedDB);

describe('schema migrations', () => {
  it('has one step per version', () => {
    expect(DB_VERSION).toBe(migrations.length);
  });

  it('upgrades a version 1 database with data to the latest without losing records', async () => {
    const old = await openDB('floorwalker', 1, {
      upgrade(db, _o, _n, tx) {
        migrations[0]!(db as never, tx as never);
      },
    });
    const a = sampleSpotCheck({ agent: 'alex', status: 'draft' });
    const b = sampleSpotCheck({ agent: 'bea', checklistId: 'written-contact' });
    await old.put('spotChecks', a);
    await old.put('spotChecks', b);
    old.close();

    const db = await openFloorwalkerDB();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['checklists', 'complaints', 'conflicts', 'meta', 'outbox', 'parked', 'promptEvents', 'shared', 'spotChecks']);
    // Indexes added by later steps cover records written before them.
    expect((await db.getAllFromIndex('spotChecks', 'by-agent', 'bea')).map((r) => r.id)).toEqual([b.id]);
    expect((await db.getAllFromIndex('spotChecks', 'by-status', 'draft')).map((r) => r.id)).toEqual([a.id]);
    expect(await db.getAllFromIndex('spotChecks', 'by-checklist', 'written-contact')).toHaveLength(1);
    db.close();
  });

  it('turns version 2 outbox entries into named mutations', async () => {
    const old = await openDB('floorwalker', 2, {
      upgrade(db, _o, _n, tx) {
        migrations[0]!(db as never, tx as never);
        migrations[1]!(db as never, tx as never);
      },
    });
    const sc = sampleSpotCheck({ status: 'draft' });
    await old.add('outbox', { entity: 'spotCheck', recordId: sc.id, op: 'put', payload: sc, createdAt: sc.updatedAt } as never);
    await old.add('outbox', { entity: 'spotCheck', recordId: 'gone', op: 'delete', payload: null, createdAt: sc.updatedAt } as never);
    old.close();

    const db = await openFloorwalkerDB();
    const { result: _r, ...args } = sc;
    expect(await pendingMutations(db)).toEqual([
      { seq: 1, entity: 'spotCheck', name: 'spotCheck.put', recordId: sc.id, baseVersion: 0, args, createdAt: sc.updatedAt },
    ]);
    db.close();
  });

  it('opening an up-to-date database again changes nothing', async () => {
    const db = await openFloorwalkerDB();
    await putSpotCheck(db, sampleSpotCheck());
    db.close();
    const again = await openFloorwalkerDB();
    expect(await again.count('spotChecks')).toBe(1);
    again.close();
  });
});

describe('spot checks and the outbox', () => {
  it('writes the record and its outbox entry together', async () => {
    const db = await openFloorwalkerDB();
    const sc = sampleSpotCheck();
    await putSpotCheck(db, sc);
    expect(await db.get('spotChecks', sc.id)).toEqual(sc);
    const [entry] = await pendingMutations(db);
    const { result: _r, ...args } = sc;
    expect(entry).toEqual({ seq: 1, entity: 'spotCheck', name: 'spotCheck.put', recordId: sc.id, baseVersion: 0, args, createdAt: sc.updatedAt });
  });

  it('writes neither when queueing the mutation fails', async () => {
    const db = await openFloorwalkerDB();
    const add = vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(() => {
      throw new DOMException('disk full', 'QuotaExceededError');
    });
    await expect(putSpotCheck(db, sampleSpotCheck())).rejects.toThrow(/disk full/);
    add.mockRestore();
    expect(await db.count('spotChecks')).toBe(0);
    expect(await countPending(db)).toBe(0);
  });

  it('keeps one pending mutation per record, the latest, in push order', async () => {
    const db = await openFloorwalkerDB();
    const first = sampleSpotCheck({ status: 'draft' });
    const other = sampleSpotCheck();
    await putSpotCheck(db, first);
    await putSpotCheck(db, other);
    await putSpotCheck(db, { ...first, note: 'second save', updatedAt: '2026-11-01T11:00:00.000Z' });
    const pending = await pendingMutations(db);
    expect(pending.map((p) => p.recordId)).toEqual([other.id, first.id]);
    expect(pending[1]).toMatchObject({ name: 'spotCheck.put', args: { note: 'second save' } });
  });

  it('discarding a draft the server never saw leaves nothing to push', async () => {
    const db = await openFloorwalkerDB();
    const draft = sampleSpotCheck({ status: 'draft' });
    await putSpotCheck(db, draft);
    await deleteDraft(db, draft.id);
    expect(await db.get('spotChecks', draft.id)).toBeUndefined();
    expect(await countPending(db)).toBe(0);
  });

  it('discards a synced draft with a discard mutation, and refuses to discard a submitted check', async () => {
    const db = await openFloorwalkerDB();
    const draft = sampleSpotCheck({ status: 'draft', version: 3 });
    const done = sampleSpotCheck({ status: 'submitted' });
    await putSpotCheck(db, draft);
    await putSpotCheck(db, done);
    await deleteDraft(db, draft.id);
    expect(await db.get('spotChecks', draft.id)).toBeUndefined();
    expect((await pendingMutations(db)).filter((p) => p.recordId === draft.id)).toMatchObject([
      { name: 'spotCheck.discard', baseVersion: 3 },
    ]);
    await expect(deleteDraft(db, done.id)).rejects.toThrow(/Only a draft/);
    expect(await db.get('spotChecks', done.id)).toBeDefined();
  });

  it('finds the newest open draft for a contact', async () => {
    const db = await openFloorwalkerDB();
    const contact = sampleContact({ ticketId: '42' });
    const older = sampleSpotCheck({ status: 'draft', contact, updatedAt: '2026-11-01T09:00:00.000Z' });
    const newer = sampleSpotCheck({ status: 'draft', contact, updatedAt: '2026-11-01T12:00:00.000Z' });
    const submitted = sampleSpotCheck({ status: 'submitted', contact, updatedAt: '2026-11-01T13:00:00.000Z' });
    for (const sc of [older, newer, submitted]) await putSpotCheck(db, sc);
    expect((await findDraftFor(db, contactKey(contact)))?.id).toBe(newer.id);
    expect(await findDraftFor(db, contactKey(sampleContact({ ticketId: '43' })))).toBeUndefined();
  });
});

describe('querying spot checks', () => {
  async function seeded() {
    const db = await openFloorwalkerDB();
    const rows = [
      sampleSpotCheck({ agent: 'alex', checklistId: 'phone', updatedAt: '2026-11-01T01:00:00.000Z' }),
      sampleSpotCheck({ agent: 'bea', checklistId: 'phone', updatedAt: '2026-11-01T02:00:00.000Z' }),
      sampleSpotCheck({
        agent: 'alex',
        checklistId: 'email',
        updatedAt: '2026-11-01T03:00:00.000Z',
        result: { ...sampleSpotCheck().result, score: 40, outcome: 'fail' },
      }),
      sampleSpotCheck({
        agent: 'cal',
        status: 'draft',
        updatedAt: '2026-11-01T04:00:00.000Z',
        result: { ...sampleSpotCheck().result, score: null, outcome: null },
      }),
    ];
    for (const r of rows) await putSpotCheck(db, r);
    return { db, rows };
  }

  it.each([
    [{}, [3, 2, 1, 0]],
    [{ limit: 2 }, [3, 2]],
    [{ agent: 'alex' }, [2, 0]],
    [{ checklistId: 'phone' }, [1, 0]],
    [{ agent: 'alex', outcome: 'fail' as const }, [2]],
    [{ outcome: 'pass' as const }, [1, 0]],
    [{ outcome: 'none' as const }, [3]],
    [{ status: 'draft' as const }, [3]],
    [{ agent: 'nobody' }, []],
  ])('filter %o returns the matching rows newest first', async (filter, expected) => {
    const { db, rows } = await seeded();
    expect((await querySpotChecks(db, filter)).map((r) => r.id)).toEqual(expected.map((i) => rows[i]!.id));
  });

  it('lists the distinct agents', async () => {
    const { db } = await seeded();
    expect((await knownAgents(db)).sort()).toEqual(['alex', 'bea', 'cal']);
  });
});
