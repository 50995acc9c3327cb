import type { ContactReference } from '../core/contact.ts';

/** What an adapter reads off a page; the registry adds adapter id, CRM name, URL, source and time. */
export type PageContact = Omit<ContactReference, 'adapterId' | 'crm' | 'url' | 'source' | 'capturedAt'>;

/**
 * One CRM's knowledge of its pages. Adapters only read the DOM: they never touch storage, never
 * write to the page, and the registry contains any error they throw.
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
}
