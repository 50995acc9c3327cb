import { expect, test } from 'vitest';
import { describeAdapter } from '../fixtureTesting.ts';
import { fixtures } from './fixtures.ts';
import { conversationOf } from './index.ts';

const APP = 'https://app.frontapp.com';
/** Front's API id of a conversation: its number in base 36. */
const cnv = (number: number) => `cnv_${number.toString(36)}`;

describeAdapter(fixtures, {
  urlIds: {
    of: conversationOf,
    urls: [
      [`${APP}/open/cnv_1jogvq06`, 'cnv_1jogvq06'],
      [`${APP}/open/cnv_55c8c149/`, 'cnv_55c8c149'],
      // The app's own URLs end in the conversation number; the API id is that number in base 36.
      [`${APP}/inboxes/teams/views/15931074/open/7762260226`, cnv(7762260226)],
      [`${APP}/inboxes/shared/support/open/121516198`, cnv(121516198)],
      [`${APP}/inboxes/teammates/10381066/inbox/all/56924074506`, cnv(56924074506)],
      [`${APP}/open/msg_a23om0z`, undefined],
      [`${APP}/inboxes/teams/views/15931074/open`, undefined],
      [`${APP}/inboxes/teams/folders/7256583/unassigned/0`, undefined],
      [`${APP}/inboxes/teammates/10381066`, undefined],
      [`${APP}/inboxes/shared/intercom/open/latest`, undefined],
      [`${APP}/settings/company/rules/123456789`, undefined],
    ],
  },
  claims: [
    [`${APP}/open/cnv_1jogvq06`, true],
    [`${APP}/inboxes/teams/views/15931074/open`, true],
    ['https://front.com/product', false],
    ['https://app.frontapp.com.example.org/open/cnv_1', false],
  ],
  extract: [
    {
      title: 'a conversation: subject and assignee; no customer reference (Front shows none)',
      page: 'conversation',
      is: { ticketId: 'cnv_3kdg6bm', subject: 'Refund not received: order #4471', agent: 'Sam Agent' },
    },
  ],
  noContact: [['inbox']],
  readers: {
    conversation: {
      status: 'Open',
      conversation: ['Jo Bloggs My refund for order 4471 has not arrived.', 'Sam Agent Thanks Jo, I am on it.'],
      editor: { text: 'Hello again,' },
    },
    inbox: null,
  },
});

test('the same conversation from a shared link and in the app', () => {
  expect(conversationOf(new URL(`${APP}/open/${cnv(7762260226)}`))).toBe(conversationOf(new URL(`${APP}/inboxes/teams/views/15931074/open/7762260226`)));
});
