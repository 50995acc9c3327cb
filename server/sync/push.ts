import type { Kysely, Transaction } from 'kysely';
import type { Entity, Mutation, MutationResult, PushRequest, PushResponse } from '../../core/sync.ts';
import type { SessionUser } from '../accounts/sessions.ts';
import type { Tables } from '../db/schema.ts';
import { Problem } from '../http/problem.ts';
import { putChecklist } from './checklists.ts';
import type { Outcome } from './outcome.ts';
import { PushContext } from './pushContext.ts';
import { toSyncRecord } from './records.ts';
import { discardSpotCheck, putSpotCheck, respondOrResolve } from './spotChecks.ts';

/*
 * Push (DESIGN.md "Sync, in rules" 3): mutations with an id above the client's last one are applied
 * in order, each once, in one transaction with the advance of last_mutation_id, so a crash leaves
 * nothing half-applied. Earlier ids are answered from the stored results: a repeated push changes
 * nothing and gets the same answers.
 */
export async function push(db: Kysely<Tables>, user: SessionUser, request: PushRequest, now: Date): Promise<PushResponse> {
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

    const results: MutationResult[] = [];
    for (const m of request.mutations) {
      results.push(m.id <= lastApplied ? await replay(ctx, m, lastApplied) : await answer(ctx, m, await apply(ctx, m)));
    }

    const answered = results
      .filter((r) => r.id > lastApplied)
      .map((r) => ({ client_id: request.clientId, mutation_id: r.id, result: JSON.stringify(r) }));
    for (let i = 0; i < answered.length; i += 200) {
      await trx.insertInto('mutation_results').values(answered.slice(i, i + 200)).execute();
    }
    if (lastId > lastApplied) {
      await trx.updateTable('clients').set({ last_mutation_id: lastId }).where('client_id', '=', request.clientId).execute();
    }
    await ctx.finish();
    return { results };
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

const entityOf = (m: Mutation): Entity => (m.name === 'checklist.put' ? 'checklist' : 'spotCheck');

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
  }
}

/** A mutation this client sent before: exactly the answer it got then. */
async function replay(ctx: PushContext, m: Mutation, lastApplied: number): Promise<MutationResult> {
  const saved = await ctx.trx
    .selectFrom('mutation_results')
    .select('result')
    .where('client_id', '=', ctx.clientId)
    .where('mutation_id', '=', m.id)
    .executeTakeFirst();
  if (saved) return JSON.parse(saved.result) as MutationResult;
  return {
    id: m.id,
    status: 'rejected',
    reason: `this client already sent mutations up to ${lastApplied}, and mutation ${m.id} was answered before: it is not applied again`,
  };
}

/** The result for the client: the outcome and, when the user may see it, the record as the server now has it. */
async function answer(ctx: PushContext, m: Mutation, outcome: Outcome): Promise<MutationResult> {
  const record = outcome.record ?? (await ctx.read(entityOf(m), m.recordId));
  return {
    id: m.id,
    status: outcome.status,
    ...(outcome.reason === undefined ? {} : { reason: outcome.reason }),
    ...(record && (await ctx.mayRead(record)) ? { record: toSyncRecord(record) } : {}),
  };
}
