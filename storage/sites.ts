import { z } from '../core/z.ts';

/**
 * The CRM sites where Floorwalker may run in the page (reply guards and prompts): a list of origins in
 * browser.storage.local. No content script runs on a site that is not in it; the background worker
 * registers the in-page guard for exactly these origins (entrypoints/background/guardSites.ts).
 */
export const ENABLED_SITES_KEY = 'enabledSites';
/** More than this is not a list of CRMs a team works in. */
export const MAX_SITES = 100;

const Origins = z.array(z.string()).check(z.maxLength(MAX_SITES));

export type OriginCheck = { ok: true; origin: string } | { ok: false; reason: string };

/** The origin a page address or origin names, or why it cannot be enabled (only http and https pages). */
export function siteOrigin(input: string): OriginCheck {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, reason: 'Give the address of the CRM, like https://support.example.com' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: 'Only web pages (http or https) can have Floorwalker in them.' };
  }
  return { ok: true, origin: url.origin };
}

/**
 * The match pattern that covers an origin's pages. Chrome's patterns may name a port; Firefox's may
 * not, so there the pattern covers every port of the host and the guard itself checks its page's
 * origin against the list (see entrypoints/guard/index.ts).
 */
export function matchPatternFor(origin: string, firefox: boolean): string {
  const url = new URL(origin);
  return `${url.protocol}//${firefox ? url.hostname : url.host}/*`;
}

export async function loadEnabledSites(): Promise<string[]> {
  const stored = (await browser.storage.local.get(ENABLED_SITES_KEY))[ENABLED_SITES_KEY];
  const parsed = Origins.safeParse(stored ?? []);
  // A damaged list enables nothing rather than breaking the worker.
  if (!parsed.success) return [];
  return parsed.data.flatMap((o) => {
    const checked = siteOrigin(o);
    return checked.ok && checked.origin === o ? [o] : [];
  });
}

async function saveEnabledSites(origins: readonly string[]): Promise<string[]> {
  const list = [...new Set(origins)].sort();
  await browser.storage.local.set({ [ENABLED_SITES_KEY]: list });
  return list;
}

export async function addEnabledSite(origin: string): Promise<string[]> {
  const list = await loadEnabledSites();
  if (list.includes(origin)) return list;
  if (list.length >= MAX_SITES) throw new Error(`At most ${MAX_SITES} sites can be enabled.`);
  return saveEnabledSites([...list, origin]);
}

export async function removeEnabledSite(origin: string): Promise<string[]> {
  const list = await loadEnabledSites();
  return list.includes(origin) ? saveEnabledSites(list.filter((o) => o !== origin)) : list;
}
