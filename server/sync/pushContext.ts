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
import { type StoredRecord, readRecord } from './records.ts';

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

/**
 * Everything one push shares: its transaction, the pushing user, one "now", the organisation's
 * change counter (locked by the push, advanced here, saved at the end), and look-ups cached for the
 * push so a batch of 500 checks does not read the roster or a checklist 500 times.
 */
export class PushContext {
  private changeSeq: number;
  private readonly auditEntries: AuditEntry[] = [];
  private people: Map<string, Person> | undefined;
  private readonly checklists = new Map<string, Checklist | undefined>();

  constructor(
    readonly trx: Transaction<Tables>,
    readonly actor: SessionUser,
    readonly clientId: string,
    readonly now: Date,
    private readonly startSeq: number,
  ) {
    this.changeSeq = startSeq;
  }

  read(entity: Entity, id: string): Promise<StoredRecord | undefined> {
    return readRecord(this.trx, this.actor.orgId, entity, id);
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

  /** Writes the record at the next version and the organisation's next seq, and audits it. */
  async write(mutation: Mutation, previous: StoredRecord | undefined, next: RecordWrite): Promise<StoredRecord> {
    const version = (previous?.version ?? 0) + 1;
    const seq = ++this.changeSeq;
    const row = {
      version,
      seq,
      deleted: next.deleted ? 1 : 0,
      data: next.data === null ? null : JSON.stringify(next.data),
      agent_id: next.agentId,
      evaluator_id: next.evaluatorId,
      status: next.status,
      updated_at: this.now.toISOString(),
    };
    if (previous) {
      await this.trx
        .updateTable('records')
        .set(row)
        .where('org_id', '=', this.actor.orgId)
        .where('entity', '=', next.entity)
        .where('id', '=', next.id)
        .execute();
    } else {
      await this.trx.insertInto('records').values({ ...row, org_id: this.actor.orgId, entity: next.entity, id: next.id }).execute();
    }
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
    return { ...next, version, seq };
  }

  /** Saves the advanced change counter and the audit entries; the caller commits. */
  async finish(): Promise<void> {
    if (this.changeSeq !== this.startSeq) {
      await this.trx.updateTable('organisations').set({ change_seq: this.changeSeq }).where('id', '=', this.actor.orgId).execute();
    }
    for (let i = 0; i < this.auditEntries.length; i += 200) {
      await writeAudit(this.trx, this.auditEntries.slice(i, i + 200));
    }
  }
}
