import { beforeEach, describe, expect, it } from 'vitest';
import { authorityFor, DEFAULT_AUTHORITY_POLICY } from '../core/complaint.ts';
import { History, PEOPLE, option } from '../core/complaintFixtures.ts';
import type { ComplaintEvent } from '../core/complaint.ts';
import type { ComplaintRecord, SyncRecord } from '../core/sync.ts';
import { ComplaintRefused, allComplaints, getComplaint, recordComplaintEvent } from './complaints.ts';
import { openFloorwalkerDB, type FloorwalkerDB } from './db.ts';
import { applyPull, applyPushResults, listConflicts, nextBatch, resolveConflict } from './sync.ts';
import { freshIndexedDB } from './testing.ts';

const settings = { authority: DEFAULT_AUTHORITY_POLICY };
const agent = { id: PEOPLE.agent.id, role: PEOPLE.agent.role };
const supervisor = { id: PEOPLE.supervisor.id, role: PEOPLE.supervisor.role };

let db: FloorwalkerDB;
beforeEach(async () => {
  freshIndexedDB();
  db = await openFloorwalkerDB();
});

const record = (events: ComplaintEvent[]): SyncRecord => ({
  entity: 'complaint',
  id: events[0]!.complaintId,
  version: events.length,
  deleted: false,
  data: { events } satisfies ComplaintRecord,
});
const pull = (records: SyncRecord[]) => ({ cursor: 9, records, hasMore: false, roster: [], teams: [] });

/** A history made on another browser (the server's), and events made from it here. */
function serverHistory() {
  const h = new History();
  h.log(PEOPLE.agent);
  return h;
}

describe('complaints in this browser', () => {
  it('records an event and queues it in one transaction; a refused one writes nothing', async () => {
    const h = new History();
    const logged = h.make('logged', PEOPLE.agent, {
      reference: 'C-1',
      receivedAt: '2026-03-02T09:00:00Z',
      receivedVia: 'email',
      contact: (await import('../core/complaintFixtures.ts')).CONTACT,
      category: 'billing',
      nature: { whatHappened: 'Charged twice.' },
      regime: (await import('../core/complaint.ts')).FCA_DISP,
      ownerAuthority: authorityFor(DEFAULT_AUTHORITY_POLICY, 'agent'),
    } as never);
    const entry = await recordComplaintEvent(db, logged, agent, settings);
    expect(entry).toMatchObject({ version: 0, complaint: { status: 'open', seq: 1 } });
    const [queued] = await nextBatch(db, 10);
    expect(queued).toMatchObject({ name: 'complaint.event', recordId: entry.id, baseVersion: 0 });

    const beyond = h.make('optionAgreed', PEOPLE.agent, { optionId: 'nope', authority: authorityFor(DEFAULT_AUTHORITY_POLICY, 'agent') } as never);
    await expect(recordComplaintEvent(db, { ...beyond, seq: 2 }, agent, settings)).rejects.toBeInstanceOf(ComplaintRefused);
    expect((await getComplaint(db, entry.id))!.events).toHaveLength(1);
    expect(await db.count('outbox')).toBe(1);
  });

  it('a pulled history is replayed; local events not yet pushed are renumbered on top of it', async () => {
    const h = serverHistory();
    await applyPull(db, pull([record(h.events)]));
    expect((await allComplaints(db)).map((e) => e.complaint.seq)).toEqual([1]);

    // Here: a note, made on the one-event history.
    const note = h.make('noteAdded', PEOPLE.supervisor, { text: 'Rang the customer' });
    await recordComplaintEvent(db, note, supervisor, settings);
    // Meanwhile on the server: an option was added (event 2).
    const replayed = [...h.events, h.make('optionAdded', PEOPLE.agent, { option: option('a', 0) })];
    await applyPull(db, pull([record(replayed)]));

    const entry = (await getComplaint(db, h.complaintId))!;
    expect(entry.events.map((e) => [e.type, e.seq])).toEqual([
      ['logged', 1],
      ['optionAdded', 2],
      ['noteAdded', 3],
    ]);
    expect(entry.version).toBe(2);
    const [pending] = await nextBatch(db, 10);
    expect(pending).toMatchObject({ name: 'complaint.event', baseVersion: 2, args: { type: 'noteAdded', seq: 3 } });

    // The server applies it: the outbox empties and the server's copy is kept.
    await applyPushResults(db, [{ id: 1, status: 'applied', record: record([...replayed, pending!.args as ComplaintEvent]) }], new Date());
    expect(await db.count('outbox')).toBe(0);
    expect((await getComplaint(db, h.complaintId))!.version).toBe(3);
  });

  it('a decision made on an older history becomes a conflict; kept, it is parked if it no longer follows', async () => {
    const h = serverHistory();
    h.apply('optionAdded', PEOPLE.agent, { option: option('a', 1_000) });
    await applyPull(db, pull([record(h.events)]));
    // Here: the agent agrees option a, on the two-event history.
    const agree = h.make('optionAgreed', PEOPLE.agent, { optionId: 'a', authority: authorityFor(DEFAULT_AUTHORITY_POLICY, 'agent') });
    await recordComplaintEvent(db, agree, agent, settings);
    // On the server the option was withdrawn meanwhile.
    const withdrawn = { ...h.make('optionWithdrawn', PEOPLE.agent, { optionId: 'a', reason: 'Customer declined' }), seq: 3 } as ComplaintEvent;
    await applyPull(db, pull([record([...h.events, withdrawn])]));
    expect(await db.count('outbox')).toBe(0);
    const [conflict] = await listConflicts(db);
    expect(conflict!.reason).toMatch(/changed since you made this change/);
    expect((await getComplaint(db, h.complaintId))!.complaint.seq).toBe(3);

    // The agent keeps theirs: it is recorded again after event 3, where it no longer follows.
    await resolveConflict(db, conflict!.seq, 'mine');
    expect(await db.count('conflicts')).toBe(0);
    expect(await db.count('outbox')).toBe(0);
    const [parked] = await db.getAll('parked');
    expect(parked!.reason).toMatch(/withdrawn/i);
  });

  it('"use the server\'s" on an old conflict keeps the newer copy already here', async () => {
    const h = serverHistory();
    await applyPull(db, pull([record(h.events)]));
    const flag = h.make('flagsSet', PEOPLE.manager, { flags: ['vulnerable'] });
    await recordComplaintEvent(db, { ...flag, seq: 2 }, { id: PEOPLE.manager.id, role: 'manager' }, settings);
    const note = { ...h.make('noteAdded', PEOPLE.agent, { text: 'called back' }), seq: 2 } as ComplaintEvent;
    await applyPull(db, pull([record([...h.events, note])]));
    const [conflict] = await listConflicts(db);
    // Later pulls bring more.
    const another = { ...note, id: '0190a000-0000-7000-8000-0000000000aa', seq: 3, text: 'and again' } as ComplaintEvent;
    await applyPull(db, pull([record([...h.events, note, another])]));
    await resolveConflict(db, conflict!.seq, 'server');
    expect((await getComplaint(db, h.complaintId))!.events.map((e) => e.seq)).toEqual([1, 2, 3]);
  });
});
