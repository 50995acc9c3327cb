import type { ContactReference } from '../core/contact.ts';
import { contactKey } from '../core/contactKey.ts';
import { frameDocument } from './dom.ts';
import { freshdesk } from './freshdesk/index.ts';
import { front } from './front/index.ts';
import { generic } from './generic/index.ts';
import { gorgias } from './gorgias/index.ts';
import { hubspot } from './hubspot/index.ts';
import { intercom } from './intercom/index.ts';
import { requestTracker } from './requestTracker/index.ts';
import { salesforce } from './salesforce/index.ts';
import { serviceNow } from './serviceNow/index.ts';
import type { SiteAdapter } from './types.ts';
import { zammad } from './zammad/index.ts';
import { zendesk } from './zendesk/index.ts';

/**
 * Tried in order. Adapters bound to a vendor's hosts come first; Request Tracker and Zammad, which run
 * on any host, claim by path or hash route and a landmark; the generic guesser claims every page, so
 * it comes last.
 */
export const adapters: readonly SiteAdapter[] = [
  requestTracker,
  zendesk,
  salesforce,
  freshdesk,
  serviceNow,
  hubspot,
  intercom,
  front,
  gorgias,
  zammad,
  generic,
];

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
      warnFailed(adapter, error);
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

/** The first adapter that claims the page, or null. An adapter whose claims() throws is passed over. */
export function claimingAdapter(doc: Document, url: URL, candidates: readonly SiteAdapter[] = adapters): SiteAdapter | null {
  for (const adapter of candidates) {
    try {
      if (adapter.claims(doc, url)) return adapter;
    } catch (error) {
      warnFailed(adapter, error);
    }
  }
  return null;
}

function warnFailed(adapter: SiteAdapter, error: unknown): void {
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
export function readConversation(doc: Document, url: URL, candidates: readonly SiteAdapter[] = adapters): string[] | null {
  return readWith(doc, url, candidates, (adapter) => adapter.readConversation?.(doc, url));
}

/** The conversation as one text, a message a line: what prompt rules match words against. */
export function readConversationText(doc: Document, url: URL, candidates: readonly SiteAdapter[] = adapters): string | null {
  return readConversation(doc, url, candidates)?.join('\n') ?? null;
}

/** The reply editor the claiming adapter finds, or null. */
export function findReplyEditor(doc: Document, url: URL, candidates: readonly SiteAdapter[] = adapters): HTMLElement | null {
  return readWith(doc, url, candidates, (adapter) => adapter.replyEditor?.(doc, url));
}

/** The ticket status the claiming adapter reads, or null. */
export function readStatus(doc: Document, url: URL, candidates: readonly SiteAdapter[] = adapters): string | null {
  return readWith(doc, url, candidates, (adapter) => adapter.readStatus?.(doc, url));
}

type PageWindow = Window & typeof globalThis & { navigation?: EventTarget };

/**
 * Calls onContact with the page's candidates now, and again whenever they change, until signal aborts.
 *
 * Single-page CRMs change ticket without a page load. A content script cannot see the page's own
 * history.pushState, so the watcher listens for every sign of it it can see, and re-reads the page
 * at most once per animation frame (never on a timer):
 * - DOM mutations: the title and the body's elements (a new ticket is rendered);
 * - `popstate` and `hashchange` (back and forward, hash routes such as Zammad's `#ticket/zoom/12`);
 * - the Navigation API's `currententrychange`, where the browser has it: it also fires for pushState;
 * - same-origin frames an adapter reads (its `frames()`): their loads and mutations.
 * It emits only when what the adapters read differs from the last emission.
 */
export function watchContact(
  doc: Document,
  win: Window,
  signal: AbortSignal,
  onContact: (found: ContactCandidate[]) => void,
  candidates: readonly SiteAdapter[] = adapters,
): void {
  if (signal.aborted) return;
  const page = win as PageWindow;
  const currentUrl = () => new URL(page.location.href);
  const read = () => readCandidates(doc, currentUrl(), new Date(), candidates);

  let pending: number | undefined;
  const schedule = () => {
    pending ??= page.requestAnimationFrame(recheck);
  };

  // Frames whose documents adapters read, each with the observer of the document it last showed.
  const frames = new Map<Element, { doc: Document | null; observer: MutationObserver | null }>();
  const watchFrame = (frame: Element) => {
    let watched = frames.get(frame);
    if (!watched) {
      watched = { doc: null, observer: null };
      frames.set(frame, watched);
      frame.addEventListener('load', () => {
        watchFrame(frame);
        schedule();
      }, { signal });
    }
    const frameDoc = frameDocument(frame);
    if (frameDoc && frameDoc !== watched.doc) {
      watched.observer?.disconnect();
      watched.doc = frameDoc;
      watched.observer = new page.MutationObserver(schedule);
      watched.observer.observe(frameDoc, { childList: true, subtree: true, characterData: true });
    }
  };
  const watchFrames = () => {
    for (const [frame, watched] of frames) {
      if (frame.isConnected) continue;
      watched.observer?.disconnect();
      frames.delete(frame);
    }
    const url = currentUrl();
    for (const adapter of candidates) {
      if (!adapter.frames) continue;
      try {
        if (adapter.claims(doc, url)) for (const frame of adapter.frames(doc, url)) watchFrame(frame);
      } catch (error) {
        warnFailed(adapter, error);
      }
    }
  };

  let last = read();
  onContact(last);
  watchFrames();

  function recheck() {
    pending = undefined;
    watchFrames();
    const contact = read();
    if (signature(contact) === signature(last)) return;
    last = contact;
    onContact(contact);
  }

  const observer = new page.MutationObserver(schedule);
  // A title change replaces the <title>'s text node; SPA navigation replaces body elements.
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  if (doc.head) observer.observe(doc.head, { childList: true, subtree: true, characterData: true });
  page.addEventListener('popstate', schedule, { signal });
  page.addEventListener('hashchange', schedule, { signal });
  page.navigation?.addEventListener('currententrychange', schedule, { signal });

  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      for (const watched of frames.values()) watched.observer?.disconnect();
      frames.clear();
      if (pending !== undefined) page.cancelAnimationFrame(pending);
    },
    { once: true },
  );
}
