import { ContactReference, contactKey } from '../core/contact.ts';
import { generic } from './generic/index.ts';
import { requestTracker } from './requestTracker/index.ts';
import type { SiteAdapter } from './types.ts';

/** Tried in order; the generic guesser claims every page, so it comes last. */
export const adapters: readonly SiteAdapter[] = [requestTracker, generic];

const MAX_URL_LENGTH = 2048;

/** The page URL to keep with the contact: without its hash, and without its query if still too long. */
function contactUrl(url: URL): string {
  const kept = new URL(url);
  kept.hash = '';
  return kept.href.length <= MAX_URL_LENGTH ? kept.href : `${kept.origin}${kept.pathname}`.slice(0, MAX_URL_LENGTH);
}

/**
 * The contact the page shows, read by the first adapter that claims the page. An adapter that
 * throws or returns invalid data is skipped (and named in a warning) so one broken adapter cannot
 * break the page or the panel. An adapter that claims the page and finds no contact has the last
 * word: the generic guesser is not asked to second-guess a CRM's dashboard.
 */
export function readContact(doc: Document, url: URL, now: Date, candidates: readonly SiteAdapter[] = adapters): ContactReference | null {
  for (const adapter of candidates) {
    try {
      if (!adapter.claims(doc, url)) continue;
      const found = adapter.extract(doc, url);
      if (found === null) return null;
      const parsed = ContactReference.safeParse({
        ...found,
        adapterId: adapter.id,
        crm: adapter.name,
        url: contactUrl(url),
        source: adapter === generic ? 'heuristic' : 'adapter',
        capturedAt: now.toISOString(),
      });
      if (parsed.success) return parsed.data;
      console.warn(`Floorwalker: site adapter ${adapter.id} v${adapter.version} returned an invalid contact; skipped.`, parsed.error.issues);
    } catch (error) {
      console.warn(`Floorwalker: site adapter ${adapter.id} v${adapter.version} failed; skipped.`, error);
    }
  }
  return null;
}

/** What makes two readings the same for a listener: everything but when they were taken and the URL. */
function signature(contact: ContactReference | null): string {
  if (!contact) return 'none';
  const { channel, agent, customerRef, subject, queue, source } = contact;
  return JSON.stringify([contactKey(contact), channel, agent, customerRef, subject, queue, source]);
}

/**
 * Calls onContact with the page's contact now, and again whenever it changes, until signal aborts.
 * A content script cannot see the page's history.pushState, so changes are noticed through the DOM:
 * the title and the body's elements, re-read at most once per animation frame.
 */
export function watchContact(
  doc: Document,
  win: Window,
  signal: AbortSignal,
  onContact: (contact: ContactReference | null) => void,
  candidates: readonly SiteAdapter[] = adapters,
): void {
  if (signal.aborted) return;
  const read = () => readContact(doc, new URL(win.location.href), new Date(), candidates);

  let last = read();
  onContact(last);

  let frame: number | undefined;
  const recheck = () => {
    frame = undefined;
    const contact = read();
    if (signature(contact) === signature(last)) return;
    last = contact;
    onContact(contact);
  };

  const observer = new (win as Window & typeof globalThis).MutationObserver(() => {
    frame ??= win.requestAnimationFrame(recheck);
  });
  // A title change replaces the <title>'s text node; SPA navigation replaces body elements.
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  if (doc.head) observer.observe(doc.head, { childList: true, subtree: true, characterData: true });

  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      if (frame !== undefined) win.cancelAnimationFrame(frame);
    },
    { once: true },
  );
}
