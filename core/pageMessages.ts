import { z } from './z.ts';
import { ContactReference } from './contact.ts';
import { Picked } from './customAdapter.ts';

/**
 * Messages that cross the page boundary (page reader <-> extension). The reader sends what its
 * adapters read, unvalidated (it bundles no zod, to stay light in the CRM page); the extension
 * picks the first candidate that passes the ContactReference schema (sites/pick.ts).
 */
const Candidates = z.array(z.unknown()).check(z.maxLength(10));

export const pageMessages = {
  /** Panel -> background: the contact shown in a tab, read by the page reader's adapters. */
  'contact:get': { request: z.strictObject({ tabId: z.int() }), response: z.nullable(ContactReference) },
  /** Page reader -> extension: the page now shows another contact (or none). */
  'contact:changed': { request: z.strictObject({ candidates: Candidates }), response: z.strictObject({}) },
  /**
   * Background -> page reader: read the page now, with the adapter set the background chose for it
   * (sites/pageAdapters.ts pageAdapterSet's key). A reader holding another set refuses, and the
   * background injects the new one.
   */
  'page:readContact': { request: z.strictObject({ adapters: z.string().check(z.maxLength(20_000)) }), response: Candidates },
  /** Element picker -> background, for the panel: the element an admin picked, or null when they pressed Escape. */
  'picker:done': { request: z.strictObject({ picked: z.nullable(Picked) }), response: z.strictObject({}) },

  /**
   * In-page guard -> background, when it starts: is this page's site enabled, and the prompt pack to
   * evaluate (validated by the background; the guard bundles no zod) with the signed-in role.
   */
  'guard:config': {
    request: z.strictObject({}),
    response: z.strictObject({
      enabled: z.boolean(),
      pack: z.optional(z.unknown()),
      /** Each pattern of the pack that passed the safe-pattern check, with its prefilter. */
      patterns: z.optional(z.record(z.string(), z.unknown())),
      role: z.optional(z.string()),
    }),
  },
  /**
   * In-page guard -> background: the deadlines running on complaints about the contact the page
   * shows (from this browser's complaints), for deadline rules. Asked again when the contact changes.
   */
  'guard:deadlines': {
    request: z.strictObject({ candidates: Candidates }),
    response: z.strictObject({
      deadlines: z.array(z.strictObject({ kind: z.string(), dueAt: z.string(), complaintRef: z.optional(z.string()) })),
    }),
  },
  /**
   * In-page guard -> background: a prompt was shown, acknowledged, dismissed or overridden. Names the
   * rule, never the page's text; the contact comes as the adapters' raw candidates, and the background
   * keeps only its key. Stored as a PromptEvent (core/promptRules.ts), which refuses a card number.
   */
  'guard:event': {
    request: z.strictObject({
      ruleId: z.string().check(z.minLength(1), z.maxLength(80)),
      ruleVersion: z.int().check(z.gte(1)),
      packId: z.optional(z.string().check(z.maxLength(80))),
      packVersion: z.optional(z.int().check(z.gte(1))),
      action: z.enum(['shown', 'acknowledged', 'dismissed', 'overridden']),
      reason: z.optional(z.string().check(z.maxLength(500))),
      candidates: Candidates,
    }),
    response: z.strictObject({}),
  },
  /**
   * In-page guard -> background: the agent chose to log the contact as a complaint. The background
   * leaves a quick-log intent for the panel (card numbers masked) and tries to open the panel.
   */
  'guard:quickLog': {
    request: z.strictObject({ customerWords: z.optional(z.string().check(z.maxLength(5000))) }),
    response: z.strictObject({ opened: z.boolean() }),
  },
} as const;
