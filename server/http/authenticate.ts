import type { MiddlewareHandler } from 'hono';
import type { Role } from '../../core/account.ts';
import { findSessionUser, hashToken } from '../accounts/sessions.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { Problem } from './problem.ts';

const BEARER = /^Bearer ([A-Za-z0-9_-]{1,200})$/i;

/** Requires `Authorization: Bearer <token>` of a live session; sets c.var.user. */
export function authenticate(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (!header) throw unauthorised('sign in first: send Authorization: Bearer <token>');
    const token = BEARER.exec(header)?.[1];
    if (!token) throw unauthorised('malformed Authorization header: expected "Bearer <token>"');
    const session = await findSessionUser(deps.database.db, hashToken(token), deps.clock());
    if (!session.ok) throw unauthorised(session.reason);
    c.set('user', session.user);
    await next();
  };
}

function unauthorised(message: string): Problem {
  return new Problem(401, message, undefined, { 'WWW-Authenticate': 'Bearer' });
}

/** 403 unless the signed-in user has one of the roles. Use after authenticate. */
export function requireRole(...roles: Role[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!roles.includes(c.var.user.role)) throw new Problem(403, `only ${roles.join(' or ')} users can do this`);
    await next();
  };
}
