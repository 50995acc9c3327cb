import { expect, test } from 'vitest';
import { describeAdapter, fixturePages } from '../fixtureTesting.ts';
import { fixtures } from './fixtures.ts';
import { zammad } from './index.ts';

describeAdapter(fixtures, {
  claims: [
    ['https://acme.zammad.com/#ticket/zoom/123', true],
    ['https://acme.zammad.com/#ticket/zoom/123/931', true],
    // Self-hosted, on any host: the hash route is the sign.
    ['https://helpdesk.example.org/#ticket/zoom/123', true],
    ['https://acme.zammad.com/#dashboard', false],
    ['https://acme.zammad.com/#ticket/view/my_assigned', false],
    ['https://acme.zammad.com/#ticket/create', false],
    ['https://shop.example.com/ticket/zoom/123', false],
  ],
  // The dashboard keeps a ticket in a background task: not claimed all the same.
  claimsFixtures: { dashboard: false },
  extract: [
    {
      title: 'the shown ticket: title, group as queue, owner as agent, customer user id, channel of the first article',
      page: 'ticket',
      is: { ticketId: '123', subject: 'Refund not received: order #4471', queue: 'Billing', agent: 'Sam Agent', customerRef: '37', channel: 'email' },
    },
    { title: 'a link to one article of the ticket', page: 'ticket', url: 'https://acme.zammad.com/#ticket/zoom/123/933', has: { ticketId: '123' } },
    {
      title: 'no owner ("-"): no agent; a ticket that started with a phone call: phone',
      page: 'ticket',
      edit: (doc) => {
        doc.querySelector<HTMLSelectElement>('.content.active select[name="owner_id"]')!.selectedIndex = 0;
        doc.querySelector('.content.active .ticket-article-item')!.classList.replace('email', 'phone');
      },
      has: { channel: 'phone' },
      lacks: ['agent'],
    },
    {
      title: 'a searchable select (hidden value beside a text box) shows its text, not the id',
      page: 'ticket',
      edit: (doc) => {
        doc.querySelector('.content.active select[name="owner_id"]')!.outerHTML =
          '<div class="searchableSelect"><input type="hidden" name="owner_id" value="5"><input class="searchableSelect-main" value="Sam Agent"></div>';
      },
      has: { agent: 'Sam Agent' },
    },
  ],
  noContact: [['dashboard']],
  readers: {
    // From the shown ticket only.
    ticket: {
      status: 'pending reminder',
      conversation: ['I returned the kettle on 3 February. No refund yet.', 'Asked payments to check the refund.', 'Sorry Jo, we are looking into it.'],
      editor: { text: 'Dear Jo,' },
    },
    dashboard: null,
  },
});

const { open, load } = fixturePages(fixtures);

test('before the ticket renders: the id from the hash', () => {
  const { doc, url } = load('https://helpdesk.example.org/#ticket/zoom/77', '<div id="app"></div>');
  expect(zammad.extract(doc, url)).toEqual({ ticketId: '77' });
});

test('right after the hash moves to another ticket, the old task still shown is not read', () => {
  const { doc, url } = open('ticket', 'https://acme.zammad.com/#ticket/zoom/120');
  expect(zammad.extract(doc, url)).toEqual({ ticketId: '120' });
  expect(zammad.readConversation!(doc, url)).toEqual([]);
});
