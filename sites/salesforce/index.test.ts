import { describeAdapter } from '../fixtureTesting.ts';
import { fixtures } from './fixtures.ts';
import { caseId } from './index.ts';

const ORG = 'https://acme.lightning.force.com';
const CASE = '5005g00000Q7xYzAAJ';

describeAdapter(fixtures, {
  urlIds: {
    of: caseId,
    urls: [
      [`${ORG}/lightning/r/Case/${CASE}/view`, CASE],
      [`${ORG}/lightning/r/${CASE}/view`, CASE],
      [`${ORG}/lightning/r/Case/5005g00000Q7xYz/view`, '5005g00000Q7xYz'],
      [`${ORG}/lightning/r/Case/${CASE}/view?ws=%2Flightning%2Fr%2FAccount%2F001Hn00000LmNopIAA%2Fview`, CASE],
      // A subtab showing the case's contact: the case is the workspace.
      [`${ORG}/lightning/r/Contact/003Hn00000XyZabIAB/view?ws=%2Flightning%2Fr%2FCase%2F${CASE}%2Fview`, CASE],
      [`${ORG}/lightning/r/Contact/003Hn00000XyZabIAB/view`, undefined],
      [`${ORG}/lightning/r/Account/001Hn00000LmNopIAA/view?ws=%2Flightning%2Fr%2FAccount%2F001Hn00000LmNopIAA%2Fview`, undefined],
      [`${ORG}/lightning/r/Case/001Hn00000LmNopIAA/view`, undefined],
      [`${ORG}/lightning/o/Case/list?filterName=Recent`, undefined],
      [`${ORG}/lightning/page/home`, undefined],
      [`${ORG}/lightning/r/Case/${CASE}/related/CaseComments/view`, undefined],
    ],
  },
  claims: [
    [`${ORG}/lightning/r/Case/${CASE}/view`, true],
    [`${ORG}/lightning/page/home`, true],
    [`https://acme--uat.sandbox.lightning.force.com/lightning/r/Case/${CASE}/view`, true],
    ['https://acme.my.salesforce.com/500/o', false],
    [`https://acme.my.site.com/s/case/${CASE}`, false],
    [`https://lightning.force.com.example.net/lightning/r/Case/${CASE}/view`, false],
  ],
  extract: [
    {
      title: 'the focused case: subject, origin as channel, the owning user as agent, the contact record id as customer',
      page: 'case',
      is: { ticketId: CASE, subject: 'Refund not received: order #4471', channel: 'phone', agent: 'Sam Agent', customerRef: '003Hn00000XyZabIAB' },
    },
    {
      title: 'a case owned by a queue: the queue, no agent',
      page: 'case',
      edit: (doc) => {
        const owner = doc.querySelectorAll('[data-target-selection-name="sfdc:RecordField.Case.OwnerId"] a')[1]!;
        owner.setAttribute('href', '/lightning/r/00GHn000001AbCdMAK/view');
        owner.textContent = 'Tier 2 Billing';
      },
      has: { queue: 'Tier 2 Billing' },
      lacks: ['agent'],
    },
    {
      title: 'no contact on the case: the account record id',
      page: 'case',
      edit: (doc) => doc.querySelectorAll('[data-target-selection-name="sfdc:RecordField.Case.ContactId"]')[1]!.remove(),
      has: { customerRef: '001Hn00000LmNopIAA' },
    },
    {
      title: 'a contact subtab in the case workspace: the case from ws, its fields from the workspace',
      page: 'case',
      url: `${ORG}/lightning/r/Contact/003Hn00000XyZabIAB/view?ws=%2Flightning%2Fr%2FCase%2F${CASE}%2Fview`,
      edit: (doc) => {
        // The case's subtab is no longer the focused one.
        const active = doc.querySelector('.oneWorkspace.active section.tabContent')!;
        active.classList.remove('active');
        active.insertAdjacentHTML('afterend', '<section class="tabContent active oneConsoleTab"><h1>Jo Bloggs</h1></section>');
      },
      has: { ticketId: CASE, subject: 'Refund not received: order #4471' },
    },
    {
      title: 'the inactive workspace tab is never read, even when the focused one has not rendered its fields',
      page: 'case',
      edit: (doc) => doc.querySelector('.oneWorkspace.active one-record-home-flexipage2')!.remove(),
      is: { ticketId: CASE },
    },
  ],
  noContact: [
    ['home'],
    ['home', `${ORG}/lightning/o/Case/list?filterName=Recent`],
    ['home', `${ORG}/lightning/r/Account/001Hn00000LmNopIAA/view`],
  ],
  readers: {
    // From the focused case.
    case: {
      status: 'Escalated',
      conversation: [
        'Hello, I returned my kettle on 3 February and have not been refunded.',
        'Customer called to chase the refund; escalated to payments.',
      ],
      editor: { text: 'Hello Jo,' },
    },
    home: null,
  },
});
