import type { ContactReference } from '../core/contact.ts';

/** What an adapter reads off a page; the registry adds adapter id, CRM name, URL, source and time. */
export type PageContact = Omit<ContactReference, 'adapterId' | 'crm' | 'url' | 'source' | 'capturedAt'>;

/** The channels a contact reference can name. */
export type Channel = NonNullable<PageContact['channel']>;

/**
 * One CRM's knowledge of its pages. Adapters only read the DOM: they never touch storage, never
 * write to the page, and the registry contains any error they throw.
 *
 * `id`, `name`, `version`, `matches`, `selectors`, `claims` and `extract` are required; the readers
 * after them are optional, so an adapter written before they existed still type-checks and works.
 */
export interface SiteAdapter {
  id: string;
  /** The CRM's name as users know it. */
  name: string;
  /** Bumped whenever selectors change, so a broken version can be identified (and later disabled). */
  version: number;
  /** WebExtension match patterns for the pages this adapter understands. */
  matches: readonly string[];
  /** Every selector the adapter uses, in one place, so fixtures can test each of them. */
  selectors: Readonly<Record<string, string>>;
  /** Does this page belong to the adapter? Cheap: URL and a landmark or two. */
  claims(doc: Document, url: URL): boolean;
  /** Read the contact shown, or null when the page shows none (a search or a dashboard). */
  extract(doc: Document, url: URL): PageContact | null;

  /**
   * The ticket's status as the CRM shows it ("Open", "Pending"), or null when the page shows none.
   * Not part of the contact reference: it changes while the contact stays the same.
   */
  readStatus?(doc: Document, url: URL): string | null;
  /**
   * The messages of the conversation shown, each as plain text, in the order the page lists them
   * (some CRMs list the newest first); an empty list when the page shows none. For prompt rules that
   * look for words in the conversation: nothing here is stored with the contact.
   */
  readConversation?(doc: Document, url: URL): string[];
  /** The element the agent writes the reply in (a textarea or a contenteditable), or null when none is open. */
  replyEditor?(doc: Document, url: URL): HTMLElement | null;
  /**
   * Same-origin frames whose documents the adapter reads besides the page's own (ServiceNow's classic
   * form in `gsft_main`), so that watchContact can notice the frame loading another record.
   */
  frames?(doc: Document, url: URL): Element[];
}
