import { defineFixtures, reconstructedFrom } from '../fixtureTesting.ts';
import { selectors, zendesk } from './index.ts';

export const fixtures = defineFixtures({
  adapter: zendesk,
  selectors,
  dir: new URL('./fixtures/', import.meta.url),
  pages: {
    ticket: 'https://acme.zendesk.com/agent/tickets/4471',
    dashboard: 'https://acme.zendesk.com/agent/dashboard',
  },
  // Two tickets are open on the ticket page (one hidden), so the per-ticket hooks match twice.
  counts: {
    workspace: { ticket: 2, dashboard: 1 },
    ticketPanel: { ticket: 2, dashboard: 0 },
    subject: { ticket: 2, dashboard: 0 },
    requester: { ticket: 2, dashboard: 0 },
    status: { ticket: 2, dashboard: 0 },
    assignee: { ticket: 2, dashboard: 0 },
    messages: { ticket: 4, dashboard: 0 },
    editor: { ticket: 2, dashboard: 0 },
  },
  provenance: reconstructedFrom('Zendesk Agent Workspace'),
});
