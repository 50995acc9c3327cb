import { checklistKey } from '../../core/checklist.ts';
import type { Handlers, SpotCheckDraft } from '../../core/messages.ts';
import { MessageError } from '../../core/messaging.ts';
import { canSubmit, scoreSpotCheck, validateAnswers } from '../../core/scoring.ts';
import type { Me } from '../../core/account.ts';
import { SpotCheck } from '../../core/spotCheck.ts';
import { applySpotCheckEvent, type SpotCheckEvent } from '../../core/spotCheckLifecycle.ts';
import { allChecklists, findChecklist, importChecklists } from '../../storage/checklists.ts';
import type { FloorwalkerDB } from '../../storage/db.ts';
import { roster } from '../../storage/sync.ts';
import {
  deleteDraft,
  findDraftFor,
  getSpotCheck,
  putSpotCheck,
  putSpotCheckEvent,
  querySpotChecks,
  toSummary,
} from '../../storage/spotChecks.ts';

/**
 * The background worker's answers to panel messages about checklists and spot checks. Everything
 * derived (the score, the outcome, timestamps, status) is decided here, never taken from the panel.
 */
export interface SpotCheckServiceDeps {
  db(): Promise<FloorwalkerDB>;
  now(): Date;
  /** Who is signed in, if anyone: their account is the evaluator, or the agent responding. */
  signedIn(): Promise<Me | null>;
  /** Something changed locally that the server should hear about. */
  changed(): void;
}

export function spotCheckHandlers({ db, now, signedIn, changed }: SpotCheckServiceDeps): Handlers<unknown> {
  async function save(draft: SpotCheckDraft, status: 'draft' | 'submitted'): Promise<SpotCheck> {
    const d = await db();
    const me = await signedIn();
    const existing = await getSpotCheck(d, draft.id);
    if (existing && existing.status !== 'draft') {
      throw new MessageError('This spot check has already been submitted and can no longer be edited.');
    }
    const checklist = await findChecklist(d, draft.checklistId, draft.checklistVersion);
    if (!checklist) {
      throw new MessageError(`Checklist ${draft.checklistId} version ${draft.checklistVersion} is not available.`);
    }
    const sameChecklist = existing?.checklistId === checklist.id && existing.checklistVersion === checklist.version;
    if (!sameChecklist && checklist.status !== 'approved') {
      throw new MessageError(`Checklist ${checklistKey(checklist)} is not approved for scoring.`);
    }
    const problems = validateAnswers(checklist, draft.answers);
    if (problems.length) throw new MessageError(`Some answers do not fit the checklist: ${problems.join('; ')}`);
    if (status === 'submitted') {
      const ready = canSubmit(checklist, draft.answers);
      if (!ready.ok) throw new MessageError(ready.reason);
      if (!me && !draft.evaluator.trim()) throw new MessageError('Enter your name (as evaluator) before submitting.');
      if (!draft.agent.trim()) throw new MessageError('Enter the agent whose contact this is before submitting.');
      if (me && !draft.agentId) throw new MessageError('Choose the agent from your team before submitting.');
    }
    const at = now().toISOString();
    const record = SpotCheck.parse({
      id: draft.id,
      checklistId: checklist.id,
      checklistVersion: checklist.version,
      checklistTitle: checklist.title,
      contact: draft.contact,
      evaluator: me?.name ?? draft.evaluator,
      ...(me ? { evaluatorId: me.id } : {}),
      agent: draft.agent,
      ...(draft.agentId ? { agentId: draft.agentId } : {}),
      answers: draft.answers,
      ...(draft.note ? { note: draft.note } : {}),
      result: scoreSpotCheck(checklist, draft.answers),
      status,
      actionIds: existing?.actionIds ?? [],
      createdAt: existing?.createdAt ?? at,
      updatedAt: at,
      ...(status === 'submitted' ? { submittedAt: at } : {}),
      ...(existing?.version ? { version: existing.version } : {}),
    });
    await putSpotCheck(d, record);
    changed();
    return record;
  }

  /** Apply an agent's response or a resolution locally at once, and queue it for the server. */
  async function follow(id: string, event: SpotCheckEvent): Promise<SpotCheck> {
    const me = await signedIn();
    if (!me) throw new MessageError('Sign in to respond to spot checks.');
    const d = await db();
    const existing = await getSpotCheck(d, id);
    if (!existing) throw new MessageError('This spot check is not in this browser.');
    // The server decides for certain; this mirrors its rule so the panel can answer at once.
    const agentTeams = (await roster(d)).roster.find((p) => p.id === existing.agentId)?.teamIds ?? [];
    const canResolve = me.role === 'manager' || (me.role === 'supervisor' && agentTeams.some((t) => me.teamIds.includes(t)));
    const outcome = applySpotCheckEvent(existing, event, { id: me.id, canResolve }, now());
    if (!outcome.ok) throw new MessageError(outcome.reason);
    await putSpotCheckEvent(
      d,
      outcome.spotCheck,
      event.type === 'respond'
        ? { name: 'spotCheck.respond', args: { response: event.response, comment: event.comment } }
        : { name: 'spotCheck.resolve', args: { comment: event.comment } },
    );
    changed();
    return outcome.spotCheck;
  }

  return {
    'checklists:list': async () => allChecklists(await db()),
    'checklists:import': async ({ file }) => {
      const imported = await importChecklists(await db(), file);
      return { imported: imported.length, ids: imported.map(checklistKey) };
    },
    'spotChecks:saveDraft': (draft) => save(draft, 'draft'),
    'spotChecks:submit': (draft) => save(draft, 'submitted'),
    'spotChecks:get': async ({ id }) => (await getSpotCheck(await db(), id)) ?? null,
    'spotChecks:draftFor': async ({ contactKey }) => (await findDraftFor(await db(), contactKey)) ?? null,
    'spotChecks:discardDraft': async ({ id }) => {
      await deleteDraft(await db(), id);
      changed();
      return {};
    },
    'spotChecks:respond': ({ id, response, comment }) => follow(id, { type: 'respond', response, comment }),
    'spotChecks:resolve': ({ id, comment }) => follow(id, { type: 'resolve', comment }),
    'spotChecks:list': async (filter) => (await querySpotChecks(await db(), filter)).map(toSummary),
    'spotChecks:export': async (filter) => querySpotChecks(await db(), { limit: 10000, ...filter }),
  };
}
