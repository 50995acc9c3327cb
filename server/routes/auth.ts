import { Hono } from 'hono';
import { LoginRequest, type LoginResponse } from '../../core/account.ts';
import { verifyDecoy, verifyPassword } from '../accounts/passwords.ts';
import { createSession, findSessionUser, hashToken, revokeSession, toMe } from '../accounts/sessions.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { authenticate } from '../http/authenticate.ts';
import { SMALL_BODY_BYTES, limitBody, readJson } from '../http/body.ts';
import { Problem } from '../http/problem.ts';

export function authRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return new Hono<AppEnv>()
    .post('/login', limitBody(SMALL_BODY_BYTES), async (c) => {
      const { email, password } = await readJson(c, LoginRequest);
      // Limited per email and address: guessing one account's password, or many accounts' from one place.
      const limitKey = `${email}|${c.env?.incoming?.socket.remoteAddress ?? 'local'}`;
      const waitMs = deps.loginLimiter.retryAfterMs(limitKey);
      if (waitMs > 0) {
        const seconds = Math.ceil(waitMs / 1000);
        throw new Problem(429, `too many failed sign-ins: try again in ${Math.ceil(seconds / 60)} min`, undefined, {
          'Retry-After': String(seconds),
        });
      }
      const user = await db.selectFrom('users').select(['id', 'password_hash', 'disabled']).where('email', '=', email).executeTakeFirst();
      const valid = user && !user.disabled ? await verifyPassword(password, user.password_hash) : await verifyDecoy(password);
      if (!user || !valid) {
        deps.loginLimiter.recordFailure(limitKey);
        throw new Problem(401, 'wrong email or password');
      }
      deps.loginLimiter.recordSuccess(limitKey);
      const now = deps.clock();
      const { token, expiresAt } = await createSession(db, user.id, now, deps.sessionTtlHours);
      const session = await findSessionUser(db, hashToken(token), now);
      if (!session.ok) throw new Error(`a session just made is not valid: ${session.reason}`);
      return c.json({ token, expiresAt: expiresAt.toISOString(), user: toMe(session.user) } satisfies LoginResponse);
    })
    .post('/logout', authenticate(deps), async (c) => {
      await revokeSession(db, c.var.user.tokenHash, deps.clock());
      return c.body(null, 204);
    });
}
