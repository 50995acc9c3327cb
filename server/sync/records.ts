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
