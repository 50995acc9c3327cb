import type { IDBPTransaction, StoreNames } from 'idb';
import { AdapterSwitch, CustomAdapter } from '../core/customAdapter.ts';
import { type RulePack, validateRulePack } from '../core/promptRules.ts';
import { NoticeAcknowledgement, ProcedureNotice, noticeAckKey } from '../core/promptRecords.ts';
import type { SyncRecord } from '../core/sync.ts';
import type { FloorwalkerDB, FloorwalkerSchema, PendingMutation, SharedEntity } from './db.ts';
import { queueMutation } from './outbox.ts';

/*
 * What the organisation publishes for every browser (rule packs, procedure notices, custom site
 * adapters, adapter switches) and the notice acknowledgements this person may see. Each record is
 * validated as it arrives from the server; one that does not validate is skipped and the previous
 * copy kept, so a bad record never reaches a page.
 */

type Tx = IDBPTransaction<FloorwalkerSchema, StoreNames<FloorwalkerSchema>[], 'readwrite'>;

interface SharedTypes {
  rulePack: RulePack;
  notice: ProcedureNotice;
  noticeAck: NoticeAcknowledgement;
  customAdapter: CustomAdapter;
  adapterSwitch: AdapterSwitch;
}

type Check<T> = (data: unknown) => { ok: true; value: T } | { ok: false; problem: string };
const fromSchema =
  <T,>(schema: { safeParse(d: unknown): { success: true; data: T } | { success: false; error: { issues: unknown[] } } }): Check<T> =>
  (data) => {
    const parsed = schema.safeParse(data);
    return parsed.success ? { ok: true, value: parsed.data } : { ok: false, problem: JSON.stringify(parsed.error.issues) };
  };

const CHECKS: { [E in SharedEntity]: Check<SharedTypes[E]> } = {
  rulePack: (data) => {
    const checked = validateRulePack(data);
    return checked.ok ? { ok: true, value: checked.pack } : { ok: false, problem: JSON.stringify(checked.errors) };
  },
  notice: fromSchema(ProcedureNotice),
  noticeAck: fromSchema(NoticeAcknowledgement),
  customAdapter: fromSchema(CustomAdapter),
  adapterSwitch: fromSchema(AdapterSwitch),
};

export const isSharedEntity = (entity: string): entity is SharedEntity => Object.hasOwn(CHECKS, entity);

/** Write a pulled (or pushed and answered) shared record; tombstones delete. */
export async function writeSharedRecord(tx: Tx, record: SyncRecord & { entity: SharedEntity }): Promise<void> {
  const store = tx.objectStore('shared');
  if (record.deleted) return void (await store.delete([record.entity, record.id]));
  const checked = CHECKS[record.entity](record.data);
  if (!checked.ok) {
    console.warn(`Floorwalker: ${record.entity} ${record.id} from the server is not valid; kept the previous copy.`, checked.problem);
    return;
  }
  await store.put({ entity: record.entity, id: record.id, version: record.version, data: checked.value });
}

/** Every stored record of an entity, with its server version. */
export async function listShared<E extends SharedEntity>(db: FloorwalkerDB, entity: E): Promise<{ version: number; data: SharedTypes[E] }[]> {
  const entries = await db.getAllFromIndex('shared', 'by-entity', entity);
  return entries.map((e) => ({ version: e.version, data: e.data as SharedTypes[E] }));
}

export async function sharedValues<E extends SharedEntity>(db: FloorwalkerDB, entity: E): Promise<SharedTypes[E][]> {
  return (await listShared(db, entity)).map((e) => e.data);
}

/** The stored version of a shared record, 0 when this browser has none: the base for the next change. */
export async function sharedVersion(db: FloorwalkerDB, entity: SharedEntity, id: string): Promise<number> {
  return (await db.get('shared', [entity, id]))?.version ?? 0;
}

/**
 * Queue a change to a shared record for the server, which answers with the record as it keeps it.
 * It builds on the version this browser holds. With `whilePending`, a change queued before and not
 * yet answered refuses this one with that message: pushed together, both would carry the same base
 * version and the second would conflict with the first. Checked and queued in one transaction.
 */
export async function queueSharedChange(
  db: FloorwalkerDB,
  change: Omit<PendingMutation, 'createdAt' | 'seq' | 'baseVersion'>,
  now: Date,
  { whilePending }: { whilePending?: string } = {},
): Promise<void> {
  const tx = db.transaction(['shared', 'outbox', 'meta'], 'readwrite');
  const key = [change.entity, change.recordId] as [SharedEntity, string];
  if (whilePending && (await tx.objectStore('outbox').index('by-record').count(key)) > 0) {
    // Nothing was written: the transaction ends empty.
    throw new Error(whilePending);
  }
  const baseVersion = (await tx.objectStore('shared').get(key))?.version ?? 0;
  await queueMutation(tx as unknown as Tx, { ...change, baseVersion, createdAt: now.toISOString() } as PendingMutation);
  await tx.done;
}

/**
 * The signed-in person acknowledges a notice version: kept at once, so the notice leaves their list
 * while the acknowledgement goes to the server (which records the time it arrives as its own).
 */
export async function acknowledgeNotice(
  db: FloorwalkerDB,
  ack: { noticeId: string; noticeVersion: number; userId: string },
  now: Date,
): Promise<void> {
  const id = noticeAckKey(ack);
  const tx = db.transaction(['shared', 'outbox', 'meta'], 'readwrite');
  if (!(await tx.objectStore('shared').get(['noticeAck', id]))) {
    const data: NoticeAcknowledgement = { ...ack, at: now.toISOString() };
    await tx.objectStore('shared').put({ entity: 'noticeAck', id, version: 0, data });
    await queueMutation(tx as unknown as Tx, {
      entity: 'noticeAck',
      name: 'noticeAck.put',
      recordId: id,
      baseVersion: 0,
      args: { noticeId: ack.noticeId, noticeVersion: ack.noticeVersion },
      createdAt: now.toISOString(),
    });
  }
  await tx.done;
}
