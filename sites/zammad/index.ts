import { editableIn, messageTexts, shownField, shownValue } from '../dom.ts';
import type { Channel, PageContact, SiteAdapter } from '../types.ts';

/**
 * Zammad (desktop app, hosted or self-hosted). A single-page app routed by the URL hash: a ticket is
 * `#ticket/zoom/<id>` (optionally `/<article id>`). Each open ticket is a task whose content stays in
 * the DOM; the shown one has `.content.active`, so everything is read inside it. The class names are
 * those of Zammad's own view templates (ticket_zoom/*.jst.eco in its public source): `.ticketZoom`,
 * `.ticket-title-update`, `.ticket-article-item` (with the sender and article type as classes),
 * `.richtext-content`, the article form `.article-add`, and the ticket attribute form `.edit`.
 * Self-hosted instances live on any host, so claims() goes by the hash route, not the host.
 */
export const selectors = {
  /** The shown task; other open tickets keep their content, without `.active`. */
  activeTask: '.content.active',
  zoom: '.content.active .ticketZoom',
  title: '.ticketZoom-header .ticket-title-update',
  /** The customer's avatar in the ticket header carries their Zammad user id. */
  customerAvatar: '.ticketZoom-header .js-avatar [data-id]',
  state: '.edit [name="state_id"]',
  group: '.edit [name="group_id"]',
  owner: '.edit [name="owner_id"]',
  /** Articles, oldest first; classes name the sender (customer, agent, system) and type (email, phone…). */
  articles: '.ticket-article-item',
  articleBodies: '.ticket-article-item .textBubble-content .richtext-content',
  editor: '.article-add [contenteditable="true"][data-name="body"]',
} as const;

const ZOOM_ROUTE = /^#ticket\/zoom\/(\d+)(?:\/\d+)?\/?$/;

/** Article types (as classes) and the channel they name; notes say nothing about the channel. */
const ARTICLE_TYPES: ReadonlyArray<readonly [string, Channel]> = [
  ['email', 'email'],
  ['phone', 'phone'],
  ['chat', 'chat'],
  ['sms', 'chat'],
  ['whatsapp', 'chat'],
  ['telegram', 'chat'],
  ['twitter', 'social'],
  ['facebook', 'social'],
  ['web', 'other'],
];

const ticketOf = (url: URL) => ZOOM_ROUTE.exec(url.hash)?.[1];

/**
 * The shown ticket, when the URL names one. Zammad changes the hash before it shows the new task;
 * when the shown task's element id ends in another ticket's number (`content_permanent_Ticket-120`),
 * it is the old ticket and is not read.
 */
function zoomFor(doc: Document, url: URL): Element | null {
  const ticketId = ticketOf(url);
  const zoom = ticketId ? doc.querySelector(selectors.zoom) : null;
  const taskTicket = /(\d+)$/.exec(zoom?.closest(selectors.activeTask)?.id ?? '')?.[1];
  return taskTicket && taskTicket !== ticketId ? null : zoom;
}

function channelOf(zoom: Element): Channel | undefined {
  for (const article of zoom.querySelectorAll(selectors.articles)) {
    if (article.classList.contains('note')) continue;
    const type = ARTICLE_TYPES.find(([name]) => article.classList.contains(name));
    if (type) return type[1];
  }
  return undefined;
}

export const zammad: SiteAdapter = {
  id: 'zammad',
  name: 'Zammad',
  version: 1,
  // Hosted instances; self-hosted ones are granted per host (the hash route cannot be matched).
  matches: ['https://*.zammad.com/*'],
  selectors,

  claims(doc, url) {
    return ZOOM_ROUTE.test(url.hash) || doc.querySelector(selectors.zoom) !== null;
  },

  extract(doc, url) {
    const ticketId = ticketOf(url);
    if (!ticketId) return null;
    const contact: PageContact = { ticketId };
    const zoom = zoomFor(doc, url);
    if (!zoom) return contact;

    const subject = shownValue(zoom.querySelector(selectors.title));
    if (subject) contact.subject = subject;
    const queue = shownField(zoom.querySelector(selectors.group));
    if (queue && queue !== '-') contact.queue = queue;
    const agent = shownField(zoom.querySelector(selectors.owner));
    if (agent && agent !== '-') contact.agent = agent;
    const customerRef = zoom.querySelector(selectors.customerAvatar)?.getAttribute('data-id')?.trim();
    if (customerRef && /^\d+$/.test(customerRef)) contact.customerRef = customerRef;
    const channel = channelOf(zoom);
    if (channel) contact.channel = channel;
    return contact;
  },

  readStatus(doc, url) {
    return shownField(zoomFor(doc, url)?.querySelector(selectors.state)) || null;
  },

  readConversation(doc, url) {
    return messageTexts(zoomFor(doc, url), selectors.articleBodies);
  },

  replyEditor(doc, url) {
    return editableIn(zoomFor(doc, url)?.querySelector(selectors.editor) ?? null);
  },
};
