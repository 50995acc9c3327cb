import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Checklist } from '../core/checklist.ts';
import type { SpotCheck } from '../core/spotCheck.ts';

/** A local change waiting to be pushed to the server (consumed by the sync engine). */
export interface OutboxEntry {
  seq?: number;
  entity: 'spotCheck';
  recordId: string;
  op: 'put' | 'delete';
  payload: unknown;
  createdAt: string;
}

export interface FloorwalkerSchema extends DBSchema {
  spotChecks: {
    key: string;
    value: SpotCheck;
    indexes: { 'by-updatedAt': string; 'by-agent': string; 'by-checklist': string; 'by-status': string };
  };
  outbox: { key: number; value: OutboxEntry; indexes: { 'by-record': [string, string] } };
  checklists: { key: [string, number]; value: Checklist };
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
];

export const DB_NAME = 'floorwalker';
export const DB_VERSION = migrations.length;

export function openFloorwalkerDB(name = DB_NAME, version = DB_VERSION): Promise<FloorwalkerDB> {
  return openDB<FloorwalkerSchema>(name, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) migrations[v]!(db, tx);
    },
    blocking(_current, _next, event) {
      // A newer worker wants to upgrade: let it, rather than leave it waiting on us.
      (event.target as IDBDatabase).close();
    },
  });
}
