import { matchPatternFor } from '../storage/sites.ts';

/*
 * Host access, one CRM site at a time (the manifest asks for none at install). The pattern asked for
 * is the one the background checks and registers the guard with: Firefox's patterns cannot name a
 * port (one that does is granted but matches no page), so there it covers the host's every port.
 */

/** "https://rt.example.com" for a web page's address; undefined for anything else. */
export function pageOrigin(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const { protocol, origin } = new URL(url);
    return protocol === 'https:' || protocol === 'http:' ? origin : undefined;
  } catch {
    return undefined;
  }
}

/** The browser's pattern for one site's pages. */
export const sitePattern = (origin: string) => matchPatternFor(origin, import.meta.env.FIREFOX);

/** Has the user let Floorwalker into this page's site? undefined for pages that are not web pages. */
export async function hasSiteAccess(pageUrl: string | undefined): Promise<boolean | undefined> {
  const origin = pageOrigin(pageUrl);
  if (!origin) return undefined;
  try {
    return await browser.permissions.contains({ origins: [sitePattern(origin)] });
  } catch {
    return undefined;
  }
}

/** Ask the browser for the site, inside the user's click (the browser shows its own prompt). */
export function requestSiteAccess(origin: string): Promise<boolean> {
  return browser.permissions.request({ origins: [sitePattern(origin)] });
}
