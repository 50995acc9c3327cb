import { cors } from 'hono/cors';

const EXTENSION_ORIGIN = /^(chrome-extension|moz-extension):\/\/[a-z0-9-]+$/i;

/**
 * The extension calls the server from its own origin; answering CORS for extension origins means it
 * needs no host permission for the server's address. Pages on other sites get no CORS headers.
 */
export const extensionCors = () =>
  cors({
    origin: (origin, c) => (EXTENSION_ORIGIN.test(origin) || origin === new URL(c.req.url).origin ? origin : null),
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    allowHeaders: ['Authorization', 'Content-Type'],
    exposeHeaders: ['Retry-After', 'X-Request-Id'],
    maxAge: 600,
  });
