import { defineFixtures, reconstructedFrom } from '../fixtureTesting.ts';
import { front, selectors } from './index.ts';

export const fixtures = defineFixtures({
  adapter: front,
  selectors,
  dir: new URL('./fixtures/', import.meta.url),
  pages: {
    conversation: 'https://app.frontapp.com/inboxes/teams/views/15931074/open/7762260226',
    inbox: 'https://app.frontapp.com/inboxes/teams/views/15931074/open',
  },
  counts: {
    subject: { conversation: 1, inbox: 0 },
    assignee: { conversation: 1, inbox: 0 },
    status: { conversation: 1, inbox: 0 },
    messages: { conversation: 2, inbox: 0 },
    editor: { conversation: 1, inbox: 0 },
  },
  provenance: reconstructedFrom('Front'),
});
