import { describe, expect, it } from 'vitest';
import { type StoredRecord, fromRow, rowSyncJson, syncRecordJson, toSyncRecord } from './records.ts';

const live: StoredRecord = {
  entity: 'spotCheck',
  id: '0190a6c2-0000-7000-8000-000000000001',
  version: 3,
  seq: 17,
  deleted: false,
  data: { id: '0190a6c2-0000-7000-8000-000000000001', note: 'quotes " and \\ and \u2028 survive', answers: { a: { value: 4 } } },
  agentId: 'agent',
  evaluatorId: 'evaluator',
  status: 'submitted',
};

describe('syncRecordJson and rowSyncJson', () => {
  it('is the same text as serialising toSyncRecord, for a record as written, as read, and a tombstone', () => {
    const row = {
      entity: live.entity,
      id: live.id,
      version: live.version,
      seq: live.seq,
      deleted: 0,
      data: JSON.stringify(live.data),
      agent_id: live.agentId,
      evaluator_id: live.evaluatorId,
      status: live.status,
    };
    const tombstone: StoredRecord = { ...live, deleted: true, data: null, dataJson: null };
    for (const record of [live, { ...live, dataJson: JSON.stringify(live.data) }, fromRow(row), tombstone, fromRow({ ...row, deleted: 1, data: null })]) {
      expect(syncRecordJson(record)).toBe(JSON.stringify(toSyncRecord(record)));
    }
    for (const r of [row, { ...row, deleted: 1, data: null }, { ...row, deleted: 1 }]) {
      expect(rowSyncJson(r)).toBe(JSON.stringify(toSyncRecord(fromRow(r))));
    }
  });
});
