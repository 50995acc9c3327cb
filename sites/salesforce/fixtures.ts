import { defineFixtures, reconstructedFrom } from '../fixtureTesting.ts';
import { salesforce, selectors } from './index.ts';

export const fixtures = defineFixtures({
  adapter: salesforce,
  selectors,
  dir: new URL('./fixtures/', import.meta.url),
  pages: {
    case: 'https://acme.lightning.force.com/lightning/r/Case/5005g00000Q7xYzAAJ/view',
    home: 'https://acme.lightning.force.com/lightning/page/home',
  },
  // The case page has a second case open in an inactive workspace tab.
  counts: {
    inactiveTab: { case: 1, home: 0 },
    inactiveSubtab: { case: 1, home: 0 },
    subject: { case: 2, home: 0 },
    status: { case: 2, home: 0 },
    origin: { case: 2, home: 0 },
    owner: { case: 2, home: 0 },
    contact: { case: 2, home: 0 },
    account: { case: 1, home: 0 },
    feedBodies: { case: 2, home: 0 },
    editor: { case: 1, home: 0 },
  },
  provenance: reconstructedFrom('Salesforce Service Cloud'),
});
