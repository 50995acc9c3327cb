/**
 * The live Request Tracker the suite runs: the seeding helpers do what they say, and the RT adapter
 * reads the contact off the pages RT serves now (the unit tests use fixtures saved from it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readContact } from '../../sites/pick.ts';
import { selectors } from '../../sites/requestTracker/index.ts';
import { loadPage } from '../../sites/testPage.ts';
import { comment, correspond, createTicket, createUser, startRt, ticketHistory, type Rt } from '../system/rt.ts';

let rt: Rt;
let ticket: number;
let cookie: string;

beforeAll(async () => {
  rt = await startRt();
  await createUser(rt, { name: 'agent.two', email: 'agent.two@floorwalker.test', realName: 'Agent Two', password: 'agent-two-pass', privileged: true });
  ticket = await createTicket(rt, {
    queue: 'General',
    subject: 'Refund not received',
    requestor: 'customer.a@example.com',
    owner: 'agent.two',
    content: 'My refund has not arrived. Café order 1234.',
  });
  const login = await fetch(`${rt.baseUrl}/NoAuth/Login.html`, {
    method: 'POST',
    body: new URLSearchParams({ user: rt.user, pass: rt.password }),
    redirect: 'manual',
  });
  cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  expect(cookie).toMatch(/=/);
});
afterAll(async () => {
  await rt?.stop();
});

async function livePage(path: string) {
  const url = `${rt.baseUrl}${path}`;
  const response = await fetch(url, { headers: { cookie } });
  expect(response.status).toBe(200);
  return loadPage(url, await response.text());
}

describe('seeding helpers', () => {
  it('a created user can use REST 2.0 with its password', async () => {
    const response = await fetch(`${rt.baseUrl}/REST/2.0/user/agent.two`, {
      headers: { Authorization: `Basic ${Buffer.from('agent.two:agent-two-pass').toString('base64')}` },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ EmailAddress: 'agent.two@floorwalker.test', RealName: 'Agent Two' });
  });

  it('history records creation, correspondence and comments in order and unaltered', async () => {
    await correspond(rt, ticket, 'Sorry to hear that; I have chased it.');
    await comment(rt, ticket, 'Internal: finance ticket raised.');
    const messages = (await ticketHistory(rt, ticket)).filter((e) => ['Create', 'Correspond', 'Comment'].includes(e.type));
    expect(messages.map(({ type, creator, text }) => ({ type, creator, text }))).toEqual([
      { type: 'Create', creator: 'root', text: 'My refund has not arrived. Café order 1234.' },
      { type: 'Correspond', creator: 'root', text: 'Sorry to hear that; I have chased it.' },
      { type: 'Comment', creator: 'root', text: 'Internal: finance ticket raised.' },
    ]);
  });

  it("errors carry RT's message", async () => {
    await expect(correspond(rt, 999_999, 'nobody home')).rejects.toThrow(/400 .*could not be recorded/);
  });
});

describe('Request Tracker adapter on live pages', () => {
  it('reads the ticket page', async () => {
    const page = await livePage(`/Ticket/Display.html?id=${ticket}`);
    expect(readContact(page.doc, page.url, new Date())).toMatchObject({
      adapterId: 'request-tracker',
      source: 'adapter',
      ticketId: String(ticket),
      subject: 'Refund not received',
      agent: 'agent.two',
      // RT's user id for the requestor, never their email address (personal data).
      customerRef: expect.stringMatching(/^\d+$/),
      queue: 'General',
      channel: 'email',
    });
    expect(page.doc.querySelectorAll(selectors.displayPage)).toHaveLength(1);
    await page.close();
  });

  it('reads the reply page', async () => {
    const page = await livePage(`/Ticket/Update.html?Action=Respond&id=${ticket}`);
    expect(readContact(page.doc, page.url, new Date())).toMatchObject({
      adapterId: 'request-tracker',
      ticketId: String(ticket),
      subject: 'Refund not received',
    });
    await page.close();
  });

  it('finds no contact on the home page', async () => {
    const page = await livePage('/');
    expect(readContact(page.doc, page.url, new Date())).toBeNull();
    await page.close();
  });
});
