import { z } from './z.ts';
import { ContactReference } from './contact.ts';

/**
 * Messages that cross the page boundary (page reader <-> extension). The reader sends what its
 * adapters read, unvalidated (it bundles no zod, to stay light in the CRM page); the extension
 * picks the first candidate that passes the ContactReference schema (sites/pick.ts).
 */
const Candidates = z.array(z.unknown()).check(z.maxLength(10));

export const pageMessages = {
  /** Panel -> background: the contact shown in a tab, read by the page reader's adapters. */
  'contact:get': { request: z.strictObject({ tabId: z.int() }), response: z.nullable(ContactReference) },
  /** Page reader -> extension: the page now shows another contact (or none). */
  'contact:changed': { request: z.strictObject({ candidates: Candidates }), response: z.strictObject({}) },
  /** Background -> page reader: read the page now. */
  'page:readContact': { request: z.strictObject({}), response: Candidates },
} as const;
