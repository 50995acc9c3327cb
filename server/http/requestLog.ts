import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../deps.ts';
import type { Logger } from '../log.ts';

/** One log line per request: ids, method, path (no query), status and time. Never bodies or headers. */
export function requestLog(logger: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    await next();
    const status = c.res.status;
    logger.log(status >= 500 ? 'error' : 'info', 'request', {
      requestId: c.var.requestId,
      method: c.req.method,
      path: c.req.path,
      status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      userId: (c.var.user as { id: string } | undefined)?.id ?? null,
    });
  };
}
