import { PromptEvent } from '../core/promptRecords.ts';
import type { IDBPTransaction, StoreNames } from 'idb';
import type { FloorwalkerDB, FloorwalkerSchema } from './db.ts';
import { queueMutation } from './outbox.ts';

/**
 * The compliance record of prompts shown in CRM pages and what the agent did with them. Each event is
 * checked against the strict PromptEvent schema before it is written, so nothing but the rule, the
 * action, a reason, the contact key, the user and the time can land here: never page text, never a
 * card number (a reason holding one is refused).
 *
 * A signed-in person's events are queued for the server in the same transaction, so each one is
 * kept and sent exactly once; events from before anyone signed in belong to the browser and stay here.
 */
export async function recordPromptEvent(db: FloorwalkerDB, event: PromptEvent, options: { sync: boolean }): Promise<PromptEvent> {
  const checked = PromptEvent.parse(event);
  const tx = db.transaction(['promptEvents', 'outbox', 'meta'], 'readwrite');
  await tx.objectStore('promptEvents').put(checked);
  if (options.sync) {
    type Tx = IDBPTransaction<FloorwalkerSchema, StoreNames<FloorwalkerSchema>[], 'readwrite'>;
    await queueMutation(tx as unknown as Tx, {
      entity: 'promptEvent',
      name: 'promptEvent.record',
      recordId: checked.id,
      baseVersion: 0,
      args: checked,
      createdAt: checked.at,
    });
  }
  await tx.done;
  return checked;
}

export function countPromptEvents(db: FloorwalkerDB): Promise<number> {
  return db.count('promptEvents');
}

/** The newest events first, at most `limit`. */
export async function recentPromptEvents(db: FloorwalkerDB, limit = 100): Promise<PromptEvent[]> {
  const found: PromptEvent[] = [];
  let cursor = await db.transaction('promptEvents').store.index('by-at').openCursor(null, 'prev');
  while (cursor && found.length < limit) {
    found.push(cursor.value);
    cursor = await cursor.continue();
  }
  return found;
}
