import { ContactReference } from '../core/contact.ts';
import { redact, scanReply } from '../core/guards.ts';
import { readCandidates } from './registry.ts';
import type { SiteAdapter } from './types.ts';

/**
 * The contact to use from what the page reader sent: the first candidate that passes the schema.
 * An adapter returning data that does not fit is skipped (with a warning naming it), so the next
 * one, in the end the generic guesser, still gets its turn. Runs in the extension, where the page's
 * word is checked. Card data in any of its words is masked: an adapter (a custom one most of all,
 * whose selectors are data) may have read a message or a reply where a subject should be, and a
 * contact is stored and synced with every spot check and complaint.
 */
export function pickContact(candidates: unknown): ContactReference | null {
  if (!Array.isArray(candidates)) return null;
  for (const candidate of candidates.slice(0, 10)) {
    const parsed = ContactReference.safeParse(candidate);
    if (parsed.success) return withoutCardData(parsed.data);
    const adapterId = (candidate as { adapterId?: unknown } | null)?.adapterId;
    console.warn(`Floorwalker: site adapter ${String(adapterId)} returned an invalid contact; skipped.`, parsed.error.issues);
  }
  return null;
}

/** Read and pick in one step, where page and checker are the same place (tests, tools). */
export function readContact(doc: Document, url: URL, now: Date, adapters?: readonly SiteAdapter[]): ContactReference | null {
  return pickContact(readCandidates(doc, url, now, adapters));
}

/** The words a page shows about a contact; its ids and address identify it and are kept as read. */
const WORDS = ['subject', 'agent', 'customerRef', 'queue'] as const;

function withoutCardData(contact: ContactReference): ContactReference {
  const masked = { ...contact };
  for (const field of WORDS) {
    const value = contact[field];
    const found = value === undefined ? [] : scanReply(value);
    if (found.length) masked[field] = redact(value!, found);
  }
  return masked;
}
