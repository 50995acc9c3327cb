import { describeAdapter } from '../fixtureTesting.ts';
import { fixtures } from './fixtures.ts';

const AGENT = 'https://acme.zendesk.com/agent';

describeAdapter(fixtures, {
  claims: [
    [`${AGENT}/tickets/4471`, true],
    [`${AGENT}/tickets/4471/events`, true],
    [`${AGENT}/dashboard`, true],
    [AGENT, true],
    // The help centre and look-alike hosts are not the agent interface.
    ['https://acme.zendesk.com/hc/en-gb/requests/4471', false],
    ['https://acme.zendesk.com/agentsomething/tickets/1', false],
    ['https://zendesk.com.evil.example/agent/tickets/1', false],
    ['https://desk.example.com/agent/tickets/4471', false],
  ],
  extract: [
    {
      title: 'ticket page: the URL ticket, its subject, group as queue, agent and the requester user id; not the hidden tab',
      page: 'ticket',
      is: { ticketId: '4471', subject: 'Refund not received: order #4471', queue: 'Billing', agent: 'Sam Agent', customerRef: '381296041' },
    },
    {
      title: 'switching to the other open tab (the URL changes) reads that ticket',
      page: 'ticket',
      url: `${AGENT}/tickets/4460`,
      is: { ticketId: '4460', subject: 'Printer jammed', queue: 'Facilities', agent: 'Alex Agent', customerRef: '5550001' },
    },
    { title: 'a ticket not rendered yet: the id from the URL alone', page: 'ticket', url: `${AGENT}/tickets/9999`, is: { ticketId: '9999' } },
    {
      title: 'a group with no agent yet: queue only',
      page: 'ticket',
      edit: (doc) => void (doc.querySelectorAll('[data-test-id="assignee-field-autocomplete-trigger"]')[1]!.textContent = 'Billing'),
      has: { queue: 'Billing' },
      lacks: ['agent'],
    },
    {
      title: 'a requester without a user link: no customer reference, never the name',
      page: 'ticket',
      edit: (doc) => {
        for (const link of doc.querySelectorAll('nav a')) link.replaceWith(...link.childNodes);
      },
      lacks: ['customerRef'],
    },
  ],
  noContact: [
    ['dashboard'],
    ['dashboard', `${AGENT}/tickets/new/1`],
    ['dashboard', `${AGENT}/filters/360001`],
  ],
  readers: {
    // Read from the URL ticket's workspace only.
    ticket: {
      status: 'Open',
      conversation: [
        'I returned the kettle on 3 February and the refund has still not arrived. Order 4471.',
        'Sorry for the wait, Jo. I have asked our payments team to check.',
        'Still nothing. I would like to make a complaint.',
      ],
      editor: { text: 'Dear Jo,' },
    },
    dashboard: null,
  },
});
