import { contactWith, idFromLink, linkAround, scopedReaders, text, textAt, valueAt } from '../dom.ts';
import type { SiteAdapter } from '../types.ts';

/**
 * Zendesk Agent Workspace. The ticket id comes from the URL (`/agent/tickets/4471`). Zendesk keeps every
 * open ticket tab in the DOM at once (hidden tabs stay laid out), so fields are read only inside the
 * panel whose `data-ticket-id` is the URL's ticket, and its workspace. The hooks are the data-test-id
 * and aria attributes Agent Workspace renders; see fixtures/ for how they were put together.
 */
export const selectors = {
  /** One per open ticket tab, hidden or not. */
  workspace: '#main_panes .workspace',
  /** The ticket's panel inside its workspace, carrying the ticket id. */
  ticketPanel: '[data-ticket-id]',
  subject: 'input[data-test-id="omni-header-subject"]',
  /** The requester in the location bar ("Organisation › Requester › Ticket"), inside a link to their user page. */
  requester: 'nav[aria-label="Ticket page location"] [data-test-id="tabs-nav-item-users"]',
  status: 'nav[aria-label="Ticket page location"] [data-test-id="tabs-section-nav-item-ticket"] .ticket_status_label',
  /** Shows "Group/Agent", or the group alone while no agent is assigned. */
  assignee: '[data-test-id="assignee-field-autocomplete-trigger"]',
  messages: 'article[data-test-id="omni-log-comment-item"] [data-test-id="omni-log-message-content"]',
  editor: '[data-test-id="omnicomposer-rich-text-ckeditor"]',
} as const;

const TICKET_PATH = /^\/agent\/tickets\/(\d+)(?:\/|$)/;
const USER_PATH = /^\/agent\/users\/(\d+)(?:\/|$)/;
/** What an empty group or agent shows. */
const NONE = new Set(['', '-']);

function isZendeskAgent(url: URL): boolean {
  return url.hostname.endsWith('.zendesk.com') && (url.pathname === '/agent' || url.pathname.startsWith('/agent/'));
}

/** The ticket's workspace (or its panel, if the workspace wrapper is missing), or null before it renders. */
function ticketScope(doc: Document, ticketId: string): Element | null {
  for (const panel of doc.querySelectorAll(selectors.ticketPanel)) {
    if (panel.getAttribute('data-ticket-id') === ticketId) return panel.closest(selectors.workspace) ?? panel;
  }
  return null;
}

function scopeFor(doc: Document, url: URL): Element | null {
  const ticketId = TICKET_PATH.exec(url.pathname)?.[1];
  return ticketId ? ticketScope(doc, ticketId) : null;
}

export const zendesk: SiteAdapter = {
  id: 'zendesk',
  name: 'Zendesk',
  version: 1,
  matches: ['https://*.zendesk.com/agent/*'],
  selectors,

  // Every agent page: a dashboard or a view then has the last word (no contact), not the guesser.
  claims(_doc, url) {
    return isZendeskAgent(url);
  },

  extract(doc, url) {
    const ticketId = TICKET_PATH.exec(url.pathname)?.[1];
    if (!ticketId) return null;
    const scope = ticketScope(doc, ticketId);
    if (!scope) return { ticketId }; // the URL is enough while the ticket renders

    // "Support/Sam Agent": the group is the queue, the agent follows the last slash.
    const assignee = text(scope.querySelector(selectors.assignee));
    const slash = assignee.lastIndexOf('/');
    const queue = slash >= 0 ? assignee.slice(0, slash).trim() : assignee;
    const agent = slash >= 0 ? assignee.slice(slash + 1).trim() : '';
    return contactWith(ticketId, {
      subject: valueAt(scope, selectors.subject),
      queue: NONE.has(queue) ? '' : queue,
      agent: NONE.has(agent) ? '' : agent,
      // The requester's Zendesk user id, from the link around their name: never the name itself.
      customerRef: idFromLink(linkAround(scope.querySelector(selectors.requester)), url, USER_PATH),
    });
  },

  ...scopedReaders(scopeFor, {
    status: (scope) => textAt(scope, selectors.status),
    messages: selectors.messages,
    editor: selectors.editor,
  }),
};
