/**
 * A procedure notice from a manager to the agents, across three browsers, a real server and a live
 * Request Tracker: the manager publishes it from the panel's form; the agent, working an RT ticket
 * with the real side panel beside it, gets it after sync (with a count on the toolbar button), reads
 * it and acknowledges it; the supervisor's browser syncs and shows that agent as acknowledged and
 * the team's other agent as not yet. The server holds the notice and that one acknowledgement.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeAckKey } from '../../core/promptRecords.ts';
import { createTicket, createUser, startRt, type Rt } from '../system/rt.ts';
import { startServer, type ServerProcess } from '../system/server.ts';
import { launchWithExtension, openSidePanel, type ExtensionBrowser } from './chromium.ts';
import { countInExtension, signIn, syncUntilSynced } from './panelDriver.ts';
import { openRtTicket } from './rtBrowser.ts';

let server: ServerProcess;
let rt: Rt;
let ticketId: number;
const browsers: ExtensionBrowser[] = [];

const ORG = 'Notices Demo';
const MANAGER = { email: 'mo@notices.test', password: 'mo-manager-password' };
const SUPERVISOR = { email: 'sam@notices.test', password: 'sam-supervisor-pass' };
const AGENT = { email: 'alex@notices.test', password: 'alex-agent-password' };
const TITLE = 'Refunds over £50 need a second check';
/** User ids by email, as the admin command line printed them. */
const ids = new Map<string, string>();

beforeAll(async () => {
  [server, rt] = await Promise.all([startServer(), startRt()]);
  await createUser(rt, { name: 'alex.agent', email: 'alex.agent@floorwalker.test', realName: 'Alex Agent', privileged: true });
  ticketId = await createTicket(rt, { queue: 'General', subject: 'Refund for a late delivery', requestor: 'customer.4410@example.net', owner: 'alex.agent', content: 'The parcel came a week late.' });
  await server.cli('create-org', '--name', ORG);
  await server.cli('create-team', '--org', ORG, '--name', 'Billing');
  await server.cli('create-team', '--org', ORG, '--name', 'Payments');
  const people = [
    [MANAGER.email, 'Mo Manager', 'manager', [], MANAGER.password],
    [SUPERVISOR.email, 'Sam Supervisor', 'supervisor', ['Billing'], SUPERVISOR.password],
    [AGENT.email, 'Alex Agent', 'agent', ['Billing'], AGENT.password],
    ['blake@notices.test', 'Blake Agent', 'agent', ['Billing'], 'blake-agent-password'],
    // In another team: the Billing supervisor does not follow her.
    ['casey@notices.test', 'Casey Agent', 'agent', ['Payments'], 'casey-agent-password'],
  ] as const;
  for (const [email, name, role, teams, password] of people) {
    const out = await server.cli('create-user', '--org', ORG, '--email', email, '--name', name, '--role', role, ...teams.flatMap((t) => ['--team', t]), '--password', password);
    ids.set(email, /\(([0-9a-f-]{36})\)/.exec(out)![1]!);
  }
}, 240_000);

afterAll(async () => {
  await Promise.all(browsers.map((b) => b.close({ removeProfile: true })));
  await Promise.all([server?.dispose(), rt?.stop()]);
});

/** A browser with the extension and its panel open in a tab, signed in and synced. */
async function panelFor(person: { email: string; password: string }): Promise<Page> {
  const b = await launchWithExtension();
  browsers.push(b);
  const panel = await b.context.newPage();
  await panel.goto(`chrome-extension://${b.extensionId}/sidepanel.html`);
  await signIn(panel, server.url, person.email, person.password);
  await syncUntilSynced(panel);
  return panel;
}

/** The count on the toolbar button, read from an extension page. */
const toolbarCount = (page: Page) => page.evaluate(() => (globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string> } } }).chrome.action.getBadgeText({}));

function serverRows(entity: string): { id: string; version: number; agent_id: string | null; data: string }[] {
  const db = new Database(join(server.env.DATA_DIR!, 'floorwalker.sqlite'), { readonly: true });
  try {
    return db.prepare('select id, version, agent_id, data from records where entity = ? and deleted = 0').all(entity) as never;
  } finally {
    db.close();
  }
}

const tab = (panel: Page, name: string) => panel.getByRole('navigation', { name: 'Panel sections' }).getByRole('button', { name, exact: true });

describe('a procedure notice acknowledged by an agent, seen by their supervisor', () => {
  let noticeId = '';

  it('the manager publishes it to agents from the panel, asking for acknowledgement', async () => {
    const panel = await panelFor(MANAGER);
    await tab(panel, 'Notices').click();
    await panel.getByRole('button', { name: 'Publish a notice' }).click();
    await panel.getByLabel('Title').fill(TITLE);
    await panel.getByLabel('What changed').fill('Ask a supervisor to check any refund over £50 before agreeing it.');
    await panel.getByLabel('Effective from').fill('2026-04-01');
    await panel.getByRole('group', { name: 'Roles' }).getByRole('checkbox', { name: 'Agents' }).check();
    expect(await panel.getByRole('checkbox', { name: 'Requires acknowledgement' }).isChecked()).toBe(true);
    await panel.getByLabel('Guidance link (optional)').fill('https://intranet.example/refunds');
    await panel.getByRole('button', { name: 'Publish notice' }).click();
    await expect.poll(() => panel.getByRole('status').filter({ hasText: 'Published' }).textContent()).toBe(`Published “${TITLE}”. It reaches people at the next sync.`);
    await syncUntilSynced(panel);

    const notices = serverRows('notice');
    expect(notices).toHaveLength(1);
    noticeId = notices[0]!.id;
    expect(notices[0]!.version).toBe(1);
    expect(JSON.parse(notices[0]!.data)).toMatchObject({ id: noticeId, version: 1, title: TITLE, audience: { roles: ['agent'], teamIds: [] }, requiresAcknowledgement: true, publishedBy: ids.get(MANAGER.email) });
    // Back from the server, it is followed: none of the three agents has acknowledged it yet.
    const followed = panel.getByRole('region', { name: 'Who has acknowledged' }).getByRole('article', { name: TITLE });
    await expect.poll(() => followed.getByText(/ of \d+ acknowledged$/).textContent()).toBe('0 of 3 acknowledged');
  });

  it('the agent, on an RT ticket, sees it in the side panel after sync, waiting for them, and acknowledges it', async () => {
    const b = await launchWithExtension();
    browsers.push(b);
    const ticket = b.context.pages()[0] ?? (await b.context.newPage());
    await openRtTicket(ticket, rt, ticketId);
    const panel = await openSidePanel(b, ticket);
    await signIn(panel, server.url, AGENT.email, AGENT.password);
    await syncUntilSynced(panel);
    // The side panel is beside the RT ticket it reads.
    await tab(panel, 'Score').click();
    await expect.poll(() => panel.getByRole('region', { name: 'Contact', exact: true }).textContent()).toContain(String(ticketId));
    await expect.poll(() => toolbarCount(panel)).toBe('1');
    await expect.poll(() => tab(panel, 'Notices (1 to read)').count()).toBe(1);
    await tab(panel, 'Notices (1 to read)').click();
    const waiting = panel.getByRole('region', { name: /^Waiting for your acknowledgement/ });
    // The Notices view's code loads when it is first opened.
    await waiting.getByRole('heading', { level: 4 }).first().waitFor();
    expect(await waiting.getByRole('heading', { level: 4 }).allTextContents()).toEqual([TITLE]);
    const notice = waiting.getByRole('article', { name: TITLE });
    expect(await notice.getByText('Effective from').textContent()).toBe('Effective from Wed 1 Apr 2026 · Agents · version 1');
    expect(await notice.getByRole('link', { name: 'Read the guidance' }).getAttribute('href')).toBe('https://intranet.example/refunds');
    await notice.getByRole('button', { name: 'I have read and understood this' }).click();

    await panel.getByRole('heading', { name: 'Waiting for your acknowledgement (0)' }).waitFor();
    expect(await tab(panel, 'Notices').count()).toBe(1);
    const read = panel.getByRole('region', { name: /^Other notices for you/ }).getByRole('article', { name: TITLE });
    expect(await read.getByText(/^You acknowledged this on /).count()).toBe(1);
    await syncUntilSynced(panel);
    expect(await countInExtension(panel, 'outbox')).toBe(0);
    await expect.poll(() => toolbarCount(panel)).toBe('');

    const acks = serverRows('noticeAck');
    const alex = ids.get(AGENT.email)!;
    expect(acks.map((a) => [a.id, a.agent_id])).toEqual([[noticeAckKey({ noticeId, noticeVersion: 1, userId: alex }), alex]]);
    expect(JSON.parse(acks[0]!.data)).toMatchObject({ noticeId, noticeVersion: 1, userId: alex });
  });

  it('the supervisor sees after sync that the agent has acknowledged it and the team’s other agent has not', async () => {
    const panel = await panelFor(SUPERVISOR);
    await tab(panel, 'Notices').click();
    const followed = panel.getByRole('region', { name: 'Who has acknowledged' }).getByRole('article', { name: TITLE });
    await expect.poll(() => followed.getByText(/ of \d+ acknowledged$/).textContent()).toBe('1 of 2 acknowledged');
    await followed.getByText('Who has and who has not').click();
    const acknowledged = await followed.getByRole('list', { name: 'Acknowledged (1)' }).getByRole('listitem').allTextContents();
    expect(acknowledged).toHaveLength(1);
    expect(acknowledged[0]).toMatch(/^Alex Agent \(agent\), \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$/);
    expect(await followed.getByRole('list', { name: 'Not yet (1)' }).getByRole('listitem').allTextContents()).toEqual(['Blake Agent (agent)']);
    // Nothing waits for the supervisor: the notice is for agents.
    expect(await panel.getByRole('heading', { name: 'Waiting for your acknowledgement (0)' }).count()).toBe(1);

    expect(serverRows('noticeAck')).toHaveLength(1);
    expect(serverRows('notice')).toHaveLength(1);
  });
});
