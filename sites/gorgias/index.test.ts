import { describeAdapter } from '../fixtureTesting.ts';
import { fixtures } from './fixtures.ts';

describeAdapter(fixtures, {
  claims: [
    ['https://acme.gorgias.com/app/ticket/63091193', true, '63091193'],
    ['https://acme.gorgias.com/app/ticket/63091193/', true, '63091193'],
    ['https://acme.gorgias.com/app/views/1203344', true, null],
    ['https://acme.gorgias.com/app/customer/41752233', true, null],
    ['https://www.gorgias.com/app/ticket/1', true, '1'],
    ['https://docs.gorgias.com/en-US/tickets-123', false, null],
    ['https://gorgias.com.example.org/app/ticket/1', false, null],
  ],
  extract: [
    {
      title: 'a ticket: subject, assignee, team as queue, the Gorgias customer id',
      page: 'ticket',
      is: { ticketId: '63091193', subject: 'Refund not received: order #4471', agent: 'Sam Agent', queue: 'Billing', customerRef: '41752233' },
    },
    {
      title: 'unassigned and without a team: neither',
      page: 'ticket',
      edit: (doc) => {
        doc.querySelector('[aria-label="Assignee"]')!.textContent = 'Unassigned';
        doc.querySelector('[aria-label="Team"]')!.textContent = 'No team';
      },
      lacks: ['agent', 'queue'],
    },
  ],
  noContact: [['tickets-view']],
  readers: {
    ticket: {
      status: 'Open',
      conversation: ['Jo Bloggs Where is my refund for order 4471?', 'Sam Agent Hi Jo, I have chased it with the warehouse.'],
      editor: { text: 'Hi Jo,' },
    },
    'tickets-view': null,
  },
});
