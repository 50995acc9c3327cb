import { contactWith, scopedReaders, shownField, valueAt } from '../dom.ts';
import type { Channel, SiteAdapter } from '../types.ts';

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

/** A select's shown text (or a searchable select's text box), '' for none ("-"). */
function selectField(zoom: Element, selector: string): string {
  const shown = shownField(zoom.querySelector(selector));
  return shown === '-' ? '' : shown;
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
    const zoom = zoomFor(doc, url);
    if (!zoom) return { ticketId };

    const customerRef = zoom.querySelector(selectors.customerAvatar)?.getAttribute('data-id')?.trim();
    return contactWith(ticketId, {
      subject: valueAt(zoom, selectors.title),
      queue: selectField(zoom, selectors.group),
      agent: selectField(zoom, selectors.owner),
      customerRef: customerRef && /^\d+$/.test(customerRef) ? customerRef : undefined,
      channel: channelOf(zoom),
    });
  },

  ...scopedReaders(zoomFor, {
    status: (zoom) => shownField(zoom.querySelector(selectors.state)),
    messages: selectors.articleBodies,
    editor: selectors.editor,
  }),
};
