import { PromptEvent } from '../core/promptRules.ts';
import type { FloorwalkerDB } from './db.ts';

/**
 * The compliance record of prompts shown in CRM pages and what the agent did with them. Each event is
 * checked against the strict PromptEvent schema before it is written, so nothing but the rule, the
 * action, a reason, the contact key, the user and the time can land here: never page text, never a
 * card number (a reason holding one is refused). Kept for sync; pushing them is a later step.
 */
export async function recordPromptEvent(db: FloorwalkerDB, event: PromptEvent): Promise<PromptEvent> {
  const checked = PromptEvent.parse(event);
  await db.put('promptEvents', checked);
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
