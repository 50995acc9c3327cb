import { editableIn, idFromLink, messageTexts, shownValue, text } from '../dom.ts';
import type { PageContact, SiteAdapter } from '../types.ts';

/**
 * Freshdesk (the agent portal under `/a/`). The ticket id comes from the URL (`/a/tickets/123`); the
 * customer is the requester's Freshdesk contact id, from the link to their contact page
 * (`/a/contacts/456`). The properties panel and conversation hooks are the data-test-id attributes of
 * Freshdesk's agent app and its ember-power-select dropdowns; the reply editor is Froala's
 * `.fr-element`. Only the URL and contact link are documented by Freshdesk: see fixtures/.
 */
export const selectors = {
  subject: '[data-test-id="ticket-subject"]',
  requesterLink: '[data-test-id="requester-info"] a[href*="/a/contacts/"]',
  status: '[data-test-id="ticket-properties"] [data-test-id="status"] .ember-power-select-selected-item',
  group: '[data-test-id="ticket-properties"] [data-test-id="group"] .ember-power-select-selected-item',
  agent: '[data-test-id="ticket-properties"] [data-test-id="agent"] .ember-power-select-selected-item',
  /** The ticket's description, then each reply and note, oldest first. */
  messages: '[data-test-id="conversation-item"] [data-test-id="conversation-body"]',
  editor: '[data-test-id="reply-editor"] .fr-element[contenteditable="true"]',
} as const;

const TICKET_PATH = /^\/a\/tickets\/(\d+)(?:\/|$)/;
const CONTACT_PATH = /^\/a\/contacts\/(\d+)(?:\/|$)/;
/** What an empty dropdown shows. */
const NONE = new Set(['', '-', '--', '—']);

const ticketOf = (url: URL) => TICKET_PATH.exec(url.pathname)?.[1];

export const freshdesk: SiteAdapter = {
  id: 'freshdesk',
  name: 'Freshdesk',
  version: 1,
  matches: ['https://*.freshdesk.com/a/*'],
  selectors,

  claims(_doc, url) {
    return url.hostname.endsWith('.freshdesk.com') && url.pathname.startsWith('/a/');
  },

  extract(doc, url) {
    const ticketId = ticketOf(url);
    if (!ticketId) return null;
    const contact: PageContact = { ticketId };
    const subject = shownValue(doc.querySelector(selectors.subject));
    if (subject) contact.subject = subject;
    const queue = text(doc.querySelector(selectors.group));
    if (!NONE.has(queue)) contact.queue = queue;
    const agent = text(doc.querySelector(selectors.agent));
    if (!NONE.has(agent)) contact.agent = agent;
    const customerRef = idFromLink(doc.querySelector(selectors.requesterLink), url, CONTACT_PATH);
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
