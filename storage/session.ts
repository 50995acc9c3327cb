import { Me } from '../core/account.ts';
import { z } from '../core/z.ts';

/** The signed-in session, in browser.storage.local so it survives browser restarts. */
export const Session = z.strictObject({
  serverUrl: z.url(),
  token: z.string(),
  expiresAt: z.iso.datetime({ offset: true }),
  user: Me,
});
export type Session = z.infer<typeof Session>;

const KEY = 'session';

export async function loadSession(now = new Date()): Promise<Session | null> {
  const parsed = Session.safeParse((await browser.storage.local.get(KEY))[KEY]);
  if (!parsed.success || new Date(parsed.data.expiresAt) <= now) return null;
  return parsed.data;
}

export async function saveSession(session: Session): Promise<void> {
  await browser.storage.local.set({ [KEY]: Session.parse(session) });
}

export async function clearSession(): Promise<void> {
  await browser.storage.local.remove(KEY);
}
