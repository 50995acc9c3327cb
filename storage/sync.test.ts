import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MutationResult, PullResponse, SyncRecord } from '../core/sync.ts';
import { builtInChecklists } from '../core/checklists/index.ts';
import { checklistItems } from '../core/checklist.ts';
import { openFloorwalkerDB, type FloorwalkerDB } from './db.ts';
import { deleteDraft, putSpotCheck } from './spotChecks.ts';
import {
  applyPull,
  applyPushResults,
  claimData,
  forgetPersonalData,
  listConflicts,
  listParked,
  nextBatch,
  pullCursor,
  resolveConflict,
  syncCounts,
} from './sync.ts';
import { freshIndexedDB, sampleSpotCheck } from './testing.ts';

const NOW = new Date('2026-11-02T10:00:00.000Z');
let db: FloorwalkerDB;
beforeEach(async () => {
  freshIndexedDB();
  db = await openFloorwalkerDB();
});

const serverCopy = (data: { id: string } & Record<string, unknown>, version: number): SyncRecord => ({
  entity: 'spotCheck',
  id: data.id,
  version,
  deleted: false,
  data,
});
const outbox = () => db.getAll('outbox');

describe('settling a push', () => {
  it('an applied mutation leaves the outbox and the server copy (with its version) replaces the local one', async () => {
    const sc = sampleSpotCheck({ status: 'draft' });
    await putSpotCheck(db, sc);
    const [m] = await nextBatch(db, 10);
    expect(m).toMatchObject({ id: 1, name: 'spotCheck.put', recordId: sc.id, baseVersion: 0 });
    await applyPushResults(db, [{ id: 1, status: 'applied', record: serverCopy({ ...sc }, 1) }], NOW);
    expect(await outbox()).toEqual([]);
    expect((await db.get('spotChecks', sc.id))?.version).toBe(1);
  });

  it('an edit made while a push is in flight queues behind it and is rebased on the answer', async () => {
    const sc = sampleSpotCheck({ status: 'draft' });
    await putSpotCheck(db, sc);
    await nextBatch(db, 10); // seq 1 is now in flight
    await putSpotCheck(db, { ...sc, note: 'typed during the push' });
    expect((await outbox()).map((m) => m.seq)).toEqual([1, 2]);
    await applyPushResults(db, [{ id: 1, status: 'applied', record: serverCopy(sc, 1) }], NOW);
    const [later] = await outbox();
    expect(later).toMatchObject({ seq: 2, baseVersion: 1, args: { note: 'typed during the push' } });
    // The local copy keeps the newer edit and learns the server's version.
    expect(await db.get('spotChecks', sc.id)).toMatchObject({ note: 'typed during the push', version: 1 });
  });

  it('a push whose answer was lost goes again alone, and edits queued behind it are rebased on its answer', async () => {
    const sc = sampleSpotCheck({ status: 'draft' });
    await putSpotCheck(db, sc);
    await nextBatch(db, 10); // seq 1 is sent; the answer never comes (the server went down)
    await putSpotCheck(db, { ...sc, status: 'submitted', note: 'finished while offline' });
    expect((await outbox()).map((m) => [m.seq, m.baseVersion])).toEqual([[1, 0], [2, 0]]);
    // Sent together, the server would apply seq 1 and take seq 2 (base 0) for a conflict.
    expect((await nextBatch(db, 10)).map((m) => m.id)).toEqual([1]);
    await applyPushResults(db, [{ id: 1, status: 'applied', record: serverCopy(sc, 1) }], NOW);
    expect(await nextBatch(db, 10)).toMatchObject([{ id: 2, baseVersion: 1, args: { status: 'submitted' } }]);
  });

  it('discarding a draft whose put is in flight still tells the server', async () => {
    const sc = sampleSpotCheck({ status: 'draft' });
    await putSpotCheck(db, sc);
    await nextBatch(db, 10);
    await deleteDraft(db, sc.id);
    expect((await outbox()).map((m) => m.name)).toEqual(['spotCheck.put', 'spotCheck.discard']);
    await applyPushResults(db, [{ id: 1, status: 'applied', record: serverCopy(sc, 1) }], NOW);
    expect(await outbox()).toMatchObject([{ name: 'spotCheck.discard', baseVersion: 1 }]);
  });

  it('a conflict is set aside with the server copy; "mine" re-queues on top of it, "server" takes it', async () => {
    const sc = sampleSpotCheck({ status: 'draft', version: 2 });
    await putSpotCheck(db, { ...sc, note: 'mine' });
    await nextBatch(db, 10);
    const theirs = serverCopy({ ...sc, note: 'theirs' }, 3);
    await applyPushResults(db, [{ id: 1, status: 'conflict', reason: 'changed elsewhere', record: theirs }], NOW);
    expect(await outbox()).toEqual([]);
    const [conflict] = await listConflicts(db);
    expect(conflict).toMatchObject({ seq: 1, reason: 'changed elsewhere', server: { version: 3 } });
    expect((await db.get('spotChecks', sc.id))?.note).toBe('mine');

    await resolveConflict(db, 1, 'mine');
    expect(await outbox()).toMatchObject([{ name: 'spotCheck.put', baseVersion: 3, args: { note: 'mine' } }]);
    expect(await listConflicts(db)).toEqual([]);
  });

  it('"keep mine" with newer edits already queued rebases those instead of resending the old one', async () => {
    const sc = sampleSpotCheck({ status: 'draft', version: 2 });
    await putSpotCheck(db, { ...sc, note: 'first' });
    await nextBatch(db, 10);
    await putSpotCheck(db, { ...sc, note: 'newer' });
    await applyPushResults(db, [{ id: 1, status: 'conflict', record: serverCopy({ ...sc, note: 'theirs' }, 3) }], NOW);
    await resolveConflict(db, 1, 'mine');
    expect(await outbox()).toMatchObject([{ seq: 2, baseVersion: 3, args: { note: 'newer' } }]);
  });

  it('"use the server\'s" replaces the local copy', async () => {
    const sc = sampleSpotCheck({ status: 'draft', version: 2 });
    await putSpotCheck(db, { ...sc, note: 'mine' });
    await nextBatch(db, 10);
    await applyPushResults(db, [{ id: 1, status: 'conflict', record: serverCopy({ ...sc, note: 'theirs' }, 3) }], NOW);
    await resolveConflict(db, 1, 'server');
    expect(await db.get('spotChecks', sc.id)).toMatchObject({ note: 'theirs', version: 3 });
  });

  it('a rejected mutation is parked with its reason, once, and never pushed again', async () => {
    const sc = sampleSpotCheck({ status: 'draft' });
    await putSpotCheck(db, sc);
    await nextBatch(db, 10);
    const answer: MutationResult = { id: 1, status: 'rejected', reason: 'not your team' };
    await applyPushResults(db, [answer], NOW);
    await applyPushResults(db, [answer], NOW);
    expect(await listParked(db)).toMatchObject([{ seq: 1, reason: 'not your team', mutation: { recordId: sc.id } }]);
    expect(await nextBatch(db, 10)).toEqual([]);
    expect(await syncCounts(db)).toEqual({ pending: 0, parked: 1, conflicts: 0 });
  });
});

describe('pulling', () => {
  const pull = (records: SyncRecord[], cursor: number): PullResponse => ({ cursor, records, hasMore: false, roster: [], teams: [] });

  it('writes records, recomputes their results, applies tombstones, then stores the cursor', async () => {
    const checklist = builtInChecklists[0]!;
    const answers = Object.fromEntries(checklistItems(checklist).map((i) => [i.id, { value: i.scale.kind === 'yesNo' ? 1 : i.scale.max }]));
    const fromServer = sampleSpotCheck({ checklistId: checklist.id, checklistVersion: checklist.version, answers });
    // The server's result says 80; the answers say 100: the answers win.
    await applyPull(db, pull([serverCopy(fromServer, 4)], 17));
    expect(await db.get('spotChecks', fromServer.id)).toMatchObject({ version: 4, result: { score: 100 } });
    expect(await pullCursor(db)).toBe(17);

    await applyPull(db, pull([{ entity: 'spotCheck', id: fromServer.id, version: 5, deleted: true, data: null }], 18));
    expect(await db.get('spotChecks', fromServer.id)).toBeUndefined();
  });

  it('starts over after the teams or roles change, since older records may now be readable', async () => {
    const person = (id: string, teamIds: string[], role: 'agent' | 'supervisor' = 'agent') => ({ id, name: id, role, teamIds, crmNames: [] });
    const withRoster = (cursor: number, roster: ReturnType<typeof person>[]) => ({ ...pull([], cursor), roster });
    await applyPull(db, withRoster(10, [person('sam', ['t1'], 'supervisor'), person('alex', ['t1'])]));
    expect(await pullCursor(db)).toBe(10);
    // The same people in another order: nothing changed.
    await applyPull(db, withRoster(12, [person('alex', ['t1']), person('sam', ['t1'], 'supervisor')]));
    expect(await pullCursor(db)).toBe(12);
    // Blake joins Sam's team: their acknowledgements and checks from before are Sam's to see now.
    await applyPull(db, withRoster(13, [person('alex', ['t1']), person('sam', ['t1'], 'supervisor'), person('blake', ['t1'])]));
    expect(await pullCursor(db)).toBe(0);
    await applyPull(db, withRoster(13, [person('alex', ['t1']), person('sam', ['t1'], 'supervisor'), person('blake', ['t1'])]));
    expect(await pullCursor(db)).toBe(13);
  });

  it('leaves records with pending local changes alone, so their push meets the server version', async () => {
    const sc = sampleSpotCheck({ status: 'draft', note: 'local' });
    await putSpotCheck(db, sc);
    await applyPull(db, pull([serverCopy({ ...sc, note: 'remote' }, 2)], 3));
    expect((await db.get('spotChecks', sc.id))?.note).toBe('local');
  });

  it('skips server data that is not a valid record, with a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await applyPull(db, pull([{ entity: 'spotCheck', id: 'x', version: 1, deleted: false, data: { nonsense: true } }], 1));
    expect(await db.count('spotChecks')).toBe(0);
    expect(await pullCursor(db)).toBe(1);
    expect(warn).toHaveBeenCalledOnce();
  });
});

describe('whose data this is', () => {
  it('adopts work done before anyone signed in, and clears it for someone else', async () => {
    const sc = sampleSpotCheck();
    await db.put('spotChecks', sc);
    await claimData(db, 'user-a');
    expect(await db.count('spotChecks')).toBe(1);
    await claimData(db, 'user-b');
    expect(await db.count('spotChecks')).toBe(0);
  });

  it.each(['pending', 'parked'])('refuses to clear another person\'s %s changes', async (kind) => {
    await claimData(db, 'user-a');
    await putSpotCheck(db, sampleSpotCheck({ status: 'draft' }));
    if (kind === 'parked') {
      await nextBatch(db, 10);
      await applyPushResults(db, [{ id: 1, status: 'rejected', reason: 'no' }], NOW);
    }
    await expect(claimData(db, 'user-b')).rejects.toThrow(/not yet synced/);
    await expect(forgetPersonalData(db)).rejects.toThrow(/not reached the server/);
    expect(await db.count('spotChecks')).toBe(1);
  });

  it('forgets personal data on sign-out when everything is synced', async () => {
    await claimData(db, 'user-a');
    await db.put('spotChecks', sampleSpotCheck());
    await forgetPersonalData(db);
    expect(await db.count('spotChecks')).toBe(0);
    expect(await db.get('meta', 'owner')).toBeUndefined();
  });

  it("clears what the organisation published and the person's prompt events for the next person", async () => {
    await claimData(db, 'user-a');
    await db.put('shared', { entity: 'noticeAck', id: 'n@1:user-a', version: 1, data: {} });
    await db.put('promptEvents', {
      id: '0190a1b2-c3d4-7e5f-8a6b-000000000005',
      ruleId: 'card-number-in-reply',
      ruleVersion: 1,
      action: 'shown',
      contactKey: 'site:https://crm.example.com',
      userId: '0190a1b2-c3d4-7e5f-8a6b-000000000006',
      at: NOW.toISOString(),
    });
    await claimData(db, 'user-b');
    expect([await db.count('shared'), await db.count('promptEvents')]).toEqual([0, 0]);
    // The cursor goes with them: the next person's first pull brings what their organisation publishes.
    expect(await db.get('meta', 'cursor')).toBeUndefined();
  });
});
