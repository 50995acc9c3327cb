import { defineFixtures, reconstructedFrom } from '../fixtureTesting.ts';
import { freshdesk, selectors } from './index.ts';

export const fixtures = defineFixtures({
  adapter: freshdesk,
  selectors,
  dir: new URL('./fixtures/', import.meta.url),
  pages: {
    ticket: 'https://acme.freshdesk.com/a/tickets/4471',
    'ticket-list': 'https://acme.freshdesk.com/a/tickets/filters/all_tickets',
  },
  counts: {
    subject: { ticket: 1, 'ticket-list': 0 },
    requesterLink: { ticket: 1, 'ticket-list': 0 },
    status: { ticket: 1, 'ticket-list': 0 },
    group: { ticket: 1, 'ticket-list': 0 },
    agent: { ticket: 1, 'ticket-list': 0 },
    messages: { ticket: 3, 'ticket-list': 0 },
    editor: { ticket: 1, 'ticket-list': 0 },
  },
  provenance: reconstructedFrom('Freshdesk'),
});
