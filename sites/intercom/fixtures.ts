import { defineFixtures, reconstructedFrom } from '../fixtureTesting.ts';
import { intercom, selectors } from './index.ts';

export const fixtures = defineFixtures({
  adapter: intercom,
  selectors,
  dir: new URL('./fixtures/', import.meta.url),
  pages: {
    conversation: 'https://app.intercom.com/a/inbox/abc123de/inbox/team/4455/conversation/215463817409463',
    inbox: 'https://app.intercom.com/a/inbox/abc123de/inbox/team/4455',
  },
  counts: {
    title: { conversation: 1, inbox: 0 },
    assignee: { conversation: 1, inbox: 0 },
    team: { conversation: 1, inbox: 0 },
    state: { conversation: 1, inbox: 0 },
    userLink: { conversation: 1, inbox: 0 },
    messages: { conversation: 2, inbox: 0 },
    editor: { conversation: 1, inbox: 0 },
  },
  provenance: reconstructedFrom('Intercom'),
});
