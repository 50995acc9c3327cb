import type { Kysely, Transaction } from 'kysely';
import { checklistKey } from '../../core/checklist.ts';
import { builtInChecklist } from '../../core/checklists/index.ts';
import { type Entity, type Mutation, type MutationResult, type PushRequest, entityOf } from '../../core/sync.ts';
import type { SessionUser } from '../accounts/sessions.ts';
import type { Tables } from '../db/schema.ts';
import { Problem } from '../http/problem.ts';
import { putChecklist } from './checklists.ts';
import { putAdapterSwitch, putCustomAdapter } from './adapters.ts';
import { putOrgSettings, recordComplaintEvent } from './complaints.ts';
import { acknowledgeNotice, putNotice, putRulePack, recordPromptEvent } from './prompts.ts';
import type { Outcome } from './outcome.ts';
import { PushContext, ROWS_PER_INSERT, type RecordKey } from './pushContext.ts';
import { type StoredRecord, syncRecordJson } from './records.ts';
import { discardSpotCheck, putSpotCheck, respondOrResolve } from './spotChecks.ts';

/*
 * Push (DESIGN.md "Sync, in rules" 3): mutations with an id above the client's last one are applied
 * in order, each once, in one transaction with the advance of last_mutation_id, so a crash leaves
 * nothing half-applied. Earlier ids are answered from the stored results: a repeated push changes
 * nothing and gets the same answers.
 *
 * Returns the PushResponse as JSON: each answer is serialised once, for the stored copy and the
 * response alike, with the records' data as the JSON just written for them.
 */
export async function push(db: Kysely<Tables>, user: SessionUser, request: PushRequest, now: Date): Promise<string> {
  requireIncreasingIds(request.mutations);
  const firstId = request.mutations[0]!.id;
  const lastId = request.mutations.at(-1)!.id;
  return db.transaction().execute(async (trx) => {
    // Locks the organisation's counter row first: pushes to one organisation run one after another,
    // so they commit in seq order and a pull never sees seq N+1 before N.
    const { change_seq } = await trx
      .updateTable('organisations')
      .set((eb) => ({ change_seq: eb.ref('change_seq') }))
      .where('id', '=', user.orgId)
      .returning('change_seq')
      .executeTakeFirstOrThrow();
    const lastApplied = await claimClient(trx, request.clientId, user.id);
    const ctx = new PushContext(trx, user, request.clientId, now, change_seq);

    // The client sends its outbox oldest first, so it has the answers to everything before this batch.
    await trx.deleteFrom('mutation_results').where('client_id', '=', request.clientId).where('mutation_id', '<', firstId).execute();

    await ctx.prefetch(request.mutations.filter((m) => m.id > lastApplied).flatMap(recordsConcerned));
    const results: Answer[] = [];
    for (const m of request.mutations) {
      results.push(m.id <= lastApplied ? await replay(ctx, m, lastApplied) : await answer(ctx, m, await apply(ctx, m)));
    }

    const answered = results
      .filter((r) => r.id > lastApplied)
      .map((r) => ({ client_id: request.clientId, mutation_id: r.id, result: r.json }));
    for (let i = 0; i < answered.length; i += ROWS_PER_INSERT) {
      await trx.insertInto('mutation_results').values(answered.slice(i, i + ROWS_PER_INSERT)).execute();
    }
    if (lastId > lastApplied) {
      await trx.updateTable('clients').set({ last_mutation_id: lastId }).where('client_id', '=', request.clientId).execute();
    }
    await ctx.finish();
    return `{"results":[${results.map((r) => r.json).join(',')}]}`;
  });
}

function requireIncreasingIds(mutations: readonly Mutation[]): void {
  mutations.forEach((m, i) => {
    const before = mutations[i - 1];
    if (before && m.id <= before.id) {
      const path = `mutations.${i}.id`;
      const message = `mutation ids must increase within a push: ${m.id} follows ${before.id}`;
      throw new Problem(400, `invalid request body: ${path}: ${message}`, [{ path, message }]);
    }
  });
}

/** The client's last applied mutation id; a client id belongs to the user who first pushed with it. */
async function claimClient(trx: Transaction<Tables>, clientId: string, userId: string): Promise<number> {
  await trx
    .insertInto('clients')
    .values({ client_id: clientId, user_id: userId, last_mutation_id: 0 })
    .onConflict((oc) => oc.column('client_id').doNothing())
    .execute();
  const client = await trx.selectFrom('clients').select(['user_id', 'last_mutation_id']).where('client_id', '=', clientId).executeTakeFirstOrThrow();
  if (client.user_id !== userId) {
    throw new Problem(403, 'this client id belongs to another user: make a new client id when a different person signs in');
  }
  return client.last_mutation_id;
}


/** The records applying `m` reads: its own, and for a put the checklist version it is scored with. */
function recordsConcerned(m: Mutation): RecordKey[] {
  const own = { entity: entityOf(m), id: m.recordId };
  if (m.name === 'noticeAck.put') return [own, { entity: 'notice', id: m.args.noticeId }];
  if (m.name !== 'spotCheck.put' || builtInChecklist(m.args.checklistId)) return [own];
  return [own, { entity: 'checklist', id: checklistKey({ id: m.args.checklistId, version: m.args.checklistVersion }) }];
}

function apply(ctx: PushContext, m: Mutation): Promise<Outcome> {
  switch (m.name) {
    case 'spotCheck.put':
      return putSpotCheck(ctx, m);
    case 'spotCheck.discard':
      return discardSpotCheck(ctx, m);
    case 'spotCheck.respond':
    case 'spotCheck.resolve':
      return respondOrResolve(ctx, m);
    case 'checklist.put':
      return putChecklist(ctx, m);
    case 'complaint.event':
      return recordComplaintEvent(ctx, m);
    case 'orgSettings.put':
      return putOrgSettings(ctx, m);
    case 'rulePack.put':
      return putRulePack(ctx, m);
    case 'notice.put':
      return putNotice(ctx, m);
    case 'noticeAck.put':
      return acknowledgeNotice(ctx, m);
    case 'promptEvent.record':
      return recordPromptEvent(ctx, m);
    case 'customAdapter.put':
      return putCustomAdapter(ctx, m);
    case 'adapterSwitch.put':
      return putAdapterSwitch(ctx, m);
  }
}

/** A mutation's answer: its id, and the MutationResult as JSON. */
interface Answer {
  id: number;
  json: string;
}

/** JSON.stringify({ ...result, record: toSyncRecord(record) }), the same text, without serialising the data again. */
function resultJson(result: Omit<MutationResult, 'record'>, record: StoredRecord | undefined): string {
  const head = JSON.stringify(result);
  return record ? `${head.slice(0, -1)},"record":${syncRecordJson(record)}}` : head;
}

/** A mutation this client sent before: exactly the answer it got then. */
async function replay(ctx: PushContext, m: Mutation, lastApplied: number): Promise<Answer> {
  const saved = await ctx.trx
    .selectFrom('mutation_results')
    .select('result')
    .where('client_id', '=', ctx.clientId)
    .where('mutation_id', '=', m.id)
    .executeTakeFirst();
  if (saved) return { id: m.id, json: saved.result };
  const reason = `this client already sent mutations up to ${lastApplied}, and mutation ${m.id} was answered before: it is not applied again`;
  return { id: m.id, json: resultJson({ id: m.id, status: 'rejected', reason }, undefined) };
}

/** The result for the client: the outcome and, when the user may see it, the record as the server now has it. */
async function answer(ctx: PushContext, m: Mutation, outcome: Outcome): Promise<Answer> {
  const record = outcome.record ?? (await ctx.read(entityOf(m), m.recordId));
  const result = { id: m.id, status: outcome.status, ...(outcome.reason === undefined ? {} : { reason: outcome.reason }) };
  return { id: m.id, json: resultJson(result, record && (await ctx.mayRead(record)) ? record : undefined) };
}
