import type { IDBPTransaction, StoreNames } from 'idb';
import type { Complaint, ComplaintEvent } from '../core/complaint.ts';
import {
  type Actor,
  type ComplaintSettings,
  applyComplaintEvent,
  isAdditiveComplaintEvent,
  replayComplaint,
} from '../core/complaintLifecycle.ts';
import { ComplaintRecord, type SyncRecord } from '../core/sync.ts';
import { atomically, type ComplaintEntry, type FloorwalkerDB, type FloorwalkerSchema, type PendingMutation } from './db.ts';
import { queueMutation } from './outbox.ts';

type Tx = IDBPTransaction<FloorwalkerSchema, StoreNames<FloorwalkerSchema>[], 'readwrite'>;
type EventMutation = Extract<PendingMutation, { name: 'complaint.event' }>;

/** Why an event could not be recorded; nothing was written. */
export class ComplaintRefused extends Error {}

/**
 * Record one event: replay it onto the complaint this browser holds (the state machine decides,
 * against the organisation's current settings), then store the new state and queue the event for
 * the server, in one transaction.
 */
export async function recordComplaintEvent(
  db: FloorwalkerDB,
  event: unknown,
  actor: Actor,
  settings: ComplaintSettings,
): Promise<ComplaintEntry> {
  const tx = db.transaction(['complaints', 'outbox', 'meta'], 'readwrite');
  return atomically(tx, async () => {
    const id = (event as { complaintId?: unknown }).complaintId;
    const existing = typeof id === 'string' ? await tx.objectStore('complaints').get(id) : undefined;
    const result = applyComplaintEvent(existing?.complaint ?? null, event, actor, settings);
    if (!result.ok) throw new ComplaintRefused(result.error);
    const applied = lastEvent(event as ComplaintEvent, result.complaint);
    const entry: ComplaintEntry = {
      id: result.complaint.id,
      complaint: result.complaint,
      events: [...(existing?.events ?? []), applied],
      version: existing?.version ?? 0,
    };
    await tx.objectStore('complaints').put(entry);
    await queueMutation(tx, {
      entity: 'complaint',
      name: 'complaint.event',
      recordId: entry.id,
      // A complaint's version is the length of its history: the event was made on the one before it.
      baseVersion: applied.seq - 1,
      args: applied,
      createdAt: applied.at,
    });
    return entry;
  });
}

/** The event as the state machine read it (defaults filled in), to store and push. */
function lastEvent(input: ComplaintEvent, complaint: Complaint): ComplaintEvent {
  return { ...input, complaintId: complaint.id, seq: complaint.seq } as ComplaintEvent;
}

export function getComplaint(db: FloorwalkerDB, id: string): Promise<ComplaintEntry | undefined> {
  return db.get('complaints', id);
}

/** Every complaint held here, most recently changed first. */
export async function allComplaints(db: FloorwalkerDB): Promise<ComplaintEntry[]> {
  return (await db.getAllFromIndex('complaints', 'by-updatedAt')).reverse();
}

/** A complaint's history as the server sent it, checked and replayed; undefined when it does not hold together. */
export function entryFromRecord(record: SyncRecord): ComplaintEntry | undefined {
  const parsed = ComplaintRecord.safeParse(record.data);
  if (!parsed.success) return undefined;
  const replayed = replayComplaint(parsed.data.events);
  if (!replayed.ok) return undefined;
  return { id: record.id, complaint: replayed.complaint, events: parsed.data.events, version: record.version };
}

/**
 * Write the server's copy of a complaint, with this browser's events that the server has not had yet
 * replayed on top of it. Notes, actions, responses and new options are renumbered to follow the
 * server's history; a decision made on an older copy becomes a conflict for its author; an event that
 * no longer follows at all (someone closed the complaint meanwhile) is parked with the reason.
 */
export async function writeComplaintRecord(tx: Tx, record: SyncRecord, now: Date): Promise<void> {
  const store = tx.objectStore('complaints');
  if (record.deleted) return void (await store.delete(record.id));
  const server = entryFromRecord(record);
  if (!server) {
    console.warn(`Floorwalker: complaint ${record.id} from the server does not replay; skipped.`);
    return;
  }
  const pending = (await tx.objectStore('outbox').index('by-record').getAll(['complaint', record.id])) as EventMutation[];
  let complaint = server.complaint;
  const events = [...server.events];
  for (const mutation of pending) {
    if (mutation.args.seq !== complaint.seq + 1 && !isAdditiveComplaintEvent(mutation.args.type)) {
      // A decision made on a history that has moved on: its author looks again (see resolveConflict).
      await tx.objectStore('outbox').delete(mutation.seq!);
      await tx.objectStore('conflicts').put({
        seq: mutation.seq!,
        mutation,
        server: record,
        reason: `the complaint changed since you made this change (it now has ${record.version} events)`,
        at: now.toISOString(),
      });
      continue;
    }
    const renumbered = { ...mutation.args, seq: complaint.seq + 1 } as ComplaintEvent;
    const result = applyComplaintEvent(complaint, renumbered, { id: renumbered.by.id, role: renumbered.by.role });
    if (!result.ok) {
      await tx.objectStore('outbox').delete(mutation.seq!);
      await tx.objectStore('parked').put({ seq: mutation.seq!, mutation, reason: result.error, at: now.toISOString() });
      continue;
    }
    complaint = result.complaint;
    events.push(renumbered);
    // Same key, so the push order is kept.
    await tx.objectStore('outbox').put({ ...mutation, baseVersion: renumbered.seq - 1, args: renumbered });
  }
  await store.put({ id: record.id, complaint, events, version: record.version });
}
