import { contactWith, idFromLink, pageWhenTicket, scopedReaders, textAt, valueAt } from '../dom.ts';
import type { SiteAdapter } from '../types.ts';

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
    return contactWith(ticketId, {
      subject: valueAt(doc, selectors.subject),
      queue: textAt(doc, selectors.group, NONE),
      agent: textAt(doc, selectors.agent, NONE),
      customerRef: idFromLink(doc.querySelector(selectors.requesterLink), url, CONTACT_PATH),
    });
  },

  ...scopedReaders(pageWhenTicket(ticketOf), {
    status: (page) => textAt(page, selectors.status),
    messages: selectors.messages,
    editor: selectors.editor,
  }),
};
