import { afterEach, describe, expect, test } from 'vitest';
import { describeFixtures } from '../fixtureTesting.ts';
import { loadFixture, loadPage, type TestPage } from '../testPage.ts';
import { fixtures } from './fixtures.ts';
import { requestTracker, userId, userReference } from './index.ts';

const fixture = (name: string) => new URL(`./fixtures/${name}.html`, import.meta.url);
const BASE = 'http://127.0.0.1:8971';

let page: TestPage | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});
function open(name: string, url: string): TestPage {
  page = loadFixture(fixture(name), url);
  return page;
}

const pages = fixtures.pages;

describeFixtures(fixtures);

describe('claims', () => {
  test.each([
    ['ticket-display', pages['ticket-display'], true],
    ['ticket-reply', pages['ticket-reply'], true],
    ['ticket-display', 'https://help.example.com/rt/Ticket/Display.html?id=1', true],
    ['ticket-reply', 'https://help.example.com/support/rt/Ticket/Update.html?id=1&Action=Comment', true],
    ['home', pages.home, false],
    ['search-results', pages['search-results'], false],
    // The landmark alone is not enough, nor the path alone.
    ['ticket-display', `${BASE}/Ticket/History.html?id=1`, false],
    ['home', `${BASE}/Ticket/Display.html?id=1`, false],
  ] as const)('%s at %s: %s', (name, url, claimed) => {
    const { doc } = open(name, url);
    expect(requestTracker.claims(doc, new URL(url))).toBe(claimed);
  });
});

describe('extract', () => {
  test("ticket page: id, subject, queue, owner as agent, first requestor's RT user id (as RT sorts them, by email) as customer", () => {
    const { doc, url } = open('ticket-display', pages['ticket-display']);
    // The first requestor is <accounts@example.com>, RT user 31: the id, not the address.
    expect(requestTracker.extract(doc, url)).toEqual({
      ticketId: '1',
      subject: 'Refund not received: order #4471',
      queue: 'General',
      agent: 'sam.agent',
      customerRef: '31',
      channel: 'email',
    });
  });

  test.each(['ticket-display', 'ticket-display-unowned'] as const)('%s: the customer reference is a bare RT user id, no email or name', (name) => {
    const { doc, url } = open(name, pages[name]);
    expect(requestTracker.extract(doc, url)?.customerRef).toMatch(/^\d+$/);
  });

  test('a requestor without a link to their user page gives no customer reference (not the email)', () => {
    const { doc, url } = open('ticket-display', pages['ticket-display']);
    for (const link of doc.querySelectorAll('.form-row.requestors .user a')) link.replaceWith(...link.childNodes);
    const contact = requestTracker.extract(doc, url);
    expect(contact).not.toHaveProperty('customerRef');
    expect(contact).toMatchObject({ ticketId: '1', agent: 'sam.agent' });
  });

  test('ticket with no owner: no agent', () => {
    const { doc, url } = open('ticket-display-unowned', pages['ticket-display-unowned']);
    expect(requestTracker.extract(doc, url)).toEqual({
      ticketId: '2',
      subject: 'Cannot log in to the app',
      queue: 'General',
      customerRef: '37',
      channel: 'email',
    });
  });

  test('reply page: RT shows neither owner nor requestors there, so only id, subject and queue', () => {
    const { doc, url } = open('ticket-reply', pages['ticket-reply']);
    expect(requestTracker.extract(doc, url)).toEqual({
      ticketId: '1',
      subject: 'Refund not received: order #4471',
      queue: 'General',
      channel: 'email',
    });
  });

  test('without an id in the URL (a form posted to Display.html) the heading gives it', () => {
    const { doc } = open('ticket-display', `${BASE}/Ticket/Display.html`);
    expect(requestTracker.extract(doc, new URL(`${BASE}/Ticket/Display.html`))?.ticketId).toBe('1');
  });

  test('a non-numeric id in the URL is ignored in favour of the heading', () => {
    const url = `${BASE}/Ticket/Display.html?id=new`;
    const { doc } = open('ticket-display', url);
    expect(requestTracker.extract(doc, new URL(url))?.ticketId).toBe('1');
  });

  test('no id anywhere: no contact', () => {
    page = loadPage(`${BASE}/Ticket/Display.html`, '<body id="comp-Ticket-Display"><div id="header"><h1>Permission denied</h1></div></body>');
    expect(requestTracker.extract(page.doc, page.url)).toBeNull();
  });
});

describe('conversation and reply box', () => {
  test('the ticket page: every message of the history, oldest first, as text', () => {
    const { doc, url } = open('ticket-display', pages['ticket-display']);
    const messages = requestTracker.readConversation!(doc, url);
    expect(messages).toHaveLength(3);
    expect(messages[0]).toContain('I returned the kettle on 3 March and still have no refund');
    expect(messages[1]).toContain('asked our finance team to release the refund');
    expect(messages[2]).toContain('Finance asked to release refund');
  });

  test('the reply page: no history, and the reply box is the form\'s textarea', () => {
    const { doc, url } = open('ticket-reply', pages['ticket-reply']);
    expect(requestTracker.readConversation!(doc, url)).toEqual([]);
    const box = requestTracker.replyEditor!(doc, url);
    expect(box?.tagName).toBe('TEXTAREA');
    expect(box?.getAttribute('name')).toBe('UpdateContent');
  });

  test('the ticket page has no reply box', () => {
    const { doc, url } = open('ticket-display', pages['ticket-display']);
    expect(requestTracker.replyEditor!(doc, url)).toBeNull();
  });
});

describe('userId', () => {
  const base = new URL(`${BASE}/rt/Ticket/Display.html?id=1`);
  const link = (href: string | null) => {
    page ??= loadPage(base.href, '<body></body>');
    const a = page.doc.createElement('a');
    if (href !== null) a.setAttribute('href', href);
    return a;
  };
  test.each([
    ['/User/Summary.html?id=31', '31'],
    ['/rt/User/Summary.html?id=31', '31'],
    ['../User/Summary.html?id=7', '7'],
    ['https://rt.example.com/User/Summary.html?id=5&x=1', '5'],
    ['/User/Summary.html?id=jo@example.com', undefined],
    ['/User/Summary.html?id=', undefined],
    ['/User/Summary.html', undefined],
    ['/Ticket/Display.html?id=31', undefined],
    [null, undefined],
  ])('%s -> %s', (href, id) => {
    expect(userId(link(href), base)).toBe(id);
  });
  test('no link: no id', () => {
    expect(userId(null, base)).toBeUndefined();
  });
});

describe('userReference', () => {
  test.each([
    ['<accounts@example.com>', 'accounts@example.com'],
    ['Jo Bloggs <jo.bloggs@example.com>', 'jo.bloggs@example.com'],
    ['jo.bloggs <Jo.Bloggs@Example.com>', 'Jo.Bloggs@Example.com'],
    ['sam.agent (Sam Agent)', 'sam.agent'],
    ['root', 'root'],
    ['Jo Bloggs', 'Jo Bloggs'],
  ])('%s -> %s', (shown, reference) => {
    expect(userReference(shown)).toBe(reference);
  });
});
