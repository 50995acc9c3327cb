import { type Checklist, type ChecklistItem, type Scale, checklistItems, scaleBounds } from './checklist.ts';
import type { AnswerValue, Answers, ScoreResult } from './spotCheck.ts';

/*
 * Scoring rules (DESIGN.md, "Rules worth getting exactly right"):
 * - item score = (answer - scale min) / (scale max - scale min) x 100, kept as answered;
 * - check score = weighted mean of answered items; N/A, unanswered and invalid answers leave both sums;
 * - a critical item answered at the bottom of its scale fails its section (the section scores 0 and
 *   its items count as 0 in the check's mean) or the whole check (score 0, outcome fail);
 * - no answered weight means no score and no outcome, except after a check-level critical failure;
 * - pass when the score reaches the pass mark.
 */

/** 'yes/no' or '1-5': how a scale reads in messages and exports. */
export function scaleLabel(scale: Scale): string {
  if (scale.kind === 'yesNo') return 'yes/no';
  return `${scale.min}-${scale.max}`;
}

/**
 * Why an answer can't be scored on this item, or null when it can. Answers arrive from storage and
 * other clients, so the value is checked at run time even though its type says it is fine.
 */
function answerProblem(item: ChecklistItem, value: AnswerValue): string | null {
  if (value === null) return null;
  if (value === 'na') return item.naAllowed ? null : 'N/A is not allowed';
  const { min, max } = scaleBounds(item.scale);
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return null;
  return `answer ${String(value)} is outside its scale (${scaleLabel(item.scale)})`;
}

function answerValue(answers: Answers, itemId: string): AnswerValue {
  // hasOwn: item ids such as "constructor" must not pick up Object.prototype members.
  return Object.hasOwn(answers, itemId) ? (answers[itemId]?.value ?? null) : null;
}

/** The answer to score: a valid point or 'na', else null (unanswered, or invalid and so ignored). */
export function scorableAnswer(item: ChecklistItem, answers: Answers): AnswerValue {
  const value = answerValue(answers, item.id);
  return answerProblem(item, value) === null ? value : null;
}

/** Readable problems with the answers (invalid values, N/A where not allowed, unknown items); empty when fine. */
export function validateAnswers(checklist: Checklist, answers: Answers): string[] {
  const items = checklistItems(checklist);
  const known = new Set(items.map((i) => i.id));
  const problems: string[] = [];
  for (const item of items) {
    const problem = answerProblem(item, answerValue(answers, item.id));
    if (problem) problems.push(`"${item.text}" (${item.id}): ${problem}`);
  }
  for (const id of Object.keys(answers)) {
    if (!known.has(id)) problems.push(`answer for unknown item "${id}"`);
  }
  return problems;
}

/** Whether a spot check may be submitted: every item answered (a point or N/A) and nothing invalid. */
export function canSubmit(checklist: Checklist, answers: Answers): { ok: true } | { ok: false; reason: string } {
  const problems = validateAnswers(checklist, answers);
  if (problems.length > 0) return { ok: false, reason: problems.join('; ') };
  const missing = checklistItems(checklist).filter((item) => answerValue(answers, item.id) === null);
  if (missing.length === 0) return { ok: true };
  const shown = missing.slice(0, 3).map((item) => `"${item.text}"`);
  if (missing.length > 3) shown.push(`and ${missing.length - 3} more`);
  const noun = missing.length === 1 ? 'item' : 'items';
  return { ok: false, reason: `${missing.length} ${noun} not answered: ${shown.join(', ')}` };
}

/**
 * Scores compare at 1e-9: a mean that float arithmetic leaves at 79.99999999999 reaches a pass mark of
 * 80 (no real difference is that small: weights are whole numbers and scales have at most 10 steps).
 */
export function reachesPassMark(score: number, passMark: number): boolean {
  const round9 = (x: number) => Math.round(x * 1e9) / 1e9;
  return round9(score) >= round9(passMark);
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/**
 * A common denominator of every item's scale range. Each answer then adds a whole number of units,
 * so the sums are exact integers and the mean is a single division: the score does not depend on
 * the order of items and an exact 80 comes out as exactly 80.
 */
function unitsPerScale(checklist: Checklist): number {
  return checklistItems(checklist).reduce((unit, item) => {
    const { min, max } = scaleBounds(item.scale);
    return (unit * (max - min)) / gcd(unit, max - min);
  }, 1);
}

export function scoreSpotCheck(checklist: Checklist, answers: Answers): ScoreResult {
  const unit = unitsPerScale(checklist);
  const percent = (units: number, weight: number) => (100 * units) / (unit * weight);
  let checkFailed = false;
  let answeredItems = 0;
  let totalItems = 0;

  const sections = checklist.sections.map((section) => {
    let units = 0;
    let weight = 0;
    let failedBySection = false;
    const items = section.items.map((item) => {
      totalItems++;
      const value = scorableAnswer(item, answers);
      if (value !== null) answeredItems++;
      if (value === null || value === 'na') return { itemId: item.id, score: null, criticalFailure: false };
      const { min, max } = scaleBounds(item.scale);
      units += item.weight * (value - min) * (unit / (max - min));
      weight += item.weight;
      // Weight does not matter here: a weight-0 critical item is a pure gate and still fails.
      const criticalFailure = item.critical !== 'none' && value === min;
      if (criticalFailure && item.critical === 'section') failedBySection = true;
      if (criticalFailure && item.critical === 'check') checkFailed = true;
      return { itemId: item.id, score: (100 * (value - min)) / (max - min), criticalFailure };
    });
    return { sectionId: section.id, units, weight, failedBySection, items };
  });

  const weight = sections.reduce((sum, s) => sum + s.weight, 0);
  const rawUnits = sections.reduce((sum, s) => sum + s.units, 0);
  // A failed section's items stay in the denominator but add nothing.
  const keptUnits = sections.reduce((sum, s) => sum + (s.failedBySection ? 0 : s.units), 0);
  const rawScore = weight > 0 ? percent(rawUnits, weight) : null;
  // Decision: a check-level critical failure scores 0 and fails even when nothing else carries
  // weight (e.g. a weight-0 compliance gate with the rest N/A): the check did fail, it is not unscored.
  const score = checkFailed ? 0 : weight > 0 ? percent(keptUnits, weight) : null;
  const outcome = score === null ? null : !checkFailed && reachesPassMark(score, checklist.passMark) ? 'pass' : 'fail';

  return {
    score,
    rawScore,
    outcome,
    autoFail: checkFailed ? 'check' : sections.some((s) => s.failedBySection) ? 'section' : 'none',
    passMark: checklist.passMark,
    answeredItems,
    totalItems,
    complete: answeredItems === totalItems,
    sections: sections.map((s) => {
      // SectionScore: a section fails by its own critical item or with the whole check.
      const failed = s.failedBySection || checkFailed;
      const sectionRaw = s.weight > 0 ? percent(s.units, s.weight) : null;
      return { sectionId: s.sectionId, rawScore: sectionRaw, score: failed ? 0 : sectionRaw, failed };
    }),
    items: sections.flatMap((s) => s.items),
  };
}

/**
 * "82.5%" with one decimal, "—" when there is no score. The decimal is truncated, not rounded, so
 * the text never contradicts the outcome: 79.96 against a pass mark of 80 fails and reads "79.9%",
 * not "80.0%". Before truncating, the score is rounded to 9 decimals exactly as reachesPassMark
 * compares it, so float noise such as 82.4999999999 (a true 82.5) reads "82.5%" while a real
 * shortfall such as 79.9999999 reads "79.9%". (Consistent for pass marks with at most one decimal.)
 */
export function formatScore(score: number | null): string {
  if (score === null) return '—';
  // Whole billionths, then whole tenths: integer arithmetic, so no new rounding creeps in.
  const billionths = Math.round(Math.abs(score) * 1e9);
  const tenths = Math.floor(billionths / 1e8);
  const sign = score < 0 && tenths > 0 ? '-' : '';
  return `${sign}${Math.floor(tenths / 10)}.${tenths % 10}%`;
}
