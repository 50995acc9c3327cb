/**
 * Site adapters defined by an organisation's admin without a release, and the kill switch for
 * adapters that broke after a CRM redesign. Both are data the server distributes by sync; the
 * extension turns a definition into a SiteAdapter (sites/custom.ts).
 */
import { ContactReference } from './contact.ts';
import { checkPattern } from './safeRegex.ts';
import { z } from './z.ts';

export { adapterSwitchKey, customAdapterId, isSwitchedOff } from './adapterIds.ts';

// "custom-<id>" and the name are kept with every contact (ContactReference: adapterId ≤ 60, crm ≤ 80).
const Slug = z.string().check(
  z.minLength(1),
  z.maxLength(53),
  z.regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes'),
);
const Text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

/**
 * A WebExtension match pattern for http(s) pages: scheme, host (optionally "*." then a domain) and a
 * path, e.g. "https://crm.example.com/tickets/*". Not "<all_urls>", a bare "*" host, nor "*." with a
 * top-level domain ("*.com"): a custom adapter is for one system.
 */
export const MATCH_PATTERN = /^(https?|\*):\/\/(\*\.[a-z0-9-]+\.[a-z0-9.-]+|[a-z0-9.-]+)(:\d{1,5})?\/.*$/i;
export const MatchPattern = z.string().check(
  z.maxLength(300),
  z.regex(MATCH_PATTERN, 'a match pattern is scheme://host/path, such as https://crm.example.com/tickets/*'),
);

/**
 * A CSS selector. Its syntax is checked where there is a DOM (the panel, the page); here it is
 * bounded and kept free of characters that cannot belong to a selector in a page reader.
 */
export const Selector = z.string().check(
  z.trim(),
  z.minLength(1),
  z.maxLength(500),
  z.refine((s) => !/[{};]/.test(s), { message: 'a selector cannot contain { } or ;' }),
  // :has() makes the browser look through every element's subtree, on every page change: too dear
  // for a selector run on large CRM pages.
  z.refine((s) => !/:has\(/i.test(s), { message: 'a selector cannot use :has()' }),
);

/** A pattern from the safe subset with a capture group around the ticket id, e.g. "/tickets/(\d{1,12})". */
export const IdPattern = z.string().check(
  z.superRefine((value, ctx) => {
    const checked = checkPattern(value);
    if (!checked.ok) ctx.issues.push({ code: 'custom', message: checked.error, input: value });
    else if (!/\((?!\?)/.test(value)) {
      ctx.issues.push({ code: 'custom', message: 'put the ticket id in a capture group: (\\d{1,12})', input: value });
    }
  }),
);

/** Where the contact's id is read: from the address (robust) or from an element's text. */
export const ContactIdSource = z.discriminatedUnion('from', [
  z.strictObject({ from: z.literal('url'), pattern: IdPattern }),
  z.strictObject({ from: z.literal('element'), selector: Selector }),
]);
export type ContactIdSource = z.infer<typeof ContactIdSource>;

/** The page elements a custom adapter reads, each optional. */
export const CUSTOM_FIELDS = ['subject', 'customer', 'agent', 'queue', 'status', 'channel', 'conversation', 'replyEditor'] as const;
export type CustomField = (typeof CUSTOM_FIELDS)[number];

const Field = z.optional(Selector);
export const CustomAdapterFields = z.strictObject({
  subject: Field,
  customer: Field,
  agent: Field,
  queue: Field,
  status: Field,
  channel: Field,
  /** Each element it matches is one message. */
  conversation: Field,
  replyEditor: Field,
});

/** What an admin publishes; the server numbers the version and records who and when. */
export const CustomAdapterPut = z.strictObject({
  id: Slug,
  /** The system's name as users know it. */
  name: Text(80),
  matches: z.array(MatchPattern).check(z.minLength(1, 'give at least one page address pattern'), z.maxLength(10)),
  /** An element every contact page has: the adapter claims a page only when it is there. */
  landmark: z.optional(Selector),
  contactId: ContactIdSource,
  fields: CustomAdapterFields,
  /** Switched off: the extension ignores it (the heuristics read the page instead). */
  disabled: z._default(z.boolean(), false),
});
export type CustomAdapterPut = z.infer<typeof CustomAdapterPut>;
export type CustomAdapterPutInput = z.input<typeof CustomAdapterPut>;

export const CustomAdapter = z.extend(CustomAdapterPut, {
  version: z.int().check(z.gte(1)),
  publishedBy: Text(200),
  publishedAt: z.iso.datetime({ offset: true }),
});
export type CustomAdapter = z.infer<typeof CustomAdapter>;

/**
 * The kill switch: one version of an adapter (built-in or custom) turned off for the organisation,
 * or on again. Record id "<adapterId>@<version>".
 */
export const AdapterSwitchPut = z.strictObject({
  adapterId: z.string().check(z.minLength(1), z.maxLength(80)),
  adapterVersion: z.int().check(z.gte(1)),
  disabled: z.boolean(),
  reason: Text(500),
});
export type AdapterSwitchPut = z.infer<typeof AdapterSwitchPut>;

export const AdapterSwitch = z.extend(AdapterSwitchPut, {
  setBy: Text(200),
  setAt: z.iso.datetime({ offset: true }),
});
export type AdapterSwitch = z.infer<typeof AdapterSwitch>;

/** What the panel's "Site adapters" shows: the published custom adapters, the switches, and the built-in adapter versions. */
export const AdaptersView = z.strictObject({
  custom: z.array(CustomAdapter),
  switches: z.array(AdapterSwitch),
  builtIn: z.array(z.strictObject({ id: z.string(), name: z.string(), version: z.int() })),
});
export type AdaptersView = z.infer<typeof AdaptersView>;

/** What a draft definition reads on the page beside the panel ("Try on this page"). */
export const AdapterPreview = z.strictObject({
  /** The page's address matches one of the patterns. */
  addressMatches: z.boolean(),
  /** The address matches and the landmark (if any) is on the page. */
  claims: z.boolean(),
  contact: z.nullable(ContactReference),
  status: z.nullable(z.string().check(z.maxLength(200))),
  /** How many messages the conversation selector finds; null without one. */
  messages: z.nullable(z.int()),
  replyEditor: z.nullable(z.boolean()),
});
export type AdapterPreview = z.infer<typeof AdapterPreview>;

/** What the element picker (entrypoints/picker.ts) found: a selector for the element, its text (cut) and how many elements match. */
export const Picked = z.strictObject({
  selector: z.string().check(z.minLength(1), z.maxLength(2000)),
  sample: z.string().check(z.maxLength(200)),
  matchCount: z.int().check(z.gte(0)),
});
export type Picked = z.infer<typeof Picked>;

/** Background -> panel: the picker in `tabId` is done, with what was picked, or null when cancelled. */
export const PickerResult = z.strictObject({
  name: z.literal('picker:result'),
  body: z.strictObject({ tabId: z.optional(z.int()), picked: z.nullable(Picked) }),
});
export type PickerResult = z.infer<typeof PickerResult>;

/** Background -> panel, after a sync brought custom adapters or switches: read the page again. */
export const ADAPTERS_CHANGED = 'adapters:changed';
