import { z } from './z.ts';
import { ContactReference } from './contact.ts';
import { UUID_PATTERN } from './ids.ts';

export const Uuid = z.string().check(z.regex(UUID_PATTERN, 'expected a UUID'));

/** An item's answer: a point on its scale, 'na' (not applicable), or null while unanswered. */
export const AnswerValue = z.union([z.int().check(z.gte(0), z.lte(10)), z.literal('na'), z.null()]);
export type AnswerValue = z.infer<typeof AnswerValue>;

export const Answer = z.strictObject({
  value: AnswerValue,
  note: z.optional(z.string().check(z.maxLength(2000))),
});
export type Answer = z.infer<typeof Answer>;
export const Answers = z.record(z.string(), Answer);
export type Answers = z.infer<typeof Answers>;

export const ItemScore = z.strictObject({
  itemId: z.string(),
  /** 0..100 as answered, before any critical failure; null when N/A or unanswered. */
  score: z.nullable(z.number()),
  /** True when this item, answered at the bottom of its scale, triggered a critical failure. */
  criticalFailure: z.boolean(),
});
export const SectionScore = z.strictObject({
  sectionId: z.string(),
  /** Weighted mean of answered items, as answered; null with no answered weight. */
  rawScore: z.nullable(z.number()),
  /** 0 when failed (by its own critical item or the whole check failing), else rawScore. */
  score: z.nullable(z.number()),
  failed: z.boolean(),
});
export const ScoreResult = z.strictObject({
  /** The check's score after critical rules; null when nothing with weight was answered. */
  score: z.nullable(z.number()),
  /** The weighted mean before critical rules, kept for analysis. */
  rawScore: z.nullable(z.number()),
  outcome: z.nullable(z.enum(['pass', 'fail'])),
  /** Why the check failed by rule rather than by score. */
  autoFail: z.enum(['none', 'section', 'check']),
  passMark: z.number(),
  answeredItems: z.int(),
  totalItems: z.int(),
  /** Every item has an answer (a point or N/A). */
  complete: z.boolean(),
  sections: z.array(SectionScore),
  items: z.array(ItemScore),
});
export type ScoreResult = z.infer<typeof ScoreResult>;

export const SpotCheckStatus = z.enum(['draft', 'submitted', 'acknowledged', 'disputed', 'resolved']);
export type SpotCheckStatus = z.infer<typeof SpotCheckStatus>;

export const SpotCheck = z.strictObject({
  id: Uuid,
  checklistId: z.string().check(z.minLength(1)),
  checklistVersion: z.int().check(z.gte(1)),
  /** Title at scoring time, so lists and exports read well without the checklist. */
  checklistTitle: z.string(),
  contact: ContactReference,
  evaluator: z.string().check(z.trim(), z.maxLength(200)),
  /** The evaluator's account, set by the server from who pushed the check. */
  evaluatorId: z.optional(Uuid),
  /** The agent whose contact was scored; starts as the contact's agent and can be corrected. */
  agent: z.string().check(z.trim(), z.maxLength(200)),
  /** The agent's account, once signed in: who may see, acknowledge or dispute the result. */
  agentId: z.optional(Uuid),
  answers: Answers,
  note: z.optional(z.string().check(z.maxLength(5000))),
  /** Derived: always recomputed from checklist + answers, never trusted from input. */
  result: ScoreResult,
  status: SpotCheckStatus,
  agentComment: z.optional(z.string().check(z.maxLength(5000))),
  respondedAt: z.optional(z.iso.datetime({ offset: true })),
  /** How a supervisor settled a dispute. */
  resolution: z.optional(z.string().check(z.maxLength(5000))),
  resolvedAt: z.optional(z.iso.datetime({ offset: true })),
  actionIds: z._default(z.array(Uuid), []),
  auditId: z.optional(Uuid),
  calibrationSessionId: z.optional(Uuid),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
  submittedAt: z.optional(z.iso.datetime({ offset: true })),
  /** The server's version of this record when this copy was last synced; absent until then. */
  version: z.optional(z.int().check(z.gte(1))),
});
export type SpotCheck = z.infer<typeof SpotCheck>;

/** What a client may send for a spot check: everything but the derived result and the server's version. */
export const SpotCheckInput = z.omit(SpotCheck, { result: true, version: true });
export type SpotCheckInput = z.infer<typeof SpotCheckInput>;
