import { Hono } from 'hono';
import type { AppEnv } from '../deps.ts';
import { openApiDocument } from '../openapi.ts';

export function openApiRoutes() {
  return new Hono<AppEnv>().get('/', (c) => c.json(openApiDocument()));
}
