import { afterEach, describe, expect, test } from 'vitest';
import { describeFixtures, openFixture } from '../fixtureTesting.ts';
import { loadPage, type TestPage } from '../testPage.ts';
import { fixtures } from './fixtures.ts';
import { conversationOf, front } from './index.ts';

describeFixtures(fixtures);

let page: TestPage | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});
const open = (name: keyof typeof fixtures.pages, url: string = fixtures.pages[name]) => (page = openFixture(fixtures, name, url));

describe('the conversation id from the URL', () => {
  test.each([
    ['https://app.frontapp.com/open/cnv_1jogvq06', 'cnv_1jogvq06'],
    ['https://app.frontapp.com/open/cnv_55c8c149/', 'cnv_55c8c149'],
    // The app's own URLs end in the conversation number; the API id is that number in base 36.
    ['https://app.frontapp.com/inboxes/teams/views/15931074/open/7762260226', `cnv_${(7762260226).toString(36)}`],
    ['https://app.frontapp.com/inboxes/shared/support/open/121516198', `cnv_${(121516198).toString(36)}`],
    ['https://app.frontapp.com/inboxes/teammates/10381066/inbox/all/56924074506', `cnv_${(56924074506).toString(36)}`],
    ['https://app.frontapp.com/open/msg_a23om0z', undefined],
    ['https://app.frontapp.com/inboxes/teams/views/15931074/open', undefined],
    ['https://app.frontapp.com/inboxes/teams/folders/7256583/unassigned/0', undefined],
    ['https://app.frontapp.com/inboxes/teammates/10381066', undefined],
    ['https://app.frontapp.com/inboxes/shared/intercom/open/latest', undefined],
    ['https://app.frontapp.com/settings/company/rules/123456789', undefined],
  ])('%s -> %s', (url, id) => {
    expect(conversationOf(new URL(url))).toBe(id);
  });

  test('the same conversation from a shared link and in the app', () => {
    expect(conversationOf(new URL(`https://app.frontapp.com/open/cnv_${(7762260226).toString(36)}`))).toBe(
      conversationOf(new URL('https://app.frontapp.com/inboxes/teams/views/15931074/open/7762260226')),
    );
  });
});

describe('claims', () => {
  test.each([
    ['https://app.frontapp.com/open/cnv_1jogvq06', true],
    ['https://app.frontapp.com/inboxes/teams/views/15931074/open', true],
    ['https://front.com/product', false],
    ['https://app.frontapp.com.example.org/open/cnv_1', false],
  ])('%s: %s', (url, claimed) => {
    page = loadPage(url, '');
    expect(front.claims(page.doc, page.url)).toBe(claimed);
  });
});

describe('extract', () => {
  test('a conversation: subject and assignee; no customer reference (Front shows none)', () => {
    const { doc, url } = open('conversation');
    expect(front.extract(doc, url)).toEqual({
      ticketId: 'cnv_3kdg6bm',
      subject: 'Refund not received: order #4471',
      agent: 'Sam Agent',
    });
  });

  test('the list: no contact', () => {
    const { doc, url } = open('inbox');
    expect(front.extract(doc, url)).toBeNull();
  });
});

describe('status, conversation and reply editor', () => {
  test('on the conversation', () => {
    const { doc, url } = open('conversation');
    expect(front.readStatus!(doc, url)).toBe('Open');
    expect(front.readConversation!(doc, url)).toEqual(['Jo Bloggs My refund for order 4471 has not arrived.', 'Sam Agent Thanks Jo, I am on it.']);
    expect(front.replyEditor!(doc, url)?.textContent).toBe('Hello again,');
  });

  test('nothing on the list', () => {
    const { doc, url } = open('inbox');
    expect(front.readStatus!(doc, url)).toBeNull();
    expect(front.readConversation!(doc, url)).toEqual([]);
    expect(front.replyEditor!(doc, url)).toBeNull();
  });
});
