/**
 * A complaint from a Request Tracker ticket to its lessons, across two people and a real server:
 * the agent logs it from the ticket, weighs an option beyond their authority and refers it; the
 * supervisor receives it after sync, agrees the option, closes it and records the learning; the
 * agent's browser then holds the whole history, and so does the server, each exactly once.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplaintRecord } from '../../core/sync.ts';
import { createTicket, createUser, startRt, type Rt } from '../system/rt.ts';
import { startServer, type ServerProcess } from '../system/server.ts';
import { launchWithExtension, openSidePanel, type ExtensionBrowser } from './chromium.ts';
import { countInExtension, signIn, syncUntilSynced } from './panelDriver.ts';
import { openRtTicket } from './rtBrowser.ts';

let rt: Rt;
let server: ServerProcess;
let ticketId: number;
let agent: ExtensionBrowser;
let supervisor: ExtensionBrowser;
let agentPanel: Page;
let supervisorPanel: Page;
let reference = '';

const ORG = 'Complaints Demo';
const AGENT = { email: 'casey@complaints.test', password: 'casey-agent-password' };
const SUPERVISOR = { email: 'morgan@complaints.test', password: 'morgan-supervisor-pass' };
const OPTION = 'Refund the duplicate charge and add goodwill';

beforeAll(async () => {
  [rt, server] = await Promise.all([startRt(), startServer()]);
  await server.cli('create-org', '--name', ORG);
  await server.cli('create-team', '--org', ORG, '--name', 'Payments');
  await server.cli('create-user', '--org', ORG, '--email', AGENT.email, '--name', 'Casey Agent', '--role', 'agent', '--team', 'Payments', '--crm-name', 'casey.agent', '--password', AGENT.password);
  await server.cli('create-user', '--org', ORG, '--email', SUPERVISOR.email, '--name', 'Morgan Supervisor', '--role', 'supervisor', '--team', 'Payments', '--password', SUPERVISOR.password);
  await createUser(rt, { name: 'casey.agent', email: 'casey.agent@floorwalker.test', realName: 'Casey Agent', privileged: true });
  ticketId = await createTicket(rt, {
    queue: 'General',
    subject: 'Charged twice for one order',
    requestor: 'customer.7781@example.net',
    owner: 'casey.agent',
    content: 'You have taken the money twice and nobody has called me back. I want it refunded.',
  });
  [agent, supervisor] = await Promise.all([launchWithExtension(), launchWithExtension()]);
}, 240_000);

afterAll(async () => {
  await Promise.all([agent?.close({ removeProfile: true }), supervisor?.close({ removeProfile: true })]);
  await Promise.all([server?.dispose(), rt?.stop()]);
});

/** The complaint's history as the server holds it. */
function serverHistory(): { count: number; types: string[] } {
  const db = new Database(join(server.env.DATA_DIR!, 'floorwalker.sqlite'), { readonly: true });
  try {
    const rows = db.prepare("select data from records where entity = 'complaint' and deleted = 0").all() as { data: string }[];
    const types = rows.length === 1 ? (JSON.parse(rows[0]!.data) as ComplaintRecord).events.map((e) => e.type) : [];
    return { count: rows.length, types };
  } finally {
    db.close();
  }
}

async function openComplaints(panel: Page): Promise<void> {
  await panel.getByRole('button', { name: 'Complaints', exact: true }).click();
  await panel.locator('#complaints-heading').waitFor();
}

async function submitForm(panel: Page, submit: string): Promise<void> {
  await panel.getByRole('button', { name: submit, exact: true }).click();
  await expect.poll(() => panel.getByRole('button', { name: submit, exact: true }).count()).toBe(0);
}

describe('a complaint referred beyond the agent’s authority and resolved by their supervisor', () => {
  it('the agent logs it from the ticket, adds an option beyond their authority and refers it', async () => {
    const ticket = agent.context.pages()[0] ?? (await agent.context.newPage());
    await openRtTicket(ticket, rt, ticketId);
    agentPanel = await openSidePanel(agent, ticket);
    await signIn(agentPanel, server.url, AGENT.email, AGENT.password);
    await syncUntilSynced(agentPanel);

    await openComplaints(agentPanel);
    await agentPanel.getByRole('button', { name: 'Log a complaint' }).click();
    // The contact comes from the RT page.
    await expect.poll(() => agentPanel.locator('form').first().textContent()).toContain(`About ticket ${ticketId} in Request Tracker`);
    await agentPanel.getByRole('combobox', { name: 'Category' }).selectOption({ label: 'Charges, billing and payments' });
    await agentPanel.getByLabel('What happened').fill('Customer was charged twice for one order and was not called back.');
    await agentPanel.getByLabel('What happened').press('Control+Enter');
    const heading = agentPanel.locator('#complaint-heading');
    await heading.waitFor();
    reference = (/C-\d{8}-[0-9A-F]{6}/.exec((await heading.textContent()) ?? '') ?? [''])[0];
    expect(reference).not.toBe('');

    await agentPanel.getByRole('button', { name: 'Add an option' }).click();
    await agentPanel.getByLabel('Option', { exact: true }).fill(OPTION);
    await agentPanel.getByLabel('Advantages for the customer', { exact: true }).fill('Money back at once');
    await agentPanel.getByLabel('Disadvantages for the organisation', { exact: true }).fill('Costs more than the charge');
    await agentPanel.getByLabel('Redress to the customer (£)').fill('130.00');
    await agentPanel.getByLabel('Total cost to us (£)').fill('145.00');
    await submitForm(agentPanel, 'Add option');

    // £130 is beyond an agent's £50: no agreement offered, a referral instead.
    const options = agentPanel.getByRole('region', { name: 'Options compared' });
    await expect.poll(() => options.textContent()).toContain(OPTION);
    expect(await agentPanel.getByRole('button', { name: `Agree with customer: ${OPTION}` }).count()).toBe(0);
    await agentPanel.getByRole('button', { name: `Refer to someone who can agree: ${OPTION}` }).click();
    await agentPanel.getByRole('combobox', { name: 'Refer to' }).selectOption({ label: 'Morgan Supervisor (supervisor)' });
    await agentPanel.getByLabel('Reason', { exact: true }).fill('The redress is beyond my authority.');
    await submitForm(agentPanel, 'Refer');
    await syncUntilSynced(agentPanel);

    expect(serverHistory()).toEqual({ count: 1, types: ['logged', 'optionAdded', 'referred'] });
  });

  it('the supervisor finds it in their queue after sync, agrees the option, closes it and records the learning', async () => {
    const ticket = supervisor.context.pages()[0] ?? (await supervisor.context.newPage());
    await openRtTicket(ticket, rt, ticketId);
    supervisorPanel = await openSidePanel(supervisor, ticket);
    await signIn(supervisorPanel, server.url, SUPERVISOR.email, SUPERVISOR.password);
    await syncUntilSynced(supervisorPanel);

    await openComplaints(supervisorPanel);
    const queue = supervisorPanel.getByRole('region', { name: 'Your queue' });
    await expect.poll(() => queue.textContent()).toContain(reference);
    await queue.getByRole('button', { name: reference }).click();
    await supervisorPanel.locator('#complaint-heading').waitFor();

    await supervisorPanel.getByRole('button', { name: `Agree with customer: ${OPTION}` }).click();
    await expect.poll(() => supervisorPanel.getByRole('region', { name: 'Options compared' }).textContent()).toMatch(/Agreed/);

    await supervisorPanel.getByRole('button', { name: 'Close the complaint' }).click();
    await supervisorPanel.getByRole('radio', { name: 'Upheld', exact: true }).check();
    await supervisorPanel.getByLabel('Summary of the resolution').fill('Refunded the duplicate charge with £100 goodwill and apologised.');
    await supervisorPanel.getByRole('checkbox', { name: /may refer the complaint to Financial Ombudsman Service/ }).check();
    await submitForm(supervisorPanel, 'Close complaint');

    await supervisorPanel.getByRole('button', { name: 'Record the review' }).click();
    await supervisorPanel.getByRole('combobox', { name: 'Root cause' }).selectOption({ label: 'System fault or outage' });
    await supervisorPanel.getByLabel('Learning points (one per line)').fill('Duplicate card payments are not caught before settlement');
    await supervisorPanel.getByLabel('What will be done').fill('Add a duplicate-payment check to the payments run');
    await supervisorPanel.getByLabel('Owner', { exact: true }).fill('Payments team');
    await supervisorPanel.getByLabel('Due', { exact: true }).fill('2027-01-29');
    await submitForm(supervisorPanel, 'Save review');
    await syncUntilSynced(supervisorPanel);

    expect(serverHistory()).toEqual({ count: 1, types: ['logged', 'optionAdded', 'referred', 'optionAgreed', 'closed', 'reviewed'] });
  });

  it('the agent sees every step in the history after sync; each side holds the complaint once', async () => {
    await agentPanel.getByRole('button', { name: 'Sync now' }).click();
    await syncUntilSynced(agentPanel);
    const timeline = agentPanel.locator('ol.timeline li');
    await expect.poll(() => timeline.count(), { timeout: 15_000 }).toBe(6);
    const lines = await timeline.allTextContents();
    expect(lines.join('\n')).toMatch(/Morgan Supervisor/);
    expect(await agentPanel.locator('#complaint-heading').textContent()).toContain(reference);

    expect(await countInExtension(agentPanel, 'complaints')).toBe(1);
    expect(await countInExtension(supervisorPanel, 'complaints')).toBe(1);
    expect(await countInExtension(agentPanel, 'outbox')).toBe(0);
    expect(await countInExtension(supervisorPanel, 'outbox')).toBe(0);
    expect(serverHistory().count).toBe(1);
  });
});
