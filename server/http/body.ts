import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from '../../core/z.ts';
import { Problem, validationProblem } from './problem.ts';

export const SMALL_BODY_BYTES = 16 * 1024;
export const PUSH_BODY_BYTES = 2 * 1024 * 1024;

/** 413 for a body over the limit, before any of it is parsed. */
export function limitBody(maxBytes: number) {
  const readable = maxBytes >= 1024 * 1024 ? `${maxBytes / 1024 / 1024} MB` : `${maxBytes / 1024} KB`;
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) => c.json(new Problem(413, `request body too large: at most ${readable}`).body(), 413),
  });
}

/** The request's JSON body, validated by a core schema; 415, 400 'malformed JSON' or 400 naming each problem. */
export async function readJson<S extends z.ZodMiniType>(c: Context, schema: S): Promise<z.output<S>> {
  if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) {
    throw new Problem(415, 'send the body as JSON with Content-Type: application/json');
  }
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    throw new Problem(400, 'malformed JSON');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw validationProblem('request body', parsed.error.issues);
  return parsed.data;
}

/** The query string, validated by a core schema. */
export function readQuery<S extends z.ZodMiniType>(c: Context, schema: S): z.output<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw validationProblem('query', parsed.error.issues);
  return parsed.data;
}
