import { Hono } from 'hono';
import { z } from '../../core/z.ts';
import { ping } from '../db/open.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { Problem } from '../http/problem.ts';

export const HealthResponse = z.strictObject({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']) });

/** For load balancers and the extension's "is the server there?": answers only when the database does. */
export function healthRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', async (c) => {
    try {
      await ping(deps.database);
    } catch {
      throw new Problem(503, 'the database is not answering');
    }
    return c.json({ status: 'ok', database: deps.database.kind } satisfies z.infer<typeof HealthResponse>);
  });
}
