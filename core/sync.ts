import { RosterEntry, Team } from './account.ts';
import { Checklist } from './checklist.ts';
import { ComplaintEvent } from './complaint.ts';
import { AdapterSwitchPut, CustomAdapterPut } from './customAdapter.ts';
import { OrgSettings } from './orgSettings.ts';
import { NoticePut, PromptEvent } from './promptRecords.ts';
import { SpotCheckInput, Uuid } from './spotCheck.ts';
import { z } from './z.ts';

/*
 * The sync protocol (DESIGN.md, "Sync, in rules"), after Replicache's push/pull:
 * - a client pushes its outbox as named mutations, in order, each with an id that only grows for
 *   that client; the server applies each once, in order, in the same transaction as the data, and
 *   answers every mutation (applied, conflict, rejected);
 * - a client pulls everything after a server-assigned cursor and stores the new cursor only after
 *   the batch is written;
 * - deletions are tombstones; conflicts are detected with the version the client last saw.
 */

export const MAX_MUTATIONS_PER_PUSH = 500;

/** The version of the record the client last saw; 0 for a record it created. */
const Base = { id: z.int().check(z.gte(1)), recordId: z.string().check(z.minLength(1), z.maxLength(200)), baseVersion: z.int().check(z.gte(0)) };

/**
 * What a put may carry: the evaluator's work, as a draft or a submission. Who evaluated, the agent's
 * response and the resolution are set by the server and by their own mutations, never by a put.
 */
export const SpotCheckPut = z.extend(
  z.omit(SpotCheckInput, { evaluatorId: true, agentComment: true, respondedAt: true, resolution: true, resolvedAt: true, status: true }),
  { status: z.enum(['draft', 'submitted']) },
);
export type SpotCheckPut = z.infer<typeof SpotCheckPut>;

export const Mutation = z.discriminatedUnion('name', [
  /** Create or update a spot check (draft or submit); recordId is args.id. The server recomputes its result. */
  z.strictObject({ ...Base, name: z.literal('spotCheck.put'), args: SpotCheckPut }),
  /** Throw away a draft that was never submitted. */
  z.strictObject({ ...Base, name: z.literal('spotCheck.discard'), args: z.strictObject({}) }),
  /** The agent acknowledges or disputes a submitted result. */
  z.strictObject({
    ...Base,
    name: z.literal('spotCheck.respond'),
    args: z.strictObject({
      response: z.enum(['acknowledge', 'dispute']),
      comment: z.string().check(z.maxLength(5000)),
    }),
  }),
  /** A supervisor settles a dispute. */
  z.strictObject({
    ...Base,
    name: z.literal('spotCheck.resolve'),
    args: z.strictObject({ comment: z.string().check(z.maxLength(5000)) }),
  }),
  /** A manager or admin publishes a checklist version (record id "<id>@<version>"). */
  z.strictObject({ ...Base, name: z.literal('checklist.put'), args: Checklist }),
  /**
   * One event in a complaint's history (recordId is its complaintId). Events are appended, never
   * edited; the server replays them through the complaint state machine and refuses one that does
   * not follow, with the reason.
   */
  z.strictObject({ ...Base, name: z.literal('complaint.event'), args: ComplaintEvent }),
  /** A manager sets the organisation's complaint settings (recordId "complaints"). */
  z.strictObject({ ...Base, name: z.literal('orgSettings.put'), args: OrgSettings }),
  /**
   * A manager or admin publishes a prompt rule pack (recordId is the pack's id). The args are checked
   * by validateRulePack on the server, so a bad rule is refused with its id and field named rather
   * than failing the whole push.
   */
  z.strictObject({ ...Base, name: z.literal('rulePack.put'), args: z.unknown() }),
  /** A manager publishes or revises a procedure notice (recordId is its id). */
  z.strictObject({ ...Base, name: z.literal('notice.put'), args: NoticePut }),
  /** Someone acknowledges a notice version (recordId noticeAckKey(...)); the server records who and when. */
  z.strictObject({
    ...Base,
    name: z.literal('noticeAck.put'),
    args: z.strictObject({ noticeId: Uuid, noticeVersion: z.int().check(z.gte(1)) }),
  }),
  /** A prompt shown in a CRM page and what the agent did with it (recordId is its id). Append-only. */
  z.strictObject({ ...Base, name: z.literal('promptEvent.record'), args: PromptEvent }),
  /** An admin publishes a custom site adapter (recordId is its id). */
  z.strictObject({ ...Base, name: z.literal('customAdapter.put'), args: CustomAdapterPut }),
  /** The kill switch: a manager or admin turns an adapter version off or on (recordId adapterSwitchKey(...)). */
  z.strictObject({ ...Base, name: z.literal('adapterSwitch.put'), args: AdapterSwitchPut }),
]);
export type Mutation = z.infer<typeof Mutation>;
export type MutationName = Mutation['name'];

/** What a complaint's sync record holds: its history and the state that history leaves. */
export const ComplaintRecord = z.strictObject({
  events: z.array(ComplaintEvent).check(z.minLength(1)),
});
export type ComplaintRecord = z.infer<typeof ComplaintRecord>;

/** Which entity a mutation writes. */
export function entityOf(m: Pick<Mutation, 'name'>): Entity {
  return m.name.slice(0, m.name.indexOf('.')) as Entity;
}

export const PushRequest = z.strictObject({
  clientId: Uuid,
  mutations: z
    .array(Mutation)
    .check(
      z.minLength(1, 'push at least one mutation'),
      z.maxLength(MAX_MUTATIONS_PER_PUSH, `push at most ${MAX_MUTATIONS_PER_PUSH} mutations at a time`),
    ),
});
export type PushRequest = z.infer<typeof PushRequest>;

export const Entity = z.enum([
  'spotCheck',
  'checklist',
  'complaint',
  'orgSettings',
  'rulePack',
  'notice',
  'noticeAck',
  'promptEvent',
  'customAdapter',
  'adapterSwitch',
]);
export type Entity = z.infer<typeof Entity>;

/**
 * A record as the server holds it. `data` is the entity's own schema (a complaint's is
 * ComplaintRecord); null for a tombstone.
 */
export const SyncRecord = z.strictObject({
  entity: Entity,
  id: z.string(),
  version: z.int().check(z.gte(1)),
  deleted: z.boolean(),
  data: z.nullable(z.unknown()),
});
export type SyncRecord = z.infer<typeof SyncRecord>;

export const MutationResult = z.strictObject({
  id: z.int(),
  status: z.enum(['applied', 'conflict', 'rejected']),
  /** Why a mutation was rejected or conflicted, in words for the user. */
  reason: z.optional(z.string()),
  /** The record as the server now has it (after applying, or the newer copy that conflicted). */
  record: z.optional(SyncRecord),
});
export type MutationResult = z.infer<typeof MutationResult>;

export const PushResponse = z.strictObject({ results: z.array(MutationResult) });
export type PushResponse = z.infer<typeof PushResponse>;

export const PULL_PAGE_SIZE = 500;

export const PullQuery = z.strictObject({
  cursor: z._default(z.coerce.number().check(z.int(), z.gte(0)), 0),
});

export const PullResponse = z.strictObject({
  /** Store this only after the records are written; pass it to the next pull. */
  cursor: z.int(),
  records: z.array(SyncRecord),
  /** More records wait after this cursor: pull again at once. */
  hasMore: z.boolean(),
  /** The organisation's people and teams, for picking the agent a check is about. */
  roster: z.array(RosterEntry),
  teams: z.array(Team),
});
export type PullResponse = z.infer<typeof PullResponse>;

/** Every error the API returns has this shape. */
export const ApiError = z.strictObject({
  error: z.string(),
  /** Where in the request the problem is, when it is a validation error. */
  issues: z.optional(z.array(z.strictObject({ path: z.string(), message: z.string() }))),
});
export type ApiError = z.infer<typeof ApiError>;
