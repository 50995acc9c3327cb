import { afterEach, describe, expect, test } from 'vitest';
import { describeFixtures, openFixture } from '../fixtureTesting.ts';
import { loadPage, type TestPage } from '../testPage.ts';
import { fixtures } from './fixtures.ts';
import { zammad } from './index.ts';

describeFixtures(fixtures);

let page: TestPage | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});
const open = (name: keyof typeof fixtures.pages, url: string = fixtures.pages[name]) => (page = openFixture(fixtures, name, url));

describe('claims', () => {
  test.each([
    ['https://acme.zammad.com/#ticket/zoom/123', true],
    ['https://acme.zammad.com/#ticket/zoom/123/931', true],
    // Self-hosted, on any host: the hash route is the sign.
    ['https://helpdesk.example.org/#ticket/zoom/123', true],
    ['https://acme.zammad.com/#dashboard', false],
    ['https://acme.zammad.com/#ticket/view/my_assigned', false],
    ['https://acme.zammad.com/#ticket/create', false],
    ['https://shop.example.com/ticket/zoom/123', false],
  ])('%s: %s', (url, claimed) => {
    page = loadPage(url, '');
    expect(zammad.claims(page.doc, page.url)).toBe(claimed);
  });

  test('the dashboard with a ticket in a background task is not claimed', () => {
    const { doc, url } = open('dashboard');
    expect(zammad.claims(doc, url)).toBe(false);
  });
});

describe('extract', () => {
  test('the shown ticket: title, group as queue, owner as agent, customer user id, channel of the first article', () => {
    const { doc, url } = open('ticket');
    expect(zammad.extract(doc, url)).toEqual({
      ticketId: '123',
      subject: 'Refund not received: order #4471',
      queue: 'Billing',
      agent: 'Sam Agent',
      customerRef: '37',
      channel: 'email',
    });
  });

  test('a link to one article of the ticket', () => {
    const url = 'https://acme.zammad.com/#ticket/zoom/123/933';
    const { doc } = open('ticket', url);
    expect(zammad.extract(doc, new URL(url))?.ticketId).toBe('123');
  });

  test('no owner ("-"): no agent; a ticket that started with a phone call: phone', () => {
    const { doc, url } = open('ticket');
    const owner = doc.querySelector<HTMLSelectElement>('.content.active select[name="owner_id"]')!;
    owner.selectedIndex = 0;
    const first = doc.querySelector('.content.active .ticket-article-item')!;
    first.classList.replace('email', 'phone');
    const contact = zammad.extract(doc, url);
    expect(contact).not.toHaveProperty('agent');
    expect(contact?.channel).toBe('phone');
  });

  test('a searchable select (hidden value beside a text box) shows its text, not the id', () => {
    const { doc, url } = open('ticket');
    doc.querySelector('.content.active select[name="owner_id"]')!.outerHTML =
      '<div class="searchableSelect"><input type="hidden" name="owner_id" value="5"><input class="searchableSelect-main" value="Sam Agent"></div>';
    expect(zammad.extract(doc, url)?.agent).toBe('Sam Agent');
  });

  test('before the ticket renders: the id from the hash', () => {
    page = loadPage('https://helpdesk.example.org/#ticket/zoom/77', '<div id="app"></div>');
    expect(zammad.extract(page.doc, page.url)).toEqual({ ticketId: '77' });
  });

  test('right after the hash moves to another ticket, the old task still shown is not read', () => {
    const url = 'https://acme.zammad.com/#ticket/zoom/120';
    const { doc } = open('ticket', url);
    expect(zammad.extract(doc, new URL(url))).toEqual({ ticketId: '120' });
    expect(zammad.readConversation!(doc, new URL(url))).toEqual([]);
  });

  test('the dashboard: no contact', () => {
    const { doc, url } = open('dashboard');
    expect(zammad.extract(doc, url)).toBeNull();
  });
});

describe('status, conversation and reply editor', () => {
  test('from the shown ticket only', () => {
    const { doc, url } = open('ticket');
    expect(zammad.readStatus!(doc, url)).toBe('pending reminder');
    expect(zammad.readConversation!(doc, url)).toEqual([
      'I returned the kettle on 3 February. No refund yet.',
      'Asked payments to check the refund.',
      'Sorry Jo, we are looking into it.',
    ]);
    expect(zammad.replyEditor!(doc, url)?.textContent).toBe('Dear Jo,');
  });

  test('nothing on the dashboard', () => {
    const { doc, url } = open('dashboard');
    expect(zammad.readStatus!(doc, url)).toBeNull();
    expect(zammad.readConversation!(doc, url)).toEqual([]);
    expect(zammad.replyEditor!(doc, url)).toBeNull();
  });
});
