import { contactKey } from '../core/contact.ts';
import type { SpotCheckFilter, SpotCheckSummary } from '../core/messages.ts';
import type { SpotCheck } from '../core/spotCheck.ts';
import type { SpotCheckPut } from '../core/sync.ts';
import { atomically, type FloorwalkerDB, type PendingMutation } from './db.ts';
import { queueMutation } from './outbox.ts';

/** A change that follows a submitted check: the agent's response or a supervisor's resolution. */
export type SpotCheckEventMutation =
  | { name: 'spotCheck.respond'; args: { response: 'acknowledge' | 'dispute'; comment: string } }
  | { name: 'spotCheck.resolve'; args: { comment: string } };

/** Write a spot check and its outbox entry in one transaction: both land or neither does. */
export function putSpotCheck(db: FloorwalkerDB, spotCheck: SpotCheck): Promise<void> {
  if (spotCheck.status !== 'draft' && spotCheck.status !== 'submitted') {
    throw new Error(`A ${spotCheck.status} spot check changes only through a response or a resolution.`);
  }
  const { result, version, evaluatorId, agentComment, respondedAt, resolution, resolvedAt, status, ...rest } = spotCheck;
  return writeWithMutation(db, spotCheck, { name: 'spotCheck.put', args: { ...rest, status } });
}

/** Store the locally applied outcome of an event and queue the event itself for the server. */
export function putSpotCheckEvent(db: FloorwalkerDB, spotCheck: SpotCheck, event: SpotCheckEventMutation): Promise<void> {
  return writeWithMutation(db, spotCheck, event);
}

async function writeWithMutation(
  db: FloorwalkerDB,
  spotCheck: SpotCheck,
  change: { name: 'spotCheck.put'; args: SpotCheckPut } | SpotCheckEventMutation,
): Promise<void> {
  const tx = db.transaction(['spotChecks', 'outbox', 'meta'], 'readwrite');
  await atomically(tx, async () => {
    await tx.objectStore('spotChecks').put(spotCheck);
    await queueMutation(tx, {
      ...change,
      entity: 'spotCheck',
      recordId: spotCheck.id,
      baseVersion: spotCheck.version ?? 0,
      createdAt: spotCheck.updatedAt,
    } as PendingMutation);
  });
}

export function getSpotCheck(db: FloorwalkerDB, id: string): Promise<SpotCheck | undefined> {
  return db.get('spotChecks', id);
}

/** Remove a draft here and queue its discard for the server (nothing, if the server never had it). */
export async function deleteDraft(db: FloorwalkerDB, id: string): Promise<void> {
  const tx = db.transaction(['spotChecks', 'outbox', 'meta'], 'readwrite');
  await atomically(tx, async () => {
    const existing = await tx.objectStore('spotChecks').get(id);
    if (!existing) return;
    if (existing.status !== 'draft') throw new Error('Only a draft can be discarded; this spot check has been submitted.');
    await tx.objectStore('spotChecks').delete(id);
    await queueMutation(tx, {
      entity: 'spotCheck',
      name: 'spotCheck.discard',
      recordId: id,
      baseVersion: existing.version ?? 0,
      args: {},
      createdAt: new Date().toISOString(),
    });
  });
}

/** The newest open draft for a contact, so reopening the panel resumes where the user left off. */
export async function findDraftFor(db: FloorwalkerDB, key: string): Promise<SpotCheck | undefined> {
  const drafts = await db.getAllFromIndex('spotChecks', 'by-status', 'draft');
  return drafts
    .filter((d) => contactKey(d.contact) === key)
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))[0];
}

function matches(sc: SpotCheck, f: SpotCheckFilter): boolean {
  if (f.agent && sc.agent !== f.agent) return false;
  if (f.checklistId && sc.checklistId !== f.checklistId) return false;
  if (f.status && sc.status !== f.status) return false;
  if (f.outcome && (sc.result.outcome ?? 'none') !== f.outcome) return false;
  return true;
}

/**
 * Newest first, filtered, at most `limit`. A narrow filter (agent, checklist) reads only its index;
 * otherwise a cursor walks the newest records and stops as soon as the page is full, so the panel
 * opens quickly however many checks are stored.
 */
export async function querySpotChecks(db: FloorwalkerDB, filter: SpotCheckFilter): Promise<SpotCheck[]> {
  const limit = filter.limit ?? 50;
  if (filter.agent || filter.checklistId) {
    const rows = filter.agent
      ? await db.getAllFromIndex('spotChecks', 'by-agent', filter.agent)
      : await db.getAllFromIndex('spotChecks', 'by-checklist', filter.checklistId!);
    return rows
      .filter((sc) => matches(sc, filter))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
      .slice(0, limit);
  }
  const out: SpotCheck[] = [];
  let cursor = await db.transaction('spotChecks').store.index('by-updatedAt').openCursor(null, 'prev');
  while (cursor && out.length < limit) {
    if (matches(cursor.value, filter)) out.push(cursor.value);
    cursor = await cursor.continue();
  }
  return out;
}

export function toSummary(sc: SpotCheck): SpotCheckSummary {
  return {
    id: sc.id,
    checklistId: sc.checklistId,
    checklistTitle: sc.checklistTitle,
    agent: sc.agent,
    evaluator: sc.evaluator,
    ticketId: sc.contact.ticketId,
    ...(sc.contact.subject ? { subject: sc.contact.subject } : {}),
    score: sc.result.score,
    outcome: sc.result.outcome,
    status: sc.status,
    updatedAt: sc.updatedAt,
  };
}

/** Distinct agents seen in stored checks, for the list's filter. */
export async function knownAgents(db: FloorwalkerDB): Promise<string[]> {
  const names = new Set<string>();
  let cursor = await db.transaction('spotChecks').store.index('by-agent').openKeyCursor(null, 'nextunique');
  while (cursor) {
    if (cursor.key) names.add(cursor.key);
    cursor = await cursor.continue();
  }
  return [...names];
}
