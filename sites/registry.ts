import { freshdesk } from './freshdesk/index.ts';
import { front } from './front/index.ts';
import { generic } from './generic/index.ts';
import { gorgias } from './gorgias/index.ts';
import { hubspot } from './hubspot/index.ts';
import { intercom } from './intercom/index.ts';
import { requestTracker } from './requestTracker/index.ts';
import { salesforce } from './salesforce/index.ts';
import * as reading from './read.ts';
import { serviceNow } from './serviceNow/index.ts';
import type { SiteAdapter } from './types.ts';
import { watchContact as watchWith } from './watch.ts';
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

export type { ContactCandidate } from './read.ts';
type ContactCandidate = reading.ContactCandidate;

/**
 * What the claiming adapters read off the page, best first (see read.ts): an adapter that throws is
 * skipped, and one that claims the page and finds no contact has the last word.
 */
export function readCandidates(doc: Document, url: URL, now: Date, candidates: readonly SiteAdapter[] = adapters): ContactCandidate[] {
  return reading.readCandidates(doc, url, now, candidates);
}

/** The first adapter that claims the page, or null. An adapter whose claims() throws is passed over. */
export function claimingAdapter(doc: Document, url: URL, candidates: readonly SiteAdapter[] = adapters): SiteAdapter | null {
  return reading.claimingAdapter(doc, url, candidates);
}

/** The conversation's messages as the claiming adapter reads them, or null when it cannot read conversations. */
export function readConversation(doc: Document, url: URL, candidates: readonly SiteAdapter[] = adapters): string[] | null {
  return reading.readConversation(doc, url, candidates);
}

/** The conversation as one text, a message a line: what prompt rules match words against. */
export function readConversationText(doc: Document, url: URL, candidates: readonly SiteAdapter[] = adapters): string | null {
  return reading.readConversationText(doc, url, candidates);
}

/** The reply editor the claiming adapter finds, or null. */
export function findReplyEditor(doc: Document, url: URL, candidates: readonly SiteAdapter[] = adapters): HTMLElement | null {
  return reading.findReplyEditor(doc, url, candidates);
}

/** The ticket status the claiming adapter reads, or null. */
export function readStatus(doc: Document, url: URL, candidates: readonly SiteAdapter[] = adapters): string | null {
  return reading.readStatus(doc, url, candidates);
}

/**
 * Calls onContact with the page's candidates now, and again whenever they change, until signal
 * aborts (see watch.ts); all registered adapters unless told otherwise.
 */
export function watchContact(
  doc: Document,
  win: Window,
  signal: AbortSignal,
  onContact: (found: ContactCandidate[]) => void,
  candidates: readonly SiteAdapter[] = adapters,
  known?: readonly ContactCandidate[],
): void {
  watchWith(doc, win, signal, onContact, candidates, known);
}
