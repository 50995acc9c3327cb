import { defineFixtures, reconstructedFrom } from '../fixtureTesting.ts';
import { selectors, zammad } from './index.ts';

export const fixtures = defineFixtures({
  adapter: zammad,
  selectors,
  dir: new URL('./fixtures/', import.meta.url),
  pages: {
    ticket: 'https://acme.zammad.com/#ticket/zoom/123',
    dashboard: 'https://acme.zammad.com/#dashboard',
  },
  // Both pages keep a background ticket task, so per-ticket hooks count it too.
  counts: {
    activeTask: { ticket: 1, dashboard: 1 },
    zoom: { ticket: 1, dashboard: 0 },
    title: { ticket: 2, dashboard: 1 },
    customerAvatar: { ticket: 2, dashboard: 0 },
    state: { ticket: 2, dashboard: 0 },
    group: { ticket: 2, dashboard: 0 },
    owner: { ticket: 2, dashboard: 0 },
    articles: { ticket: 4, dashboard: 0 },
    articleBodies: { ticket: 4, dashboard: 0 },
    editor: { ticket: 1, dashboard: 0 },
  },
  provenance: reconstructedFrom('Zammad'),
});
