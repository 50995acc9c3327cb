import type { IDBPTransaction, StoreNames } from 'idb';
import { RosterEntry, Team } from '../core/account.ts';
import { Checklist } from '../core/checklist.ts';
import { builtInChecklists } from '../core/checklists/index.ts';
import { scoreSpotCheck } from '../core/scoring.ts';
import { uuidv7 } from '../core/ids.ts';
import { SpotCheck } from '../core/spotCheck.ts';
import type { Mutation, MutationResult, PullResponse, SyncRecord } from '../core/sync.ts';
import { atomically, type Conflict, type FloorwalkerDB, type FloorwalkerSchema, type ParkedMutation, type PendingMutation } from './db.ts';
import { IN_FLIGHT, queueMutation } from './outbox.ts';
import { writeComplaintRecord } from './complaints.ts';
import { isSharedEntity, writeSharedRecord } from './shared.ts';
import { DEFAULT_ORG_SETTINGS, ORG_SETTINGS_ID, OrgSettings } from '../core/orgSettings.ts';

type Tx = IDBPTransaction<FloorwalkerSchema, StoreNames<FloorwalkerSchema>[], 'readwrite'>;
const SYNCED_STORES = ['spotChecks', 'checklists', 'complaints', 'shared', 'promptEvents', 'outbox', 'parked', 'conflicts', 'meta'] as const;
/** Stores holding changes the server has not accepted yet. */
const UNSYNCED = ['outbox', 'parked', 'conflicts'] as const;
/**
 * Stores holding one person's data, or what their organisation published for them (checklists
 * stay: they are only ever the organisation's own versions, and scoring needs them).
 */
const PERSONAL = ['spotChecks', 'complaints', 'shared', 'promptEvents', 'outbox', 'parked', 'conflicts', 'meta'] as const;

/** This browser's id towards the server; a new database gets a new id, so mutation ids never repeat. */
export async function clientId(db: FloorwalkerDB): Promise<string> {
  const tx = db.transaction('meta', 'readwrite');
  let id = (await tx.store.get('clientId')) as string | undefined;
  if (!id) {
    id = uuidv7();
    await tx.store.put(id, 'clientId');
  }
  await tx.done;
  return id;
}

export async function pullCursor(db: FloorwalkerDB): Promise<number> {
  return ((await db.get('meta', 'cursor')) as number | undefined) ?? 0;
}

/** The organisation's complaint settings as last pulled (the defaults until then). */
export async function orgSettings(db: FloorwalkerDB): Promise<OrgSettings> {
  return ((await db.get('meta', 'orgSettings')) as OrgSettings | undefined) ?? DEFAULT_ORG_SETTINGS;
}

export async function roster(db: FloorwalkerDB): Promise<{ roster: RosterEntry[]; teams: Team[] }> {
  return {
    roster: ((await db.get('meta', 'roster')) as RosterEntry[] | undefined) ?? [],
    teams: ((await db.get('meta', 'teams')) as Team[] | undefined) ?? [],
  };
}

/**
 * The next mutations to push, oldest first, with their outbox keys as mutation ids. They are marked
 * in flight, so local edits made meanwhile queue behind them instead of replacing them.
 *
 * A batch whose answer never came (the push failed, the worker stopped) goes again on its own: edits
 * queued behind it carry the base version the client had before it, and only its answers move them
 * onto the server's new version (applyPushResults). Pushed together, the server would apply the
 * first and see the second as a conflict with the client's own change.
 */
export async function nextBatch(db: FloorwalkerDB, max: number): Promise<Mutation[]> {
  const tx = db.transaction(['outbox', 'meta'], 'readwrite');
  const unanswered = (await tx.objectStore('meta').get(IN_FLIGHT)) as number | undefined;
  const oldest = await tx.objectStore('outbox').getAll(null, max);
  const resend = unanswered === undefined ? [] : oldest.filter((m) => m.seq! <= unanswered);
  const pending = resend.length ? resend : oldest;
  if (pending.length) await tx.objectStore('meta').put(pending.at(-1)!.seq!, IN_FLIGHT);
  await tx.done;
  return pending.map(toMutation);
}

export function toMutation({ seq, entity: _e, createdAt: _c, ...m }: PendingMutation): Mutation {
  return { ...m, id: seq! } as Mutation;
}

/**
 * Write a server record into the local stores (tombstones delete). Invalid server data is skipped.
 * A spot check's result is recomputed from its checklist version when this browser has it, so what
 * the panel shows always follows from the answers.
 */
async function writeRecord(tx: Tx, record: SyncRecord, now = new Date()): Promise<void> {
  if (record.entity === 'complaint') return writeComplaintRecord(tx, record, now);
  if (isSharedEntity(record.entity)) return writeSharedRecord(tx, record as SyncRecord & { entity: typeof record.entity });
  // Prompt events are kept as they were recorded here; the server never sends them back.
  if (record.entity === 'promptEvent') return;
  if (record.entity === 'orgSettings') {
    if (record.id !== ORG_SETTINGS_ID) return;
    const parsed = OrgSettings.safeParse(record.data);
    if (record.deleted) await tx.objectStore('meta').delete('orgSettings');
    else if (parsed.success) await tx.objectStore('meta').put(parsed.data, 'orgSettings');
    else console.warn('Floorwalker: the organisation settings from the server are not valid; kept the previous ones.', parsed.error.issues);
    return;
  }
  if (record.entity === 'spotCheck') {
    if (record.deleted) return void (await tx.objectStore('spotChecks').delete(record.id));
    const parsed = SpotCheck.safeParse({ ...(record.data as object), version: record.version });
    if (!parsed.success) {
      console.warn(`Floorwalker: spot check ${record.id} from the server is not valid; skipped.`, parsed.error.issues);
      return;
    }
    const sc = parsed.data;
    const checklist =
      builtInChecklists.find((c) => c.id === sc.checklistId && c.version === sc.checklistVersion) ??
      (await tx.objectStore('checklists').get([sc.checklistId, sc.checklistVersion]));
    await tx.objectStore('spotChecks').put(checklist ? { ...sc, result: scoreSpotCheck(checklist, sc.answers) } : sc);
    return;
  }
  const at = record.id.lastIndexOf('@');
  if (record.deleted) return void (await tx.objectStore('checklists').delete([record.id.slice(0, at), Number(record.id.slice(at + 1))]));
  const parsed = Checklist.safeParse(record.data);
  if (parsed.success) await tx.objectStore('checklists').put(parsed.data);
  else console.warn(`Floorwalker: checklist ${record.id} from the server is not valid; skipped.`, parsed.error.issues);
}

async function pendingFor(tx: Tx, record: Pick<SyncRecord, 'entity' | 'id'>): Promise<PendingMutation[]> {
  return tx.objectStore('outbox').index('by-record').getAll([record.entity, record.id]);
}

/**
 * Settle pushed mutations by the server's answers, in one transaction. Applied: the mutation leaves
 * the outbox and the server's copy replaces the local one, unless later local changes are still
 * pending (they keep the local copy and are rebased onto the new version). Conflict: set aside with
 * the server's copy for the user to choose. Rejected: parked with the reason, never retried.
 */
export async function applyPushResults(db: FloorwalkerDB, results: readonly MutationResult[], now: Date): Promise<void> {
  const tx = db.transaction([...SYNCED_STORES], 'readwrite');
  const at = now.toISOString();
  await tx.objectStore('meta').delete(IN_FLIGHT);
  for (const result of results) {
    const mutation = await tx.objectStore('outbox').get(result.id);
    if (!mutation) {
      // Settled already (a repeated answer): still move later changes onto the server's version.
      if (result.status === 'applied' && result.record) await rebase(tx, result.record);
      continue;
    }
    await tx.objectStore('outbox').delete(result.id);
    if (result.status === 'conflict' && result.record) {
      const conflict: Conflict = { seq: result.id, mutation, server: result.record, reason: result.reason ?? 'changed on the server', at };
      await tx.objectStore('conflicts').put(conflict);
      continue;
    }
    if (result.status === 'rejected' || result.status === 'conflict') {
      const parked: ParkedMutation = { seq: result.id, mutation, reason: result.reason ?? 'refused by the server', at };
      await tx.objectStore('parked').put(parked);
      // An acknowledgement kept here ahead of the server's word: refused, it was never made.
      if (mutation.name === 'noticeAck.put') await forgetUnconfirmed(tx, 'noticeAck', mutation.recordId);
    }
    if (!result.record) continue;
    if (result.record.entity === 'complaint' || (await pendingFor(tx, result.record)).length === 0) await writeRecord(tx, result.record, now);
    else await rebase(tx, result.record);
  }
  await tx.done;
}

async function forgetUnconfirmed(tx: Tx, entity: 'noticeAck', id: string): Promise<void> {
  const local = await tx.objectStore('shared').get([entity, id]);
  if (local?.version === 0) await tx.objectStore('shared').delete([entity, id]);
}

/** Local changes still pending for a record now build on the server's newer version of it. */
async function rebase(tx: Tx, record: SyncRecord): Promise<void> {
  // A complaint's pending events are replayed onto the server's history instead.
  if (record.entity === 'complaint') return writeComplaintRecord(tx, record, new Date());
  for (const p of await pendingFor(tx, record)) await tx.objectStore('outbox').put({ ...p, baseVersion: record.version });
  if (record.entity === 'spotCheck' && !record.deleted) {
    const local = await tx.objectStore('spotChecks').get(record.id);
    if (local) await tx.objectStore('spotChecks').put({ ...local, version: record.version });
  }
}

/**
 * Write a pulled batch and only then its cursor, in one transaction: a crash in between leaves the
 * old cursor, and the batch is simply pulled again. Records with local changes still pending keep
 * the local copy; their push meets the server's version and conflicts visibly rather than losing
 * either side.
 */
export async function applyPull(db: FloorwalkerDB, pull: PullResponse): Promise<void> {
  const tx = db.transaction([...SYNCED_STORES], 'readwrite');
  for (const record of pull.records) {
    // A complaint's history only grows: pending local events are replayed on top of the server's.
    if (record.entity === 'complaint' || (await pendingFor(tx, record)).length === 0) await writeRecord(tx, record);
  }
  const meta = tx.objectStore('meta');
  // Who may read what follows teams and roles (a supervisor sees their teams' records): after a
  // change, records older than the cursor may have become readable, so the next pull starts over.
  const before = (await meta.get('roster')) as RosterEntry[] | undefined;
  const regrouped = before !== undefined && rosterShape(before) !== rosterShape(pull.roster);
  await meta.put(regrouped ? 0 : pull.cursor, 'cursor');
  await meta.put(pull.roster, 'roster');
  await meta.put(pull.teams, 'teams');
  await tx.done;
}

/** People, roles and team memberships, in a stable order. */
const rosterShape = (roster: readonly RosterEntry[]) =>
  JSON.stringify(roster.map((p) => [p.id, p.role, [...p.teamIds].sort()]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))));

export function listConflicts(db: FloorwalkerDB): Promise<Conflict[]> {
  return db.getAll('conflicts');
}

export function listParked(db: FloorwalkerDB): Promise<ParkedMutation[]> {
  return db.getAll('parked');
}

/** The user's choice on a conflict: take the server's copy, or push theirs again on top of it. */
export async function resolveConflict(db: FloorwalkerDB, seq: number, keep: 'server' | 'mine'): Promise<void> {
  const tx = db.transaction([...SYNCED_STORES], 'readwrite');
  const conflict = await tx.objectStore('conflicts').get(seq);
  if (!conflict) return tx.done;
  await tx.objectStore('conflicts').delete(seq);
  if (conflict.server.entity === 'complaint') await resolveComplaintConflict(tx, conflict, keep);
  else if (keep === 'server') await writeRecord(tx, conflict.server);
  else if ((await pendingFor(tx, conflict.server)).length) {
    // Newer local changes are already queued: they carry "mine" forward, on top of the server's.
    await rebase(tx, conflict.server);
  } else {
    const { seq: _old, ...mutation } = conflict.mutation;
    await queueMutation(tx, { ...mutation, baseVersion: conflict.server.version } as PendingMutation);
  }
  await tx.done;
}

/**
 * A complaint decision made on an older history. "Mine": record it again after the history as this
 * browser now has it (the state machine may still refuse it, which parks it with the reason).
 * "Server": drop it. Either way the complaint shown is the newest copy, never the one the conflict
 * was found on.
 */
async function resolveComplaintConflict(tx: Tx, conflict: Conflict, keep: 'server' | 'mine'): Promise<void> {
  const local = await tx.objectStore('complaints').get(conflict.server.id);
  // The local entry holds the server's history (its first `version` events), then pending ones.
  const newest =
    local && local.version > conflict.server.version
      ? { ...conflict.server, version: local.version, data: { events: local.events.slice(0, local.version) } }
      : conflict.server;
  if (keep === 'mine') {
    const { seq: _old, ...mutation } = conflict.mutation as Extract<PendingMutation, { name: 'complaint.event' }>;
    const seq = newest.version + 1;
    await queueMutation(tx, { ...mutation, baseVersion: seq - 1, args: { ...mutation.args, seq } } as PendingMutation);
  }
  await writeComplaintRecord(tx, newest, new Date());
}

/** The user has read why a change was refused. */
export async function dismissParked(db: FloorwalkerDB, seq: number): Promise<void> {
  await db.delete('parked', seq);
}

/**
 * Make this database the signed-in user's. Work done before anyone signed in is adopted; another
 * person's data is cleared, unless they still have changes the server has not had, which are never
 * thrown away silently.
 */
export async function claimData(db: FloorwalkerDB, userId: string): Promise<void> {
  const tx = db.transaction([...SYNCED_STORES], 'readwrite');
  await atomically(tx, async () => {
    const meta = tx.objectStore('meta');
    const owner = (await meta.get('owner')) as string | undefined;
    if (owner === userId) return;
    if (owner !== undefined) {
      if ((await unsyncedCount(tx)) > 0) {
        throw new Error('Someone else signed in here last and has changes not yet synced. Ask them to sign in and sync first.');
      }
      await Promise.all(PERSONAL.map((s) => tx.objectStore(s).clear()));
    }
    await meta.put(userId, 'owner');
  });
}

async function unsyncedCount(tx: Tx): Promise<number> {
  return (await Promise.all(UNSYNCED.map((s) => tx.objectStore(s).count()))).reduce((a, b) => a + b, 0);
}

/** Park one pending mutation the server refused outright (a 4xx for the request as a whole). */
export async function parkMutation(db: FloorwalkerDB, seq: number, reason: string, now: Date): Promise<void> {
  const tx = db.transaction(['outbox', 'parked'], 'readwrite');
  const mutation = await tx.objectStore('outbox').get(seq);
  if (mutation) {
    await tx.objectStore('outbox').delete(seq);
    await tx.objectStore('parked').put({ seq, mutation, reason, at: now.toISOString() });
  }
  await tx.done;
}

export async function syncCounts(db: FloorwalkerDB): Promise<{ pending: number; parked: number; conflicts: number }> {
  const [pending, parked, conflicts] = await Promise.all([db.count('outbox'), db.count('parked'), db.count('conflicts')]);
  return { pending, parked, conflicts };
}

/**
 * Forget the signed-in person's data on sign-out (a contact-centre desk is often shared), unless
 * some of it has not reached the server yet.
 */
export async function forgetPersonalData(db: FloorwalkerDB): Promise<void> {
  const tx = db.transaction([...SYNCED_STORES], 'readwrite');
  await atomically(tx, async () => {
    const unsynced = await unsyncedCount(tx);
    if (unsynced > 0) {
      throw new Error(
        `${unsynced} change${unsynced === 1 ? ' has' : 's have'} not reached the server yet. Sync (or deal with them under Account) before signing out.`,
      );
    }
    await Promise.all(PERSONAL.map((s) => tx.objectStore(s).clear()));
  });
}
