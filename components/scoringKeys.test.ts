import { describe, expect, it } from 'vitest';
import type { ChecklistItem } from '../core/checklist.ts';
import { answerForKey, answerOptions, stepAnswer } from './scoringKeys.ts';

const item = (scale: ChecklistItem['scale'], naAllowed = true): ChecklistItem => ({
  id: 'i',
  text: 'Item',
  scale,
  weight: 10,
  naAllowed,
  critical: 'none',
  skill: 'process',
  requirementIds: [],
  criteria: [],
});
const yesNo = item({ kind: 'yesNo' });
const oneToFive = item({ kind: 'points', min: 1, max: 5 });
const zeroToThree = item({ kind: 'points', min: 0, max: 3 }, false);
const oneToTen = item({ kind: 'points', min: 1, max: 10 });

describe('answerForKey', () => {
  it.each([
    [yesNo, 'y', 1],
    [yesNo, 'Y', 1],
    [yesNo, '1', 1],
    [yesNo, 'n', 0],
    [yesNo, '0', 0],
    [yesNo, 'a', 'na'],
    [yesNo, '2', undefined],
    [yesNo, 'x', undefined],
    [oneToFive, '3', 3],
    [oneToFive, '5', 5],
    [oneToFive, '0', undefined],
    [oneToFive, '6', undefined],
    [oneToFive, 'y', undefined],
    [zeroToThree, '0', 0],
    [zeroToThree, 'a', undefined],
    [oneToTen, '0', 10],
    [oneToTen, 'Delete', null],
    [oneToTen, 'Backspace', null],
    [oneToTen, 'Enter', undefined],
  ] as const)('%#: key %s', (it_, key, expected) => {
    expect(answerForKey(it_, key)).toBe(expected);
  });
});

describe('stepAnswer', () => {
  it.each([
    [oneToFive, null, 1, 1],
    [oneToFive, null, -1, 5],
    [oneToFive, 'na', 1, 1],
    [oneToFive, 3, 1, 4],
    [oneToFive, 5, 1, 5],
    [oneToFive, 1, -1, 1],
    [yesNo, 0, 1, 1],
  ] as const)('%#', (i, current, delta, expected) => {
    expect(stepAnswer(i, current, delta)).toBe(expected);
  });
});

it('offers every point of the scale and N/A only where allowed', () => {
  expect(answerOptions(yesNo).map((o) => o.label)).toEqual(['Yes', 'No', 'N/A']);
  expect(answerOptions(zeroToThree).map((o) => o.value)).toEqual([0, 1, 2, 3]);
  expect(answerOptions(oneToTen).at(-2)).toEqual({ value: 10, label: '10', key: '0' });
});
