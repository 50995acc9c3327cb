import { z } from './z.ts';
import { RosterEntry, Team } from './account.ts';
import { Checklist } from './checklist.ts';
import { ContactReference } from './contact.ts';
import { type HandlersFor, type RequestOf as RequestIn, type ResponseOf as ResponseIn } from './messaging.ts';
import { pageMessages } from './pageMessages.ts';
import { SyncState } from './syncState.ts';
import { Complaint, ComplaintEvent, ComplaintFlags, Slug } from './complaint.ts';
import { Me } from './account.ts';
import { OrgSettings } from './orgSettings.ts';
import { AdapterPreview, AdaptersView, AdapterSwitchPut, CustomAdapterPut } from './customAdapter.ts';
import { NoticeBoard } from './notices.ts';
import { Answers, SpotCheck, SpotCheckStatus, Uuid } from './spotCheck.ts';

export const SpotCheckFilter = z.strictObject({
  agent: z.optional(z.string()),
  checklistId: z.optional(z.string()),
  outcome: z.optional(z.enum(['pass', 'fail', 'none'])),
  status: z.optional(SpotCheckStatus),
  limit: z.optional(z.int().check(z.gte(1), z.lte(10000))),
});
export type SpotCheckFilter = z.infer<typeof SpotCheckFilter>;

/** A list row: the fields lists and filters need, without answers and notes. */
export const SpotCheckSummary = z.strictObject({
  id: Uuid,
  checklistId: z.string(),
  checklistTitle: z.string(),
  agent: z.string(),
  evaluator: z.string(),
  ticketId: z.string(),
  subject: z.optional(z.string()),
  score: z.nullable(z.number()),
  outcome: z.nullable(z.enum(['pass', 'fail'])),
  status: SpotCheckStatus,
  updatedAt: z.string(),
});
export type SpotCheckSummary = z.infer<typeof SpotCheckSummary>;

/** The editable part of a spot check a panel sends; the background fills in and scores the rest. */
export const SpotCheckDraft = z.strictObject({
  id: Uuid,
  checklistId: z.string(),
  checklistVersion: z.int(),
  contact: ContactReference,
  evaluator: z.string().check(z.maxLength(200)),
  agent: z.string().check(z.maxLength(200)),
  /** The agent's account, chosen from the roster once signed in. */
  agentId: z.optional(Uuid),
  answers: Answers,
  note: z.optional(z.string().check(z.maxLength(5000))),
});
export type SpotCheckDraft = z.infer<typeof SpotCheckDraft>;

const Void = z.strictObject({});

/** A complaint as the panel shows it: the state, the history that made it, and whether the server has it all. */
export const ComplaintView = z.strictObject({
  complaint: Complaint,
  events: z.array(ComplaintEvent),
  synced: z.boolean(),
});
export type ComplaintView = z.infer<typeof ComplaintView>;

/** The quick log: only category and what happened are needed; the contact comes from the page. */
export const QuickLogRequest = z.strictObject({
  category: Slug,
  whatHappened: z.string().check(z.trim(), z.minLength(1, 'say what happened'), z.maxLength(5000)),
  contact: ContactReference,
  flags: z.optional(ComplaintFlags),
  /** When it reached the organisation, if not now (a letter opened today, a call yesterday): the clocks start then. */
  receivedAt: z.optional(z.iso.datetime({ offset: true })),
  /** A regime other than the organisation's default (built in, or one of its own). */
  regimeId: z.optional(Slug),
});
export type QuickLogRequest = z.infer<typeof QuickLogRequest>;

/** A request to open the quick log (from the keyboard shortcut or the context menu), with the selected words. */
export const QuickLogIntent = z.strictObject({
  tabId: z.optional(z.int()),
  customerWords: z.optional(z.string().check(z.maxLength(5000))),
  at: z.string(),
});
export type QuickLogIntent = z.infer<typeof QuickLogIntent>;

/** A mutation the server refused or that conflicted, as the panel lists it. */
export const SyncProblem = z.strictObject({
  seq: z.int(),
  kind: z.enum(['parked', 'conflict']),
  what: z.string(),
  recordId: z.string(),
  reason: z.string(),
  at: z.string(),
});
export type SyncProblem = z.infer<typeof SyncProblem>;

/**
 * Every message between extension contexts, in one map: name -> request and response schemas.
 * Requests are validated by the receiver and replies by the sender (see messaging.ts), so nothing
 * unchecked crosses from the page-facing content script into the worker that owns storage.
 */
const RuleErrorView = z.strictObject({ rule: z.nullable(z.string()), path: z.string(), message: z.string() });

export const PromptPacksView = z.strictObject({
  rules: z.array(
    z.strictObject({ id: z.string(), title: z.string(), level: z.enum(['info', 'warn', 'block']), packId: z.string(), packVersion: z.int() }),
  ),
  published: z.array(z.strictObject({ id: z.string(), version: z.int(), title: z.string(), rules: z.int() })),
  /** The built-in UK pack as JSON: the starting point for an organisation's own. */
  builtIn: z.string(),
});
export type PromptPacksView = z.infer<typeof PromptPacksView>;

const PublishOutcome = z.union([
  z.strictObject({ ok: z.literal(true), id: z.string(), version: z.int() }),
  z.strictObject({ ok: z.literal(false), errors: z.array(RuleErrorView) }),
]);

export const messageMap = {
  ...pageMessages,
  'checklists:list': { request: Void, response: z.array(Checklist) },
  /** Import a checklist file (unknown JSON): all of it or none of it. */
  'checklists:import': {
    request: z.strictObject({ file: z.unknown() }),
    response: z.strictObject({ imported: z.int(), ids: z.array(z.string()) }),
  },

  'spotChecks:saveDraft': { request: SpotCheckDraft, response: SpotCheck },
  'spotChecks:submit': { request: SpotCheckDraft, response: SpotCheck },
  'spotChecks:get': { request: z.strictObject({ id: Uuid }), response: z.nullable(SpotCheck) },
  /** The open draft for a contact, so reopening the panel on a ticket resumes it. */
  'spotChecks:draftFor': {
    request: z.strictObject({ contactKey: z.string() }),
    response: z.nullable(SpotCheck),
  },
  'spotChecks:discardDraft': { request: z.strictObject({ id: Uuid }), response: Void },
  'spotChecks:list': { request: SpotCheckFilter, response: z.array(SpotCheckSummary) },
  /** Full records for export, with the same filter as the list. */
  'spotChecks:export': { request: SpotCheckFilter, response: z.array(SpotCheck) },
  /** The agent's answer to a submitted check. */
  'spotChecks:respond': {
    request: z.strictObject({ id: Uuid, response: z.enum(['acknowledge', 'dispute']), comment: z.string().check(z.maxLength(5000)) }),
    response: SpotCheck,
  },
  /** A supervisor settles a disputed check. */
  'spotChecks:resolve': {
    request: z.strictObject({ id: Uuid, comment: z.string().check(z.maxLength(5000)) }),
    response: SpotCheck,
  },

  'auth:signIn': {
    request: z.strictObject({ serverUrl: z.url(), email: z.string().check(z.maxLength(254)), password: z.string().check(z.maxLength(200)) }),
    response: SyncState,
  },
  'auth:signOut': { request: Void, response: SyncState },
  'sync:state': { request: Void, response: SyncState },
  'sync:now': { request: Void, response: SyncState },
  'sync:problems': { request: Void, response: z.array(SyncProblem) },
  'sync:resolveConflict': {
    request: z.strictObject({ seq: z.int(), keep: z.enum(['server', 'mine']) }),
    response: SyncState,
  },
  'sync:dismissParked': { request: z.strictObject({ seq: z.int() }), response: SyncState },
  'roster:get': { request: Void, response: z.strictObject({ roster: z.array(RosterEntry), teams: z.array(Team) }) },
  /** What the complaint forms need: the organisation's settings and who is signed in. */
  'complaints:context': { request: Void, response: z.strictObject({ settings: OrgSettings, me: z.nullable(Me) }) },
  'complaints:log': { request: QuickLogRequest, response: ComplaintView },
  /** Record one event; `draft` is checked in full by the complaint state machine once stamped. */
  'complaints:record': {
    request: z.strictObject({ complaintId: Uuid, draft: z.looseObject({ type: z.string() }) }),
    response: ComplaintView,
  },
  'complaints:get': { request: z.strictObject({ id: Uuid }), response: z.nullable(ComplaintView) },
  'complaints:list': { request: Void, response: z.array(ComplaintView) },
  /** The complaints register as CSV. */
  'complaints:register': { request: Void, response: z.strictObject({ csv: z.string() }) },

  /** Custom site adapters, the kill switch and the element picker, for admins and managers (components/CustomAdapters.tsx). */
  'adapters:list': { request: Void, response: AdaptersView },
  'adapters:publish': { request: CustomAdapterPut, response: Void },
  'adapters:switch': { request: AdapterSwitchPut, response: Void },
  /** Start the element picker in a tab; what is picked comes back as a 'picker:result' message to the panel. */
  'adapters:pick': {
    request: z.strictObject({ tabId: z.int(), similar: z.boolean(), label: z.string().check(z.maxLength(80)) }),
    response: Void,
  },
  'adapters:stopPicking': { request: z.strictObject({ tabId: z.int() }), response: Void },
  /** What a draft definition reads on the tab's page, without publishing it. */
  'adapters:preview': { request: z.strictObject({ tabId: z.int(), definition: CustomAdapterPut }), response: AdapterPreview },

  /** The CRM sites (origins) where the in-page guard runs. */
  'sites:list': { request: Void, response: z.array(z.string()) },
  /** Run the in-page guard on a site (any address on it; its origin is kept). Answers the new list. */
  'sites:enable': { request: z.strictObject({ origin: z.string().check(z.maxLength(2048)) }), response: z.array(z.string()) },
  'sites:disable': { request: z.strictObject({ origin: z.string().check(z.maxLength(2048)) }), response: z.array(z.string()) },
  /** How many prompt events this browser holds. */
  'prompts:count': { request: Void, response: z.strictObject({ count: z.int() }) },
  /** The prompt rules in effect here, where each came from, and the packs the organisation published. */
  'prompts:packs': { request: Void, response: PromptPacksView },
  /**
   * A manager or admin publishes a rule pack (unknown JSON, as read from a file). Checked here as the
   * server will check it: a pack with errors is not queued, and the errors name each rule and field.
   */
  'prompts:publish': { request: z.strictObject({ pack: z.unknown() }), response: PublishOutcome },

  /** The signed-in person's procedure notices; for supervisors and managers, who has acknowledged each. */
  'notices:list': { request: Void, response: NoticeBoard },
  /** A manager publishes a notice, or revises the one with `id`; the draft is checked by the handler, field by field. */
  'notices:publish': { request: z.strictObject({ id: z.optional(Uuid), draft: z.unknown() }), response: z.strictObject({ id: Uuid }) },
  'notices:acknowledge': { request: z.strictObject({ noticeId: Uuid, noticeVersion: z.int().check(z.gte(1)) }), response: NoticeBoard },
} as const;

export type MessageMap = typeof messageMap;
export type MessageName = keyof MessageMap;
export type RequestOf<N extends MessageName> = RequestIn<MessageMap, N>;
export type ResponseOf<N extends MessageName> = ResponseIn<MessageMap, N>;
export type Handlers<Ctx> = HandlersFor<MessageMap, Ctx>;
