import { defineFixtures } from '../fixtureTesting.ts';
import { requestTracker, selectors } from './index.ts';

const BASE = 'http://127.0.0.1:8971';

export const fixtures = defineFixtures({
  adapter: requestTracker,
  selectors,
  dir: new URL('./fixtures/', import.meta.url),
  pages: {
    'ticket-display': `${BASE}/Ticket/Display.html?id=1`,
    'ticket-display-unowned': `${BASE}/Ticket/Display.html?id=2`,
    'ticket-reply': `${BASE}/Ticket/Update.html?Action=Respond&id=1`,
    home: `${BASE}/`,
    'search-results': `${BASE}/Search/Results.html?Query=Queue%20%3D%20'General'%20AND%20Status%20%3D%20'__Active__'`,
  },
  // How many elements each selector matches on each saved page (the same counts were seen in
  // Chromium on the live pages after their scripts ran). A change here means RT's markup moved.
  counts: {
    displayPage: { 'ticket-display': 1, 'ticket-display-unowned': 1, 'ticket-reply': 0, home: 0, 'search-results': 0 },
    replyPage: { 'ticket-display': 0, 'ticket-display-unowned': 0, 'ticket-reply': 1, home: 0, 'search-results': 0 },
    heading: { 'ticket-display': 1, 'ticket-display-unowned': 1, 'ticket-reply': 1, home: 1, 'search-results': 1 },
    queue: { 'ticket-display': 1, 'ticket-display-unowned': 1, 'ticket-reply': 0, home: 0, 'search-results': 0 },
    replyQueue: { 'ticket-display': 0, 'ticket-display-unowned': 0, 'ticket-reply': 1, home: 0, 'search-results': 0 },
    owner: { 'ticket-display': 1, 'ticket-display-unowned': 1, 'ticket-reply': 0, home: 0, 'search-results': 0 },
    ownerLink: { 'ticket-display': 1, 'ticket-display-unowned': 0, 'ticket-reply': 0, home: 0, 'search-results': 0 },
    requestorLinks: { 'ticket-display': 2, 'ticket-display-unowned': 1, 'ticket-reply': 0, home: 0, 'search-results': 0 },
    messages: { 'ticket-display': 3, 'ticket-display-unowned': 1, 'ticket-reply': 0, home: 0, 'search-results': 0 },
    replyBox: { 'ticket-display': 0, 'ticket-display-unowned': 0, 'ticket-reply': 1, home: 0, 'search-results': 0 },
  },
  provenance: /Request Tracker 5\.0\.3[^]*request-tracker5 5\.0\.3[^]*Seeded over REST 2\.0/,
});
