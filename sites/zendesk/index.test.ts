import { afterEach, describe, expect, test } from 'vitest';
import { describeFixtures, openFixture } from '../fixtureTesting.ts';
import { loadPage, type TestPage } from '../testPage.ts';
import { fixtures } from './fixtures.ts';
import { zendesk } from './index.ts';

describeFixtures(fixtures);

let page: TestPage | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});
const open = (name: keyof typeof fixtures.pages, url: string = fixtures.pages[name]) => (page = openFixture(fixtures, name, url));

describe('claims', () => {
  test.each([
    ['https://acme.zendesk.com/agent/tickets/4471', true],
    ['https://acme.zendesk.com/agent/tickets/4471/events', true],
    ['https://acme.zendesk.com/agent/dashboard', true],
    ['https://acme.zendesk.com/agent', true],
    // The help centre and look-alike hosts are not the agent interface.
    ['https://acme.zendesk.com/hc/en-gb/requests/4471', false],
    ['https://acme.zendesk.com/agentsomething/tickets/1', false],
    ['https://zendesk.com.evil.example/agent/tickets/1', false],
    ['https://desk.example.com/agent/tickets/4471', false],
  ])('%s: %s', (url, claimed) => {
    page = loadPage(url, '');
    expect(zendesk.claims(page.doc, page.url)).toBe(claimed);
  });
});

describe('extract', () => {
  test('ticket page: the URL ticket, its subject, group as queue, agent and the requester user id; not the hidden tab', () => {
    const { doc, url } = open('ticket');
    expect(zendesk.extract(doc, url)).toEqual({
      ticketId: '4471',
      subject: 'Refund not received: order #4471',
      queue: 'Billing',
      agent: 'Sam Agent',
      customerRef: '381296041',
    });
  });

  test('switching to the other open tab (the URL changes) reads that ticket', () => {
    const { doc } = open('ticket', 'https://acme.zendesk.com/agent/tickets/4460');
    expect(zendesk.extract(doc, new URL('https://acme.zendesk.com/agent/tickets/4460'))).toEqual({
      ticketId: '4460',
      subject: 'Printer jammed',
      queue: 'Facilities',
      agent: 'Alex Agent',
      customerRef: '5550001',
    });
  });

  test('a ticket not rendered yet: the id from the URL alone', () => {
    const url = 'https://acme.zendesk.com/agent/tickets/9999';
    const { doc } = open('ticket', url);
    expect(zendesk.extract(doc, new URL(url))).toEqual({ ticketId: '9999' });
  });

  test('a group with no agent yet: queue only', () => {
    const { doc, url } = open('ticket');
    doc.querySelectorAll('[data-test-id="assignee-field-autocomplete-trigger"]')[1]!.textContent = 'Billing';
    expect(zendesk.extract(doc, url)).toMatchObject({ queue: 'Billing' });
    expect(zendesk.extract(doc, url)).not.toHaveProperty('agent');
  });

  test('a requester without a user link: no customer reference, never the name', () => {
    const { doc, url } = open('ticket');
    for (const link of doc.querySelectorAll('nav a')) link.replaceWith(...link.childNodes);
    expect(zendesk.extract(doc, url)).not.toHaveProperty('customerRef');
  });

  test.each([
    ['dashboard', 'https://acme.zendesk.com/agent/dashboard'],
    ['dashboard', 'https://acme.zendesk.com/agent/tickets/new/1'],
    ['dashboard', 'https://acme.zendesk.com/agent/filters/360001'],
  ] as const)('%s at %s: no contact', (name, url) => {
    const { doc } = open(name, url);
    expect(zendesk.extract(doc, new URL(url))).toBeNull();
  });
});

describe('status, conversation and reply editor', () => {
  test("read from the URL ticket's workspace only", () => {
    const { doc, url } = open('ticket');
    expect(zendesk.readStatus!(doc, url)).toBe('Open');
    expect(zendesk.readConversation!(doc, url)).toEqual([
      'I returned the kettle on 3 February and the refund has still not arrived. Order 4471.',
      'Sorry for the wait, Jo. I have asked our payments team to check.',
      'Still nothing. I would like to make a complaint.',
    ]);
    const editor = zendesk.replyEditor!(doc, url);
    expect(editor?.getAttribute('contenteditable')).toBe('true');
    expect(editor?.textContent).toBe('Dear Jo,');
  });

  test('nothing on the dashboard', () => {
    const { doc, url } = open('dashboard');
    expect(zendesk.readStatus!(doc, url)).toBeNull();
    expect(zendesk.readConversation!(doc, url)).toEqual([]);
    expect(zendesk.replyEditor!(doc, url)).toBeNull();
  });
});
