import { z } from './z.ts';

export const Channel = z.enum(['phone', 'email', 'chat', 'social', 'letter', 'inPerson', 'other']);
export type Channel = z.infer<typeof Channel>;

/**
 * The contact a record is about, as read from the CRM page (or typed by the user). Personal data is
 * minimised: the customer is the CRM's own id, never a name or address unless the user types it.
 */
export const ContactReference = z.strictObject({
  adapterId: z.string().check(z.minLength(1), z.maxLength(60)),
  /** The CRM's display name, e.g. "Request Tracker". */
  crm: z.string().check(z.minLength(1), z.maxLength(80)),
  url: z.string().check(z.maxLength(2048)),
  ticketId: z.string().check(z.trim(), z.minLength(1, 'a ticket or contact id is required'), z.maxLength(120)),
  channel: z.optional(Channel),
  agent: z.optional(z.string().check(z.trim(), z.maxLength(200))),
  customerRef: z.optional(z.string().check(z.trim(), z.maxLength(200))),
  subject: z.optional(z.string().check(z.trim(), z.maxLength(500))),
  queue: z.optional(z.string().check(z.trim(), z.maxLength(200))),
  /** adapter: read from known selectors; heuristic: guessed from URL or title; manual: typed by the user. */
  source: z.enum(['adapter', 'heuristic', 'manual']),
  capturedAt: z.iso.datetime({ offset: true }),
});
export type ContactReference = z.infer<typeof ContactReference>;

export { contactKey } from './contactKey.ts';
