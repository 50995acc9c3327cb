import { Hono } from 'hono';
import { PullQuery, PushRequest } from '../../core/sync.ts';
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
      // push() answers with the PushResponse already serialised (see there).
      return c.body(await push(db, c.var.user, request, deps.clock()), 200, { 'Content-Type': 'application/json' });
    })
    .get('/pull', authenticate(deps), async (c) => {
      const { cursor } = readQuery(c, PullQuery);
      return c.body(await pull(db, c.var.user, cursor), 200, { 'Content-Type': 'application/json' });
    });
}
