import { Hono } from 'hono';
import { PullQuery, type PullResponse, PushRequest, type PushResponse } from '../../core/sync.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { authenticate } from '../http/authenticate.ts';
import { PUSH_BODY_BYTES, limitBody, readJson, readQuery } from '../http/body.ts';
import { pull } from '../sync/pull.ts';
import { push } from '../sync/push.ts';

export function syncRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return new Hono<AppEnv>()
    .post('/push', limitBody(PUSH_BODY_BYTES), authenticate(deps), async (c) => {
      const request = await readJson(c, PushRequest);
      return c.json((await push(db, c.var.user, request, deps.clock())) satisfies PushResponse);
    })
    .get('/pull', authenticate(deps), async (c) => {
      const { cursor } = readQuery(c, PullQuery);
      return c.json((await pull(db, c.var.user, cursor)) satisfies PullResponse);
    });
}
