/**
 * Prompt rules, procedure notices and prompt events as versioned data. The extension and the
 * server validate a rule pack with these schemas when it is published; the content script only
 * evaluates packs that passed (core/promptEval.ts, which must not import this module's values).
 */
import { Role } from './account.ts';
import { DateTime, Refs, Slug, Text, Version } from './promptRecords.ts';
import { Channel } from './contact.ts';
import { findCardNumbers } from './guards.ts';
import { checkPattern } from './safeRegex.ts';
import { Uuid } from './spotCheck.ts';
import { parsePhrase } from './textMatch.ts';
import { z } from './z.ts';

/** info: shown; warn: shown prominently; block: the reply is held until fixed or overridden with a reason. */
export const PromptLevel = z.enum(['info', 'warn', 'block']);
export type PromptLevel = z.infer<typeof PromptLevel>;

/**
 * The moment the page is at, as the site adapter reads it: a contact is open, account details are
 * about to be shown or given, a reply is being written, or the agent pressed send.
 */
export const PromptPhase = z.enum(['contact', 'accountDetails', 'reply', 'send']);
export type PromptPhase = z.infer<typeof PromptPhase>;

export const GuardName = z.enum(['cardNumber', 'securityCode']);
export type GuardName = z.infer<typeof GuardName>;

/** A keyword or phrase; a trailing * matches word beginnings ("complain*"). */
export const Keyword = z.string().check(
  z.maxLength(100),
  z.superRefine((value, ctx) => {
    const parsed = parsePhrase(value);
    if (typeof parsed === 'string') ctx.issues.push({ code: 'custom', message: `"${value}": ${parsed}`, input: value });
  }),
);

/** A regular expression from the safe subset (core/safeRegex.ts), written without slashes or flags. */
export const SafePattern = z.string().check(
  z.superRefine((value, ctx) => {
    const checked = checkPattern(value);
    if (!checked.ok) ctx.issues.push({ code: 'custom', message: checked.error, input: value });
  }),
);

/**
 * Words in the conversation or the reply. Holds when any keyword or the pattern is found; with
 * `absent`, when none is (a required disclosure missing).
 */
export const TextCondition = z
  .strictObject({
    in: z.enum(['conversation', 'reply']),
    anyOf: z._default(z.array(Keyword).check(z.maxLength(200)), []),
    pattern: z.optional(SafePattern),
    absent: z._default(z.boolean(), false),
  })
  .check(
    z.refine((c) => c.anyOf.length > 0 || c.pattern !== undefined, {
      message: 'a text condition needs keywords (anyOf) or a pattern',
    }),
  );
export type TextCondition = z.infer<typeof TextCondition>;

/** A field the site adapter reads off the page, e.g. identityVerified or a queue's priority. */
export const FieldCondition = z
  .strictObject({
    field: z.string().check(z.minLength(1), z.maxLength(60)),
    op: z.enum(['equals', 'notEquals', 'present', 'absent']),
    value: z.optional(z.union([z.string().check(z.maxLength(200)), z.number(), z.boolean()])),
  })
  .check(
    z.refine((c) => (c.op === 'equals' || c.op === 'notEquals') === (c.value !== undefined), {
      message: 'equals and notEquals need a value; present and absent take none',
    }),
  );
export type FieldCondition = z.infer<typeof FieldCondition>;

/** Holds when a complaint deadline on the page (of one of `kinds`, if given) is due within the hours or overdue. */
export const DeadlineCondition = z.strictObject({
  withinHours: z.number().check(z.gte(0), z.lte(24 * 120)),
  kinds: z._default(z.array(z.string().check(z.minLength(1), z.maxLength(60))), []),
});
export type DeadlineCondition = z.infer<typeof DeadlineCondition>;

/** When a rule fires: every part given must hold; an empty list places no limit. */
export const RuleWhen = z.strictObject({
  channels: z._default(z.array(Channel), []),
  phases: z._default(z.array(PromptPhase), []),
  /** Site adapter ids ("rt", "zendesk"). */
  sites: z._default(z.array(z.string().check(z.minLength(1), z.maxLength(60))), []),
  queues: z._default(z.array(z.string().check(z.minLength(1), z.maxLength(200))), []),
  urlContains: z._default(z.array(z.string().check(z.minLength(1), z.maxLength(300))), []),
  text: z._default(z.array(TextCondition).check(z.maxLength(10)), []),
  fields: z._default(z.array(FieldCondition).check(z.maxLength(10)), []),
  deadline: z.optional(DeadlineCondition),
  /** Reply guards: holds when the reply contains any of them. */
  guards: z._default(z.array(GuardName), []),
});
export type RuleWhen = z.infer<typeof RuleWhen>;

export const PromptRule = z.strictObject({
  id: Slug,
  version: Version,
  title: Text(120),
  level: PromptLevel,
  requiresAcknowledgement: z.boolean(),
  when: RuleWhen,
  /** What the agent sees, in the organisation's own words. */
  message: Text(500),
  guidance: z.optional(Text(2000)),
  guidanceUrl: z.optional(z.httpUrl()),
  criteria: Refs,
  requirementIds: Refs,
  /** Roles that see the prompt; empty means everyone. */
  audience: z._default(z.array(Role), []),
});
export type PromptRule = z.infer<typeof PromptRule>;
export type PromptRuleInput = z.input<typeof PromptRule>;

export const RulePack = z.strictObject({
  id: Slug,
  version: Version,
  title: Text(200),
  rules: z.array(PromptRule).check(z.maxLength(500)),
});
export type RulePack = z.infer<typeof RulePack>;
export type RulePackInput = z.input<typeof RulePack>;

export interface RuleError {
  /** The rule's id, or "#3" (1-based) when the id itself is missing or wrong; null for the pack itself. */
  rule: string | null;
  /** Where in the rule, e.g. "when.text.0.pattern". */
  path: string;
  message: string;
}

export type PackValidation = { ok: true; pack: RulePack } | { ok: false; errors: RuleError[] };

/**
 * Validate a rule pack for publishing. Errors name the rule they belong to and the field inside
 * it, so an editor can show them next to the rule; duplicate rule ids are errors too.
 */
export function validateRulePack(input: unknown): PackValidation {
  const parsed = RulePack.safeParse(input);
  const errors: RuleError[] = [];
  const rawRules = (input as { rules?: unknown } | null)?.rules;
  const ruleName = (index: number) => {
    const id = Array.isArray(rawRules) ? (rawRules[index] as { id?: unknown } | null)?.id : undefined;
    return typeof id === 'string' && Slug.safeParse(id).success ? id : `#${index + 1}`;
  };
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [head, index, ...rest] = issue.path;
      const inRule = head === 'rules' && typeof index === 'number';
      errors.push({
        rule: inRule ? ruleName(index) : null,
        path: (inRule ? rest : issue.path).map(String).join('.'),
        message: issue.message,
      });
    }
  } else {
    const seen = new Set<string>();
    parsed.data.rules.forEach((rule) => {
      if (seen.has(rule.id)) errors.push({ rule: rule.id, path: 'id', message: `the id "${rule.id}" is used by more than one rule` });
      seen.add(rule.id);
    });
  }
  return errors.length || !parsed.success ? { ok: false, errors } : { ok: true, pack: parsed.data };
}

/** One line per error, for logs and command-line tools. */
export const formatRuleErrors = (errors: readonly RuleError[]) =>
  errors.map((e) => `${e.rule === null ? 'pack' : `rule ${e.rule}`}${e.path ? ` ${e.path}` : ''}: ${e.message}`).join('\n');
