import { z } from './z.ts';
import { ContactReference } from './contact.ts';

/**
 * Messages that cross the page boundary (content script <-> extension). In a file of their own so
 * the content script, which runs on every CRM page, bundles nothing else.
 */
export const pageMessages = {
  /** Panel -> background: the contact shown in a tab, read by the content script's adapter. */
  'contact:get': { request: z.strictObject({ tabId: z.int() }), response: z.nullable(ContactReference) },
  /** Content script -> extension: the page now shows another contact (or none). */
  'contact:changed': {
    request: z.strictObject({ contact: z.nullable(ContactReference) }),
    response: z.strictObject({}),
  },
  /** Background -> content script: read the page now. */
  'page:readContact': { request: z.strictObject({}), response: z.nullable(ContactReference) },
} as const;
