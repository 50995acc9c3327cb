import type { Scale } from '../checklist.ts';

/**
 * Shared settings for the checklists Floorwalker ships with. Built-ins are approved once, by the
 * product, on a fixed date, so their content and key (id@version) never change between builds.
 * An organisation that wants different wording copies one into a draft of its own and approves that.
 */
export const BUILT_IN_APPROVAL = {
  version: 1,
  status: 'approved',
  approvedBy: 'Floorwalker',
  approvedAt: '2025-06-02T09:00:00Z',
  builtIn: true,
} as const;

/** Yes (1) or no (0). */
export const YES_NO: Scale = { kind: 'yesNo' };

/** Points from min to max, for items a supervisor grades rather than ticks. */
export function points(min: number, max: number): Scale {
  return { kind: 'points', min, max };
}

/** 1 (poor) .. 5 (excellent): manner and skill. */
export const ONE_TO_FIVE = points(1, 5);

/**
 * 0..3: how far a thing was done. 0 not at all or wrong, 1 partly with gaps that matter,
 * 2 done with minor gaps, 3 fully.
 */
export const ZERO_TO_THREE = points(0, 3);
