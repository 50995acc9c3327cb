import type { PageContact, SiteAdapter } from '../types.ts';

/**
 * The fallback for CRMs without an adapter: guesses a ticket id from the URL, the title and the first
 * heading. It only takes ids that something marks as one (a parameter's name, a path word such as
 * "tickets", "#", "Case"), so a year, a page number or a hash in a URL is not mistaken for a ticket.
 */
export const selectors = {
  heading: 'h1',
} as const;

/** Query parameters that name a ticket. */
const ID_PARAMS = ['ticket', 'ticket_id', 'ticketid', 'case', 'caseid', 'case_id', 'incident', 'number'];
/** `id` alone names anything (a product, a page), so it counts only on a page whose path names a ticket. */
const GENERIC_ID_PARAM = 'id';

/** Path words followed by an id, most specific first: HubSpot puts a portal id after "contacts". */
const PATH_WORDS = ['ticket', 'case', 'incident', 'conversation', 'request', 'contact'].map((word) => new RegExp(`^${word}s?$`, 'i'));
const PATH_MENTIONS_TICKET = /ticket|case|incident|conversation|request|contact/i;

/** "#1234", "Ticket 1234", "Case: 00001234", "Incident #INC0012345", "Request no. 42". */
const TEXT_PATTERNS = [
  /(?<!\w)#(\d{1,15})\b/g,
  /\b(?:ticket|case|incident|conversation|request)s?\b\s*(?:no\.?|number|id)?\s*[:#]?\s*([A-Z]{1,6}[-_]?\d{2,15}|\d{1,15})\b/gi,
  // ServiceNow's numbers stand alone in its titles: "INC0012345 | Incident | ServiceNow".
  /\b((?:INC|REQ|RITM|SCTASK|TASK|CHG|PRB|CS)\d{7,})\b/g,
];
const YEAR = /^(?:19|20)\d\d$/;

/**
 * Is this token an id? Digits (00012345), a short prefix and digits (INC0012345, CS-1234), or a
 * Salesforce record id (15 or 18 letters and digits, mixed); not a hex hash or a UUID.
 */
export function isPlausibleId(token: string): boolean {
  if (/^\d{1,15}$/.test(token)) return true;
  if (/^[A-Z]{1,6}[-_]?\d{2,15}$/i.test(token)) return true;
  const salesforce = /^[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?$/.test(token) && /\d/.test(token) && /[A-Za-z]/.test(token);
  return salesforce && !/^[0-9a-f]+$/i.test(token);
}

function idFromParams(url: URL): string | undefined {
  const byName = new Map<string, string>();
  for (const [name, value] of url.searchParams) byName.set(name.toLowerCase(), value.trim());
  for (const name of ID_PARAMS) {
    const value = byName.get(name);
    if (value && isPlausibleId(value)) return value;
  }
  const id = byName.get(GENERIC_ID_PARAM);
  if (id && isPlausibleId(id) && PATH_MENTIONS_TICKET.test(url.pathname)) return id;
  return undefined;
}

/** Path segments, including a hash route such as Zammad's "#ticket/zoom/123". */
function segments(url: URL): string[] {
  const route = url.hash.startsWith('#/') || /^#\w+\//.test(url.hash) ? url.hash.slice(1) : '';
  return `${url.pathname}/${route}`
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
}

function idFromPath(url: URL): string | undefined {
  const parts = segments(url);
  for (const word of PATH_WORDS) {
    for (let i = 0; i < parts.length; i++) {
      if (!word.test(parts[i]!)) continue;
      // The id follows the word, or follows one word more: "ticket/zoom/123", "case/view/00012345".
      const next = parts[i + 1];
      const afterNext = parts[i + 2];
      if (next && isPlausibleId(next)) return next;
      if (next && /^[a-z]+$/i.test(next) && afterNext && isPlausibleId(afterNext)) return afterNext;
    }
  }
  return undefined;
}

function idFromText(text: string): string | undefined {
  for (const pattern of TEXT_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const id = match[1]!;
      // "Ticket 2024" reads as a year in running text; "#2024" does not.
      if (!YEAR.test(id) || match[0].includes('#')) return id;
    }
  }
  return undefined;
}

const collapse = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

export const generic: SiteAdapter = {
  id: 'generic',
  name: 'Unrecognised page',
  version: 1,
  matches: ['<all_urls>'],
  selectors,

  claims() {
    return true;
  },

  extract(doc, url) {
    const title = collapse(doc.title);
    const ticketId =
      idFromParams(url) ?? idFromPath(url) ?? idFromText(title) ?? idFromText(collapse(doc.querySelector(selectors.heading)?.textContent));
    if (!ticketId) return null;
    const contact: PageContact = { ticketId };
    if (title) contact.subject = title.slice(0, 500);
    return contact;
  },
};
