import type { Transaction } from 'kysely';
import type { Role } from '../../core/account.ts';
import type { Checklist } from '../../core/checklist.ts';
import { builtInChecklist } from '../../core/checklists/index.ts';
import type { SpotCheckStatus } from '../../core/spotCheck.ts';
import type { Entity, Mutation } from '../../core/sync.ts';
import type { SessionUser } from '../accounts/sessions.ts';
import { type AuditEntry, writeAudit } from '../audit.ts';
import { type RecordFacts, canRead } from '../authz.ts';
import type { Tables } from '../db/schema.ts';
import { complaintFacts } from './complaints.ts';
import { RECORD_COLUMNS, type StoredRecord, fromRow, readRecord } from './records.ts';

/** A colleague, as the rules about spot checks need them. */
export interface Person {
  role: Role;
  teamIds: string[];
  disabled: boolean;
}

/** What a mutation writes; the context adds version, seq and the audit entry. */
export interface RecordWrite {
  entity: Entity;
  id: string;
  deleted: boolean;
  data: unknown;
  agentId: string | null;
  evaluatorId: string | null;
  status: string;
}

/** A record's identity within the organisation. */
export interface RecordKey {
  entity: Entity;
  id: string;
}

/** Rows per multi-row statement: 500 records rows of 11 columns stay far below either database's parameter limit. */
export const ROWS_PER_INSERT = 500;

const keyOf = (entity: Entity, id: string) => `${entity}/${id}`;

type RecordRow = Tables['records'];

/**
 * Everything one push shares: its transaction, the pushing user, one "now", the organisation's
 * change counter (locked by the push, advanced here, saved at the end), and look-ups cached for the
 * push so a batch of 500 checks does not read the roster or a checklist 500 times.
 *
 * Records are read once (prefetch() reads a whole batch's in a few queries) and then served from
 * this push's own copy, which write() keeps current; the rows are written by finish(), in multi-row
 * inserts, the last write of each record only. That is safe because the push holds the
 * organisation's lock (see push.ts): nobody else writes its records until the push commits, and
 * everything happens in the push's transaction, so a failure still leaves nothing behind.
 */
export class PushContext {
  private changeSeq: number;
  private readonly auditEntries: AuditEntry[] = [];
  private people: Map<string, Person> | undefined;
  private readonly checklists = new Map<string, Checklist | undefined>();
  /** Records as this push sees them: read from the database (undefined: there is none), then as written. */
  private readonly records = new Map<string, StoredRecord | undefined>();
  /** Keys of the records that exist in the database: written back with an update, the rest inserted. */
  private readonly inDatabase = new Set<string>();
  /** The rows finish() writes: each written record as last written. */
  private readonly pendingRows = new Map<string, RecordRow>();

  constructor(
    readonly trx: Transaction<Tables>,
    readonly actor: SessionUser,
    readonly clientId: string,
    readonly now: Date,
    private readonly startSeq: number,
  ) {
    this.changeSeq = startSeq;
  }

  /** Reads the records these mutations concern in a few queries, so read() finds them without one each. */
  async prefetch(keys: readonly RecordKey[]): Promise<void> {
    for (const entity of new Set(keys.map((k) => k.entity))) {
      const ids = [...new Set(keys.filter((k) => k.entity === entity && !this.records.has(keyOf(entity, k.id))).map((k) => k.id))];
      for (let i = 0; i < ids.length; i += ROWS_PER_INSERT) {
        const chunk = ids.slice(i, i + ROWS_PER_INSERT);
        const rows = await this.trx
          .selectFrom('records')
          .select(RECORD_COLUMNS)
          .where('org_id', '=', this.actor.orgId)
          .where('entity', '=', entity)
          .where('id', 'in', chunk)
          .execute();
        for (const id of chunk) this.records.set(keyOf(entity, id), undefined);
        for (const row of rows) this.remember(fromRow(row));
      }
    }
  }

  private remember(record: StoredRecord): void {
    const key = keyOf(record.entity, record.id);
    this.records.set(key, record);
    this.inDatabase.add(key);
  }

  /** The record as this push sees it: as stored, or as an earlier mutation of the push left it. */
  async read(entity: Entity, id: string): Promise<StoredRecord | undefined> {
    const key = keyOf(entity, id);
    if (this.records.has(key)) return this.records.get(key);
    const record = await readRecord(this.trx, this.actor.orgId, entity, id);
    if (record) this.remember(record);
    else this.records.set(key, undefined);
    return record;
  }

  async person(userId: string): Promise<Person | undefined> {
    this.people ??= await this.loadPeople();
    return this.people.get(userId);
  }

  private async loadPeople(): Promise<Map<string, Person>> {
    const users = await this.trx.selectFrom('users').select(['id', 'role', 'disabled']).where('org_id', '=', this.actor.orgId).execute();
    const members = await this.trx
      .selectFrom('team_members')
      .innerJoin('users', 'users.id', 'team_members.user_id')
      .select(['team_members.user_id', 'team_members.team_id'])
      .where('users.org_id', '=', this.actor.orgId)
      .execute();
    const people = new Map(users.map((u) => [u.id, { role: u.role, teamIds: [] as string[], disabled: u.disabled === 1 }]));
    for (const m of members) people.get(m.user_id)?.teamIds.push(m.team_id);
    return people;
  }

  async facts(record: StoredRecord): Promise<RecordFacts> {
    const orgId = this.actor.orgId;
    if (record.entity === 'checklist') return { entity: 'checklist', orgId, status: record.status as Checklist['status'] };
    if (record.entity === 'complaint') return { entity: 'complaint', ...(await complaintFacts(this, record)) };
    if (record.entity === 'noticeAck') {
      const userId = record.agentId ?? '';
      return { entity: 'noticeAck', orgId, userId, userTeamIds: (await this.person(userId))?.teamIds ?? [] };
    }
    if (record.entity !== 'spotCheck') return { entity: record.entity, orgId };
    const agent = record.agentId ? await this.person(record.agentId) : undefined;
    return {
      entity: 'spotCheck',
      orgId,
      agentId: record.agentId,
      agentTeamIds: agent?.teamIds ?? [],
      evaluatorId: record.evaluatorId,
      status: record.status as SpotCheckStatus,
    };
  }

  async mayRead(record: StoredRecord): Promise<boolean> {
    return canRead(this.actor, await this.facts(record));
  }

  /** An approved checklist version to score with: built in, or published in this organisation. */
  async approvedChecklist(id: string, version: number): Promise<Checklist | undefined> {
    const builtIn = builtInChecklist(id);
    if (builtIn) return builtIn.version === version ? builtIn : undefined;
    const key = `${id}@${version}`;
    if (!this.checklists.has(key)) {
      const record = await this.read('checklist', key);
      this.checklists.set(key, record && !record.deleted && record.status === 'approved' ? (record.data as Checklist) : undefined);
    }
    return this.checklists.get(key);
  }

  /** Writes the record at the next version and the organisation's next seq (in finish()), and audits it. */
  async write(mutation: Mutation, previous: StoredRecord | undefined, next: RecordWrite): Promise<StoredRecord> {
    const version = (previous?.version ?? 0) + 1;
    const seq = ++this.changeSeq;
    const key = keyOf(next.entity, next.id);
    const dataJson = next.data === null ? null : JSON.stringify(next.data);
    this.pendingRows.set(key, {
      org_id: this.actor.orgId,
      entity: next.entity,
      id: next.id,
      version,
      seq,
      deleted: next.deleted ? 1 : 0,
      data: dataJson,
      agent_id: next.agentId,
      evaluator_id: next.evaluatorId,
      status: next.status,
      updated_at: this.now.toISOString(),
    });
    const record: StoredRecord = { ...next, version, seq, dataJson };
    this.records.set(key, record);
    if (next.entity === 'checklist') this.checklists.delete(next.id);
    this.auditEntries.push({
      orgId: this.actor.orgId,
      userId: this.actor.id,
      at: this.now,
      action: mutation.name,
      entity: next.entity,
      recordId: next.id,
      detail: { clientId: this.clientId, mutationId: mutation.id, version, status: next.status },
    });
    return record;
  }

  /** Writes the records, the advanced change counter and the audit entries; the caller commits. */
  async finish(): Promise<void> {
    const inserts: RecordRow[] = [];
    for (const [key, row] of this.pendingRows) {
      if (!this.inDatabase.has(key)) {
        inserts.push(row);
        continue;
      }
      const { org_id, entity, id, ...changed } = row;
      await this.trx.updateTable('records').set(changed).where('org_id', '=', org_id).where('entity', '=', entity).where('id', '=', id).execute();
    }
    for (let i = 0; i < inserts.length; i += ROWS_PER_INSERT) {
      await this.trx.insertInto('records').values(inserts.slice(i, i + ROWS_PER_INSERT)).execute();
    }
    if (this.changeSeq !== this.startSeq) {
      await this.trx.updateTable('organisations').set({ change_seq: this.changeSeq }).where('id', '=', this.actor.orgId).execute();
    }
    for (let i = 0; i < this.auditEntries.length; i += ROWS_PER_INSERT) {
      await writeAudit(this.trx, this.auditEntries.slice(i, i + ROWS_PER_INSERT));
    }
  }
}
