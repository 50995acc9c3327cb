import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Checklist } from '../core/checklist.ts';
import type { Complaint, ComplaintEvent } from '../core/complaint.ts';
import type { PromptEvent } from '../core/promptRecords.ts';
import type { SpotCheck } from '../core/spotCheck.ts';
import type { Entity, Mutation, SyncRecord } from '../core/sync.ts';

/** A local change waiting to be pushed: a sync mutation whose id is its outbox key. */
export type PendingMutation = DistributiveOmit<Mutation, 'id'> & { seq?: number; entity: Entity; createdAt: string };
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

/** A complaint as this browser holds it: its history, the state it leaves, and the server's version. */
export interface ComplaintEntry {
  id: string;
  complaint: Complaint;
  events: ComplaintEvent[];
  /** The server's version of the record; 0 until the server has it. */
  version: number;
}

/** A pushed mutation the server refused, kept with its reason until the user dismisses it. */
export interface ParkedMutation {
  seq: number;
  mutation: PendingMutation;
  reason: string;
  at: string;
}

/** A pushed mutation that met a newer server version; the user chooses which to keep. */
export interface Conflict {
  seq: number;
  mutation: PendingMutation;
  server: SyncRecord;
  reason: string;
  at: string;
}

export interface FloorwalkerSchema extends DBSchema {
  spotChecks: {
    key: string;
    value: SpotCheck;
    indexes: { 'by-updatedAt': string; 'by-agent': string; 'by-checklist': string; 'by-status': string };
  };
  outbox: { key: number; value: PendingMutation; indexes: { 'by-record': [string, string] } };
  checklists: { key: [string, number]; value: Checklist };
  parked: { key: number; value: ParkedMutation };
  conflicts: { key: number; value: Conflict };
  complaints: {
    key: string;
    value: ComplaintEntry;
    indexes: { 'by-updatedAt': string; 'by-owner': string; 'by-status': string };
  };
  /** Small named values: the client id, the pull cursor, the roster, whose data this is. */
  meta: { key: string; value: unknown };
  /** What happened to the prompts shown in CRM pages: rule, action, contact key, user, time; never page text. */
  promptEvents: { key: string; value: PromptEvent; indexes: { 'by-at': string } };
  /** What the organisation publishes and the notice acknowledgements this person may see, as pulled (storage/shared.ts). */
  shared: { key: [SharedEntity, string]; value: SharedEntry; indexes: { 'by-entity': SharedEntity } };
}

/** The entities kept in the shared store: few, small, and read whole. */
export type SharedEntity = 'rulePack' | 'notice' | 'noticeAck' | 'customAdapter' | 'adapterSwitch';
export interface SharedEntry {
  entity: SharedEntity;
  id: string;
  /** The server's version of the record. */
  version: number;
  data: unknown;
}

export type FloorwalkerDB = IDBPDatabase<FloorwalkerSchema>;
type UpgradeTx = IDBPTransaction<FloorwalkerSchema, StoreNames<FloorwalkerSchema>[], 'versionchange'>;

/**
 * Schema migrations, one per version, applied in order from the version on disk. Never edit a
 * shipped step: add a new one, so every browser reaches the same schema whatever it started from.
 */
export const migrations: ReadonlyArray<(db: FloorwalkerDB, tx: UpgradeTx) => void> = [
  // v1: spot checks, newest first, and the outbox.
  (db) => {
    db.createObjectStore('spotChecks', { keyPath: 'id' }).createIndex('by-updatedAt', 'updatedAt');
    db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true }).createIndex('by-record', [
      'entity',
      'recordId',
    ]);
  },
  // v2: imported checklists; indexes for the list's filters and for finding open drafts.
  (db, tx) => {
    db.createObjectStore('checklists', { keyPath: ['id', 'version'] });
    const spotChecks = tx.objectStore('spotChecks');
    spotChecks.createIndex('by-agent', 'agent');
    spotChecks.createIndex('by-checklist', 'checklistId');
    spotChecks.createIndex('by-status', 'status');
  },
  // v3: sync. Outbox entries become named mutations (none were ever pushed before v3, so each is a
  // create from version 0); refused and conflicting mutations get stores of their own.
  (db, tx) => {
    db.createObjectStore('parked', { keyPath: 'seq' });
    db.createObjectStore('conflicts', { keyPath: 'seq' });
    db.createObjectStore('meta');
    const outbox = tx.objectStore('outbox');
    void outbox.openCursor().then(async function convert(cursor): Promise<void> {
      if (!cursor) return;
      const old = cursor.value as unknown as V2OutboxEntry;
      if (old.op === 'put' && old.payload) {
        // Before v3 a check was only ever a draft or submitted, so it fits a put as it is.
        const { result: _result, version: _version, ...args } = old.payload as SpotCheck & { status: 'draft' | 'submitted' };
        const entry: PendingMutation = {
          seq: cursor.key,
          entity: 'spotCheck',
          name: 'spotCheck.put',
          recordId: old.recordId,
          baseVersion: 0,
          args,
          createdAt: old.createdAt,
        };
        await cursor.update(entry);
      } else {
        await cursor.delete();
      }
      return convert(await cursor.continue());
    });
  },
  // v4: complaints, each with its full history.
  (db) => {
    const complaints = db.createObjectStore('complaints', { keyPath: 'id' });
    complaints.createIndex('by-updatedAt', 'complaint.updatedAt');
    complaints.createIndex('by-owner', 'complaint.owner.id');
    complaints.createIndex('by-status', 'complaint.status');
  },
  // v5: prompt events from the in-page guard, oldest first by time.
  (db) => {
    db.createObjectStore('promptEvents', { keyPath: 'id' }).createIndex('by-at', 'at');
  },
  // v6: rule packs, notices and their acknowledgements, custom adapters and adapter switches.
  (db) => {
    db.createObjectStore('shared', { keyPath: ['entity', 'id'] }).createIndex('by-entity', 'entity');
  },
];

/** The outbox entry shape of schema versions 1 and 2, for the v3 migration. */
interface V2OutboxEntry {
  entity: 'spotCheck';
  recordId: string;
  op: 'put' | 'delete';
  payload: unknown;
  createdAt: string;
}

export const DB_NAME = 'floorwalker';
export const DB_VERSION = migrations.length;

export interface OpenOptions {
  name?: string;
  version?: number;
  /** The connection was closed from outside (a newer version, or the browser): open anew next time. */
  onClose?: () => void;
}

export function openFloorwalkerDB({ name = DB_NAME, version = DB_VERSION, onClose }: OpenOptions = {}): Promise<FloorwalkerDB> {
  return openDB<FloorwalkerSchema>(name, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) migrations[v]!(db, tx);
    },
    blocking(_current, _next, event) {
      // A newer worker wants to upgrade: let it, rather than leave it waiting on us.
      (event.target as IDBDatabase).close();
      onClose?.();
    },
    terminated() {
      onClose?.();
    },
  });
}

/**
 * Run `work` in `tx` all or nothing: if it throws (a refused write, a rule it checks), the
 * transaction is aborted, so nothing it already wrote lands, and the error goes to the caller.
 * IndexedDB alone would commit the writes made before the failure.
 */
export async function atomically<T>(tx: { abort(): void; done: Promise<void> }, work: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await work();
  } catch (err) {
    try {
      tx.abort();
    } catch {
      // Already finished or aborted.
    }
    await tx.done.catch(() => undefined);
    throw err;
  }
  await tx.done;
  return result;
}
