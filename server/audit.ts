import type { Kysely } from 'kysely';
import type { Tables } from './db/schema.ts';

/** One write, for the append-only audit log: who, when, what, and ids (never free text a person typed). */
export interface AuditEntry {
  orgId: string;
  /** Null when the admin command line acted. */
  userId: string | null;
  at: Date;
  /** A mutation name (spotCheck.put) or an admin action (user.create). */
  action: string;
  entity?: string;
  recordId?: string;
  detail?: Record<string, string | number | boolean | null>;
}

export async function writeAudit(db: Kysely<Tables>, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('audit_log')
    .values(
      entries.map((e) => ({
        org_id: e.orgId,
        user_id: e.userId,
        at: e.at.toISOString(),
        action: e.action,
        entity: e.entity ?? null,
        record_id: e.recordId ?? null,
        detail: e.detail ? JSON.stringify(e.detail) : null,
      })),
    )
    .execute();
}
