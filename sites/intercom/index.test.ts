import { describeAdapter } from '../fixtureTesting.ts';
import { fixtures } from './fixtures.ts';

const APP = 'https://app.intercom.com/a/inbox/abc123de/inbox';

describeAdapter(fixtures, {
  claims: [
    [`${APP}/team/4455/conversation/215463817409463`, true, '215463817409463'],
    [`${APP}/conversation/215463817409463`, true, '215463817409463'],
    [`${APP}/admin/10325350/conversation/215463817409463?view=List`, true, '215463817409463'],
    ['https://app.eu.intercom.com/a/apps/abc123de/inbox/inbox/all/conversations/215463817409463', true, '215463817409463'],
    ['https://app.au.intercom.com/a/inbox/abc123de/inbox/shared/all/conversation/7', true, '7'],
    [`${APP}/team/4455`, true, null],
    ['https://app.intercom.com/a/apps/abc123de/users/5f1a2b3c4d5e6f7a8b9c0d1e/all-conversations', true, null],
    ['https://www.intercom.com/help/en/articles/123-conversation', false, null],
    ['https://intercom.com.example.org/a/inbox/x/inbox/conversation/1', false, null],
  ],
  extract: [
    {
      title: 'a conversation: title, assignee, team as queue, the Intercom contact id',
      page: 'conversation',
      is: { ticketId: '215463817409463', subject: 'Refund not received: order #4471', agent: 'Sam Agent', queue: 'Billing', customerRef: '5f1a2b3c4d5e6f7a8b9c0d1e' },
    },
    {
      title: 'unassigned, and a lead without a profile link: neither agent nor customer reference',
      page: 'conversation',
      edit: (doc) => {
        doc.querySelector('[aria-label="Assignee"]')!.textContent = 'Unassigned';
        doc.querySelector('[aria-label="User data"] a')!.remove();
      },
      lacks: ['agent', 'customerRef'],
    },
  ],
  noContact: [['inbox']],
  readers: {
    conversation: {
      status: 'Open',
      conversation: ['Jo Bloggs Hi, my refund for order 4471 has not arrived.', 'Sam Agent Sorry about that Jo, let me check.'],
      editor: { text: 'Thanks for waiting,' },
    },
    inbox: null,
  },
});
