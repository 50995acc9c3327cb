/**
 * Which site adapters a page script (the in-page guard, the page reader) carries on a site. Every
 * adapter is its own small page script (entrypoints/crm-<id>.ts) that hands its adapter over through
 * a global of the extension's isolated world; the background runs, before guard.js or reader.js,
 * only the scripts of the adapters that can run on the site. A page on a vendor's host (Zendesk's, Salesforce's...) gets that vendor's adapter and the
 * guesser; any other site gets the self-hosted CRMs' adapters and the guesser. So the page never
 * carries every adapter. A site the organisation wrote its own adapters for gets those (their
 * definitions placed in the page by the background, built by crm-custom.js) and the guesser; adapter
 * versions switched off are left out.
 */
import { customAdapterId, isSwitchedOff } from '../core/adapterIds.ts';
import { hostCovers, patternCoversOrigin, patternHost } from './matchPattern.ts';
import type { SiteAdapter } from './types.ts';

/** The global the page scripts hand their adapters over in. */
export const ADAPTERS_KEY = 'floorwalkerAdapters';
type Scope = typeof globalThis & { [ADAPTERS_KEY]?: SiteAdapter[] };

/** CRMs people run on their own hosts: their adapters claim pages on any host (see sites/registry.ts). */
const SELF_HOSTED = new Set(['request-tracker', 'zammad']);
/** The generic guesser claims every page. */
const isGuesser = (a: SiteAdapter) => a.matches.includes('<all_urls>');

/**
 * Hand adapters to the page scripts (each crm-<id>.js does this for its adapter), once per id:
 * after those offered so far, or ahead of them (custom adapters, which may arrive after the guard
 * started with the built-in ones).
 */
export function offerAdapters(adapters: readonly SiteAdapter[], { first = false } = {}): void {
  const offered = ((globalThis as Scope)[ADAPTERS_KEY] ??= []);
  const fresh: SiteAdapter[] = [];
  for (const adapter of adapters) {
    // Offered again (a custom adapter republished since): the newer definition takes its place.
    const at = offered.findIndex((o) => o.id === adapter.id);
    if (at >= 0) offered[at] = adapter;
    else fresh.push(adapter);
  }
  if (first) offered.unshift(...fresh);
  else offered.push(...fresh);
}

/** What each crm-<id>.js does with its adapter. */
export const offerAdapter = (adapter: SiteAdapter) => offerAdapters([adapter]);

/** The adapters handed over, in the order their scripts ran (the registry's order). */
export const offeredAdapters = (): SiteAdapter[] => [...((globalThis as Scope)[ADAPTERS_KEY] ?? [])];

/** The page script of an adapter. */
export const adapterScript = (adapterId: string) => `/crm-${adapterId}.js`;
/** The page script that builds the organisation's custom adapters (entrypoints/crm-custom.ts). */
export const CUSTOM_SCRIPT = adapterScript('custom');

/**
 * The adapters the guard needs on an origin, in the order given (the registry's): those whose match
 * patterns name the origin's host, or else the adapters of self-hosted CRMs; with the guesser (a
 * `<all_urls>` adapter) either way.
 */
export function adaptersFor(origin: string, all: readonly SiteAdapter[]): SiteAdapter[] {
  const host = new URL(origin).hostname;
  const anyHost = (a: SiteAdapter) => a.matches.some((p) => patternHost(p) === '*');
  const bound = all.filter((a) => a.matches.some((p) => patternHost(p) !== '*' && hostCovers(patternHost(p), host)));
  if (bound.length) return all.filter((a) => bound.includes(a) || isGuesser(a));
  return all.filter((a) => SELF_HOSTED.has(a.id) || anyHost(a));
}

/** What the background needs of a custom adapter's definition to choose it (core/customAdapter.ts). */
interface CustomDefinition {
  id: string;
  version: number;
  matches: readonly string[];
  disabled: boolean;
}

/** What goes into a page, before the reader or the guard. */
export interface PageAdapterSet<D> {
  /** Custom adapters' definitions, for crm-custom.js: they go ahead of every built-in adapter. */
  custom: D[];
  /** The page scripts of the built-in adapters, in the registry's order. */
  scripts: string[];
  /** Names the set, so a page still holding an older one (from before a sync) can be told apart. */
  key: string;
}

/**
 * The adapters for a page of `origin` ('null' for a file, which gets the guesser only). Where the
 * organisation's custom adapters cover the origin, they take it over: the page gets them and the
 * guesser, not the built-in adapters too (which also keeps the page's scripts within their budget);
 * elsewhere the built-in ones that can run there (adaptersFor). Definitions turned off and adapter
 * versions switched off are left out, so their pages fall back to the rest, in the end the guesser.
 */
export function pageAdapterSet<D extends CustomDefinition>(
  origin: string,
  builtIn: readonly SiteAdapter[],
  definitions: readonly D[],
  switches: Parameters<typeof isSwitchedOff>[0],
): PageAdapterSet<D> {
  const page = origin === 'null' ? null : new URL(origin);
  const custom = page
    ? definitions.filter(
        (d) => !d.disabled && !isSwitchedOff(switches, { id: customAdapterId(d.id), version: d.version }) && d.matches.some((p) => patternCoversOrigin(p, page)),
      )
    : [];
  const site = page && !custom.length ? adaptersFor(origin, builtIn) : builtIn.filter(isGuesser);
  const scripts = site.filter((a) => !isSwitchedOff(switches, a)).map((a) => adapterScript(a.id));
  return { custom, scripts, key: JSON.stringify([custom.map((d) => `${d.id}@${d.version}`), scripts]) };
}

/**
 * The adapters of a set (by its key) from those handed over in the page, in the set's order; null
 * when one is missing (its script has not run here yet, or a custom adapter is at another version),
 * so the background puts them in and asks again. Adapters handed over for another set (by the guard,
 * or before a sync changed the set) are left out.
 */
export function adaptersOfSet(key: string, offered: readonly SiteAdapter[]): SiteAdapter[] | null {
  let wanted: { id: string; version?: number }[];
  try {
    const [custom, scripts] = JSON.parse(key) as [string[], string[]];
    wanted = [
      ...custom.map((c) => {
        const at = c.lastIndexOf('@');
        return { id: customAdapterId(c.slice(0, at)), version: Number(c.slice(at + 1)) };
      }),
      ...scripts.map((s) => ({ id: /^\/crm-(.+)\.js$/.exec(s)?.[1] ?? s })),
    ];
  } catch {
    return null;
  }
  const found: SiteAdapter[] = [];
  for (const w of wanted) {
    const adapter = offered.find((a) => a.id === w.id && (w.version === undefined || a.version === w.version));
    if (!adapter) return null;
    found.push(adapter);
  }
  return found;
}
