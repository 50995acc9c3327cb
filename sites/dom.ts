import type { Channel, PageContact, SiteAdapter } from './types.ts';

/**
 * DOM helpers the adapters share. Reads only. Elements may come from a same-origin frame's document
 * (another realm), so nothing here uses `instanceof` on DOM classes: tag names are compared instead.
 */

/** At most this many messages are returned by readConversation (the last ones), each cut to MAX_MESSAGE_LENGTH. */
export const MAX_MESSAGES = 200;
export const MAX_MESSAGE_LENGTH = 20_000;

/** An element's text with runs of white space collapsed. */
export function text(element: Element | null | undefined): string {
  return element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

/** What a control shows: an input's or textarea's value, a select's chosen option, otherwise the text. */
export function shownValue(element: Element | null | undefined): string {
  if (!element) return '';
  switch (element.tagName) {
    case 'INPUT':
    case 'TEXTAREA':
      return ((element as HTMLInputElement).value ?? '').replace(/\s+/g, ' ').trim();
    case 'SELECT': {
      const select = element as HTMLSelectElement;
      return text(select.options[select.selectedIndex] ?? null);
    }
    default:
      return text(element);
  }
}

/**
 * What a field shows: for a hidden input (the value of a searchable select or a lookup), the text box
 * beside it; otherwise shownValue().
 */
export function shownField(element: Element | null | undefined): string {
  if (element?.tagName === 'INPUT' && element.getAttribute('type') === 'hidden') {
    return shownValue(element.parentElement?.querySelector('input:not([type="hidden"])'));
  }
  return shownValue(element);
}

/** The first match not inside an `inactive` container (a CRM's hidden tab), or null. */
export function firstActive(root: ParentNode | null, selector: string, inactive: string): Element | null {
  if (!root) return null;
  for (const element of root.querySelectorAll(selector)) if (!element.closest(inactive)) return element;
  return null;
}

/** Elements that start a new line of text: their words must not run into their neighbours'. */
const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TD', 'TH', 'TR', 'UL',
]);

/** An element's text as a reader sees it: a space where blocks or line breaks part words, white space collapsed. */
export function blockText(element: Element): string {
  const parts: string[] = [];
  const visit = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) parts.push((child as Text).data);
      else if (child.nodeType === 1) {
        const tag = (child as Element).tagName;
        if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'TEMPLATE') continue;
        const block = BLOCKS.has(tag);
        if (block) parts.push(' ');
        visit(child);
        if (block) parts.push(' ');
      }
    }
  };
  visit(element);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** The texts of the matches, in page order, without empty ones: the last MAX_MESSAGES, each cut to MAX_MESSAGE_LENGTH. */
export function messageTexts(root: ParentNode | null, selector: string): string[] {
  return root ? textsOf(root.querySelectorAll(selector)) : [];
}

/** messageTexts for elements already chosen. */
export function textsOf(elements: Iterable<Element>): string[] {
  const found: string[] = [];
  for (const element of elements) {
    const shown = blockText(element);
    if (shown) found.push(shown.slice(0, MAX_MESSAGE_LENGTH));
  }
  return found.slice(-MAX_MESSAGES);
}

/** The link an element is in, or else the first link inside it. */
export function linkAround(element: Element | null | undefined): Element | null {
  return element?.closest('a[href]') ?? element?.querySelector('a[href]') ?? null;
}

function isEditable(element: Element): boolean {
  if (element.tagName === 'TEXTAREA') return true;
  const editable = element.getAttribute('contenteditable');
  return editable === '' || editable === 'true' || editable === 'plaintext-only';
}

/** The element itself when the agent can type in it, otherwise its first editable descendant, or null. */
export function editableIn(element: Element | null): HTMLElement | null {
  if (!element) return null;
  if (isEditable(element)) return element as HTMLElement;
  return element.querySelector<HTMLElement>('textarea, [contenteditable="true"], [contenteditable=""], [contenteditable="plaintext-only"]');
}

/** A frame's document when the page may read it (same origin, loaded), otherwise null. */
export function frameDocument(frame: Element | null | undefined): Document | null {
  if (!frame) return null;
  try {
    return (frame as HTMLIFrameElement).contentDocument ?? null;
  } catch {
    return null; // another origin
  }
}

/**
 * The first capture of `pattern` in the path a link points at, when the link stays on the page's own
 * origin (a CRM links its records relatively; a link elsewhere is not the CRM's record).
 */
export function idFromLink(link: Element | null | undefined, base: URL, pattern: RegExp): string | undefined {
  const href = link?.getAttribute('href');
  if (!href) return undefined;
  try {
    const target = new URL(href, base);
    if (target.origin !== base.origin) return undefined;
    return pattern.exec(target.pathname)?.[1];
  } catch {
    return undefined;
  }
}

/** The channel a CRM's own word for it names, or undefined when the word is not one the table knows. */
export function channelFrom(word: string | null | undefined, table: Readonly<Record<string, Channel>>): Channel | undefined {
  const key = word?.trim().toLowerCase();
  return key ? table[key] : undefined;
}

/** A CRM's words for an empty field ("-", "--", "Unassigned"): a field showing one is left out. */
export type NoneWords = ReadonlySet<string>;

/** The text of the first match of `selector` (text()), or '' when nothing matches or it shows one of `none`. */
export function textAt(root: ParentNode | null | undefined, selector: string, none?: NoneWords): string {
  const shown = text(root?.querySelector(selector));
  return none?.has(shown) ? '' : shown;
}

/** What the first match of `selector` shows (shownValue()), or '' when nothing matches or it shows one of `none`. */
export function valueAt(root: ParentNode | null | undefined, selector: string, none?: NoneWords): string {
  const shown = shownValue(root?.querySelector(selector));
  return none?.has(shown) ? '' : shown;
}

/** The first id `pattern` captures from the links matching `selector`, in page order (idFromLink on each). */
export function idFromLinks(root: ParentNode, selector: string, base: URL, pattern: RegExp): string | undefined {
  for (const link of root.querySelectorAll(selector)) {
    const id = idFromLink(link, base, pattern);
    if (id) return id;
  }
  return undefined;
}

/** The fields of a contact besides its ticket id, as read: '', null or undefined when the page shows none. */
export type ReadFields = { [Field in Exclude<keyof PageContact, 'ticketId'>]?: PageContact[Field] | '' | null };

/** The contact: the ticket id and each field that has a value. A field the page does not show is left out, never guessed. */
export function contactWith(ticketId: string, fields: ReadFields): PageContact {
  const contact: PageContact = { ticketId };
  for (const [field, value] of Object.entries(fields)) {
    if (value) Object.assign(contact, { [field]: value });
  }
  return contact;
}

/**
 * The optional readers (status, conversation, reply editor) of an adapter that reads them inside one
 * element or document, the ticket's `scope` (the shown ticket's panel, the classic form's document, the
 * page itself when its URL names a ticket): nothing when `scope` is null.
 */
export function scopedReaders(
  scope: (doc: Document, url: URL) => ParentNode | null,
  read: {
    /** The ticket's status in its scope ('' when it shows none). */
    status: (scope: ParentNode) => string;
    /** The messages of the conversation (messageTexts()). */
    messages: string;
    /** The reply editor, or what holds it (editableIn()). */
    editor: string;
  },
): Required<Pick<SiteAdapter, 'readStatus' | 'readConversation' | 'replyEditor'>> {
  return {
    readStatus(doc, url) {
      const root = scope(doc, url);
      return (root && read.status(root)) || null;
    },
    readConversation(doc, url) {
      return messageTexts(scope(doc, url), read.messages);
    },
    replyEditor(doc, url) {
      return editableIn(scope(doc, url)?.querySelector(read.editor) ?? null);
    },
  };
}

/** A scope for scopedReaders: the whole page, when `ticketOf` finds a ticket in its URL (a CRM that shows one ticket at a time). */
export function pageWhenTicket(ticketOf: (url: URL) => string | undefined): (doc: Document, url: URL) => Document | null {
  return (doc, url) => (ticketOf(url) ? doc : null);
}
