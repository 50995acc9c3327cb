import type { IDBPObjectStore } from 'idb';
import type { FloorwalkerDB, FloorwalkerSchema, OutboxEntry } from './db.ts';

type OutboxStore = IDBPObjectStore<FloorwalkerSchema, ('spotChecks' | 'outbox')[], 'outbox', 'readwrite'>;

/**
 * Queue a mutation inside the caller's transaction. Only the latest state of a record needs
 * pushing, so an unsent entry for the same record is replaced rather than piling up (autosaved
 * drafts would otherwise queue a mutation per keystroke).
 */
export async function queueMutation(outbox: OutboxStore, entry: OutboxEntry): Promise<void> {
  const index = outbox.index('by-record');
  const stale = await index.getAllKeys([entry.entity, entry.recordId]);
  await Promise.all(stale.map((seq) => outbox.delete(seq)));
  await outbox.add(entry);
}

/** Pending mutations in the order they must be pushed. */
export function pendingMutations(db: FloorwalkerDB, limit?: number): Promise<OutboxEntry[]> {
  return db.getAll('outbox', null, limit);
}

export function countPending(db: FloorwalkerDB): Promise<number> {
  return db.count('outbox');
}
