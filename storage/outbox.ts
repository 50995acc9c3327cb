import type { IDBPTransaction, StoreNames } from 'idb';
import type { FloorwalkerDB, FloorwalkerSchema, PendingMutation } from './db.ts';

type Tx = IDBPTransaction<FloorwalkerSchema, StoreNames<FloorwalkerSchema>[], 'readwrite'>;

/**
 * Queue a mutation inside the caller's transaction, so the record and its mutation land together.
 * Only the latest state of a record needs pushing: a pending put of the same record is replaced
 * (autosaved drafts would otherwise queue one per keystroke), and discarding a draft the server
 * never saw cancels its put instead of queueing anything. Mutations already on their way to the
 * server (up to the in-flight mark) are never replaced: their answer is still to come.
 */
export async function queueMutation(tx: Tx, entry: PendingMutation): Promise<void> {
  const outbox = tx.objectStore('outbox');
  const inFlightUpTo = ((await tx.objectStore('meta').get(IN_FLIGHT)) as number | undefined) ?? 0;
  const pending = await outbox.index('by-record').getAll([entry.entity, entry.recordId]);
  const replaceable = pending.filter((p) => p.name === 'spotCheck.put' && p.seq! > inFlightUpTo);
  if (entry.name === 'spotCheck.put' || entry.name === 'spotCheck.discard') {
    await Promise.all(replaceable.map((p) => outbox.delete(p.seq!)));
  }
  if (entry.name === 'spotCheck.discard' && entry.baseVersion === 0 && pending.length === replaceable.length) return;
  await outbox.add(entry);
}

/** Meta key: the highest outbox seq of the push under way, if any. */
export const IN_FLIGHT = 'inFlightUpTo';

/** Pending mutations in the order they must be pushed. */
export function pendingMutations(db: FloorwalkerDB, limit?: number): Promise<PendingMutation[]> {
  return db.getAll('outbox', null, limit);
}

export function countPending(db: FloorwalkerDB): Promise<number> {
  return db.count('outbox');
}
