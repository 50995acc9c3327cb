import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Checklist, type ChecklistInput, CriticalLevel, type Scale } from './checklist.ts';
import { canSubmit, formatScore, reachesPassMark, scoreSpotCheck, validateAnswers } from './scoring.ts';
import { type Answers, type AnswerValue, ScoreResult } from './spotCheck.ts';

// ---- fixtures -------------------------------------------------------------------------------

const yesNo: Scale = { kind: 'yesNo' };
const points = (min: number, max: number): Scale => ({ kind: 'points', min, max });

interface ItemSpec {
  id: string;
  scale?: Scale;
  weight?: number;
  critical?: CriticalLevel;
  naAllowed?: boolean;
}

const item = ({ id, scale = yesNo, weight = 10, critical = 'none', naAllowed = true }: ItemSpec) => ({
  id,
  text: `Item ${id}`,
  scale,
  weight,
  naAllowed,
  critical,
  skill: 'process' as const,
});

/** A valid checklist from { sectionId: items }, parsed so defaults apply as they would in storage. */
function checklist(sections: Record<string, ItemSpec[]>, passMark = 80): Checklist {
  const input: ChecklistInput = {
    id: 'test',
    version: 1,
    title: 'Test checklist',
    status: 'draft',
    passMark,
    sections: Object.entries(sections).map(([id, items]) => ({ id, title: `Section ${id}`, items: items.map(item) })),
  };
  return Checklist.parse(input);
}

const answers = (values: Record<string, AnswerValue>): Answers =>
  Object.fromEntries(Object.entries(values).map(([id, value]) => [id, { value }]));

// The same mixed-scale checklist used by several cases: yes/no (w10), 1..5 (w20), 0..10 (w30).
const mixed = checklist(
  {
    s: [
      { id: 'yn', scale: yesNo, weight: 10 },
      { id: 'five', scale: points(1, 5), weight: 20 },
      { id: 'ten', scale: points(0, 10), weight: 30 },
      { id: 'extra', scale: points(1, 5), weight: 40 },
    ],
  },
  70,
);

// ---- table: the check's score ------------------------------------------------------------------

describe('scoreSpotCheck: check score', () => {
  const cases: {
    name: string;
    checklist: Checklist;
    answers: Record<string, AnswerValue>;
    score: number | null;
    rawScore: number | null;
    outcome: 'pass' | 'fail' | null;
    answeredItems: number;
    complete: boolean;
  }[] = [
    {
      name: 'single yes scores 100',
      checklist: checklist({ s: [{ id: 'a' }] }),
      answers: { a: 1 },
      score: 100,
      rawScore: 100,
      outcome: 'pass',
      answeredItems: 1,
      complete: true,
    },
    {
      name: 'single no scores 0',
      checklist: checklist({ s: [{ id: 'a' }] }),
      answers: { a: 0 },
      score: 0,
      rawScore: 0,
      outcome: 'fail',
      answeredItems: 1,
      complete: true,
    },
    {
      // yes -> 100, 4 on 1..5 -> 75, 6 on 0..10 -> 60; (10*100 + 20*75 + 30*60) / 60 = 4300/60
      name: 'mixed scales: weighted mean',
      checklist: mixed,
      answers: { yn: 1, five: 4, ten: 6, extra: 'na' },
      score: 215 / 3,
      rawScore: 215 / 3,
      outcome: 'pass',
      answeredItems: 4,
      complete: true,
    },
    {
      name: 'mixed scales: N/A leaves both sums (same as above without the N/A item)',
      checklist: checklist(
        {
          s: [
            { id: 'yn', weight: 10 },
            { id: 'five', scale: points(1, 5), weight: 20 },
            { id: 'ten', scale: points(0, 10), weight: 30 },
          ],
        },
        70,
      ),
      answers: { yn: 1, five: 4, ten: 6 },
      score: 215 / 3,
      rawScore: 215 / 3,
      outcome: 'pass',
      answeredItems: 3,
      complete: true,
    },
    {
      // (10*0 + 20*0 + 30*100 + 40*50) / 100 = 50
      name: 'mixed scales: bottoms and tops',
      checklist: mixed,
      answers: { yn: 0, five: 1, ten: 10, extra: 3 },
      score: 50,
      rawScore: 50,
      outcome: 'fail',
      answeredItems: 4,
      complete: true,
    },
    {
      name: 'unanswered items (null and missing) leave both sums',
      checklist: mixed,
      answers: { yn: 1, five: null },
      score: 100,
      rawScore: 100,
      outcome: 'pass',
      answeredItems: 1,
      complete: false,
    },
    {
      name: 'nothing answered: no score, no outcome',
      checklist: mixed,
      answers: {},
      score: null,
      rawScore: null,
      outcome: null,
      answeredItems: 0,
      complete: false,
    },
    {
      name: 'all N/A: no score, no outcome, but complete',
      checklist: mixed,
      answers: { yn: 'na', five: 'na', ten: 'na', extra: 'na' },
      score: null,
      rawScore: null,
      outcome: null,
      answeredItems: 4,
      complete: true,
    },
    {
      name: 'weight 0 item counts as answered but adds nothing',
      checklist: checklist({ s: [{ id: 'a', weight: 0 }, { id: 'b', weight: 5 }] }),
      answers: { a: 0, b: 1 },
      score: 100,
      rawScore: 100,
      outcome: 'pass',
      answeredItems: 2,
      complete: true,
    },
    {
      name: 'all weights 0: no score, no outcome',
      checklist: checklist({ s: [{ id: 'a', weight: 0 }, { id: 'b', weight: 0 }] }),
      answers: { a: 1, b: 0 },
      score: null,
      rawScore: null,
      outcome: null,
      answeredItems: 2,
      complete: true,
    },
    {
      name: 'pass mark reached exactly (4 of 5 yes = 80, pass mark 80)',
      checklist: checklist({ s: ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id })) }, 80),
      answers: { a: 1, b: 1, c: 1, d: 1, e: 0 },
      score: 80,
      rawScore: 80,
      outcome: 'pass',
      answeredItems: 5,
      complete: true,
    },
    {
      name: 'just above the score: pass mark 80.5 fails 80',
      checklist: checklist({ s: ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id })) }, 80.5),
      answers: { a: 1, b: 1, c: 1, d: 1, e: 0 },
      score: 80,
      rawScore: 80,
      outcome: 'fail',
      answeredItems: 5,
      complete: true,
    },
    {
      // (99*80 + 1*70) / 100 = 79.9
      name: 'just below the pass mark: 79.9 fails 80',
      checklist: checklist(
        {
          s: [
            { id: 'a', scale: points(0, 10), weight: 99 },
            { id: 'b', scale: points(0, 10), weight: 1 },
          ],
        },
        80,
      ),
      answers: { a: 8, b: 7 },
      score: 79.9,
      rawScore: 79.9,
      outcome: 'fail',
      answeredItems: 2,
      complete: true,
    },
    {
      // 2 on 0..3 = 66.67 (w10), 3 on 1..4 = 66.67 (w2), 3 on 1..3 = 100 (w8): exactly 1600/20 = 80.
      // Averaging item scores computed in floats gives 79.99999999999999, which would fail.
      name: 'an exact 80 from thirds is 80, not 79.99999999999999, and passes',
      checklist: checklist(
        {
          s: [
            { id: 'a', scale: points(0, 3), weight: 10 },
            { id: 'b', scale: points(1, 4), weight: 2 },
            { id: 'c', scale: points(1, 3), weight: 8 },
          ],
        },
        80,
      ),
      answers: { a: 2, b: 3, c: 3 },
      score: 80,
      rawScore: 80,
      outcome: 'pass',
      answeredItems: 3,
      complete: true,
    },
    {
      name: 'pass mark 0: a score of 0 reaches it',
      checklist: checklist({ s: [{ id: 'a' }] }, 0),
      answers: { a: 0 },
      score: 0,
      rawScore: 0,
      outcome: 'pass',
      answeredItems: 1,
      complete: true,
    },
    {
      name: 'pass mark 100: only full marks pass',
      checklist: checklist({ s: [{ id: 'a', scale: points(1, 5) }] }, 100),
      answers: { a: 5 },
      score: 100,
      rawScore: 100,
      outcome: 'pass',
      answeredItems: 1,
      complete: true,
    },
  ];

  it.each(cases)('$name', (c) => {
    const result = scoreSpotCheck(c.checklist, answers(c.answers));
    expect(result.score).toBe(c.score);
    expect(result.rawScore).toBe(c.rawScore);
    expect(result.outcome).toBe(c.outcome);
    expect(result.autoFail).toBe('none');
    expect(result.answeredItems).toBe(c.answeredItems);
    expect(result.totalItems).toBe(checklistSize(c.checklist));
    expect(result.complete).toBe(c.complete);
    expect(result.passMark).toBe(c.checklist.passMark);
  });

  it('reports item scores as answered and null for N/A or unanswered', () => {
    const result = scoreSpotCheck(mixed, answers({ yn: 0, five: 2, ten: 'na' }));
    expect(result.items).toEqual([
      { itemId: 'yn', score: 0, criticalFailure: false },
      { itemId: 'five', score: 25, criticalFailure: false },
      { itemId: 'ten', score: null, criticalFailure: false },
      { itemId: 'extra', score: null, criticalFailure: false },
    ]);
  });
});

const checklistSize = (c: Checklist) => c.sections.reduce((n, s) => n + s.items.length, 0);

// ---- table: critical items ------------------------------------------------------------------------

describe('scoreSpotCheck: critical items', () => {
  // Section "a": a gate (yes/no, w10) and an ordinary yes/no item (w10); section "b": 1..5 (w20).
  const withGate = (critical: CriticalLevel, gateScale: Scale = yesNo, gateWeight = 10) =>
    checklist(
      {
        a: [{ id: 'gate', scale: gateScale, weight: gateWeight, critical }, { id: 'a2', weight: 10 }],
        b: [{ id: 'b1', scale: points(1, 5), weight: 20 }],
      },
      60,
    );

  it('a section-critical item at the bottom zeroes only its section', () => {
    const result = scoreSpotCheck(withGate('section'), answers({ gate: 0, a2: 1, b1: 5 }));
    // raw: (0 + 10*100 + 20*100) / 40 = 75; section a counts 0: (0 + 0 + 2000) / 40 = 50
    expect(result).toMatchObject({ score: 50, rawScore: 75, outcome: 'fail', autoFail: 'section' });
    expect(result.sections).toEqual([
      { sectionId: 'a', rawScore: 50, score: 0, failed: true },
      { sectionId: 'b', rawScore: 100, score: 100, failed: false },
    ]);
    // Item scores stay as answered.
    expect(result.items).toEqual([
      { itemId: 'gate', score: 0, criticalFailure: true },
      { itemId: 'a2', score: 100, criticalFailure: false },
      { itemId: 'b1', score: 100, criticalFailure: false },
    ]);
  });

  it('a check-critical item at the bottom fails the check whatever the mean', () => {
    const result = scoreSpotCheck(withGate('check'), answers({ gate: 0, a2: 1, b1: 5 }));
    expect(result).toMatchObject({ score: 0, rawScore: 75, outcome: 'fail', autoFail: 'check' });
    // Every section fails with the check; their raw scores stay for analysis.
    expect(result.sections).toEqual([
      { sectionId: 'a', rawScore: 50, score: 0, failed: true },
      { sectionId: 'b', rawScore: 100, score: 0, failed: true },
    ]);
    expect(result.items.map((i) => i.criticalFailure)).toEqual([true, false, false]);
  });

  it.each(['section', 'check'] as const)('a %s-critical item at N/A never triggers', (level) => {
    const result = scoreSpotCheck(withGate(level), answers({ gate: 'na', a2: 1, b1: 5 }));
    expect(result).toMatchObject({ score: 100, rawScore: 100, outcome: 'pass', autoFail: 'none' });
    expect(result.sections.map((s) => s.failed)).toEqual([false, false]);
  });

  it.each(['section', 'check'] as const)('a %s-critical item unanswered never triggers', (level) => {
    const result = scoreSpotCheck(withGate(level), answers({ a2: 1, b1: 5 }));
    expect(result).toMatchObject({ score: 100, outcome: 'pass', autoFail: 'none', complete: false });
  });

  it('the bottom is the scale minimum: 1 on a 1..5 critical item triggers, 2 does not', () => {
    const gate15 = withGate('section', points(1, 5));
    expect(scoreSpotCheck(gate15, answers({ gate: 1, a2: 1, b1: 5 })).autoFail).toBe('section');
    // 2 on 1..5 = 25: (10*25 + 10*100 + 20*100) / 40 = 81.25
    expect(scoreSpotCheck(gate15, answers({ gate: 2, a2: 1, b1: 5 }))).toMatchObject({
      score: 81.25,
      autoFail: 'none',
      outcome: 'pass',
    });
  });

  it('a failed section stays in the denominator: its weight still counts', () => {
    // Section a: (gate 0 w10, a2 yes w10); section b: 3 on 1..5 = 50 (w20). Score = 20*50 / 40 = 25.
    const result = scoreSpotCheck(withGate('section'), answers({ gate: 0, a2: 1, b1: 3 }));
    expect(result).toMatchObject({ score: 25, rawScore: 50, outcome: 'fail' });
  });

  it('section and check failures together report autoFail check', () => {
    const c = checklist({
      a: [{ id: 'sec', critical: 'section' }],
      b: [{ id: 'chk', critical: 'check' }, { id: 'b2' }],
    });
    const result = scoreSpotCheck(c, answers({ sec: 0, chk: 0, b2: 1 }));
    expect(result).toMatchObject({ score: 0, outcome: 'fail', autoFail: 'check' });
  });

  it('a weight-0 check-critical failure with everything else N/A scores 0 and fails (not unscored)', () => {
    const result = scoreSpotCheck(withGate('check', yesNo, 0), answers({ gate: 0, a2: 'na', b1: 'na' }));
    expect(result).toMatchObject({ score: 0, rawScore: null, outcome: 'fail', autoFail: 'check' });
    expect(result.sections).toEqual([
      { sectionId: 'a', rawScore: null, score: 0, failed: true },
      { sectionId: 'b', rawScore: null, score: 0, failed: true },
    ]);
  });

  it('a weight-0 section-critical failure with nothing else weighted: section 0, check unscored', () => {
    const result = scoreSpotCheck(withGate('section', yesNo, 0), answers({ gate: 0, a2: 'na', b1: 'na' }));
    expect(result).toMatchObject({ score: null, rawScore: null, outcome: null, autoFail: 'section' });
    expect(result.sections[0]).toEqual({ sectionId: 'a', rawScore: null, score: 0, failed: true });
  });

  it('a weight-0 section-critical failure still zeroes the rest of its section', () => {
    // Section a: gate w0 fails, a2 yes w10 counts 0; section b: 5 on 1..5 w20. Score = 2000 / 30.
    const result = scoreSpotCheck(withGate('section', yesNo, 0), answers({ gate: 0, a2: 1, b1: 5 }));
    expect(result).toMatchObject({ score: 200 / 3, rawScore: 100, autoFail: 'section', outcome: 'pass' });
  });
});

// ---- invalid answers ------------------------------------------------------------------------------

describe('invalid answers', () => {
  const c = checklist({
    s: [
      { id: 'five', scale: points(1, 5), weight: 10, critical: 'check' },
      { id: 'strict', weight: 10, naAllowed: false },
      { id: 'ok', weight: 10 },
    ],
  });

  it('validateAnswers lists each problem readably and is empty when fine', () => {
    expect(validateAnswers(c, answers({ five: 3, strict: 1, ok: 'na' }))).toEqual([]);
    expect(validateAnswers(c, answers({ five: null }))).toEqual([]);
    expect(validateAnswers(c, answers({ five: 7, strict: 'na', ok: 2, ghost: 1 }))).toEqual([
      '"Item five" (five): answer 7 is outside its scale (1-5)',
      '"Item strict" (strict): N/A is not allowed',
      '"Item ok" (ok): answer 2 is outside its scale (yes/no)',
      'answer for unknown item "ghost"',
    ]);
    // Below the minimum and not a whole number (possible from untyped storage).
    expect(validateAnswers(c, answers({ five: 0, ok: 0.5 }))).toEqual([
      '"Item five" (five): answer 0 is outside its scale (1-5)',
      '"Item ok" (ok): answer 0.5 is outside its scale (yes/no)',
    ]);
  });

  it('scoreSpotCheck ignores invalid answers as unanswered instead of scoring or throwing', () => {
    const result = scoreSpotCheck(c, answers({ five: 7, strict: 'na', ok: 1, ghost: 1 }));
    expect(result).toMatchObject({ score: 100, rawScore: 100, answeredItems: 1, complete: false, autoFail: 'none' });
    expect(result.items.map((i) => i.score)).toEqual([null, null, 100]);
  });

  it('an out-of-scale answer below a critical item\'s minimum does not trigger it', () => {
    // 0 is below the 1..5 scale: ignored, so no check failure.
    const result = scoreSpotCheck(c, answers({ five: 0, strict: 1, ok: 1 }));
    expect(result).toMatchObject({ score: 100, autoFail: 'none', complete: false });
  });

  it('an item id such as "constructor" does not read Object.prototype', () => {
    const proto = checklist({ s: [{ id: 'constructor' }] });
    expect(scoreSpotCheck(proto, {})).toMatchObject({ score: null, answeredItems: 0 });
    expect(validateAnswers(proto, {})).toEqual([]);
  });
});

// ---- canSubmit, reachesPassMark, formatScore ------------------------------------------------------

describe('canSubmit', () => {
  const c = checklist({ s: [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }, { id: 'e', naAllowed: false }] });

  it('accepts every item answered with a point or N/A', () => {
    expect(canSubmit(c, answers({ a: 1, b: 0, c: 'na', d: 'na', e: 1 }))).toEqual({ ok: true });
  });

  it('names what is not answered, at most three items', () => {
    expect(canSubmit(c, answers({ a: 1, b: 1, c: 1, d: 1 }))).toEqual({
      ok: false,
      reason: '1 item not answered: "Item e"',
    });
    expect(canSubmit(c, answers({ a: 1, b: null }))).toEqual({
      ok: false,
      reason: '4 items not answered: "Item b", "Item c", "Item d", and 1 more',
    });
  });

  it('refuses invalid answers even when every item has a value', () => {
    expect(canSubmit(c, answers({ a: 1, b: 1, c: 1, d: 1, e: 'na' }))).toEqual({
      ok: false,
      reason: '"Item e" (e): N/A is not allowed',
    });
    expect(canSubmit(c, answers({ a: 1, b: 1, c: 1, d: 1, e: 1, zz: 1 }))).toEqual({
      ok: false,
      reason: 'answer for unknown item "zz"',
    });
  });
});

describe('reachesPassMark', () => {
  it.each([
    [80, 80, true],
    [79.99999999999, 80, true], // float noise: treated as 80
    [80.00000000001, 80, true],
    [79.9999999, 80, false], // 1e-7 below is a real difference
    [79.9, 80, false],
    [0, 0, true],
    [100, 100, true],
  ])('%d against %d -> %s', (score, passMark, expected) => {
    expect(reachesPassMark(score, passMark)).toBe(expected);
  });
});

describe('formatScore', () => {
  it.each([
    [82.5, '82.5%'],
    [80, '80.0%'],
    [100, '100.0%'],
    [0, '0.0%'],
    [215 / 3, '71.6%'], // 71.666…: truncated, not rounded
    [79.94, '79.9%'],
    [79.96, '79.9%'], // fails a pass mark of 80, so must not read 80.0%
    [79.99, '79.9%'],
    [79.9999999, '79.9%'], // 1e-7 short is a real shortfall (reachesPassMark says fail)
    [79.99999999999, '80.0%'], // float noise under 80 (reachesPassMark says pass)
    [80.00000000001, '80.0%'],
    [82.4999999999, '82.5%'], // noise under a true 82.5
    [82.49999, '82.4%'],
    [82.55, '82.5%'],
    [99.99, '99.9%'],
    [0.05, '0.0%'],
    [0.1, '0.1%'],
    [0.7, '0.7%'],
    [70.3, '70.3%'], // not exact in binary; must not become 70.2
    [4.35, '4.3%'],
    [100 / 3, '33.3%'],
    [200 / 3, '66.6%'],
    [null, '—'],
  ])('%s -> %s', (score, text) => {
    expect(formatScore(score)).toBe(text);
  });

  it('never reads as reaching the pass mark when the outcome is fail, nor below it when pass', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }).map((tenths) => tenths / 10),
        fc.double({ min: -0.2, max: 0.2, noNaN: true }),
        (passMark, offset) => {
          const score = Math.min(100, Math.max(0, passMark + offset));
          const shown = Number(formatScore(score).slice(0, -1));
          expect(shown >= passMark).toBe(reachesPassMark(score, passMark));
        },
      ),
    );
  });

  it('agrees with the exact decimal for every sum of whole weights (as scoring produces them)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 0, max: 400 }), (denominator, numerator) => {
        const n = Math.min(numerator, denominator);
        // Exact truncation in integers: floor(1000 n / d) tenths.
        const tenths = Math.floor((1000 * n) / denominator);
        expect(formatScore((100 * n) / denominator)).toBe(`${Math.floor(tenths / 10)}.${tenths % 10}%`);
      }),
    );
  });
});

// ---- properties ----------------------------------------------------------------------------------

const scaleArb: fc.Arbitrary<Scale> = fc.oneof(
  fc.constant<Scale>({ kind: 'yesNo' }),
  fc
    .integer({ min: 0, max: 9 })
    .chain((min) => fc.integer({ min: min + 1, max: 10 }).map((max): Scale => ({ kind: 'points', min, max }))),
);

const itemArb = fc.record({
  scale: scaleArb,
  // Bias towards 0 and small weights so "no answered weight" comes up often.
  weight: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 100 })),
  naAllowed: fc.boolean(),
  critical: fc.constantFrom<CriticalLevel>('none', 'none', 'none', 'section', 'check'),
});

/** Valid checklists: ids are unique by construction. */
const checklistArb: fc.Arbitrary<Checklist> = fc
  .record({
    passMark: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 100, noNaN: true })),
    sections: fc.array(fc.array(itemArb, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 }),
  })
  .map(({ passMark, sections }) =>
    Checklist.parse({
      id: 'prop',
      version: 1,
      title: 'Property checklist',
      status: 'draft',
      passMark,
      sections: sections.map((items, si) => ({
        id: `s${si}`,
        title: `Section ${si}`,
        items: items.map((spec, ii) => ({ ...item({ id: `s${si}-i${ii}`, ...spec }) })),
      })),
    }),
  );

/** A valid answer for each item, or none (missing or null). */
const answersArb = (c: Checklist): fc.Arbitrary<Answers> =>
  fc
    .tuple(
      ...c.sections.flatMap((s) =>
        s.items.map((it) => {
          const min = it.scale.kind === 'yesNo' ? 0 : it.scale.min;
          const max = it.scale.kind === 'yesNo' ? 1 : it.scale.max;
          const options: fc.Arbitrary<AnswerValue | undefined>[] = [
            fc.integer({ min, max }),
            fc.integer({ min, max }),
            fc.constant(min), // the bottom: critical failures come up often
            fc.constant(null),
            fc.constant(undefined),
          ];
          if (it.naAllowed) options.push(fc.constant('na' as const));
          return fc.oneof(...options).map((value) => [it.id, value] as const);
        }),
      ),
    )
    .map((pairs) =>
      Object.fromEntries(
        pairs.flatMap(([id, value]) => (value === undefined ? [] : [[id, { value }] as const])),
      ),
    );

const caseArb = checklistArb.chain((c) => fc.tuple(fc.constant(c), answersArb(c)));

/** Answered weight and check-level failure, computed independently of scoring.ts. */
function facts(c: Checklist, a: Answers) {
  let weight = 0;
  let checkFailure = false;
  for (const it of c.sections.flatMap((s) => s.items)) {
    const v = a[it.id]?.value;
    if (typeof v !== 'number') continue;
    weight += it.weight;
    const min = it.scale.kind === 'yesNo' ? 0 : it.scale.min;
    if (it.critical === 'check' && v === min) checkFailure = true;
  }
  return { weight, checkFailure };
}

const headline = ({ score, rawScore, outcome, autoFail }: ScoreResult) => ({ score, rawScore, outcome, autoFail });

describe('scoreSpotCheck properties', () => {
  it('the result parses with ScoreResult; score in [0, 100] or null; outcome null iff score null', () => {
    fc.assert(
      fc.property(caseArb, ([c, a]) => {
        const r = scoreSpotCheck(c, a);
        ScoreResult.parse(r);
        for (const s of [r.score, r.rawScore, ...r.sections.map((x) => x.score), ...r.items.map((x) => x.score)]) {
          if (s !== null) expect(s >= 0 && s <= 100).toBe(true);
        }
        expect(r.outcome === null).toBe(r.score === null);
        expect(validateAnswers(c, a)).toEqual([]);
      }),
    );
  });

  it('score is null iff there is no answered weight and no check-level failure', () => {
    fc.assert(
      fc.property(caseArb, ([c, a]) => {
        const { weight, checkFailure } = facts(c, a);
        expect(scoreSpotCheck(c, a).score === null).toBe(weight === 0 && !checkFailure);
      }),
    );
  });

  it('autoFail check means score 0 and outcome fail, and happens exactly on a check-level failure', () => {
    fc.assert(
      fc.property(caseArb, ([c, a]) => {
        const r = scoreSpotCheck(c, a);
        expect(r.autoFail === 'check').toBe(facts(c, a).checkFailure);
        if (r.autoFail === 'check') {
          expect(r.score).toBe(0);
          expect(r.outcome).toBe('fail');
          expect(r.sections.every((s) => s.failed && s.score === 0)).toBe(true);
        }
      }),
    );
  });

  it('permuting sections and items within sections changes nothing', () => {
    const permuted = caseArb.chain(([c, a]) =>
      fc
        .tuple(
          fc.shuffledSubarray(c.sections, { minLength: c.sections.length }),
          ...c.sections.map((s) => fc.shuffledSubarray(s.items, { minLength: s.items.length })),
        )
        .map(([sectionOrder, ...itemOrders]) => {
          const itemsById = new Map(c.sections.map((s, i) => [s.id, itemOrders[i]!]));
          const sections = sectionOrder.map((s) => ({ ...s, items: itemsById.get(s.id)! }));
          return [c, { ...c, sections }, a] as const;
        }),
    );
    fc.assert(
      fc.property(permuted, ([c, shuffled, a]) => {
        const r1 = scoreSpotCheck(c, a);
        const r2 = scoreSpotCheck(shuffled, a);
        expect(headline(r2)).toEqual(headline(r1));
        const byId = <T extends { sectionId?: string; itemId?: string }>(xs: T[]) =>
          [...xs].sort((x, y) => (x.sectionId ?? x.itemId ?? '').localeCompare(y.sectionId ?? y.itemId ?? ''));
        expect(byId(r2.sections)).toEqual(byId(r1.sections));
        expect(byId(r2.items)).toEqual(byId(r1.items));
      }),
    );
  });

  it('raising one non-critical answer never lowers the score', () => {
    const raised = caseArb.chain(([c, a]) => {
      const candidates = c.sections
        .flatMap((s) => s.items)
        .filter((it) => it.critical === 'none' && typeof a[it.id]?.value === 'number');
      if (candidates.length === 0) return fc.constant(null);
      return fc.constantFrom(...candidates).chain((it) => {
        const max = it.scale.kind === 'yesNo' ? 1 : it.scale.max;
        const current = a[it.id]!.value as number;
        return fc.integer({ min: current, max }).map((value) => [c, a, { ...a, [it.id]: { value } }] as const);
      });
    });
    fc.assert(
      fc.property(raised, (t) => {
        if (t === null) return;
        const [c, before, after] = t;
        const s1 = scoreSpotCheck(c, before).score;
        const s2 = scoreSpotCheck(c, after).score;
        // Both null when the raised item carries no weight and nothing else does.
        expect(s2 === null).toBe(s1 === null);
        if (s1 !== null && s2 !== null) expect(s2).toBeGreaterThanOrEqual(s1);
      }),
    );
  });

  it('N/A-ing an item is the same as removing it from the checklist', () => {
    const picked = caseArb.chain(([c, a]) =>
      fc.integer({ min: 0, max: c.sections.length - 1 }).chain((si) =>
        fc.integer({ min: 0, max: c.sections[si]!.items.length - 1 }).map((ii) => [c, a, si, ii] as const),
      ),
    );
    fc.assert(
      fc.property(picked, ([c, a, si, ii]) => {
        const target = c.sections[si]!.items[ii]!;
        const naAllowed: Checklist = {
          ...c,
          sections: c.sections.map((s, i) =>
            i === si ? { ...s, items: s.items.map((it, j) => (j === ii ? { ...it, naAllowed: true } : it)) } : s,
          ),
        };
        const removed: Checklist = {
          ...c,
          sections: c.sections
            .map((s, i) => (i === si ? { ...s, items: s.items.filter((_, j) => j !== ii) } : s))
            .filter((s) => s.items.length > 0),
        };
        const { [target.id]: _dropped, ...rest } = a;
        const withNa = scoreSpotCheck(naAllowed, { ...a, [target.id]: { value: 'na' } });
        // A checklist needs a section; removing the only item leaves nothing to score at all.
        if (removed.sections.length === 0) {
          expect(headline(withNa)).toEqual({ score: null, rawScore: null, outcome: null, autoFail: 'none' });
        } else {
          expect(headline(withNa)).toEqual(headline(scoreSpotCheck(removed, rest)));
        }
      }),
    );
  });

  it('an invalid answer scores as if it were absent, and never throws', () => {
    const invalid = caseArb.chain(([c, a]) =>
      fc
        .tuple(
          fc.constantFrom(...c.sections.flatMap((s) => s.items)),
          fc.oneof(fc.integer({ min: -5, max: 20 }), fc.constant('na' as const)),
        )
        .map(([it, value]) => [c, a, it, value] as const),
    );
    fc.assert(
      fc.property(invalid, ([c, a, it, value]) => {
        const withValue = { ...a, [it.id]: { value } };
        if (validateAnswers(c, withValue).length === 0) return; // happened to be valid
        const { [it.id]: _dropped, ...without } = a;
        const r = scoreSpotCheck(c, withValue);
        ScoreResult.parse(r);
        expect(headline(r)).toEqual(headline(scoreSpotCheck(c, without)));
        expect(r.complete).toBe(false);
      }),
    );
  });
});
