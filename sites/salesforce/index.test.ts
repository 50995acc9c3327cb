import { afterEach, describe, expect, test } from 'vitest';
import { describeFixtures, openFixture } from '../fixtureTesting.ts';
import { loadPage, type TestPage } from '../testPage.ts';
import { fixtures } from './fixtures.ts';
import { caseId, salesforce } from './index.ts';

describeFixtures(fixtures);

let page: TestPage | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});
const open = (name: keyof typeof fixtures.pages, url: string = fixtures.pages[name]) => (page = openFixture(fixtures, name, url));

const ORG = 'https://acme.lightning.force.com';

describe('the case id from the URL', () => {
  test.each([
    [`${ORG}/lightning/r/Case/5005g00000Q7xYzAAJ/view`, '5005g00000Q7xYzAAJ'],
    [`${ORG}/lightning/r/5005g00000Q7xYzAAJ/view`, '5005g00000Q7xYzAAJ'],
    [`${ORG}/lightning/r/Case/5005g00000Q7xYz/view`, '5005g00000Q7xYz'],
    [`${ORG}/lightning/r/Case/5005g00000Q7xYzAAJ/view?ws=%2Flightning%2Fr%2FAccount%2F001Hn00000LmNopIAA%2Fview`, '5005g00000Q7xYzAAJ'],
    // A subtab showing the case's contact: the case is the workspace.
    [`${ORG}/lightning/r/Contact/003Hn00000XyZabIAB/view?ws=%2Flightning%2Fr%2FCase%2F5005g00000Q7xYzAAJ%2Fview`, '5005g00000Q7xYzAAJ'],
    [`${ORG}/lightning/r/Contact/003Hn00000XyZabIAB/view`, undefined],
    [`${ORG}/lightning/r/Account/001Hn00000LmNopIAA/view?ws=%2Flightning%2Fr%2FAccount%2F001Hn00000LmNopIAA%2Fview`, undefined],
    [`${ORG}/lightning/r/Case/001Hn00000LmNopIAA/view`, undefined],
    [`${ORG}/lightning/o/Case/list?filterName=Recent`, undefined],
    [`${ORG}/lightning/page/home`, undefined],
    [`${ORG}/lightning/r/Case/5005g00000Q7xYzAAJ/related/CaseComments/view`, undefined],
  ])('%s -> %s', (url, id) => {
    expect(caseId(new URL(url))).toBe(id);
  });
});

describe('claims', () => {
  test.each([
    [`${ORG}/lightning/r/Case/5005g00000Q7xYzAAJ/view`, true],
    [`${ORG}/lightning/page/home`, true],
    ['https://acme--uat.sandbox.lightning.force.com/lightning/r/Case/5005g00000Q7xYzAAJ/view', true],
    ['https://acme.my.salesforce.com/500/o', false],
    ['https://acme.my.site.com/s/case/5005g00000Q7xYzAAJ', false],
    ['https://lightning.force.com.example.net/lightning/r/Case/5005g00000Q7xYzAAJ/view', false],
  ])('%s: %s', (url, claimed) => {
    page = loadPage(url, '');
    expect(salesforce.claims(page.doc, page.url)).toBe(claimed);
  });
});

describe('extract', () => {
  test('the focused case: subject, origin as channel, the owning user as agent, the contact record id as customer', () => {
    const { doc, url } = open('case');
    expect(salesforce.extract(doc, url)).toEqual({
      ticketId: '5005g00000Q7xYzAAJ',
      subject: 'Refund not received: order #4471',
      channel: 'phone',
      agent: 'Sam Agent',
      customerRef: '003Hn00000XyZabIAB',
    });
  });

  test('a case owned by a queue: the queue, no agent', () => {
    const { doc, url } = open('case');
    const owner = doc.querySelectorAll('[data-target-selection-name="sfdc:RecordField.Case.OwnerId"] a')[1]!;
    owner.setAttribute('href', '/lightning/r/00GHn000001AbCdMAK/view');
    owner.textContent = 'Tier 2 Billing';
    const contact = salesforce.extract(doc, url);
    expect(contact).toMatchObject({ queue: 'Tier 2 Billing' });
    expect(contact).not.toHaveProperty('agent');
  });

  test('no contact on the case: the account record id', () => {
    const { doc, url } = open('case');
    doc.querySelectorAll('[data-target-selection-name="sfdc:RecordField.Case.ContactId"]')[1]!.remove();
    expect(salesforce.extract(doc, url)?.customerRef).toBe('001Hn00000LmNopIAA');
  });

  test('a contact subtab in the case workspace: the case from ws, its fields from the workspace', () => {
    const url = `${ORG}/lightning/r/Contact/003Hn00000XyZabIAB/view?ws=%2Flightning%2Fr%2FCase%2F5005g00000Q7xYzAAJ%2Fview`;
    const { doc } = open('case', url);
    // The case's subtab is no longer the focused one.
    const active = doc.querySelector('.oneWorkspace.active section.tabContent')!;
    active.classList.remove('active');
    active.insertAdjacentHTML('afterend', '<section class="tabContent active oneConsoleTab"><h1>Jo Bloggs</h1></section>');
    expect(salesforce.extract(doc, new URL(url))).toMatchObject({ ticketId: '5005g00000Q7xYzAAJ', subject: 'Refund not received: order #4471' });
  });

  test('the inactive workspace tab is never read, even when the focused one has not rendered its fields', () => {
    const { doc, url } = open('case');
    doc.querySelector('.oneWorkspace.active one-record-home-flexipage2')!.remove();
    expect(salesforce.extract(doc, url)).toEqual({ ticketId: '5005g00000Q7xYzAAJ' });
  });

  test.each([
    `${ORG}/lightning/page/home`,
    `${ORG}/lightning/o/Case/list?filterName=Recent`,
    `${ORG}/lightning/r/Account/001Hn00000LmNopIAA/view`,
  ])('%s: no contact', (url) => {
    const { doc } = open('home', url);
    expect(salesforce.extract(doc, new URL(url))).toBeNull();
  });
});

describe('status, conversation and reply editor', () => {
  test('from the focused case', () => {
    const { doc, url } = open('case');
    expect(salesforce.readStatus!(doc, url)).toBe('Escalated');
    expect(salesforce.readConversation!(doc, url)).toEqual([
      'Hello, I returned my kettle on 3 February and have not been refunded.',
      'Customer called to chase the refund; escalated to payments.',
    ]);
    expect(salesforce.replyEditor!(doc, url)?.textContent).toBe('Hello Jo,');
  });

  test('nothing on the home page', () => {
    const { doc, url } = open('home');
    expect(salesforce.readStatus!(doc, url)).toBeNull();
    expect(salesforce.readConversation!(doc, url)).toEqual([]);
    expect(salesforce.replyEditor!(doc, url)).toBeNull();
  });
});
