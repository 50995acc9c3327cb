import { defineFixtures } from '../fixtureTesting.ts';
import { generic, selectors } from './index.ts';

export const fixtures = defineFixtures({
  adapter: generic,
  selectors,
  dir: new URL('./fixtures/', import.meta.url),
  pages: {
    'unknown-ticket': 'https://desk.example.com/helpdesk/tickets/4471',
    'unknown-home': 'https://desk.example.com/helpdesk/',
  },
  counts: {
    heading: { 'unknown-ticket': 1, 'unknown-home': 1 },
  },
  provenance: /Unrecognised page[^]*HAND-WRITTEN for Floorwalker[^]*not saved from or modelled on any product[^]*Page URL: https:\/\//,
});
