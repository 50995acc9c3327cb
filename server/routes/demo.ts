import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import type { AppEnv } from '../deps.ts';

const ticket = readFileSync(new URL('../demo/ticket.html', import.meta.url), 'utf8');

/** A stand-in CRM ticket page, so a newcomer can try the panel without a CRM of their own. */
export function demoRoutes() {
  return new Hono<AppEnv>()
    .get('/', (c) => c.redirect('/demo/tickets/1042'))
    .get('/tickets/1042', (c) => c.html(ticket));
}
