/**
 * WebExtension match patterns ("https://*.example.com/tickets/*"), read without the browser: the
 * page scripts decide which custom adapter claims a page, and the background which adapters a site
 * gets. Chrome's rules: "*" as the scheme is http or https; a host "*.example.com" is example.com and
 * its subdomains; a host without a port matches every port; the path (with the query, never the
 * hash) is a glob where "*" is any run of characters.
 */

interface Parsed {
  scheme: string;
  host: string;
  port: string | null;
  path: string;
}

function parse(pattern: string): Parsed | null {
  if (pattern === '<all_urls>') return { scheme: '*', host: '*', port: null, path: '/*' };
  const m = /^([a-z*]+):\/\/([^/:]*)(?::(\d{1,5}))?(\/.*)$/i.exec(pattern);
  return m ? { scheme: m[1]!.toLowerCase(), host: m[2]!.toLowerCase(), port: m[3] ?? null, path: m[4]! } : null;
}

/** The host part of a match pattern ('*' for any host), without its port. */
export function patternHost(pattern: string): string {
  return parse(pattern)?.host ?? '';
}

/** Does a pattern's host part cover the host? */
export function hostCovers(patternHostPart: string, host: string): boolean {
  if (patternHostPart === '*') return true;
  if (patternHostPart.startsWith('*.')) {
    const domain = patternHostPart.slice(2);
    return host === domain || host.endsWith(`.${domain}`);
  }
  return patternHostPart === host;
}

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

function originMatches(p: Parsed, url: URL): boolean {
  const scheme = url.protocol.slice(0, -1);
  if (p.scheme === '*' ? scheme !== 'http' && scheme !== 'https' : p.scheme !== scheme) return false;
  if (!hostCovers(p.host, url.hostname)) return false;
  return p.port === null || p.port === (url.port || DEFAULT_PORTS[url.protocol]);
}

/**
 * Does `glob` ("*" any run, everything else literal) match all of `text`? The classic two-pointer
 * walk, linear in practice: a pattern with many stars cannot make it backtrack exponentially.
 */
function globMatches(glob: string, text: string): boolean {
  let g = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (g < glob.length && glob[g] !== '*' && glob[g] === text[t]) {
      g++;
      t++;
    } else if (g < glob.length && glob[g] === '*') {
      star = g++;
      resume = t;
    } else if (star >= 0) {
      g = star + 1;
      t = ++resume;
    } else return false;
  }
  while (glob[g] === '*') g++;
  return g === glob.length;
}

/** Does the page at `url` match the pattern? */
export function matchesPattern(pattern: string, url: URL): boolean {
  const p = parse(pattern);
  return !!p && originMatches(p, url) && globMatches(p.path, url.pathname + url.search);
}

/** Could a page of this origin match the pattern (scheme, host and port; any path)? */
export function patternCoversOrigin(pattern: string, origin: URL): boolean {
  const p = parse(pattern);
  return !!p && originMatches(p, origin);
}
