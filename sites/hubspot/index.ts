import { channelFrom, contactWith, idFromLinks, pageWhenTicket, scopedReaders, textAt, valueAt } from '../dom.ts';
import type { Channel, SiteAdapter } from '../types.ts';

/**
 * HubSpot Service Hub: the help desk (`/help-desk/<portal>/…/ticket/<id>`), the conversations inbox
 * (`/live-messages/<portal>/inbox/<thread id>`) and ticket records (`/contacts/<portal>/ticket/<id>` or
 * `/contacts/<portal>/record/0-5/<id>`, 0-5 being HubSpot's object type id for tickets). The ticket (or,
 * in the inbox, the thread) id comes from the URL. The customer is the associated contact's HubSpot
 * record id, from a link to the contact record. The ticket card and its properties are found by the
 * `data-selenium-test` attributes HubSpot renders for its own tests; the thread and composer by ARIA
 * roles. See fixtures/ for which hooks are confirmed and which assumed.
 */
export const selectors = {
  ticketTitle: '[data-selenium-test="ticket-highlight-details"] [data-selenium-test="highlightTitle"]',
  /** Ticket status: the pipeline stage. */
  stage: '[data-selenium-test="property-input-hs_pipeline_stage"]',
  /** The pipeline the ticket is in, used as its queue. */
  pipeline: '[data-selenium-test="property-input-hs_pipeline"]',
  owner: '[data-selenium-test="property-input-hubspot_owner_id"]',
  /** "Source": Email, Chat, Phone, Form… */
  source: '[data-selenium-test="property-input-source_type"]',
  /** Links to a contact record: /contacts/<portal>/contact/<id> or /contacts/<portal>/record/0-1/<id>. */
  contactLink: 'a[href*="/contact/"], a[href*="/record/0-1/"]',
  messages: '[role="log"] article',
  editor: '[role="textbox"][contenteditable="true"][aria-multiline="true"]',
} as const;

const APP_PATH = /^\/(help-desk|live-messages|contacts)\/\d+(?:\/|$)/;
const TICKET_ID = /\/(?:ticket|record\/0-5)\/(\d+)(?:\/|$)/;
const THREAD_ID = /\/(?:thread|inbox)\/(\d+)(?:\/|$)/;
const CONTACT_PATH = /^\/contacts\/\d+\/(?:contact|record\/0-1)\/(\d+)(?:\/|$)/;
const NONE = new Set(['', '-', '--', 'No owner', 'Unassigned']);

const SOURCES: Readonly<Record<string, Channel>> = {
  email: 'email',
  chat: 'chat',
  phone: 'phone',
  call: 'phone',
  'calling': 'phone',
  form: 'other',
  'facebook messenger': 'social',
  whatsapp: 'chat',
};

/** The ticket id, or in the help desk and inbox the thread id. */
export function ticketOrThread(url: URL): string | undefined {
  const app = APP_PATH.exec(url.pathname)?.[1];
  if (!app) return undefined;
  const ticket = TICKET_ID.exec(url.pathname)?.[1];
  if (ticket) return ticket;
  return app === 'contacts' ? undefined : THREAD_ID.exec(url.pathname)?.[1];
}

/** A property's shown value, ignoring HubSpot's placeholders for an empty one. */
const property = (root: ParentNode, selector: string) => valueAt(root, selector, NONE);

export const hubspot: SiteAdapter = {
  id: 'hubspot',
  name: 'HubSpot',
  version: 1,
  matches: ['https://*.hubspot.com/help-desk/*', 'https://*.hubspot.com/live-messages/*', 'https://*.hubspot.com/contacts/*'],
  selectors,

  claims(_doc, url) {
    if (!/(?:^|\.)hubspot\.com$/.test(url.hostname)) return false;
    const app = APP_PATH.exec(url.pathname)?.[1];
    // Contact and company records are CRM pages, not tickets: left to the others (and the guesser).
    return app === 'help-desk' || app === 'live-messages' || (app === 'contacts' && TICKET_ID.test(url.pathname));
  },

  extract(doc, url) {
    const ticketId = ticketOrThread(url);
    if (!ticketId) return null;
    return contactWith(ticketId, {
      subject: textAt(doc, selectors.ticketTitle),
      queue: property(doc, selectors.pipeline),
      agent: property(doc, selectors.owner),
      channel: channelFrom(property(doc, selectors.source), SOURCES),
      customerRef: idFromLinks(doc, selectors.contactLink, url, CONTACT_PATH),
    });
  },

  ...scopedReaders(pageWhenTicket(ticketOrThread), {
    status: (page) => property(page, selectors.stage),
    messages: selectors.messages,
    editor: selectors.editor,
  }),
};
