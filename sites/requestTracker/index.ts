import { messageTexts } from '../dom.ts';
import type { PageContact, SiteAdapter } from '../types.ts';

/**
 * Request Tracker 5 (Best Practical). Checked against RT 5.0.3's own pages: see fixtures/. The ticket
 * page repeats its fields in hidden inline-edit forms, so every field selector is scoped to the
 * displayed copy (.inline-edit-display).
 */
export const selectors = {
  displayPage: 'body#comp-Ticket-Display',
  replyPage: 'body#comp-Ticket-Update',
  /** "#12: Subject" on the ticket page, "Update ticket #12: Subject" on the reply page. */
  heading: '#header h1',
  queue: '.ticket-info-basics .inline-edit-display .form-row.queue .current-value',
  /** The reply page shows the queue as the only plain value in its basics box. */
  replyQueue: 'body#comp-Ticket-Update .ticket-info-basics .current-value',
  owner: '.ticket-info-people .inline-edit-display .form-row.owner .current-value .user',
  /** Nobody (no owner) is shown without a link to a user page. */
  ownerLink: '.ticket-info-people .inline-edit-display .form-row.owner .current-value .user a[href*="/User/Summary.html"]',
  /**
   * The requestors' links to their RT user pages, whose id is the customer reference. Users only:
   * group requestors are shown as plain links outside .user. RT sorts requestors by email address.
   */
  requestorLinks:
    '.ticket-info-people .inline-edit-display .form-row.requestors .current-value .user a[href*="User/Summary.html?id="]',
  /** The messages (create, correspond, comment) of the history the ticket page loads after itself. */
  messages: '.history-container .transaction.message .messagebody',
  /**
   * The reply or comment box of the update form. With rich text on (RT's default) CKEditor 4 hides it
   * and the agent types into a frame beside it; the reply guard follows it there (entrypoints/guard).
   */
  replyBox: 'form[name="TicketUpdate"] textarea#UpdateContent',
} as const;

const TICKET_PAGE_PATH = /\/Ticket\/(?:Display|Update)\.html$/;
const HEADING = /#(\d+):\s*([\s\S]*)$/;

export const requestTracker: SiteAdapter = {
  id: 'request-tracker',
  name: 'Request Tracker',
  // 2: the customer reference is the requestor's RT user id, no longer their email address.
  // 3: reads the conversation and finds the reply box.
  version: 3,
  // RT is often served under a path such as /rt; `/*/` needs at least one segment, hence both forms.
  matches: [
    '*://*/Ticket/Display.html*',
    '*://*/Ticket/Update.html*',
    '*://*/*/Ticket/Display.html*',
    '*://*/*/Ticket/Update.html*',
  ],
  selectors,

  claims(doc, url) {
    return TICKET_PAGE_PATH.test(url.pathname) && doc.querySelector(`${selectors.displayPage}, ${selectors.replyPage}`) !== null;
  },

  extract(doc, url) {
    const heading = HEADING.exec(text(doc.querySelector(selectors.heading)));
    // The URL's id is what RT loaded; the heading covers a form POST to Display.html without one.
    const urlId = url.searchParams.get('id')?.trim();
    const ticketId = urlId && /^\d+$/.test(urlId) ? urlId : heading?.[1];
    if (!ticketId) return null;

    const contact: PageContact = { ticketId, channel: 'email' };
    const subject = heading?.[2]?.trim();
    if (subject) contact.subject = subject;

    const queue = text(doc.querySelector(selectors.queue) ?? doc.querySelector(selectors.replyQueue));
    if (queue) contact.queue = queue;

    if (doc.querySelector(selectors.ownerLink)) {
      contact.agent = userReference(text(doc.querySelector(selectors.owner)));
    }
    // The customer is RT's own user id for the first requestor shown with one: never their email or
    // name, which are personal data. No id, no reference.
    const customerRef = userId(doc.querySelector(selectors.requestorLinks), url);
    if (customerRef) contact.customerRef = customerRef;
    return contact;
  },

  readConversation(doc) {
    return messageTexts(doc, selectors.messages);
  },

  replyEditor(doc) {
    return doc.querySelector<HTMLElement>(selectors.replyBox);
  },
};

function text(element: Element | null): string {
  return element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

/** The RT user id in a link to /User/Summary.html?id=N (RT may be served under a path such as /rt). */
export function userId(link: Element | null, base: URL): string | undefined {
  const href = link?.getAttribute('href');
  if (!href) return undefined;
  try {
    const target = new URL(href, base);
    const id = target.searchParams.get('id')?.trim();
    return /\/User\/Summary\.html$/.test(target.pathname) && id && /^\d+$/.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The agent (ticket owner) as RT renders the user: the email in "Jo Bloggs <jo@example.com>" or
 * "<jo@example.com>", the user name in "sam (Sam Agent)". The real name is left out; a name-only
 * rendering (a user's "concise" preference) is kept as shown. Agents are staff, named on the check
 * anyway; customers are referenced by user id only (userId).
 */
export function userReference(shown: string): string {
  const email = /<([^<>\s]+@[^<>\s]+)>/.exec(shown);
  if (email) return email[1]!;
  const named = /^(\S+) \(.*\)$/.exec(shown);
  return named ? named[1]! : shown;
}
