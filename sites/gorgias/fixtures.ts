import { defineFixtures, reconstructedFrom } from '../fixtureTesting.ts';
import { gorgias, selectors } from './index.ts';

export const fixtures = defineFixtures({
  adapter: gorgias,
  selectors,
  dir: new URL('./fixtures/', import.meta.url),
  pages: {
    ticket: 'https://acme.gorgias.com/app/ticket/63091193',
    'tickets-view': 'https://acme.gorgias.com/app/views/1203344',
  },
  counts: {
    subject: { ticket: 1, 'tickets-view': 0 },
    assignee: { ticket: 1, 'tickets-view': 0 },
    team: { ticket: 1, 'tickets-view': 0 },
    status: { ticket: 1, 'tickets-view': 0 },
    customerLink: { ticket: 1, 'tickets-view': 0 },
    messages: { ticket: 2, 'tickets-view': 0 },
    editor: { ticket: 1, 'tickets-view': 0 },
  },
  provenance: reconstructedFrom('Gorgias'),
});
