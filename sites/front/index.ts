import { contactWith, pageWhenTicket, scopedReaders, textAt, valueAt } from '../dom.ts';
import type { SiteAdapter } from '../types.ts';

/**
 * Front (app.frontapp.com). The conversation comes from the URL: a shared link `/open/cnv_…`, or the
 * app's own address for an opened conversation, which ends in the conversation's number
 * (`/inboxes/teams/views/15931074/open/7762260226`). Front's API ids are the number in base 36 after a
 * type prefix, so both become the same `cnv_…` id. Front's DOM has no documented hooks; the fields are
 * found by ARIA labels and roles (English labels). No customer reference: the page shows contacts by
 * name and address only.
 */
export const selectors = {
  subject: '[aria-label="Conversation subject"]',
  assignee: '[aria-label="Assignee"]',
  status: '[aria-label="Conversation status"]',
  messages: '[role="log"] article',
  editor: '[role="textbox"][contenteditable="true"]',
} as const;

const SHARED_LINK = /^\/open\/(cnv_[0-9a-z]+)\/?$/;
/** Path words after which a number is a team, teammate, view or folder, not a conversation. */
const CONTAINERS = new Set(['inboxes', 'teams', 'teammates', 'shared', 'views', 'folders', 'channels', 'tags', 'rules']);
const UNASSIGNED = new Set(['', 'Unassigned']);

/** The conversation's API id (cnv_…), from a shared link or the app's own URL. */
export function conversationOf(url: URL): string | undefined {
  const shared = SHARED_LINK.exec(url.pathname)?.[1];
  if (shared) return shared;
  if (!url.pathname.startsWith('/inboxes/')) return undefined;
  const parts = url.pathname.split('/').filter(Boolean);
  const last = parts.at(-1);
  const before = parts.at(-2);
  if (!last || !before || !/^\d{6,20}$/.test(last) || /^\d+$/.test(before) || CONTAINERS.has(before)) return undefined;
  return `cnv_${BigInt(last).toString(36)}`;
}

export const front: SiteAdapter = {
  id: 'front',
  name: 'Front',
  version: 1,
  matches: ['https://app.frontapp.com/*'],
  selectors,

  claims(_doc, url) {
    return url.hostname === 'app.frontapp.com';
  },

  extract(doc, url) {
    const ticketId = conversationOf(url);
    if (!ticketId) return null;
    return contactWith(ticketId, {
      subject: valueAt(doc, selectors.subject),
      agent: textAt(doc, selectors.assignee, UNASSIGNED),
    });
  },

  ...scopedReaders(pageWhenTicket(conversationOf), {
    status: (page) => textAt(page, selectors.status),
    messages: selectors.messages,
    editor: selectors.editor,
  }),
};
