import { defineFixtures, reconstructedFrom } from '../fixtureTesting.ts';
import { hubspot, selectors } from './index.ts';

export const fixtures = defineFixtures({
  adapter: hubspot,
  selectors,
  dir: new URL('./fixtures/', import.meta.url),
  pages: {
    'help-desk-ticket': 'https://app.hubspot.com/help-desk/2468013/view/all-open/ticket/18044512345',
    'help-desk-home': 'https://app.hubspot.com/help-desk/2468013/view/all-open',
  },
  counts: {
    ticketTitle: { 'help-desk-ticket': 1, 'help-desk-home': 0 },
    stage: { 'help-desk-ticket': 1, 'help-desk-home': 0 },
    pipeline: { 'help-desk-ticket': 1, 'help-desk-home': 0 },
    owner: { 'help-desk-ticket': 1, 'help-desk-home': 0 },
    source: { 'help-desk-ticket': 1, 'help-desk-home': 0 },
    contactLink: { 'help-desk-ticket': 1, 'help-desk-home': 0 },
    messages: { 'help-desk-ticket': 2, 'help-desk-home': 0 },
    editor: { 'help-desk-ticket': 1, 'help-desk-home': 0 },
  },
  provenance: reconstructedFrom('HubSpot'),
});
