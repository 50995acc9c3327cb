import type { MutationResult } from '../../core/sync.ts';
import type { StoredRecord } from './records.ts';

/** How a mutation went, with the record it concerns when there is one. */
export interface Outcome {
  status: MutationResult['status'];
  reason?: string;
  record?: StoredRecord;
}

export const applied = (record?: StoredRecord): Outcome => ({ status: 'applied', record });
export const rejected = (reason: string, record?: StoredRecord): Outcome => ({ status: 'rejected', reason, record });

/** A conflict when the client's base version is not the server's; undefined when they agree. */
export function versionConflict(existing: StoredRecord | undefined, baseVersion: number): Outcome | undefined {
  const serverVersion = existing?.version ?? 0;
  if (serverVersion === baseVersion) return undefined;
  if (!existing) return rejected(`the server has no such record (the change was based on version ${baseVersion})`);
  return {
    status: 'conflict',
    reason:
      baseVersion === 0
        ? 'a record with this id already exists on the server'
        : `changed on the server since you last saw it (server version ${serverVersion}, yours ${baseVersion})`,
    record: existing,
  };
}
