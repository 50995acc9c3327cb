/**
 * The RT helpers against a live Request Tracker (node's test runner; needs RT installed, see rt.sh):
 *   npx tsx --test test/system/rt.test.ts
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { comment, correspond, createTicket, createUser, startRt, ticketHistory, type Rt } from './rt.ts';

let rt: Rt;
before(async () => {
  rt = await startRt();
});
after(async () => {
  await rt?.stop();
});

test('the instance answers the login page', async () => {
  const response = await fetch(`${rt.baseUrl}/NoAuth/Login.html`);
  assert.equal(response.status, 200);
  assert.match(await response.text(), /<form[^>]+id="login"|name="user"/);
});

test('a created user can log in to REST 2.0 with its password', async () => {
  const name = await createUser(rt, {
    name: 'agent.one',
    email: 'agent.one@floorwalker.test',
    realName: 'Agent One',
    password: 'agent-one-pass',
    privileged: true,
  });
  assert.equal(name, 'agent.one');
  const response = await fetch(`${rt.baseUrl}/REST/2.0/user/agent.one`, {
    headers: { Authorization: `Basic ${Buffer.from('agent.one:agent-one-pass').toString('base64')}` },
  });
  assert.equal(response.status, 200);
  const user = (await response.json()) as { EmailAddress: string; RealName: string; Privileged: number | string };
  assert.equal(user.EmailAddress, 'agent.one@floorwalker.test');
  assert.equal(user.RealName, 'Agent One');
  assert.equal(Number(user.Privileged), 1);
});

test('a ticket records its creation, correspondence and comments, in order and unaltered', async () => {
  await createUser(rt, { name: 'agent.two', email: 'agent.two@floorwalker.test', realName: 'Agent Two', privileged: true });
  const id = await createTicket(rt, {
    queue: 'General',
    subject: 'Refund not received',
    requestor: 'customer.a@example.com',
    owner: 'agent.two',
    content: 'My refund has not arrived. Café order 1234.',
  });
  assert.ok(Number.isInteger(id) && id > 0);
  await correspond(rt, id, 'Sorry to hear that; I have chased it.');
  await comment(rt, id, 'Internal: finance ticket raised.');

  const history = await ticketHistory(rt, id);
  const messages = history.filter((entry) => ['Create', 'Correspond', 'Comment'].includes(entry.type));
  assert.deepEqual(
    messages.map(({ type, creator, text }) => ({ type, creator, text })),
    [
      { type: 'Create', creator: 'root', text: 'My refund has not arrived. Café order 1234.' },
      { type: 'Correspond', creator: 'root', text: 'Sorry to hear that; I have chased it.' },
      { type: 'Comment', creator: 'root', text: 'Internal: finance ticket raised.' },
    ],
  );

  const ticket = (await (
    await fetch(`${rt.baseUrl}/REST/2.0/ticket/${id}`, {
      headers: { Authorization: `Basic ${Buffer.from(`${rt.user}:${rt.password}`).toString('base64')}` },
    })
  ).json()) as { Owner: { id: string }; Requestor: Array<{ id: string }>; Subject: string };
  assert.equal(ticket.Owner.id, 'agent.two');
  assert.deepEqual(ticket.Requestor.map((r) => r.id), ['customer.a@example.com']);
  assert.equal(ticket.Subject, 'Refund not received');
});

test('errors carry RT\'s message', async () => {
  await assert.rejects(correspond(rt, 999_999, 'nobody home'), /400 .*could not be recorded/);
});
