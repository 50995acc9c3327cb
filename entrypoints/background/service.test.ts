import { beforeEach, describe, expect, it } from 'vitest';
import { contactKey } from '../../core/contact.ts';
import { builtInChecklists } from '../../core/checklists/index.ts';
import { uuidv7 } from '../../core/ids.ts';
import { messageMap, type SpotCheckDraft } from '../../core/messages.ts';
import { dispatch } from '../../core/messaging.ts';
import { checklistItems, type Checklist } from '../../core/checklist.ts';
import { exportChecklistsJson } from '../../core/export.ts';
import type { Answers } from '../../core/spotCheck.ts';
import { openFloorwalkerDB } from '../../storage/db.ts';
import { pendingMutations } from '../../storage/outbox.ts';
import { freshIndexedDB, sampleContact } from '../../storage/testing.ts';
import { spotCheckHandlers } from './service.ts';

const checklist = builtInChecklists[0]!;
const clock = { now: new Date('2026-11-02T09:00:00.000Z') };

function setup() {
  const db = openFloorwalkerDB();
  const handlers = spotCheckHandlers({ db: () => db, now: () => clock.now, signedIn: async () => null, changed: () => undefined });
  const send = async (name: string, body: unknown) => {
    const reply = await dispatch(messageMap, handlers, { name, body }, undefined);
    if (!reply) throw new Error(`unhandled ${name}`);
    if (!reply.ok) throw new Error(reply.error);
    return reply.body as never;
  };
  return { db, send };
}

/** Every item answered at the top of its scale. */
function fullMarks(): Answers {
  return Object.fromEntries(
    checklistItems(checklist).map((i) => [i.id, { value: i.scale.kind === 'yesNo' ? 1 : i.scale.max }]),
  );
}

const draft = (over: Partial<SpotCheckDraft> = {}): SpotCheckDraft => ({
  id: uuidv7(),
  checklistId: checklist.id,
  checklistVersion: checklist.version,
  contact: sampleContact(),
  evaluator: 'Sam Supervisor',
  agent: 'alex',
  answers: {},
  ...over,
});

beforeEach(freshIndexedDB);

describe('spot-check service', () => {
  it('saves a draft with a recomputed result, ignoring nothing the client could forge', async () => {
    const { send } = setup();
    const d = draft({ answers: fullMarks() });
    const saved = await send('spotChecks:saveDraft', { ...d });
    expect(saved).toMatchObject({ id: d.id, status: 'draft', checklistTitle: checklist.title });
    expect((saved as { result: { score: number } }).result.score).toBe(100);
    // A result sent by the client is not even accepted as input.
    await expect(send('spotChecks:saveDraft', { ...d, result: { score: 0 } })).rejects.toThrow(/Unrecognized key/);
  });

  it('resumes the draft for a contact and submits it once', async () => {
    const { send, db } = setup();
    const d = draft({ answers: fullMarks() });
    await send('spotChecks:saveDraft', d);
    const found = await send('spotChecks:draftFor', { contactKey: contactKey(d.contact) });
    expect(found).toMatchObject({ id: d.id });
    clock.now = new Date('2026-11-02T09:05:00.000Z');
    const done = await send('spotChecks:submit', d);
    expect(done).toMatchObject({
      status: 'submitted',
      submittedAt: '2026-11-02T09:05:00.000Z',
      createdAt: '2026-11-02T09:00:00.000Z',
    });
    expect(await send('spotChecks:draftFor', { contactKey: contactKey(d.contact) })).toBeNull();
    await expect(send('spotChecks:saveDraft', d)).rejects.toThrow(/already been submitted/);
    await expect(send('spotChecks:submit', d)).rejects.toThrow(/already been submitted/);
    const pending = await pendingMutations(await db);
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({ name: 'spotCheck.put', args: { status: 'submitted' } });
  });

  it.each([
    ['an incomplete check', { answers: {} }, /not answered|unanswered|answer/i],
    ['no evaluator', { answers: fullMarks(), evaluator: ' ' }, /evaluator/],
    ['no agent', { answers: fullMarks(), agent: '' }, /agent/],
  ])('refuses to submit %s and stores nothing', async (_l, over, pattern) => {
    const { send, db } = setup();
    await expect(send('spotChecks:submit', draft(over))).rejects.toThrow(pattern);
    expect(await (await db).count('spotChecks')).toBe(0);
  });

  it('refuses answers that do not fit the checklist, and unknown checklists', async () => {
    const { send, db } = setup();
    const first = checklistItems(checklist)[0]!;
    await expect(send('spotChecks:saveDraft', draft({ answers: { [first.id]: { value: 9 } } }))).rejects.toThrow(
      /do not fit/,
    );
    await expect(send('spotChecks:saveDraft', draft({ answers: { nope: { value: 1 } } }))).rejects.toThrow(/unknown item/);
    await expect(send('spotChecks:saveDraft', draft({ checklistId: 'missing' }))).rejects.toThrow(/not available/);
    expect(await (await db).count('spotChecks')).toBe(0);
  });

  it('lists summaries and exports full records with the same filter', async () => {
    const { send } = setup();
    await send('spotChecks:submit', draft({ answers: fullMarks(), agent: 'alex' }));
    await send('spotChecks:submit', draft({ answers: fullMarks(), agent: 'bea' }));
    const list = (await send('spotChecks:list', { agent: 'bea' })) as { agent: string; score: number }[];
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ agent: 'bea', score: 100, outcome: 'pass' });
    const rows = (await send('spotChecks:export', { agent: 'alex' })) as { answers: Answers }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.answers).toEqual(fullMarks());
  });

  it('takes back its own export of every checklist, built-ins included, changing nothing', async () => {
    const { send } = setup();
    const all = (await send('checklists:list', {})) as Checklist[];
    const file = JSON.parse(exportChecklistsJson(all, clock.now));
    expect(await send('checklists:import', { file })).toMatchObject({ imported: all.length });
    expect(await send('checklists:list', {})).toEqual(all);
  });

  it('imports a checklist file all or nothing and offers the new checklist', async () => {
    const { send } = setup();
    const custom = { ...checklist, id: 'custom-check', title: 'Custom check', builtIn: undefined };
    delete (custom as { builtIn?: boolean }).builtIn;
    const file = { format: 'floorwalker.checklists', formatVersion: 1, exportedAt: clock.now.toISOString(), checklists: [custom] };
    expect(await send('checklists:import', { file })).toEqual({ imported: 1, ids: ['custom-check@1'] });
    const all = (await send('checklists:list', {})) as { id: string }[];
    expect(all.map((c) => c.id)).toContain('custom-check');

    const changed = { ...custom, title: 'Changed without a new version' };
    const bad = { ...file, checklists: [{ ...custom, id: 'another' }, changed] };
    await expect(send('checklists:import', { file: bad })).rejects.toThrow(/new version/);
    const after = (await send('checklists:list', {})) as { id: string }[];
    expect(after.map((c) => c.id)).not.toContain('another');
    await expect(send('checklists:import', { file: { nonsense: true } })).rejects.toThrow(/not imported/);
  });
});
