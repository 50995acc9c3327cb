import { contactWith, idFromLink, pageWhenTicket, scopedReaders, textAt, valueAt } from '../dom.ts';
import type { SiteAdapter } from '../types.ts';

/**
 * Gorgias helpdesk (`<account>.gorgias.com/app/…`). The ticket id comes from the URL
 * (`/app/ticket/<id>`); the customer is the Gorgias customer id from the link to the customer's page
 * (`/app/customer/<id>`). Gorgias documents no DOM hooks; the fields are found by ARIA labels and
 * roles (English labels).
 */
export const selectors = {
  subject: '[aria-label="Ticket subject"]',
  assignee: '[aria-label="Assignee"]',
  team: '[aria-label="Team"]',
  status: '[aria-label="Ticket status"]',
  customerLink: 'a[href*="/app/customer/"]',
  messages: '[role="log"] article',
  editor: '[role="textbox"][contenteditable="true"]',
} as const;

const TICKET_PATH = /^\/app\/ticket\/(\d+)(?:\/|$)/;
const CUSTOMER_PATH = /^\/app\/customer\/(\d+)(?:\/|$)/;
const UNASSIGNED = new Set(['', 'Unassigned', 'No team']);

const ticketOf = (url: URL) => TICKET_PATH.exec(url.pathname)?.[1];

export const gorgias: SiteAdapter = {
  id: 'gorgias',
  name: 'Gorgias',
  version: 1,
  matches: ['https://*.gorgias.com/app/*'],
  selectors,

  claims(_doc, url) {
    return url.hostname.endsWith('.gorgias.com') && url.pathname.startsWith('/app/');
  },

  extract(doc, url) {
    const ticketId = ticketOf(url);
    if (!ticketId) return null;
    return contactWith(ticketId, {
      subject: valueAt(doc, selectors.subject),
      agent: textAt(doc, selectors.assignee, UNASSIGNED),
      queue: textAt(doc, selectors.team, UNASSIGNED),
      customerRef: idFromLink(doc.querySelector(selectors.customerLink), url, CUSTOMER_PATH),
    });
  },

  ...scopedReaders(pageWhenTicket(ticketOf), {
    status: (page) => textAt(page, selectors.status),
    messages: selectors.messages,
    editor: selectors.editor,
  }),
};
