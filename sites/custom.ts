import { customAdapterId } from '../core/adapterIds.ts';
import type { CustomAdapter } from '../core/customAdapter.ts';
import { CHANNEL_LABELS } from '../core/labels.ts';
import { PATTERN_FLAGS } from '../core/safeRegex.ts';
import { channelFrom, contactWith, editableIn, shownValue, textsOf } from './dom.ts';
import { matchesPattern } from './matchPattern.ts';
import type { Channel, SiteAdapter } from './types.ts';

/**
 * Site adapters an organisation's admin defines without a release (core/customAdapter.ts): match
 * patterns, an optional landmark, where the ticket id is, and a selector per field. Runs in the CRM
 * page (entrypoints/crm-custom.ts), so no zod: the background validated the definition when it
 * arrived by sync.
 */
export type CustomDefinition = Pick<CustomAdapter, 'id' | 'name' | 'version' | 'matches' | 'landmark' | 'contactId' | 'fields'>;

/** What the contact reference keeps of each field (core/contact.ts); a longer ticket id is no id. */
const LIMITS = { ticketId: 120, subject: 500, customerRef: 200, agent: 200, queue: 200, status: 200 } as const;

/** The channel's own value or its label, in any case ("Email", "in person"). */
const CHANNELS: Readonly<Record<string, Channel>> = Object.fromEntries(
  Object.entries(CHANNEL_LABELS).flatMap(([value, label]) => [
    [value.toLowerCase(), value as Channel],
    [label.toLowerCase(), value as Channel],
  ]),
);

/** An admin's selector may be invalid in this page's browser: it then matches nothing instead of throwing. */
function all(doc: Document, selector: string | undefined): Element[] {
  if (!selector) return [];
  try {
    return [...doc.querySelectorAll(selector)];
  } catch {
    return [];
  }
}

const first = (doc: Document, selector: string | undefined) => all(doc, selector)[0] ?? null;

/** Where an id pattern looks: the address after its origin (path, query and hash). */
const addressPart = (url: URL) => url.pathname + url.search + url.hash;

/** The first capture of an id pattern in the address, or undefined (also for a pattern this browser rejects). */
export function idFromUrl(pattern: string, url: URL): string | undefined {
  try {
    return new RegExp(pattern, PATTERN_FLAGS).exec(addressPart(url))?.[1]?.trim() || undefined;
  } catch {
    return undefined;
  }
}

export function customSiteAdapter(def: CustomDefinition): SiteAdapter {
  const { contactId, fields } = def;
  const shown = (doc: Document, field: keyof typeof fields, max: number) => shownValue(first(doc, fields[field])).slice(0, max);

  function ticketId(doc: Document, url: URL): string {
    const id = contactId.from === 'url' ? idFromUrl(contactId.pattern, url) : shownValue(first(doc, contactId.selector));
    return id && id.length <= LIMITS.ticketId ? id : '';
  }

  const selectors: Record<string, string> = {};
  for (const [name, selector] of Object.entries({ ...fields, landmark: def.landmark })) if (selector) selectors[name] = selector;
  if (contactId.from === 'element') selectors.ticketId = contactId.selector;

  return {
    id: customAdapterId(def.id),
    name: def.name,
    version: def.version,
    matches: def.matches,
    selectors,
    claims: (doc, url) => def.matches.some((p) => matchesPattern(p, url)) && (!def.landmark || first(doc, def.landmark) !== null),
    extract(doc, url) {
      const id = ticketId(doc, url);
      if (!id) return null;
      return contactWith(id, {
        subject: shown(doc, 'subject', LIMITS.subject),
        customerRef: shown(doc, 'customer', LIMITS.customerRef),
        agent: shown(doc, 'agent', LIMITS.agent),
        queue: shown(doc, 'queue', LIMITS.queue),
        channel: channelFrom(shown(doc, 'channel', 40), CHANNELS), // a word or two, or no channel
      });
    },
    // Only the readers it has selectors for: the registry tells "cannot read" (none) from "reads nothing".
    ...(fields.status && { readStatus: (doc: Document) => shown(doc, 'status', LIMITS.status) || null }),
    // Each element the selector matches is one message.
    ...(fields.conversation && { readConversation: (doc: Document) => textsOf(all(doc, fields.conversation)) }),
    ...(fields.replyEditor && { replyEditor: (doc: Document) => editableIn(first(doc, fields.replyEditor)) }),
  };
}

/** Regular-expression syntax characters, escaped so a path word is taken literally (valid with the `u` flag). */
const literal = (s: string) => s.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');

/** A token that reads as an id: digits, or a short prefix and digits (CS-4471, INC0012345). */
const ID_SHAPES: readonly [RegExp, string][] = [
  [/^\d{1,12}$/, '\\d{1,12}'],
  [/^[a-z]{1,6}-?\d{1,15}$/i, '[a-z]{1,6}-?\\d{1,15}'],
];
const idShape = (token: string) => ID_SHAPES.find(([shape]) => shape.test(token))?.[1];

/**
 * An id pattern for the page's address, to start the admin off: the last path segment that reads as
 * an id, after the segment before it ("/cases/(\d{1,12})"), else a query parameter holding one
 * ("[?&]case=(\d{1,12})"); undefined when the address shows none.
 */
export function suggestIdPattern(url: URL): string | undefined {
  const segments = url.pathname.split('/');
  for (let i = segments.length - 1; i > 0; i--) {
    const shape = idShape(segments[i]!);
    if (!shape) continue;
    return i === 1 ? `^/(${shape})` : `/${literal(segments[i - 1]!)}/(${shape})`;
  }
  for (const [name, value] of url.searchParams) {
    const shape = idShape(value);
    if (shape) return `[?&]${literal(encodeURIComponent(name))}=(${shape})`;
  }
  return undefined;
}
