import { contactWith, idFromLinks, pageWhenTicket, scopedReaders, textAt, valueAt } from '../dom.ts';
import type { SiteAdapter } from '../types.ts';

/**
 * Intercom Inbox (app.intercom.com and its EU and Australian regions). The conversation id comes from
 * the URL, whichever inbox view it is opened from (`/a/inbox/<app>/inbox/…/conversation/<id>`, or the
 * older `/a/apps/<app>/inbox/…`). The customer is the Intercom contact id from the link to the
 * person's profile (`/a/apps/<app>/users/<id>/…`), never their name or email. Intercom strips its test
 * attributes from production builds, so the other fields are found by ARIA labels and roles (English
 * labels: an agent using Intercom in another language gets the id, customer and conversation only).
 */
export const selectors = {
  title: '[aria-label="Conversation title"]',
  assignee: '[aria-label="Assignee"]',
  team: '[aria-label="Team assignee"]',
  state: '[aria-label="Conversation state"]',
  userLink: 'a[href*="/users/"]',
  messages: '[role="log"] article',
  editor: '[role="textbox"][contenteditable="true"]',
} as const;

const CONVERSATION = /^\/a\/(?:inbox|apps)\/[^/]+\/(?:[^/]+\/)*conversations?\/(\d+)(?:\/|$)/;
const USER_PATH = /^\/a\/apps\/[^/]+\/users\/([0-9a-f]{24})(?:\/|$)/;
const UNASSIGNED = new Set(['', 'Unassigned', 'Nobody']);

const conversationOf = (url: URL) => CONVERSATION.exec(url.pathname)?.[1];

export const intercom: SiteAdapter = {
  id: 'intercom',
  name: 'Intercom',
  version: 1,
  matches: ['https://*.intercom.com/a/*'],
  selectors,

  claims(_doc, url) {
    return /(?:^|\.)intercom\.com$/.test(url.hostname) && url.pathname.startsWith('/a/');
  },

  extract(doc, url) {
    const ticketId = conversationOf(url);
    if (!ticketId) return null;
    return contactWith(ticketId, {
      subject: valueAt(doc, selectors.title),
      agent: textAt(doc, selectors.assignee, UNASSIGNED),
      queue: textAt(doc, selectors.team, UNASSIGNED),
      customerRef: idFromLinks(doc, selectors.userLink, url, USER_PATH),
    });
  },

  ...scopedReaders(pageWhenTicket(conversationOf), {
    status: (page) => textAt(page, selectors.state),
    messages: selectors.messages,
    editor: selectors.editor,
  }),
};
