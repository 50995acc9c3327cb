import { z } from './z.ts';

/**
 * Typed request/response messaging over any transport (runtime.sendMessage, tabs.sendMessage, a
 * test double). A message map names each message's request and response schemas; requests are
 * validated by the receiver and replies by the sender. Kept apart from the maps so the content
 * script bundles only the small page-facing map.
 */
export type MessageSpec = Record<string, { request: z.ZodMiniType; response: z.ZodMiniType }>;
export type RequestOf<M extends MessageSpec, N extends keyof M> = z.input<M[N]['request']>;
export type ResponseOf<M extends MessageSpec, N extends keyof M> = z.infer<M[N]['response']>;

export type Handler<M extends MessageSpec, N extends keyof M, Ctx> = (
  body: z.infer<M[N]['request']>,
  ctx: Ctx,
) => Promise<ResponseOf<M, N>> | ResponseOf<M, N>;
export type HandlersFor<M extends MessageSpec, Ctx> = { [N in keyof M]?: Handler<M, N, Ctx> };

/** The envelope on the wire. Errors travel as data, so the sender gets a message, not a hang. */
export const Envelope = z.strictObject({ name: z.string(), body: z.unknown() });
export type Reply = { ok: true; body: unknown } | { ok: false; error: string };

export class MessageError extends Error {
  override name = 'MessageError';
}

function specOf<M extends MessageSpec>(map: M, name: string): M[keyof M] | undefined {
  return Object.hasOwn(map, name) ? map[name as keyof M] : undefined;
}

/**
 * Answer one incoming message with the matching handler. Returns undefined for messages this
 * context does not handle (so another listener may answer), and an error reply, never a throw,
 * for bad input or a failing handler.
 */
export async function dispatch<M extends MessageSpec, Ctx>(
  map: M,
  handlers: HandlersFor<M, Ctx>,
  message: unknown,
  ctx: Ctx,
): Promise<Reply | undefined> {
  const env = Envelope.safeParse(message);
  if (!env.success) return undefined;
  const { name, body } = env.data;
  const spec = specOf(map, name);
  const handler = handlers[name as keyof M] as ((body: unknown, ctx: Ctx) => unknown) | undefined;
  if (!spec || !handler) return undefined;
  const request = spec.request.safeParse(body);
  if (!request.success) return { ok: false, error: `${name}: ${z.prettifyError(request.error)}` };
  try {
    return { ok: true, body: await handler(request.data, ctx) };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** A typed caller: `call(name, body)` resolves with the validated reply or rejects with its error. */
export function createClient<M extends MessageSpec>(
  map: M,
  transport: (envelope: { name: string; body: unknown }) => Promise<unknown>,
) {
  return async function call<N extends keyof M & string>(name: N, body: RequestOf<M, N>): Promise<ResponseOf<M, N>> {
    const reply = (await transport({ name, body })) as Reply | undefined;
    if (!reply || typeof reply !== 'object') throw new MessageError(`${name}: no reply`);
    if (!reply.ok) throw new MessageError(reply.error);
    const parsed = map[name]!.response.safeParse(reply.body);
    if (!parsed.success) throw new MessageError(`${name}: bad reply: ${z.prettifyError(parsed.error)}`);
    return parsed.data as ResponseOf<M, N>;
  };
}
