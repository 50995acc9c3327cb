import { scoreSpotCheck, canSubmit, validateAnswers } from '../../core/scoring.ts';
import type { SpotCheck } from '../../core/spotCheck.ts';
import { applySpotCheckEvent } from '../../core/spotCheckLifecycle.ts';
import type { Mutation } from '../../core/sync.ts';
import { type SpotCheckFacts, canReadSpotCheck, canWriteSpotCheck } from '../authz.ts';
import { type Outcome, applied, rejected, versionConflict } from './outcome.ts';
import type { PushContext, RecordWrite } from './pushContext.ts';
import type { StoredRecord } from './records.ts';

type MutationNamed<N extends Mutation['name']> = Extract<Mutation, { name: N }>;

// Said the same whether the check does not exist or the user may not see it, so ids reveal nothing.
const NOT_FOUND = 'there is no spot check with this id that you can see';

function row(sc: SpotCheck): RecordWrite {
  return {
    entity: 'spotCheck',
    id: sc.id,
    deleted: false,
    data: sc,
    agentId: sc.agentId ?? null,
    evaluatorId: sc.evaluatorId ?? null,
    status: sc.status,
  };
}

/** The authorisation facts of a stored check, or undefined when the actor may not see it. */
async function visibleFacts(ctx: PushContext, record: StoredRecord): Promise<SpotCheckFacts | undefined> {
  const facts = (await ctx.facts(record)) as SpotCheckFacts;
  return canReadSpotCheck(ctx.actor, facts) ? facts : undefined;
}

/** Create or update a draft, or submit it. Everything derived is recomputed here. */
export async function putSpotCheck(ctx: PushContext, m: MutationNamed<'spotCheck.put'>): Promise<Outcome> {
  const input = m.args;
  const { actor } = ctx;
  if (input.id !== m.recordId) return rejected(`recordId (${m.recordId}) must be the spot check's id (${input.id})`);
  const stored = await ctx.read('spotCheck', m.recordId);
  if (stored) {
    const facts = await visibleFacts(ctx, stored);
    if (!facts) return rejected(NOT_FOUND);
    if (!canWriteSpotCheck(actor, 'put', facts)) return rejected('you cannot change this spot check', stored);
  }

  const conflict = versionConflict(stored, m.baseVersion);
  if (conflict) return conflict;
  if (stored?.deleted) return { status: 'conflict', reason: 'this spot check was discarded', record: stored };
  if (stored && stored.status !== 'draft') {
    return rejected(`this spot check is ${stored.status}: once submitted it cannot be changed or put back to draft`, stored);
  }

  const agent = input.agentId ? await ctx.person(input.agentId) : undefined;
  if (input.agentId && (!agent || agent.disabled)) return rejected('the agent is not an active user of your organisation', stored);
  const next: SpotCheckFacts = {
    orgId: actor.orgId,
    agentId: input.agentId ?? null,
    agentTeamIds: agent?.teamIds ?? [],
    evaluatorId: actor.id,
    status: input.status,
  };
  if (!canWriteSpotCheck(actor, 'put', next)) {
    return rejected(actor.role === 'supervisor' ? 'you can score only agents in your teams' : `a ${actor.role} cannot score spot checks`, stored);
  }

  const checklist = await ctx.approvedChecklist(input.checklistId, input.checklistVersion);
  if (!checklist) {
    return rejected(`checklist "${input.checklistId}" version ${input.checklistVersion} is not an approved checklist of your organisation`, stored);
  }
  const problems = validateAnswers(checklist, input.answers);
  if (problems.length > 0) return rejected(`invalid answers: ${problems.join('; ')}`, stored);
  if (input.status === 'submitted') {
    if (!input.agentId) return rejected('choose the agent the check is about before submitting', stored);
    const ready = canSubmit(checklist, input.answers);
    if (!ready.ok) return rejected(`cannot submit yet: ${ready.reason}`, stored);
  }

  // When it was submitted is the server's to say (SpotCheckPut already leaves out the other lifecycle fields).
  const { submittedAt: _, ...content } = input;
  const at = ctx.now.toISOString();
  const spotCheck: SpotCheck = {
    ...content,
    checklistTitle: checklist.title,
    evaluator: ctx.actor.name,
    evaluatorId: actor.id,
    result: scoreSpotCheck(checklist, input.answers),
    createdAt: (stored?.data as SpotCheck | undefined)?.createdAt ?? input.createdAt,
    updatedAt: at,
    ...(input.status === 'submitted' ? { submittedAt: at } : {}),
    version: (stored?.version ?? 0) + 1,
  };
  return applied(await ctx.write(m, stored, row(spotCheck)));
}

/** Throw away a draft: it becomes a tombstone, pulled as deleted. */
export async function discardSpotCheck(ctx: PushContext, m: MutationNamed<'spotCheck.discard'>): Promise<Outcome> {
  const { actor } = ctx;
  const stored = await ctx.read('spotCheck', m.recordId);
  if (!stored) {
    // Nothing to discard: the outcome the client wants already holds (if its role could discard).
    const asOwnDraft = { orgId: actor.orgId, agentId: null, agentTeamIds: [], evaluatorId: actor.id, status: 'draft' } as const;
    return canWriteSpotCheck(actor, 'discard', asOwnDraft) ? applied() : rejected(`a ${actor.role} cannot discard spot checks`);
  }
  const facts = await visibleFacts(ctx, stored);
  if (!facts) return rejected(NOT_FOUND);
  if (!canWriteSpotCheck(actor, 'discard', facts)) return rejected('you cannot discard this spot check', stored);
  if (stored.deleted) return applied(stored);
  const conflict = versionConflict(stored, m.baseVersion);
  if (conflict) return conflict;
  if (stored.status !== 'draft') return rejected(`this spot check is ${stored.status}: only a draft can be discarded`, stored);
  return applied(
    await ctx.write(m, stored, {
      entity: 'spotCheck',
      id: stored.id,
      deleted: true,
      data: null,
      agentId: stored.agentId,
      evaluatorId: stored.evaluatorId,
      status: stored.status,
    }),
  );
}

/** The agent acknowledges or disputes, or a supervisor resolves a dispute (core/spotCheckLifecycle). */
export async function respondOrResolve(
  ctx: PushContext,
  m: MutationNamed<'spotCheck.respond'> | MutationNamed<'spotCheck.resolve'>,
): Promise<Outcome> {
  const { actor } = ctx;
  const record = await ctx.read('spotCheck', m.recordId);
  const facts = record && !record.deleted ? await visibleFacts(ctx, record) : undefined;
  if (!record || !facts) return rejected(NOT_FOUND);
  if (m.name === 'spotCheck.respond' && !canWriteSpotCheck(actor, 'respond', facts)) {
    return rejected('only the agent the check is about can respond to it', record);
  }
  if (m.name === 'spotCheck.resolve' && !canWriteSpotCheck(actor, 'resolve', facts)) {
    return rejected("only the agent's supervisor or a manager can resolve a dispute", record);
  }
  const conflict = versionConflict(record, m.baseVersion);
  if (conflict) return conflict;
  const event =
    m.name === 'spotCheck.respond'
      ? ({ type: 'respond', response: m.args.response, comment: m.args.comment } as const)
      : ({ type: 'resolve', comment: m.args.comment } as const);
  const transition = applySpotCheckEvent(record.data as SpotCheck, event, { id: actor.id, canResolve: true }, ctx.now);
  if (!transition.ok) return rejected(transition.reason, record);
  return applied(await ctx.write(m, record, row({ ...transition.spotCheck, version: record.version + 1 })));
}
