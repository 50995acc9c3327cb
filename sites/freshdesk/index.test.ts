import { describeAdapter } from '../fixtureTesting.ts';
import { fixtures } from './fixtures.ts';

const TICKET = 'https://acme.freshdesk.com/a/tickets/4471';

describeAdapter(fixtures, {
  claims: [
    [TICKET, true],
    [`${TICKET}?current_tab=details`, true],
    ['https://acme.freshdesk.com/a/dashboard/default', true],
    ['https://acme.freshdesk.com/support/tickets/4471', false],
    ['https://acme.freshdesk.com/helpdesk/tickets/4471', false],
    ['https://freshdesk.com.example.org/a/tickets/4471', false],
  ],
  extract: [
    {
      title: 'ticket page: id from the URL, subject, group as queue, agent, the requester contact id',
      page: 'ticket',
      is: { ticketId: '4471', subject: 'Refund not received: order #4471', queue: 'Billing', agent: 'Sam Agent', customerRef: '47000123456' },
    },
    {
      title: 'an unassigned ticket ("--"): no agent',
      page: 'ticket',
      edit: (doc) => void (doc.querySelector('[data-test-id="agent"] .ember-power-select-selected-item')!.textContent = '--'),
      lacks: ['agent'],
    },
    {
      title: 'a ticket tab query keeps the id; the requester email is never the customer reference',
      page: 'ticket',
      url: `${TICKET}?current_tab=notes`,
      edit: (doc) => doc.querySelector('[data-test-id="requester-info"] a')!.remove(),
      has: { ticketId: '4471' },
      lacks: ['customerRef'],
    },
  ],
  noContact: [
    ['ticket-list'],
    ['ticket-list', 'https://acme.freshdesk.com/a/tickets/new'],
    ['ticket-list', 'https://acme.freshdesk.com/a/contacts/47000123456'],
  ],
  readers: {
    ticket: {
      status: 'Pending',
      conversation: [
        'I returned the kettle on 3 February and the refund has not arrived.',
        'Thanks Jo, we are checking with our payments team.',
        'Payments say the refund failed; reissuing.',
      ],
      editor: { text: 'Hi Jo,' },
    },
    'ticket-list': null,
  },
});
