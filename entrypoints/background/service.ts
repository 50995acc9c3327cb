import { checklistKey } from '../../core/checklist.ts';
import type { Handlers, SpotCheckDraft } from '../../core/messages.ts';
import { MessageError } from '../../core/messaging.ts';
import { canSubmit, scoreSpotCheck, validateAnswers } from '../../core/scoring.ts';
import { SpotCheck } from '../../core/spotCheck.ts';
import { allChecklists, findChecklist, importChecklists } from '../../storage/checklists.ts';
import type { FloorwalkerDB } from '../../storage/db.ts';
import {
  deleteDraft,
  findDraftFor,
  getSpotCheck,
  putSpotCheck,
  querySpotChecks,
  toSummary,
} from '../../storage/spotChecks.ts';

/**
 * The background worker's answers to panel messages about checklists and spot checks. Everything
 * derived (the score, the outcome, timestamps, status) is decided here, never taken from the panel.
 */
export function spotCheckHandlers(db: () => Promise<FloorwalkerDB>, now: () => Date = () => new Date()): Handlers<unknown> {
  async function save(draft: SpotCheckDraft, status: 'draft' | 'submitted'): Promise<SpotCheck> {
    const d = await db();
    const existing = await getSpotCheck(d, draft.id);
    if (existing && existing.status !== 'draft') {
      throw new MessageError('This spot check has already been submitted and can no longer be edited.');
    }
    const checklist = await findChecklist(d, draft.checklistId, draft.checklistVersion);
    if (!checklist) {
      throw new MessageError(`Checklist ${draft.checklistId} version ${draft.checklistVersion} is not available.`);
    }
    if (!existing && checklist.status !== 'approved') {
      throw new MessageError(`Checklist ${checklistKey(checklist)} is not approved for scoring.`);
    }
    const problems = validateAnswers(checklist, draft.answers);
    if (problems.length) throw new MessageError(`Some answers do not fit the checklist: ${problems.join('; ')}`);
    if (status === 'submitted') {
      const ready = canSubmit(checklist, draft.answers);
      if (!ready.ok) throw new MessageError(ready.reason);
      if (!draft.evaluator.trim()) throw new MessageError('Enter your name (as evaluator) before submitting.');
      if (!draft.agent.trim()) throw new MessageError('Enter the agent whose contact this is before submitting.');
    }
    const at = now().toISOString();
    const record = SpotCheck.parse({
      id: draft.id,
      checklistId: checklist.id,
      checklistVersion: checklist.version,
      checklistTitle: checklist.title,
      contact: draft.contact,
      evaluator: draft.evaluator,
      agent: draft.agent,
      answers: draft.answers,
      ...(draft.note ? { note: draft.note } : {}),
      result: scoreSpotCheck(checklist, draft.answers),
      status,
      actionIds: existing?.actionIds ?? [],
      createdAt: existing?.createdAt ?? at,
      updatedAt: at,
      ...(status === 'submitted' ? { submittedAt: at } : {}),
    });
    await putSpotCheck(d, record);
    return record;
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
      return {};
    },
    'spotChecks:list': async (filter) => (await querySpotChecks(await db(), filter)).map(toSummary),
    'spotChecks:export': async (filter) => querySpotChecks(await db(), { limit: 10000, ...filter }),
  };
}
