/**
 * How prompts fared, counted per rule and per requirement: the evidence that agents were told,
 * and what they did about it (CC33 3.3). Built on the server from prompt events, which carry no
 * conversation text; readable by supervisors (their teams) and managers.
 */
import type { PromptRule } from './promptRules.ts';
import type { PromptAction, PromptEvent } from './promptRecords.ts';
import { z } from './z.ts';

export const PromptReportQuery = z.strictObject({
  /** First day counted (inclusive), YYYY-MM-DD; 30 days before `to` when left out. */
  from: z.optional(z.iso.date()),
  /** Last day counted (inclusive), YYYY-MM-DD; today (UTC) when left out. */
  to: z.optional(z.iso.date()),
});
export type PromptReportQuery = z.infer<typeof PromptReportQuery>;

const Counts = z.strictObject({ shown: z.int(), acknowledged: z.int(), dismissed: z.int(), overridden: z.int() });
export type PromptCounts = z.infer<typeof Counts>;

export const PromptReport = z.strictObject({
  from: z.iso.date(),
  to: z.iso.date(),
  /** How many people's events are counted: the reader's teams, or the organisation. */
  people: z.int(),
  rules: z.array(
    z.strictObject({
      ruleId: z.string(),
      /** The rule's title as last published; the id alone when no pack describes it any more. */
      title: z.string(),
      requirementIds: z.array(z.string()),
      criteria: z.array(z.string()),
      ...Counts.shape,
    }),
  ),
  requirements: z.array(z.strictObject({ requirementId: z.string(), ...Counts.shape })),
});
export type PromptReport = z.infer<typeof PromptReport>;

const ACTIONS: readonly PromptAction[] = ['shown', 'acknowledged', 'dismissed', 'overridden'];
const zero = (): PromptCounts => ({ shown: 0, acknowledged: 0, dismissed: 0, overridden: 0 });

/** Count events per rule, then per requirement the rule serves; most-shown first, then by id. */
export function summarisePrompts(
  events: readonly Pick<PromptEvent, 'ruleId' | 'action'>[],
  rules: ReadonlyMap<string, Pick<PromptRule, 'title' | 'requirementIds' | 'criteria'>>,
): Pick<PromptReport, 'rules' | 'requirements'> {
  const perRule = new Map<string, PromptCounts>();
  for (const e of events) {
    const counts = perRule.get(e.ruleId) ?? zero();
    counts[e.action]++;
    perRule.set(e.ruleId, counts);
  }
  const byShown = <T extends { shown: number }>(key: (t: T) => string) => (a: T, b: T) => b.shown - a.shown || key(a).localeCompare(key(b));
  const ruleRows = [...perRule].map(([ruleId, counts]) => {
    const rule = rules.get(ruleId);
    return { ruleId, title: rule?.title ?? ruleId, requirementIds: rule?.requirementIds ?? [], criteria: rule?.criteria ?? [], ...counts };
  });
  const perRequirement = new Map<string, PromptCounts>();
  for (const row of ruleRows) {
    for (const requirementId of row.requirementIds) {
      const counts = perRequirement.get(requirementId) ?? zero();
      for (const a of ACTIONS) counts[a] += row[a];
      perRequirement.set(requirementId, counts);
    }
  }
  return {
    rules: ruleRows.sort(byShown((r) => r.ruleId)),
    requirements: [...perRequirement].map(([requirementId, c]) => ({ requirementId, ...c })).sort(byShown((r) => r.requirementId)),
  };
}
