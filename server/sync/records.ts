import type { Kysely } from 'kysely';
import type { Entity, SyncRecord } from '../../core/sync.ts';
import type { Tables } from '../db/schema.ts';

/** A record as stored, with its data parsed. */
export interface StoredRecord {
  entity: Entity;
  id: string;
  version: number;
  seq: number;
  deleted: boolean;
  /** The entity (SpotCheck, Checklist) as last written by this server; null for a tombstone. */
  data: unknown;
  /** `data` as the JSON stored for it, when at hand: spares serialising it again for an answer. */
  dataJson?: string | null;
  agentId: string | null;
  evaluatorId: string | null;
  status: string;
}

type RecordRow = Pick<
  Tables['records'],
  'entity' | 'id' | 'version' | 'seq' | 'deleted' | 'data' | 'agent_id' | 'evaluator_id' | 'status'
>;

export const RECORD_COLUMNS = ['entity', 'id', 'version', 'seq', 'deleted', 'data', 'agent_id', 'evaluator_id', 'status'] as const;

export function fromRow(row: RecordRow): StoredRecord {
  return {
    entity: row.entity,
    id: row.id,
    version: row.version,
    seq: row.seq,
    deleted: row.deleted === 1,
    data: row.data === null ? null : JSON.parse(row.data),
    dataJson: row.data,
    agentId: row.agent_id,
    evaluatorId: row.evaluator_id,
    status: row.status,
  };
}

export async function readRecord(db: Kysely<Tables>, orgId: string, entity: Entity, id: string): Promise<StoredRecord | undefined> {
  const row = await db
    .selectFrom('records')
    .select(RECORD_COLUMNS)
    .where('org_id', '=', orgId)
    .where('entity', '=', entity)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && fromRow(row);
}

export function toSyncRecord(record: StoredRecord): SyncRecord {
  return {
    entity: record.entity,
    id: record.id,
    version: record.version,
    deleted: record.deleted,
    data: record.deleted ? null : record.data,
  };
}

/** A SyncRecord as JSON, its keys in the schema's order, with the data already serialised. */
const syncJson = (entity: Entity, id: string, version: number, deleted: boolean, dataJson: string) =>
  `{"entity":${JSON.stringify(entity)},"id":${JSON.stringify(id)},"version":${version},"deleted":${deleted},"data":${dataJson}}`;

/** JSON.stringify(toSyncRecord(record)), the same text, with the data's stored JSON reused when at hand. */
export function syncRecordJson(record: StoredRecord): string {
  const dataJson = record.deleted || record.data === null ? 'null' : (record.dataJson ?? JSON.stringify(record.data));
  return syncJson(record.entity, record.id, record.version, record.deleted, dataJson);
}

/** JSON.stringify(toSyncRecord(fromRow(row))), the same text, without parsing the stored data: what pull sends. */
export function rowSyncJson(row: RecordRow): string {
  const deleted = row.deleted === 1;
  return syncJson(row.entity, row.id, row.version, deleted, deleted || row.data === null ? 'null' : row.data);
}
