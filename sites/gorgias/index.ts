import { editableIn, idFromLink, messageTexts, shownValue, text } from '../dom.ts';
import type { PageContact, SiteAdapter } from '../types.ts';

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
    const contact: PageContact = { ticketId };
    const subject = shownValue(doc.querySelector(selectors.subject));
    if (subject) contact.subject = subject;
    const agent = text(doc.querySelector(selectors.assignee));
    if (!UNASSIGNED.has(agent)) contact.agent = agent;
    const queue = text(doc.querySelector(selectors.team));
    if (!UNASSIGNED.has(queue)) contact.queue = queue;
    const customerRef = idFromLink(doc.querySelector(selectors.customerLink), url, CUSTOMER_PATH);
    if (customerRef) contact.customerRef = customerRef;
    return contact;
  },

  readStatus(doc, url) {
    return ticketOf(url) ? text(doc.querySelector(selectors.status)) || null : null;
  },

  readConversation(doc, url) {
    return ticketOf(url) ? messageTexts(doc, selectors.messages) : [];
  },

  replyEditor(doc, url) {
    return ticketOf(url) ? editableIn(doc.querySelector(selectors.editor)) : null;
  },
};
