import { Hono } from 'hono';
import type { Me } from '../../core/account.ts';
import { toMe } from '../accounts/sessions.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { authenticate } from '../http/authenticate.ts';

export function meRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/', authenticate(deps), (c) => c.json(toMe(c.var.user) satisfies Me));
}
