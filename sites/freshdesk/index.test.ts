import { afterEach, describe, expect, test } from 'vitest';
import { describeFixtures, openFixture } from '../fixtureTesting.ts';
import { loadPage, type TestPage } from '../testPage.ts';
import { fixtures } from './fixtures.ts';
import { freshdesk } from './index.ts';

describeFixtures(fixtures);

let page: TestPage | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});
const open = (name: keyof typeof fixtures.pages, url: string = fixtures.pages[name]) => (page = openFixture(fixtures, name, url));

describe('claims', () => {
  test.each([
    ['https://acme.freshdesk.com/a/tickets/4471', true],
    ['https://acme.freshdesk.com/a/tickets/4471?current_tab=details', true],
    ['https://acme.freshdesk.com/a/dashboard/default', true],
    ['https://acme.freshdesk.com/support/tickets/4471', false],
    ['https://acme.freshdesk.com/helpdesk/tickets/4471', false],
    ['https://freshdesk.com.example.org/a/tickets/4471', false],
  ])('%s: %s', (url, claimed) => {
    page = loadPage(url, '');
    expect(freshdesk.claims(page.doc, page.url)).toBe(claimed);
  });
});

describe('extract', () => {
  test('ticket page: id from the URL, subject, group as queue, agent, the requester contact id', () => {
    const { doc, url } = open('ticket');
    expect(freshdesk.extract(doc, url)).toEqual({
      ticketId: '4471',
      subject: 'Refund not received: order #4471',
      queue: 'Billing',
      agent: 'Sam Agent',
      customerRef: '47000123456',
    });
  });

  test('an unassigned ticket ("--"): no agent', () => {
    const { doc, url } = open('ticket');
    doc.querySelector('[data-test-id="agent"] .ember-power-select-selected-item')!.textContent = '--';
    expect(freshdesk.extract(doc, url)).not.toHaveProperty('agent');
  });

  test('a ticket tab query keeps the id; the requester email is never the customer reference', () => {
    const url = 'https://acme.freshdesk.com/a/tickets/4471?current_tab=notes';
    const { doc } = open('ticket', url);
    doc.querySelector('[data-test-id="requester-info"] a')!.remove();
    const contact = freshdesk.extract(doc, new URL(url));
    expect(contact?.ticketId).toBe('4471');
    expect(contact).not.toHaveProperty('customerRef');
  });

  test.each([
    'https://acme.freshdesk.com/a/tickets/filters/all_tickets',
    'https://acme.freshdesk.com/a/tickets/new',
    'https://acme.freshdesk.com/a/contacts/47000123456',
  ])('%s: no contact', (url) => {
    const { doc } = open('ticket-list', url);
    expect(freshdesk.extract(doc, new URL(url))).toBeNull();
  });
});

describe('status, conversation and reply editor', () => {
  test('on the ticket page', () => {
    const { doc, url } = open('ticket');
    expect(freshdesk.readStatus!(doc, url)).toBe('Pending');
    expect(freshdesk.readConversation!(doc, url)).toEqual([
      'I returned the kettle on 3 February and the refund has not arrived.',
      'Thanks Jo, we are checking with our payments team.',
      'Payments say the refund failed; reissuing.',
    ]);
    expect(freshdesk.replyEditor!(doc, url)?.textContent).toBe('Hi Jo,');
  });

  test('nothing on the list', () => {
    const { doc, url } = open('ticket-list');
    expect(freshdesk.readStatus!(doc, url)).toBeNull();
    expect(freshdesk.readConversation!(doc, url)).toEqual([]);
    expect(freshdesk.replyEditor!(doc, url)).toBeNull();
  });
});
