import { type ChecklistItem, scaleBounds } from '../core/checklist.ts';
import type { AnswerValue } from '../core/spotCheck.ts';

/**
 * What a key press means on a focused checklist item: Y/N on yes/no items, a digit on a points
 * scale (on yes/no, 1 = yes and 0 = no), A for N/A where allowed, Delete/Backspace to clear.
 * undefined: the key is not an answer.
 */
export function answerForKey(item: ChecklistItem, key: string): AnswerValue | undefined {
  const k = key.toLowerCase();
  if (k === 'a') return item.naAllowed ? 'na' : undefined;
  if (k === 'delete' || k === 'backspace') return null;
  const { min, max } = scaleBounds(item.scale);
  if (item.scale.kind === 'yesNo') {
    if (k === 'y' || k === '1') return 1;
    if (k === 'n' || k === '0') return 0;
    return undefined;
  }
  if (!/^[0-9]$/.test(k)) return undefined;
  const digit = Number(k);
  // A 0..10 or 1..10 scale has no key for 10 other than 0.
  const value = digit === 0 && min > 0 ? 10 : digit;
  return value >= min && value <= max ? value : undefined;
}

/** The next value along the scale for arrow keys, from no answer (or N/A) to the bottom. */
export function stepAnswer(item: ChecklistItem, current: AnswerValue, delta: 1 | -1): number {
  const { min, max } = scaleBounds(item.scale);
  if (typeof current !== 'number') return delta > 0 ? min : max;
  return Math.min(max, Math.max(min, current + delta));
}

/** Every value an item can take, with the label its button shows. */
export function answerOptions(item: ChecklistItem): { value: AnswerValue; label: string; key: string }[] {
  const options: { value: AnswerValue; label: string; key: string }[] = [];
  if (item.scale.kind === 'yesNo') {
    options.push({ value: 1, label: 'Yes', key: 'Y' }, { value: 0, label: 'No', key: 'N' });
  } else {
    for (let v = item.scale.min; v <= item.scale.max; v++) {
      options.push({ value: v, label: String(v), key: v === 10 && item.scale.min > 0 ? '0' : String(v) });
    }
  }
  if (item.naAllowed) options.push({ value: 'na', label: 'N/A', key: 'A' });
  return options;
}
