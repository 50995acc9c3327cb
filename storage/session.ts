import { Me } from '../core/account.ts';
import { z } from '../core/z.ts';
import type { FloorwalkerDB } from './db.ts';

/**
 * The signed-in session. It lives in the worker's IndexedDB, not browser.storage, which content
 * scripts on every CRM page could read.
 */
export const Session = z.strictObject({
  /** The server's base address: origin plus any path it is served under, without a trailing slash. */
  serverUrl: z.url(),
  token: z.string(),
  expiresAt: z.iso.datetime({ offset: true }),
  user: Me,
});
export type Session = z.infer<typeof Session>;

const KEY = 'session';

export async function loadSession(db: FloorwalkerDB, now = new Date()): Promise<Session | null> {
  const parsed = Session.safeParse(await db.get('meta', KEY));
  if (!parsed.success || new Date(parsed.data.expiresAt) <= now) return null;
  return parsed.data;
}

export async function saveSession(db: FloorwalkerDB, session: Session): Promise<void> {
  await db.put('meta', Session.parse(session), KEY);
}

export async function clearSession(db: FloorwalkerDB): Promise<void> {
  await db.delete('meta', KEY);
}

/**
 * The server address as it will be stored, or why it cannot be used: passwords and tokens travel
 * only over HTTPS, except to this machine (a local or demo server).
 */
export function serverBase(input: string): { ok: true; url: string } | { ok: false; reason: string } {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, reason: 'Enter the server address, like https://floorwalker.example.com' };
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return { ok: false, reason: 'The server address must start with https:// (plain http is allowed only for this computer).' };
  }
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}
