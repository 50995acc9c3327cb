import type { ContactReference } from '../core/contact.ts';
import { contactKey } from '../core/contactKey.ts';
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

/** A contact as an adapter read it, not yet validated: the extension checks it (see pick.ts). */
export type ContactCandidate = ContactReference;

/**
 * What the claiming adapters read off the page, best first. An adapter that throws is skipped (and
 * named in a warning) so one broken adapter cannot break the page or the panel. An adapter that
 * claims the page and finds no contact has the last word: the generic guesser is not asked to
 * second-guess a CRM's dashboard. Runs in the page, so it validates nothing itself: the extension
 * takes the first candidate that passes its schema, falling back to the next.
 */
export function readCandidates(doc: Document, url: URL, now: Date, candidates: readonly SiteAdapter[] = adapters): ContactCandidate[] {
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
        source: adapter === generic ? 'heuristic' : 'adapter',
        capturedAt: now.toISOString(),
      });
    } catch (error) {
      console.warn(`Floorwalker: site adapter ${adapter.id} v${adapter.version} failed; skipped.`, error);
    }
  }
  return found;
}

/** What makes two readings the same for a listener: everything but when they were taken and the URL. */
function signature(found: readonly ContactCandidate[]): string {
  return JSON.stringify(
    found.map((c) => [contactKey(c), c.channel, c.agent, c.customerRef, c.subject, c.queue, c.source]),
  );
}

/**
 * Calls onContact with the page's candidates now, and again whenever they change, until signal aborts.
 * A content script cannot see the page's history.pushState, so changes are noticed through the DOM:
 * the title and the body's elements, re-read at most once per animation frame.
 */
export function watchContact(
  doc: Document,
  win: Window,
  signal: AbortSignal,
  onContact: (found: ContactCandidate[]) => void,
  candidates: readonly SiteAdapter[] = adapters,
): void {
  if (signal.aborted) return;
  const read = () => readCandidates(doc, new URL(win.location.href), new Date(), candidates);

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
