import { z } from './z.ts';
import { findCardNumbers } from './guards.ts';
import { Role } from './account.ts';
import { Channel, ContactReference } from './contact.ts';
import { IsoDate, localDateOf } from './isoDate.ts';
import { Uuid } from './spotCheck.ts';

/*
 * Complaints (DESIGN.md "Complaint", "Authority boundary"; CC33 2.1-2.5, CFACC33 PC 6-11, CC16 1.1-1.3).
 *
 * A complaint is never stored as an editable record: it is the result of replaying its history, an
 * append-only list of events (complaintLifecycle.ts). Corrections are further events. Where a decision
 * depended on organisation settings that can later change (the authority of the person who agreed an
 * option, the regime whose clocks apply, a root cause's name), the event keeps a copy of what applied,
 * so replaying an old history gives the same complaint after the settings have moved on.
 *
 * Money is in pence (whole numbers), never floating pounds.
 */

// ---- small shared pieces --------------------------------------------------------------------------

const Datetime = z.iso.datetime({ offset: true });
/** Organisation-defined ids (categories, root causes, regimes, milestones). */
export const Slug = z.string().check(
  z.minLength(1),
  z.maxLength(60),
  z.regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes'),
);
/**
 * A complaint's history is never rewritten, so a card number typed into it could never be removed:
 * every free-text field refuses one (DESIGN.md: card numbers are never stored).
 */
const noCardNumber = z.refine<string>((text) => findCardNumbers(text).length === 0, {
  message: 'remove the card number: card numbers are never stored',
});
/** Free text that may be empty. */
const Text = (max: number) => z.string().check(z.trim(), z.maxLength(max), noCardNumber);
/** Free text that must say something. */
const Said = (max: number, message: string) => z.string().check(z.trim(), z.minLength(1, message), z.maxLength(max), noCardNumber);

/** An amount of money in pence; up to £10 million. */
export const Pence = z.int().check(z.gte(0, 'an amount cannot be negative'), z.lte(1_000_000_000));
export type Pence = z.infer<typeof Pence>;

/** "£1,234.50" */
export function formatPence(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const abs = Math.abs(Math.round(pence));
  const pounds = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}£${pounds}.${String(abs % 100).padStart(2, '0')}`;
}

/** Someone who acted on a complaint, as recorded at the time. */
export const Handler = z.strictObject({
  id: Uuid,
  name: z.string().check(z.trim(), z.maxLength(200)),
  role: Role,
});
export type Handler = z.infer<typeof Handler>;

// ---- flags, outcomes, categories ------------------------------------------------------------------

export const ComplaintFlag = z.enum(['vulnerable', 'highProfile', 'highRisk']);
export type ComplaintFlag = z.infer<typeof ComplaintFlag>;

export const COMPLAINT_FLAG_LABELS: Record<ComplaintFlag, string> = {
  vulnerable: 'vulnerable customer',
  highProfile: 'high-profile customer',
  highRisk: 'high risk',
};

const noRepeats = <T>(list: readonly T[]) => new Set(list).size === list.length;

export const ComplaintFlags = z.array(ComplaintFlag).check(z.refine(noRepeats, 'a flag is listed twice'));

export const ComplaintOutcome = z.enum(['upheld', 'partlyUpheld', 'notUpheld', 'withdrawn']);
export type ComplaintOutcome = z.infer<typeof ComplaintOutcome>;

export const COMPLAINT_OUTCOME_LABELS: Record<ComplaintOutcome, string> = {
  upheld: 'Upheld',
  partlyUpheld: 'Partly upheld',
  notUpheld: 'Not upheld',
  withdrawn: 'Withdrawn',
};

/**
 * A complaint category (CC33 2.5 teaching content: categorise complaints and compare the categories
 * with procedures and targets). Categories are retired, never deleted, so old complaints keep theirs.
 */
export const ComplaintCategory = z.strictObject({
  id: Slug,
  label: Said(120, 'a category needs a name'),
  /** How many complaints a month the organisation expects in this category, for comparison. */
  anticipatedPerMonth: z.optional(z.number().check(z.gte(0), z.lte(1_000_000))),
  retired: z.optional(z.boolean()),
});
export type ComplaintCategory = z.infer<typeof ComplaintCategory>;

export const ComplaintCategories = z
  .array(ComplaintCategory)
  .check(z.refine((list) => noRepeats(list.map((c) => c.id)), 'two categories have the same id'));

export const DEFAULT_COMPLAINT_CATEGORIES: readonly ComplaintCategory[] = [
  { id: 'service', label: 'Quality of service' },
  { id: 'delay', label: 'Delay or missed commitment' },
  { id: 'billing', label: 'Charges, billing and payments' },
  { id: 'product', label: 'Product or service fault' },
  { id: 'staff', label: 'Staff conduct' },
  { id: 'information', label: 'Wrong, unclear or missing information' },
  { id: 'decision', label: 'Decision, terms or policy' },
  { id: 'privacy', label: 'Personal data and privacy' },
  { id: 'access', label: 'Accessibility and support needs' },
  { id: 'other', label: 'Other' },
];

// ---- root causes ----------------------------------------------------------------------------------

export const RootCauseGroup = z.enum(['people', 'process', 'systems', 'product', 'communication', 'thirdParty', 'policy', 'customer', 'none']);
export type RootCauseGroup = z.infer<typeof RootCauseGroup>;

export const RootCause = z.strictObject({
  id: Slug,
  label: Said(120, 'a root cause needs a name'),
  group: RootCauseGroup,
  description: z.optional(Text(1000)),
  /** No longer offered for new reviews; past reviews keep it. */
  retired: z.optional(z.boolean()),
});
export type RootCause = z.infer<typeof RootCause>;

export const RootCauseTaxonomy = z
  .array(RootCause)
  .check(z.refine((list) => noRepeats(list.map((c) => c.id)), 'two root causes have the same id'));
export type RootCauseTaxonomy = z.infer<typeof RootCauseTaxonomy>;

/** The root causes every organisation starts with (CC16 1.3, CFACC33 PC 11). */
export const DEFAULT_ROOT_CAUSES: RootCauseTaxonomy = [
  { id: 'training-gap', label: 'Knowledge or training gap', group: 'people' },
  { id: 'individual-error', label: 'Individual error', group: 'people' },
  { id: 'behaviour', label: 'Attitude or behaviour', group: 'people' },
  { id: 'procedure-unclear', label: 'Procedure missing or unclear', group: 'process' },
  { id: 'procedure-not-followed', label: 'Procedure not followed', group: 'process' },
  { id: 'handoff', label: 'Hand-off between teams failed', group: 'process' },
  { id: 'capacity', label: 'Not enough capacity (queues, backlogs)', group: 'process' },
  { id: 'system-fault', label: 'System fault or outage', group: 'systems' },
  { id: 'data-error', label: 'Wrong or missing data', group: 'systems' },
  { id: 'product-design', label: 'Product or service design', group: 'product' },
  { id: 'misleading-information', label: 'Misleading or unclear information given', group: 'communication' },
  { id: 'no-update', label: 'Customer not kept informed', group: 'communication' },
  { id: 'third-party', label: 'Supplier or partner failure', group: 'thirdParty' },
  { id: 'policy-terms', label: 'Policy or terms the customer disagrees with', group: 'policy' },
  { id: 'expectation', label: 'Customer expectation differed from the offer', group: 'customer' },
  { id: 'none-found', label: 'No fault found', group: 'none' },
];

/** What an organisation adds to, and retires from, the default root causes. */
export const RootCauseExtension = z.strictObject({
  added: z._default(z.array(RootCause), []),
  retired: z._default(z.array(Slug), []),
});
export type RootCauseExtension = z.infer<typeof RootCauseExtension>;

/**
 * The organisation's root causes: the defaults, its own additions, with the ones it retired marked.
 * Nothing is ever removed, so every past review still names a known cause.
 */
export function extendRootCauses(
  base: RootCauseTaxonomy,
  extension: RootCauseExtension,
): { ok: true; taxonomy: RootCauseTaxonomy } | { ok: false; error: string } {
  const ids = new Set(base.map((c) => c.id));
  for (const added of extension.added) {
    if (ids.has(added.id)) return { ok: false, error: `There is already a root cause with the id "${added.id}".` };
    ids.add(added.id);
  }
  for (const id of extension.retired) {
    if (!ids.has(id)) return { ok: false, error: `There is no root cause "${id}" to retire.` };
  }
  const retired = new Set(extension.retired);
  const taxonomy = [...base, ...extension.added].map((c) => (retired.has(c.id) ? { ...c, retired: true } : c));
  return { ok: true, taxonomy };
}

/** A review names its root cause with the label it had, so renaming one later does not rewrite history. */
export const RootCauseRef = z.strictObject({ id: Slug, label: Said(120, 'a root cause needs a name') });
export type RootCauseRef = z.infer<typeof RootCauseRef>;

// ---- authority ------------------------------------------------------------------------------------

/**
 * What people in a role may settle on their own (CC16 1.1, CFACC33 K&U i): the largest redress they
 * may agree, the categories and the flags they may handle. Beyond it a complaint is referred.
 */
export const AuthorityBoundary = z.strictObject({
  /** The largest redress, in pence; null means no limit. */
  maxRedressPence: z.nullable(Pence),
  categories: z.union([z.literal('all'), z.array(Slug).check(z.refine(noRepeats, 'a category is listed twice'))]),
  flags: ComplaintFlags,
});
export type AuthorityBoundary = z.infer<typeof AuthorityBoundary>;

/** The organisation's boundaries, one per role, as managers set them. */
export const AuthorityPolicy = z.strictObject({
  /** Goes up by one each time a manager changes a boundary. */
  version: z.int().check(z.gte(1)),
  boundaries: z.strictObject({
    agent: AuthorityBoundary,
    supervisor: AuthorityBoundary,
    manager: AuthorityBoundary,
    admin: AuthorityBoundary,
  }),
  setBy: z.optional(Handler),
  setAt: z.optional(Datetime),
});
export type AuthorityPolicy = z.infer<typeof AuthorityPolicy>;

/** Where an organisation starts; managers change it (CC16 1.1). */
export const DEFAULT_AUTHORITY_POLICY: AuthorityPolicy = {
  version: 1,
  boundaries: {
    agent: { maxRedressPence: 5_000, categories: 'all', flags: [] },
    supervisor: { maxRedressPence: 50_000, categories: 'all', flags: ['vulnerable'] },
    manager: { maxRedressPence: null, categories: 'all', flags: ['vulnerable', 'highProfile', 'highRisk'] },
    // Admins run the system; they do not handle complaints unless a manager says so.
    admin: { maxRedressPence: 0, categories: [], flags: [] },
  },
};

export function authorityFor(policy: AuthorityPolicy, role: Role): AuthorityBoundary {
  return policy.boundaries[role];
}

/** Whether two boundaries allow exactly the same (order of lists aside). */
export function sameBoundary(a: AuthorityBoundary, b: AuthorityBoundary): boolean {
  const list = (l: readonly string[] | 'all') => (l === 'all' ? 'all' : [...l].sort().join('\u0000'));
  return a.maxRedressPence === b.maxRedressPence && list(a.categories) === list(b.categories) && list(a.flags) === list(b.flags);
}

/** Only managers set authority boundaries (DESIGN.md roles; CC16 1.1). */
export function setAuthorityBoundary(
  policy: AuthorityPolicy,
  role: Role,
  boundary: AuthorityBoundary,
  by: Handler,
  at: string,
): { ok: true; policy: AuthorityPolicy } | { ok: false; error: string } {
  if (by.role !== 'manager') return { ok: false, error: 'Only a manager can set authority boundaries.' };
  const parsed = AuthorityBoundary.safeParse(boundary);
  if (!parsed.success) return { ok: false, error: `This boundary is not valid: ${describeIssues(parsed.error.issues)}` };
  return {
    ok: true,
    policy: { version: policy.version + 1, boundaries: { ...policy.boundaries, [role]: parsed.data }, setBy: by, setAt: at },
  };
}

const ROLE_NAMES: Record<Role, string> = { agent: 'agents', supervisor: 'supervisors', manager: 'managers', admin: 'admins' };

/**
 * Why a boundary does not cover a complaint (its category and flags) and, when given, a redress;
 * empty when it does. Each reason is a sentence fragment such as "a redress of £300.00 (the limit is
 * £100.00)".
 */
export function authorityGaps(
  boundary: AuthorityBoundary,
  complaint: { category: string; flags: readonly ComplaintFlag[] },
  redressPence?: number,
): string[] {
  const gaps: string[] = [];
  if (redressPence !== undefined && boundary.maxRedressPence !== null && redressPence > boundary.maxRedressPence) {
    gaps.push(`a redress of ${formatPence(redressPence)} (the limit is ${formatPence(boundary.maxRedressPence)})`);
  }
  if (boundary.categories !== 'all' && !boundary.categories.includes(complaint.category)) {
    gaps.push(`complaints in the category "${complaint.category}"`);
  }
  const missing = complaint.flags.filter((f) => !boundary.flags.includes(f));
  if (missing.length > 0) gaps.push(`complaints flagged ${missing.map((f) => COMPLAINT_FLAG_LABELS[f]).join(' and ')}`);
  return gaps;
}

/** The roles whose boundary covers a complaint (and a redress): where a referral may go. */
export function rolesAbleToHandle(
  policy: AuthorityPolicy,
  complaint: { category: string; flags: readonly ComplaintFlag[] },
  redressPence?: number,
): Role[] {
  return Role.options.filter((role) => authorityGaps(policy.boundaries[role], complaint, redressPence).length === 0);
}

export const roleName = (role: Role): string => ROLE_NAMES[role];

// ---- regimes and their clocks ---------------------------------------------------------------------

export const ClockUnit = z.enum(['businessDays', 'calendarDays', 'weeks', 'months']);
export type ClockUnit = z.infer<typeof ClockUnit>;

/**
 * One clock in a regime, counted from the day the complaint was received.
 * - A deadline must be met; a window is a chance that closes (summary resolution).
 * - Closing the complaint (the final response) meets every milestone; `metBy` lists what else does.
 */
export const Milestone = z.strictObject({
  id: Slug,
  label: Said(200, 'a milestone needs a name'),
  kind: z.enum(['deadline', 'window']),
  period: z.strictObject({ amount: z.int().check(z.gte(0), z.lte(3660)), unit: ClockUnit }),
  /** The due day ends at midnight, or at the organisation's close of business. */
  endsAt: z._default(z.enum(['endOfDay', 'closeOfBusiness']), 'endOfDay'),
  /** 'afterHoldingResponse': applies only once a holding response has been sent (exceptional extensions). */
  appliesWhen: z._default(z.enum(['always', 'afterHoldingResponse']), 'always'),
  metBy: z._default(z.array(z.enum(['acknowledgement', 'holdingResponse'])), []),
  /** From how long before the due day the clock shows "due soon". */
  warnBefore: z.strictObject({ amount: z.int().check(z.gte(0), z.lte(365)), unit: z.enum(['businessDays', 'calendarDays']) }),
  /** What the rule is, in the product's words, with its reference. */
  explanation: z.optional(Text(1000)),
});
export type Milestone = z.infer<typeof Milestone>;

export const Regime = z.strictObject({
  id: Slug,
  name: Said(120, 'a regime needs a name'),
  builtIn: z.boolean(),
  /**
   * 'sameDay': count from the calendar day of receipt, whatever day it is (the FCA rules' wording).
   * 'nextBusinessDay': a complaint received on a weekend or holiday counts as received on the next business day.
   */
  receiptOnNonBusinessDay: z._default(z.enum(['sameDay', 'nextBusinessDay']), 'sameDay'),
  /** The body a customer may take the complaint to, and whether a closure must record telling them. */
  referralRights: z.optional(
    z.strictObject({
      body: Said(200, 'name the body'),
      /** Months from the final response in which the customer may refer. */
      windowMonths: z.optional(z.int().check(z.gte(1), z.lte(120))),
      requiredAtClosure: z.boolean(),
    }),
  ),
  milestones: z
    .array(Milestone)
    .check(z.maxLength(20), z.refine((list) => noRepeats(list.map((m) => m.id)), 'two milestones have the same id')),
});
export type Regime = z.infer<typeof Regime>;

const FOS = { body: 'Financial Ombudsman Service', windowMonths: 6, requiredAtClosure: true };

const summaryResolution: Milestone = {
  id: 'summary-resolution',
  label: 'Summary resolution possible',
  kind: 'window',
  period: { amount: 3, unit: 'businessDays' },
  endsAt: 'closeOfBusiness',
  appliesWhen: 'always',
  metBy: [],
  warnBefore: { amount: 1, unit: 'businessDays' },
  explanation:
    'DISP 1.5: resolved by close of business on the third business day after the day of receipt, the complaint can be ' +
    'closed with a summary resolution communication rather than a full final response.',
};

export const FCA_DISP: Regime = {
  id: 'fca-disp',
  name: 'FCA DISP',
  builtIn: true,
  receiptOnNonBusinessDay: 'sameDay',
  referralRights: FOS,
  milestones: [
    summaryResolution,
    {
      id: 'final-response',
      label: 'Final or holding response',
      kind: 'deadline',
      period: { amount: 8, unit: 'weeks' },
      endsAt: 'endOfDay',
      appliesWhen: 'always',
      metBy: ['holdingResponse'],
      warnBefore: { amount: 7, unit: 'calendarDays' },
      explanation:
        'DISP 1.6.2R: by the end of eight weeks after receipt, send a final response, or a written response saying why ' +
        'there is no final response yet and that the customer may now go to the Financial Ombudsman Service.',
    },
  ],
};

export const FCA_PAYMENT_SERVICES: Regime = {
  id: 'fca-psd',
  name: 'FCA payment services and e-money',
  builtIn: true,
  receiptOnNonBusinessDay: 'sameDay',
  referralRights: FOS,
  milestones: [
    summaryResolution,
    {
      id: 'final-response-15',
      label: 'Final response (15 business days)',
      kind: 'deadline',
      period: { amount: 15, unit: 'businessDays' },
      endsAt: 'endOfDay',
      appliesWhen: 'always',
      metBy: ['holdingResponse'],
      warnBefore: { amount: 3, unit: 'businessDays' },
      explanation:
        'DISP 1.6.2A R: a final response by the end of 15 business days after the day of receipt; in exceptional ' +
        'circumstances a holding reply by then, giving the reasons and when the final response will come.',
    },
    {
      id: 'final-response-35',
      label: 'Final response after a holding reply (35 business days)',
      kind: 'deadline',
      period: { amount: 35, unit: 'businessDays' },
      endsAt: 'endOfDay',
      appliesWhen: 'afterHoldingResponse',
      metBy: [],
      warnBefore: { amount: 5, unit: 'businessDays' },
      explanation: 'DISP 1.6.2A R: after a holding reply, the final response by the end of 35 business days after the day of receipt.',
    },
  ],
};

export const OFCOM: Regime = {
  id: 'ofcom',
  name: 'Ofcom (communications providers)',
  builtIn: true,
  receiptOnNonBusinessDay: 'sameDay',
  referralRights: { body: 'the provider’s alternative dispute resolution (ADR) scheme', requiredAtClosure: true },
  milestones: [
    {
      id: 'adr-eight-weeks',
      label: 'Resolve, or tell the customer about ADR (8 weeks)',
      kind: 'deadline',
      period: { amount: 8, unit: 'weeks' },
      endsAt: 'endOfDay',
      appliesWhen: 'always',
      metBy: ['holdingResponse'],
      warnBefore: { amount: 7, unit: 'calendarDays' },
      explanation:
        'Ofcom General Condition C4: eight weeks after the complaint was made (sooner with a deadlock letter) the customer ' +
        'may take it to the ADR scheme, and the provider must tell them so in writing.',
    },
  ],
};

export const NO_REGULATORY_CLOCK: Regime = {
  id: 'none',
  name: 'No regulatory clock',
  builtIn: true,
  receiptOnNonBusinessDay: 'sameDay',
  milestones: [],
};

export const BUILT_IN_REGIMES: readonly Regime[] = [FCA_DISP, FCA_PAYMENT_SERVICES, OFCOM, NO_REGULATORY_CLOCK];

/** A built-in regime or one of the organisation's own, by id. */
export function findRegime(id: string, custom: readonly Regime[] = []): Regime | undefined {
  return BUILT_IN_REGIMES.find((r) => r.id === id) ?? custom.find((r) => r.id === id);
}

// ---- the parts of a complaint ---------------------------------------------------------------------

/** The nature of the complaint (CC33 2.1, CFACC33 PC 7). Only what happened is needed to log it. */
export const ComplaintNature = z.strictObject({
  whatHappened: Said(5000, 'say what happened'),
  impact: z._default(Text(5000), ''),
  customerWants: z._default(Text(5000), ''),
});
export type ComplaintNature = z.infer<typeof ComplaintNature>;

/** An option for resolving the complaint, weighed for both sides (CC33 2.2, CFACC33 PC 8). */
export const ComplaintOption = z.strictObject({
  id: z.string().check(z.minLength(1), z.maxLength(60)),
  summary: Said(500, 'describe the option'),
  customerAdvantages: z._default(Text(2000), ''),
  customerDisadvantages: z._default(Text(2000), ''),
  organisationAdvantages: z._default(Text(2000), ''),
  organisationDisadvantages: z._default(Text(2000), ''),
  /** What the customer would receive in money; authority limits apply to this. */
  redressPence: Pence,
  /** What the option costs the organisation in all (redress plus work, write-offs...). */
  costPence: Pence,
  /** Redress that is not money: an apology, a repair, a changed decision. */
  otherRedress: z._default(Text(1000), ''),
});
export type ComplaintOption = z.infer<typeof ComplaintOption>;

/** Closing the complaint (CC33 2.4, CFACC33 PC 10): the outcome is required. */
export const ComplaintClosure = z.strictObject({
  /** The day the final response (or summary resolution communication) went to the customer. */
  closedOn: IsoDate,
  outcome: ComplaintOutcome,
  redressPence: Pence,
  otherRedress: z._default(Text(1000), ''),
  summary: Said(5000, 'summarise how the complaint was resolved'),
  /** Whether the customer was told of their right to refer the complaint (ombudsman, ADR). */
  referralRightsGiven: z.boolean(),
});
export type ComplaintClosure = z.infer<typeof ComplaintClosure>;

/** A step to stop the problem happening again (CC16 1.3), with an owner and a due date. */
export const PreventiveAction = z.strictObject({
  description: Said(1000, 'describe the action'),
  owner: z.strictObject({ id: z.optional(Uuid), name: Said(200, 'name the owner') }),
  dueOn: IsoDate,
  /** The improvement action record this became, once one exists. */
  actionId: z.optional(Uuid),
});
export type PreventiveAction = z.infer<typeof PreventiveAction>;

/** Learning from the complaint (CC33 2.5, CFACC33 PC 11). */
export const ComplaintReview = z.strictObject({
  rootCause: RootCauseRef,
  learningPoints: z.array(Said(1000, 'a learning point cannot be empty')).check(z.maxLength(20)),
  preventiveActions: z.array(PreventiveAction).check(z.maxLength(20)),
});
export type ComplaintReview = z.infer<typeof ComplaintReview>;

// ---- events ---------------------------------------------------------------------------------------

const EventBase = {
  id: Uuid,
  complaintId: Uuid,
  /** 1 for the event that logs the complaint, then one more for each event after it. */
  seq: z.int().check(z.gte(1)),
  /** When the event was recorded. */
  at: Datetime,
  by: Handler,
};

const Reason = Said(2000, 'give a reason');

export const ComplaintLogged = z.strictObject({
  ...EventBase,
  type: z.literal('logged'),
  /** The reference people quote, e.g. "C-20261130-4F2A9C". */
  reference: Said(40, 'a complaint needs a reference'),
  receivedAt: Datetime,
  receivedVia: Channel,
  contact: ContactReference,
  /** The customer's CRM id; defaults to the contact's. */
  customerRef: z.optional(Text(200)),
  category: Slug,
  nature: ComplaintNature,
  flags: z._default(ComplaintFlags, []),
  /** The regime whose clocks apply, as it stood when the complaint was logged. */
  regime: Regime,
  /** The authority of the person logging it, who becomes its first owner. */
  ownerAuthority: AuthorityBoundary,
});

export const ComplaintEvent = z.discriminatedUnion('type', [
  ComplaintLogged,
  /** Corrects how and when the complaint arrived, or who it is from. */
  z.strictObject({
    ...EventBase,
    type: z.literal('detailsCorrected'),
    reference: z.optional(Said(40, 'a complaint needs a reference')),
    receivedAt: z.optional(Datetime),
    receivedVia: z.optional(Channel),
    contact: z.optional(ContactReference),
    customerRef: z.optional(Text(200)),
    reason: Reason,
  }),
  /** Records (or re-records) what happened, its impact and what the customer wants. */
  z.strictObject({ ...EventBase, type: z.literal('natureRecorded'), nature: ComplaintNature, reason: z.optional(Text(2000)) }),
  /** Sets the flags; removing one needs a reason. */
  z.strictObject({ ...EventBase, type: z.literal('flagsSet'), flags: ComplaintFlags, reason: z.optional(Text(2000)) }),
  z.strictObject({ ...EventBase, type: z.literal('categorySet'), category: Slug, reason: z.optional(Text(2000)) }),
  z.strictObject({ ...EventBase, type: z.literal('regimeSet'), regime: Regime, reason: Reason }),
  z.strictObject({ ...EventBase, type: z.literal('optionAdded'), option: ComplaintOption }),
  z.strictObject({ ...EventBase, type: z.literal('optionWithdrawn'), optionId: z.string().check(z.minLength(1)), reason: Reason }),
  /** The customer agreed an option (CC33 2.3); `authority` is the agreeing person's boundary at the time. */
  z.strictObject({
    ...EventBase,
    type: z.literal('optionAgreed'),
    optionId: z.string().check(z.minLength(1)),
    authority: AuthorityBoundary,
    note: z.optional(Text(2000)),
  }),
  z.strictObject({ ...EventBase, type: z.literal('agreementCancelled'), reason: Reason }),
  /** Something done to follow the agreed option (CFACC33 PC 9). */
  z.strictObject({ ...EventBase, type: z.literal('actionTaken'), description: Said(2000, 'say what was done') }),
  /** An acknowledgement or a holding response went to the customer. */
  z.strictObject({
    ...EventBase,
    type: z.literal('responseSent'),
    kind: z.enum(['acknowledgement', 'holding']),
    sentOn: IsoDate,
    referralRightsGiven: z._default(z.boolean(), false),
    note: z.optional(Text(2000)),
  }),
  /**
   * Referred to someone else (CFACC33 PC 6, CC16 1.2), who becomes the owner. `toAuthority` is their
   * boundary at the time; `optionId` names the option that needs more authority, if that is why.
   */
  z.strictObject({
    ...EventBase,
    type: z.literal('referred'),
    to: Handler,
    toAuthority: AuthorityBoundary,
    reason: Reason,
    optionId: z.optional(z.string().check(z.minLength(1))),
  }),
  /** `authority` is the closing person's boundary at the time. */
  z.strictObject({ ...EventBase, type: z.literal('closed'), closure: ComplaintClosure, authority: AuthorityBoundary }),
  z.strictObject({ ...EventBase, type: z.literal('closureCorrected'), closure: ComplaintClosure, authority: AuthorityBoundary, reason: Reason }),
  z.strictObject({ ...EventBase, type: z.literal('reopened'), reason: Reason }),
  z.strictObject({ ...EventBase, type: z.literal('reviewed'), review: ComplaintReview }),
  z.strictObject({ ...EventBase, type: z.literal('noteAdded'), text: Said(5000, 'a note cannot be empty') }),
]);
export type ComplaintEvent = z.infer<typeof ComplaintEvent>;
export type ComplaintEventType = ComplaintEvent['type'];
export type ComplaintEventOf<T extends ComplaintEventType> = Extract<ComplaintEvent, { type: T }>;
/** An event as a client may write it, before defaults are filled in. */
export type ComplaintEventInput = z.input<typeof ComplaintEvent>;

export const COMPLAINT_EVENT_TYPES = [
  'logged',
  'detailsCorrected',
  'natureRecorded',
  'flagsSet',
  'categorySet',
  'regimeSet',
  'optionAdded',
  'optionWithdrawn',
  'optionAgreed',
  'agreementCancelled',
  'actionTaken',
  'responseSent',
  'referred',
  'closed',
  'closureCorrected',
  'reopened',
  'reviewed',
  'noteAdded',
] as const satisfies readonly ComplaintEventType[];

// ---- the complaint as its history leaves it -------------------------------------------------------

/**
 * open: being handled; agreed: an option is agreed and being carried out; closed: a final response
 * has gone; reviewed: closed, and its learning recorded.
 */
export const ComplaintStatus = z.enum(['open', 'agreed', 'closed', 'reviewed']);
export type ComplaintStatus = z.infer<typeof ComplaintStatus>;

export const COMPLAINT_STATUS_LABELS: Record<ComplaintStatus, string> = {
  open: 'Open',
  agreed: 'Option agreed',
  closed: 'Closed',
  reviewed: 'Closed and reviewed',
};

const Stamp = { at: Datetime, by: Handler };

export const Complaint = z.strictObject({
  id: Uuid,
  reference: z.string(),
  receivedAt: Datetime,
  receivedVia: Channel,
  contact: ContactReference,
  customerRef: z.optional(z.string()),
  category: Slug,
  flags: ComplaintFlags,
  nature: ComplaintNature,
  regime: Regime,
  status: ComplaintStatus,
  owner: Handler,
  ownerAuthority: AuthorityBoundary,
  /** Why the owner may not settle it alone (flags or category beyond their authority); empty when they may. */
  needsReferral: z.array(z.string()),
  referrals: z.array(
    z.strictObject({ ...Stamp, from: Handler, to: Handler, reason: z.string(), optionId: z.optional(z.string()) }),
  ),
  options: z.array(
    z.strictObject({
      ...ComplaintOption.shape,
      addedAt: Datetime,
      addedBy: Handler,
      withdrawn: z.optional(z.strictObject({ ...Stamp, reason: z.string() })),
    }),
  ),
  agreed: z.optional(z.strictObject({ ...Stamp, optionId: z.string(), authority: AuthorityBoundary, note: z.optional(z.string()) })),
  actions: z.array(z.strictObject({ ...Stamp, description: z.string() })),
  responses: z.array(z.strictObject({ ...Stamp, kind: z.enum(['acknowledgement', 'holding']), sentOn: IsoDate, referralRightsGiven: z.boolean() })),
  closure: z.optional(z.strictObject({ ...ComplaintClosure.shape, ...Stamp })),
  /** Closures undone by reopening; the first one still met the clocks it met. */
  earlierClosures: z.array(z.strictObject({ ...ComplaintClosure.shape, ...Stamp })),
  review: z.optional(z.strictObject({ ...ComplaintReview.shape, ...Stamp })),
  notes: z.array(z.strictObject({ ...Stamp, text: z.string() })),
  createdAt: Datetime,
  createdBy: Handler,
  updatedAt: Datetime,
  /** How many events made this state (the seq of the last one). */
  seq: z.int().check(z.gte(1)),
  lastEventId: Uuid,
});
export type Complaint = z.infer<typeof Complaint>;

// ---- quick log ------------------------------------------------------------------------------------

/** All an agent must give to log a complaint from the page they are on. */
export const QuickLog = z.strictObject({
  category: Slug,
  whatHappened: Said(5000, 'say what happened'),
  contact: ContactReference,
  flags: z.optional(ComplaintFlags),
});
export type QuickLog = z.infer<typeof QuickLog>;

/** A readable reference from the complaint's id and day of receipt: "C-20261130-4F2A9C". */
export function defaultComplaintReference(complaintId: string, receivedOn: string): string {
  return `C-${receivedOn.replaceAll('-', '')}-${complaintId.replaceAll('-', '').slice(-6).toUpperCase()}`;
}

/**
 * The 'logged' event for a quick log. Received now, by the contact's channel, with the organisation's
 * default regime; the person logging it owns it until they refer it.
 */
export function quickLogEvent(
  input: QuickLog,
  ctx: {
    eventId: string;
    complaintId: string;
    at: string;
    by: Handler;
    authority: AuthorityBoundary;
    regime: Regime;
    /** Defaults to `at`. */
    receivedAt?: string;
    reference?: string;
  },
): ComplaintEventOf<'logged'> {
  const receivedAt = ctx.receivedAt ?? ctx.at;
  return {
    id: ctx.eventId,
    complaintId: ctx.complaintId,
    seq: 1,
    at: ctx.at,
    by: ctx.by,
    type: 'logged',
    reference: ctx.reference ?? defaultComplaintReference(ctx.complaintId, localDateOf(receivedAt)),
    receivedAt,
    receivedVia: input.contact.channel ?? 'other',
    contact: input.contact,
    ...(input.contact.customerRef ? { customerRef: input.contact.customerRef } : {}),
    category: input.category,
    nature: { whatHappened: input.whatHappened.trim(), impact: '', customerWants: '' },
    flags: input.flags ?? [],
    regime: ctx.regime,
    ownerAuthority: ctx.authority,
  };
}

// ---- messages -------------------------------------------------------------------------------------

/** "closure.outcome: Invalid option..." for each issue, joined. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}
