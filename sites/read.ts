import type { ContactReference } from '../core/contact.ts';
import type { SiteAdapter } from './types.ts';

/**
 * Reading a page through a given list of site adapters: the registry (registry.ts) passes all of
 * them; the in-page guard passes only those that can run on its site (sites/pageAdapters.ts),
 * so it need not carry every adapter. Imports no adapter itself.
 */

/** The generic guesser's id: what it reads is a guess (`heuristic`), not an adapter's reading. */
const GUESSER_ID = 'generic';

const MAX_URL_LENGTH = 2048;

/** The page URL to keep with the contact: without its hash, and without its query if still too long. */
function contactUrl(url: URL): string {
  const kept = new URL(url);
  kept.hash = '';
  return kept.href.length <= MAX_URL_LENGTH ? kept.href : `${kept.origin}${kept.pathname}`.slice(0, MAX_URL_LENGTH);
}

/** A contact as an adapter read it, not yet validated: the extension checks it (see pick.ts). */
export type ContactCandidate = ContactReference;

/**
 * What the claiming adapters read off the page, best first. An adapter that throws is skipped (and
 * named in a warning) so one broken adapter cannot break the page or the panel. An adapter that
 * claims the page and finds no contact has the last word: the generic guesser is not asked to
 * second-guess a CRM's dashboard. Runs in the page, so it validates nothing itself: the extension
 * takes the first candidate that passes its schema, falling back to the next.
 */
export function readCandidates(doc: Document, url: URL, now: Date, candidates: readonly SiteAdapter[]): ContactCandidate[] {
  const found: ContactCandidate[] = [];
  for (const adapter of candidates) {
    try {
      if (!adapter.claims(doc, url)) continue;
      const contact = adapter.extract(doc, url);
      if (contact === null) break;
      found.push({
        ...contact,
        adapterId: adapter.id,
        crm: adapter.name,
        url: contactUrl(url),
        source: adapter.id === GUESSER_ID ? 'heuristic' : 'adapter',
        capturedAt: now.toISOString(),
      });
    } catch (error) {
      warnFailed(adapter, error);
    }
  }
  return found;
}

/** The first adapter that claims the page, or null. An adapter whose claims() throws is passed over. */
export function claimingAdapter(doc: Document, url: URL, candidates: readonly SiteAdapter[]): SiteAdapter | null {
  for (const adapter of candidates) {
    try {
      if (adapter.claims(doc, url)) return adapter;
    } catch (error) {
      warnFailed(adapter, error);
    }
  }
  return null;
}

export function warnFailed(adapter: SiteAdapter, error: unknown): void {
  console.warn(`Floorwalker: site adapter ${adapter.id} v${adapter.version} failed; skipped.`, error);
}

/** One optional reader of the adapter that claims the page, contained like extract(): null when it has none or it throws. */
function readWith<T>(
  doc: Document,
  url: URL,
  candidates: readonly SiteAdapter[],
  read: (adapter: SiteAdapter) => T | null | undefined,
): T | null {
  const adapter = claimingAdapter(doc, url, candidates);
  if (!adapter) return null;
  try {
    return read(adapter) ?? null;
  } catch (error) {
    warnFailed(adapter, error);
    return null;
  }
}

/** The conversation's messages as the claiming adapter reads them, or null when it cannot read conversations. */
export function readConversation(doc: Document, url: URL, candidates: readonly SiteAdapter[]): string[] | null {
  return readWith(doc, url, candidates, (adapter) => adapter.readConversation?.(doc, url));
}

/** The conversation as one text, a message a line: what prompt rules match words against. */
export function readConversationText(doc: Document, url: URL, candidates: readonly SiteAdapter[]): string | null {
  return readConversation(doc, url, candidates)?.join('\n') ?? null;
}

/** The reply editor the claiming adapter finds, or null. */
export function findReplyEditor(doc: Document, url: URL, candidates: readonly SiteAdapter[]): HTMLElement | null {
  return readWith(doc, url, candidates, (adapter) => adapter.replyEditor?.(doc, url));
}

/** The ticket status the claiming adapter reads, or null. */
export function readStatus(doc: Document, url: URL, candidates: readonly SiteAdapter[]): string | null {
  return readWith(doc, url, candidates, (adapter) => adapter.readStatus?.(doc, url));
}
