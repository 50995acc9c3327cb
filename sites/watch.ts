import { contactKey } from '../core/contactKey.ts';
import { frameDocument } from './dom.ts';
import * as reading from './read.ts';
import type { SiteAdapter } from './types.ts';

type ContactCandidate = reading.ContactCandidate;

/** What makes two readings the same for a listener: everything but when they were taken and the URL. */
function signature(found: readonly ContactCandidate[]): string {
  return JSON.stringify(
    found.map((c) => [contactKey(c), c.channel, c.agent, c.customerRef, c.subject, c.queue, c.source]),
  );
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
 * It emits only when what the adapters read differs from the last emission. Given `known` (what the
 * caller read and already has), it starts from that instead of reading the page and emitting now.
 */
export function watchContact(
  doc: Document,
  win: Window,
  signal: AbortSignal,
  onContact: (found: ContactCandidate[]) => void,
  candidates: readonly SiteAdapter[],
  known?: readonly ContactCandidate[],
): void {
  if (signal.aborted) return;
  const page = win as PageWindow;
  const currentUrl = () => new URL(page.location.href);
  const read = () => reading.readCandidates(doc, currentUrl(), new Date(), candidates);

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
        reading.warnFailed(adapter, error);
      }
    }
  };

  let last: readonly ContactCandidate[];
  if (known) last = known;
  else onContact((last = read()));
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
