import { z } from '../core/z.ts';

/** Per-browser settings, kept in browser.storage.local (small, and readable from every context). */
export const Settings = z.object({
  /** Who is scoring, until sign-in arrives with the sync server. */
  evaluatorName: z._default(z.string().check(z.maxLength(200)), ''),
});
export type Settings = z.infer<typeof Settings>;

const KEY = 'settings';

export async function loadSettings(): Promise<Settings> {
  const stored = await browser.storage.local.get(KEY);
  const parsed = Settings.safeParse(stored[KEY] ?? {});
  // A corrupt or older settings object falls back to defaults rather than breaking the panel.
  return parsed.success ? parsed.data : Settings.parse({});
}

export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = Settings.parse({ ...(await loadSettings()), ...patch });
  await browser.storage.local.set({ [KEY]: next });
  return next;
}
