import { describeAdapter } from '../fixtureTesting.ts';
import { fixtures } from './fixtures.ts';
import { ticketOrThread } from './index.ts';

const APP = 'https://app.hubspot.com';

describeAdapter(fixtures, {
  urlIds: {
    of: ticketOrThread,
    urls: [
      [`${APP}/help-desk/2468013/view/all-open/ticket/18044512345`, '18044512345'],
      [`${APP}/help-desk/2468013/ticket/18044512345/`, '18044512345'],
      [`${APP}/help-desk/2468013/view/all-open/thread/7300112233`, '7300112233'],
      ['https://app-eu1.hubspot.com/live-messages/2468013/inbox/7300112233', '7300112233'],
      [`${APP}/contacts/2468013/ticket/18044512345`, '18044512345'],
      [`${APP}/contacts/2468013/record/0-5/18044512345`, '18044512345'],
      [`${APP}/contacts/2468013/record/0-1/75123`, undefined],
      [`${APP}/contacts/2468013/contact/75123`, undefined],
      [`${APP}/help-desk/2468013/view/all-open`, undefined],
      [`${APP}/live-messages/2468013/inbox`, undefined],
    ],
  },
  claims: [
    [`${APP}/help-desk/2468013/view/all-open/ticket/18044512345`, true],
    [`${APP}/help-desk/2468013/view/all-open`, true],
    ['https://app-eu1.hubspot.com/live-messages/2468013/inbox/7300112233', true],
    [`${APP}/contacts/2468013/record/0-5/18044512345`, true],
    // A contact record is not a ticket: not claimed.
    [`${APP}/contacts/2468013/record/0-1/75123`, false],
    [`${APP}/reports-dashboard/2468013`, false],
    ['https://hubspot.com.example.net/help-desk/2468013/ticket/1', false],
  ],
  extract: [
    {
      title: 'a help desk ticket: title, pipeline as queue, owner, source as channel, the contact record id',
      page: 'help-desk-ticket',
      is: {
        ticketId: '18044512345',
        subject: 'Refund not received: order #4471',
        queue: 'Support Pipeline',
        agent: 'Sam Agent',
        channel: 'email',
        customerRef: '75123',
      },
    },
    {
      title: 'no owner: no agent; a contact link to another portal or site is not the customer',
      page: 'help-desk-ticket',
      edit: (doc) => {
        doc.querySelector('[data-selenium-test="property-input-hubspot_owner_id"]')!.textContent = 'No owner';
        doc.querySelector('[aria-label="Contacts"] a')!.setAttribute('href', 'https://evil.example/contacts/2468013/record/0-1/75123');
      },
      lacks: ['agent', 'customerRef'],
    },
  ],
  noContact: [['help-desk-home']],
  readers: {
    'help-desk-ticket': {
      status: 'Waiting on us',
      conversation: ['Jo Bloggs I returned the kettle on 3 February. Still no refund.', 'Sam Agent Sorry Jo, I am checking with payments now.'],
      editor: { text: 'Hi Jo,' },
    },
    'help-desk-home': null,
  },
});
