import { afterEach, describe, expect, test } from 'vitest';
import { describeFixtures, openFixture } from '../fixtureTesting.ts';
import { loadPage, type TestPage } from '../testPage.ts';
import { fixtures } from './fixtures.ts';
import { intercom } from './index.ts';

describeFixtures(fixtures);

let page: TestPage | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});
const open = (name: keyof typeof fixtures.pages, url: string = fixtures.pages[name]) => (page = openFixture(fixtures, name, url));

describe('claims and the conversation id', () => {
  test.each([
    ['https://app.intercom.com/a/inbox/abc123de/inbox/team/4455/conversation/215463817409463', true, '215463817409463'],
    ['https://app.intercom.com/a/inbox/abc123de/inbox/conversation/215463817409463', true, '215463817409463'],
    ['https://app.intercom.com/a/inbox/abc123de/inbox/admin/10325350/conversation/215463817409463?view=List', true, '215463817409463'],
    ['https://app.eu.intercom.com/a/apps/abc123de/inbox/inbox/all/conversations/215463817409463', true, '215463817409463'],
    ['https://app.au.intercom.com/a/inbox/abc123de/inbox/shared/all/conversation/7', true, '7'],
    ['https://app.intercom.com/a/inbox/abc123de/inbox/team/4455', true, null],
    ['https://app.intercom.com/a/apps/abc123de/users/5f1a2b3c4d5e6f7a8b9c0d1e/all-conversations', true, null],
    ['https://www.intercom.com/help/en/articles/123-conversation', false, null],
    ['https://intercom.com.example.org/a/inbox/x/inbox/conversation/1', false, null],
  ])('%s', (url, claimed, id) => {
    page = loadPage(url, '');
    expect(intercom.claims(page.doc, page.url)).toBe(claimed);
    // extract() is only asked about pages its adapter claims.
    if (claimed) expect(intercom.extract(page.doc, page.url)?.ticketId ?? null).toBe(id);
  });
});

describe('extract', () => {
  test('a conversation: title, assignee, team as queue, the Intercom contact id', () => {
    const { doc, url } = open('conversation');
    expect(intercom.extract(doc, url)).toEqual({
      ticketId: '215463817409463',
      subject: 'Refund not received: order #4471',
      agent: 'Sam Agent',
      queue: 'Billing',
      customerRef: '5f1a2b3c4d5e6f7a8b9c0d1e',
    });
  });

  test('unassigned, and a lead without a profile link: neither agent nor customer reference', () => {
    const { doc, url } = open('conversation');
    doc.querySelector('[aria-label="Assignee"]')!.textContent = 'Unassigned';
    doc.querySelector('[aria-label="User data"] a')!.remove();
    const contact = intercom.extract(doc, url);
    expect(contact).not.toHaveProperty('agent');
    expect(contact).not.toHaveProperty('customerRef');
  });

  test('the inbox list: no contact', () => {
    const { doc, url } = open('inbox');
    expect(intercom.extract(doc, url)).toBeNull();
  });
});

describe('status, conversation and reply editor', () => {
  test('on the conversation', () => {
    const { doc, url } = open('conversation');
    expect(intercom.readStatus!(doc, url)).toBe('Open');
    expect(intercom.readConversation!(doc, url)).toEqual([
      'Jo Bloggs Hi, my refund for order 4471 has not arrived.',
      'Sam Agent Sorry about that Jo, let me check.',
    ]);
    expect(intercom.replyEditor!(doc, url)?.textContent).toBe('Thanks for waiting,');
  });

  test('nothing on the list', () => {
    const { doc, url } = open('inbox');
    expect(intercom.readStatus!(doc, url)).toBeNull();
    expect(intercom.readConversation!(doc, url)).toEqual([]);
    expect(intercom.replyEditor!(doc, url)).toBeNull();
  });
});
