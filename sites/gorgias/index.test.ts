import { afterEach, describe, expect, test } from 'vitest';
import { describeFixtures, openFixture } from '../fixtureTesting.ts';
import { loadPage, type TestPage } from '../testPage.ts';
import { fixtures } from './fixtures.ts';
import { gorgias } from './index.ts';

describeFixtures(fixtures);

let page: TestPage | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});
const open = (name: keyof typeof fixtures.pages, url: string = fixtures.pages[name]) => (page = openFixture(fixtures, name, url));

describe('claims and the ticket id', () => {
  test.each([
    ['https://acme.gorgias.com/app/ticket/63091193', true, '63091193'],
    ['https://acme.gorgias.com/app/ticket/63091193/', true, '63091193'],
    ['https://acme.gorgias.com/app/views/1203344', true, null],
    ['https://acme.gorgias.com/app/customer/41752233', true, null],
    ['https://www.gorgias.com/app/ticket/1', true, '1'],
    ['https://docs.gorgias.com/en-US/tickets-123', false, null],
    ['https://gorgias.com.example.org/app/ticket/1', false, null],
  ])('%s', (url, claimed, id) => {
    page = loadPage(url, '');
    expect(gorgias.claims(page.doc, page.url)).toBe(claimed);
    // extract() is only asked about pages its adapter claims.
    if (claimed) expect(gorgias.extract(page.doc, page.url)?.ticketId ?? null).toBe(id);
  });
});

describe('extract', () => {
  test('a ticket: subject, assignee, team as queue, the Gorgias customer id', () => {
    const { doc, url } = open('ticket');
    expect(gorgias.extract(doc, url)).toEqual({
      ticketId: '63091193',
      subject: 'Refund not received: order #4471',
      agent: 'Sam Agent',
      queue: 'Billing',
      customerRef: '41752233',
    });
  });

  test('unassigned and without a team: neither', () => {
    const { doc, url } = open('ticket');
    doc.querySelector('[aria-label="Assignee"]')!.textContent = 'Unassigned';
    doc.querySelector('[aria-label="Team"]')!.textContent = 'No team';
    const contact = gorgias.extract(doc, url);
    expect(contact).not.toHaveProperty('agent');
    expect(contact).not.toHaveProperty('queue');
  });

  test('the view: no contact', () => {
    const { doc, url } = open('tickets-view');
    expect(gorgias.extract(doc, url)).toBeNull();
  });
});

describe('status, conversation and reply editor', () => {
  test('on the ticket', () => {
    const { doc, url } = open('ticket');
    expect(gorgias.readStatus!(doc, url)).toBe('Open');
    expect(gorgias.readConversation!(doc, url)).toEqual([
      'Jo Bloggs Where is my refund for order 4471?',
      'Sam Agent Hi Jo, I have chased it with the warehouse.',
    ]);
    expect(gorgias.replyEditor!(doc, url)?.textContent).toBe('Hi Jo,');
  });

  test('nothing on the view', () => {
    const { doc, url } = open('tickets-view');
    expect(gorgias.readStatus!(doc, url)).toBeNull();
    expect(gorgias.readConversation!(doc, url)).toEqual([]);
    expect(gorgias.replyEditor!(doc, url)).toBeNull();
  });
});
