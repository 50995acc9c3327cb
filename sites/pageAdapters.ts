/**
 * Which site adapters a page script (the in-page guard, the page reader) carries on a site. Every
 * adapter is its own small page script (entrypoints/crm-<id>.ts) that hands its adapter over through
 * a global of the extension's isolated world; the background runs, before guard.js or reader.js,
 * only the scripts of the adapters that can run on the site. A page on a vendor's host (Zendesk's, Salesforce's...) gets that vendor's adapter and the
 * guesser; any other site gets the self-hosted CRMs' adapters and the guesser. So the page never
 * carries every adapter.
 */
import type { SiteAdapter } from './types.ts';

const KEY = 'floorwalkerAdapters';
type Scope = typeof globalThis & { [KEY]?: SiteAdapter[] };

/** CRMs people run on their own hosts: their adapters claim pages on any host (see sites/registry.ts). */
const SELF_HOSTED = new Set(['request-tracker', 'zammad']);

/** Hand an adapter to the guard (each crm-<id>.js does this for its adapter). Once per id. */
export function offerAdapter(adapter: SiteAdapter): void {
  const offered = ((globalThis as Scope)[KEY] ??= []);
  if (!offered.some((a) => a.id === adapter.id)) offered.push(adapter);
}

/** The adapters handed over, in the order their scripts ran (the registry's order). */
export const offeredAdapters = (): SiteAdapter[] => [...((globalThis as Scope)[KEY] ?? [])];

/** The page script of an adapter. */
export const adapterScript = (adapterId: string) => `/crm-${adapterId}.js`;

/** The host part of a match pattern: '*' for any host. */
function patternHost(pattern: string): string {
  if (pattern === '<all_urls>') return '*';
  return /^[^:]+:\/\/([^/]*)/.exec(pattern)?.[1] ?? '';
}

function hostCovers(patternHostPart: string, host: string): boolean {
  if (patternHostPart.startsWith('*.')) {
    const domain = patternHostPart.slice(2);
    return host === domain || host.endsWith(`.${domain}`);
  }
  return patternHostPart === host;
}

/**
 * The adapters the guard needs on an origin, in the order given (the registry's): those whose match
 * patterns name the origin's host, or else the adapters of self-hosted CRMs; with the guesser (a
 * `<all_urls>` adapter) either way.
 */
export function adaptersFor(origin: string, all: readonly SiteAdapter[]): SiteAdapter[] {
  const host = new URL(origin).hostname;
  const anyHost = (a: SiteAdapter) => a.matches.some((p) => patternHost(p) === '*');
  const guesser = (a: SiteAdapter) => a.matches.includes('<all_urls>');
  const bound = all.filter((a) => a.matches.some((p) => patternHost(p) !== '*' && hostCovers(patternHost(p), host)));
  if (bound.length) return all.filter((a) => bound.includes(a) || guesser(a));
  return all.filter((a) => SELF_HOSTED.has(a.id) || anyHost(a));
}
