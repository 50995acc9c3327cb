import { afterEach, describe, expect, test } from 'vitest';
import { describeFixtures, openFixture } from '../fixtureTesting.ts';
import { loadPage, type TestPage } from '../testPage.ts';
import { fixtures } from './fixtures.ts';
import { hubspot, ticketOrThread } from './index.ts';

describeFixtures(fixtures);

let page: TestPage | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});
const open = (name: keyof typeof fixtures.pages, url: string = fixtures.pages[name]) => (page = openFixture(fixtures, name, url));

describe('the ticket or thread from the URL', () => {
  test.each([
    ['https://app.hubspot.com/help-desk/2468013/view/all-open/ticket/18044512345', '18044512345'],
    ['https://app.hubspot.com/help-desk/2468013/ticket/18044512345/', '18044512345'],
    ['https://app.hubspot.com/help-desk/2468013/view/all-open/thread/7300112233', '7300112233'],
    ['https://app-eu1.hubspot.com/live-messages/2468013/inbox/7300112233', '7300112233'],
    ['https://app.hubspot.com/contacts/2468013/ticket/18044512345', '18044512345'],
    ['https://app.hubspot.com/contacts/2468013/record/0-5/18044512345', '18044512345'],
    ['https://app.hubspot.com/contacts/2468013/record/0-1/75123', undefined],
    ['https://app.hubspot.com/contacts/2468013/contact/75123', undefined],
    ['https://app.hubspot.com/help-desk/2468013/view/all-open', undefined],
    ['https://app.hubspot.com/live-messages/2468013/inbox', undefined],
  ])('%s -> %s', (url, id) => {
    expect(ticketOrThread(new URL(url))).toBe(id);
  });
});

describe('claims', () => {
  test.each([
    ['https://app.hubspot.com/help-desk/2468013/view/all-open/ticket/18044512345', true],
    ['https://app.hubspot.com/help-desk/2468013/view/all-open', true],
    ['https://app-eu1.hubspot.com/live-messages/2468013/inbox/7300112233', true],
    ['https://app.hubspot.com/contacts/2468013/record/0-5/18044512345', true],
    // A contact record is not a ticket: not claimed.
    ['https://app.hubspot.com/contacts/2468013/record/0-1/75123', false],
    ['https://app.hubspot.com/reports-dashboard/2468013', false],
    ['https://hubspot.com.example.net/help-desk/2468013/ticket/1', false],
  ])('%s: %s', (url, claimed) => {
    page = loadPage(url, '');
    expect(hubspot.claims(page.doc, page.url)).toBe(claimed);
  });
});

describe('extract', () => {
  test('a help desk ticket: title, pipeline as queue, owner, source as channel, the contact record id', () => {
    const { doc, url } = open('help-desk-ticket');
    expect(hubspot.extract(doc, url)).toEqual({
      ticketId: '18044512345',
      subject: 'Refund not received: order #4471',
      queue: 'Support Pipeline',
      agent: 'Sam Agent',
      channel: 'email',
      customerRef: '75123',
    });
  });

  test('no owner: no agent; a contact link to another portal or site is not the customer', () => {
    const { doc, url } = open('help-desk-ticket');
    doc.querySelector('[data-selenium-test="property-input-hubspot_owner_id"]')!.textContent = 'No owner';
    doc.querySelector('[aria-label="Contacts"] a')!.setAttribute('href', 'https://evil.example/contacts/2468013/record/0-1/75123');
    const contact = hubspot.extract(doc, url);
    expect(contact).not.toHaveProperty('agent');
    expect(contact).not.toHaveProperty('customerRef');
  });

  test('the help desk list: no contact', () => {
    const { doc, url } = open('help-desk-home');
    expect(hubspot.extract(doc, url)).toBeNull();
  });
});

describe('status, conversation and reply editor', () => {
  test('on the ticket', () => {
    const { doc, url } = open('help-desk-ticket');
    expect(hubspot.readStatus!(doc, url)).toBe('Waiting on us');
    expect(hubspot.readConversation!(doc, url)).toEqual([
      'Jo Bloggs I returned the kettle on 3 February. Still no refund.',
      'Sam Agent Sorry Jo, I am checking with payments now.',
    ]);
    expect(hubspot.replyEditor!(doc, url)?.textContent).toBe('Hi Jo,');
  });

  test('nothing on the list', () => {
    const { doc, url } = open('help-desk-home');
    expect(hubspot.readStatus!(doc, url)).toBeNull();
    expect(hubspot.readConversation!(doc, url)).toEqual([]);
    expect(hubspot.replyEditor!(doc, url)).toBeNull();
  });
});
