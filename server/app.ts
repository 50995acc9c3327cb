import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { requestId } from 'hono/request-id';
import type { AppDeps, AppEnv } from './deps.ts';
import { extensionCors } from './http/cors.ts';
import { Problem } from './http/problem.ts';
import { requestLog } from './http/requestLog.ts';
import { adminRoutes } from './routes/admin.ts';
import { authRoutes } from './routes/auth.ts';
import { demoRoutes } from './routes/demo.ts';
import { healthRoutes } from './routes/health.ts';
import { meRoutes } from './routes/me.ts';
import { openApiRoutes } from './routes/openapi.ts';
import { reportRoutes } from './routes/reports.ts';
import { syncRoutes } from './routes/sync.ts';

export type { AppDeps } from './deps.ts';

/** The sync server's HTTP app; main.ts serves it, tests call app.request(). */
export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use(requestId());
  app.use(requestLog(deps.logger));
  app.use('/api/*', extensionCors());

  app.route('/api/health', healthRoutes(deps));
  app.route('/api/openapi.json', openApiRoutes());
  app.route('/api/auth', authRoutes(deps));
  app.route('/api/me', meRoutes(deps));
  app.route('/api/sync', syncRoutes(deps));
  app.route('/api/admin', adminRoutes(deps));
  app.route('/api/reports', reportRoutes(deps));
  app.route('/demo', demoRoutes());

  app.notFound((c) => c.json({ error: `no route for ${c.req.method} ${c.req.path}` }, 404));
  app.onError((error, c) => {
    if (error instanceof Problem) return c.json(error.body(), error.status, error.headers);
    if (error instanceof HTTPException) return c.json({ error: error.message || 'bad request' }, error.status);
    // Unexpected: the client gets an id to quote, the log gets the details.
    const requestId = c.var.requestId;
    deps.logger.log('error', 'unexpected error', { requestId, error: error.stack ?? String(error) });
    return c.json({ error: `internal error (reference ${requestId})` }, 500);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
