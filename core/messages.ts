import { z } from './z.ts';
import { Checklist } from './checklist.ts';
import { ContactReference } from './contact.ts';
import { Answers, SpotCheck, SpotCheckStatus, Uuid } from './spotCheck.ts';

/**
 * Every message between extension contexts, in one map: name -> request and response schemas.
 * Requests are validated by the receiver and responses by the sender, so nothing unchecked crosses
 * from a page-facing context (the content script) into the background worker that owns storage.
 */
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
  answers: Answers,
  note: z.optional(z.string().check(z.maxLength(5000))),
});
export type SpotCheckDraft = z.infer<typeof SpotCheckDraft>;

const Void = z.strictObject({});

export const messageMap = {
  /** Panel -> background: the contact shown in a tab, read by the content script's adapter. */
  'contact:get': { request: z.strictObject({ tabId: z.int() }), response: z.nullable(ContactReference) },
  /** Content script -> background: the page now shows another contact (or none). */
  'contact:changed': { request: z.strictObject({ contact: z.nullable(ContactReference) }), response: Void },
  /** Background -> content script: read the page now. */
  'page:readContact': { request: Void, response: z.nullable(ContactReference) },

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
} as const;

export type MessageMap = typeof messageMap;
export type MessageName = keyof MessageMap;
export type RequestOf<N extends MessageName> = z.input<MessageMap[N]['request']>;
export type ResponseOf<N extends MessageName> = z.infer<MessageMap[N]['response']>;

/** The envelope on the wire. Errors travel as data, so the sender gets a message, not a hang. */
export const Envelope = z.strictObject({ name: z.string(), body: z.unknown() });
export type Reply = { ok: true; body: unknown } | { ok: false; error: string };

export function isMessageName(name: string): name is MessageName {
  return Object.hasOwn(messageMap, name);
}

export class MessageError extends Error {
  override name = 'MessageError';
}

/** Validate an incoming request for `name`; throws MessageError with a readable reason. */
export function parseRequest<N extends MessageName>(name: N, body: unknown): z.infer<MessageMap[N]['request']> {
  const r = messageMap[name].request.safeParse(body);
  if (!r.success) throw new MessageError(`${name}: ${z.prettifyError(r.error)}`);
  return r.data as z.infer<MessageMap[N]['request']>;
}

/** Validate a reply for `name`, unwrapping a remote error into MessageError. */
export function parseReply<N extends MessageName>(name: N, reply: unknown): ResponseOf<N> {
  const env = reply as Reply | undefined;
  if (!env || typeof env !== 'object') throw new MessageError(`${name}: no reply`);
  if (!env.ok) throw new MessageError(env.error);
  const r = messageMap[name].response.safeParse(env.body);
  if (!r.success) throw new MessageError(`${name}: bad reply: ${z.prettifyError(r.error)}`);
  return r.data as ResponseOf<N>;
}

export type Handler<N extends MessageName, Ctx> = (
  body: z.infer<MessageMap[N]['request']>,
  ctx: Ctx,
) => Promise<ResponseOf<N>> | ResponseOf<N>;
export type Handlers<Ctx> = { [N in MessageName]?: Handler<N, Ctx> };

/**
 * Answer one incoming message with the matching handler. Returns undefined for messages this
 * context does not handle (so another listener may answer), and an error reply, never a throw,
 * for bad input or a failing handler.
 */
export async function dispatch<Ctx>(handlers: Handlers<Ctx>, message: unknown, ctx: Ctx): Promise<Reply | undefined> {
  const env = Envelope.safeParse(message);
  if (!env.success || !isMessageName(env.data.name)) return undefined;
  const name = env.data.name;
  const handler = handlers[name] as Handler<typeof name, Ctx> | undefined;
  if (!handler) return undefined;
  try {
    return { ok: true, body: await handler(parseRequest(name, env.data.body), ctx) };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** A typed caller over any transport (runtime.sendMessage, tabs.sendMessage, a test double). */
export function createClient(transport: (envelope: { name: MessageName; body: unknown }) => Promise<unknown>) {
  return async function call<N extends MessageName>(name: N, body: RequestOf<N>): Promise<ResponseOf<N>> {
    return parseReply(name, await transport({ name, body }));
  };
}
export type Client = ReturnType<typeof createClient>;
