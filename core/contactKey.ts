import type { ContactReference } from './contact.ts';

/** Two references point at the same contact when the CRM and its ticket id agree. (No zod here: the page reader uses it.) */
export const contactKey = (c: Pick<ContactReference, 'adapterId' | 'ticketId' | 'url'>) =>
  `${c.adapterId}:${originOf(c.url)}:${c.ticketId}`;

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}
