/**
 * Two people, two browsers, one real server: a supervisor scores an agent's Request Tracker ticket;
 * the agent's browser syncs, the agent disputes the result; the supervisor sees the dispute and
 * resolves it; the agent sees the resolution. Every record exists exactly once everywhere.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTicket, createUser, startRt, type Rt } from '../system/rt.ts';
import { startServer, type ServerProcess } from '../system/server.ts';
import { launchWithExtension, openSidePanel, type ExtensionBrowser } from './chromium.ts';
import { countInExtension, recentRows, scoreAllTop, signIn, syncUntilSynced } from './panelDriver.ts';
import { openRtTicket } from './rtBrowser.ts';

let rt: Rt;
let server: ServerProcess;
let ticketId: number;
let supervisor: ExtensionBrowser;
let agent: ExtensionBrowser;
let supervisorPanel: Page;
let agentPanel: Page;

const SUPERVISOR = { email: 'sam@demo.test', password: 'sam-supervisor-pass' };
const AGENT = { email: 'alex@demo.test', password: 'alex-agent-password' };

beforeAll(async () => {
  [rt, server] = await Promise.all([startRt(), startServer()]);
  await server.cli('create-org', '--name', 'Demo Contact Centre');
  await server.cli('create-team', '--org', 'Demo Contact Centre', '--name', 'Billing');
  await server.cli('create-user', '--org', 'Demo Contact Centre', '--email', SUPERVISOR.email, '--name', 'Sam Supervisor', '--role', 'supervisor', '--team', 'Billing', '--password', SUPERVISOR.password);
  await server.cli('create-user', '--org', 'Demo Contact Centre', '--email', AGENT.email, '--name', 'Alex Agent', '--role', 'agent', '--team', 'Billing', '--crm-name', 'alex.agent', '--password', AGENT.password);

  await createUser(rt, { name: 'alex.agent', email: 'alex.agent@floorwalker.test', realName: 'Alex Agent', privileged: true });
  ticketId = await createTicket(rt, {
    queue: 'General',
    subject: 'Refund for a duplicate payment',
    requestor: 'customer.3310@example.net',
    owner: 'alex.agent',
    content: 'I was charged twice.',
  });
  [supervisor, agent] = await Promise.all([launchWithExtension(), launchWithExtension()]);
});

afterAll(async () => {
  await Promise.all([supervisor?.close({ removeProfile: true }), agent?.close({ removeProfile: true })]);
  await Promise.all([server?.dispose(), rt?.stop()]);
});

async function openReport(b: ExtensionBrowser, panel: Page): Promise<Page> {
  const href = await panel.locator('table.list tbody tr').first().getByRole('link').getAttribute('href');
  const report = await b.context.newPage();
  await report.goto(`chrome-extension://${b.extensionId}${href}`);
  await report.getByRole('region', { name: 'Result' }).waitFor();
  return report;
}

function serverCount(entity: string): number {
  const db = new Database(join(server.env.DATA_DIR!, 'floorwalker.sqlite'), { readonly: true });
  try {
    return (db.prepare('select count(*) as n from records where entity = ? and deleted = 0').get(entity) as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('supervisor and agent, synced through the server', () => {
  it('the supervisor scores the ticket signed in, with the agent matched from the roster', async () => {
    const ticket = supervisor.context.pages()[0] ?? (await supervisor.context.newPage());
    await openRtTicket(ticket, rt, ticketId);
    supervisorPanel = await openSidePanel(supervisor, ticket);
    await signIn(supervisorPanel, server.url, SUPERVISOR.email, SUPERVISOR.password);
    await syncUntilSynced(supervisorPanel);

    await supervisorPanel.getByRole('button', { name: 'Score', exact: true }).click();
    await supervisorPanel.getByRole('button', { name: /Email and chat/i }).first().click();
    const agentPicker = supervisorPanel.getByRole('combobox', { name: /^Agent/ });
    await expect.poll(() => agentPicker.locator('option:checked').textContent()).toBe('Alex Agent');
    await scoreAllTop(supervisorPanel);
    const submit = supervisorPanel.getByRole('button', { name: /^Submit spot check/ });
    await submit.click();
    await supervisorPanel.getByRole('heading', { name: 'Spot check submitted' }).waitFor();
    await syncUntilSynced(supervisorPanel);
    expect(serverCount('spotCheck')).toBe(1);
  });

  it('the agent sees the result after sync and disputes it', async () => {
    agentPanel = await agent.context.newPage();
    await agentPanel.goto(`chrome-extension://${agent.extensionId}/sidepanel.html`);
    await signIn(agentPanel, server.url, AGENT.email, AGENT.password);
    await syncUntilSynced(agentPanel);
    const rows = await recentRows(agentPanel);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(String(ticketId));
    expect(rows[0]).toContain('Submitted');

    const report = await openReport(agent, agentPanel);
    await report.getByLabel(/Comment/).fill('The customer asked for a callback, which I arranged.');
    await report.getByRole('button', { name: 'Dispute' }).click();
    await expect.poll(() => report.getByRole('heading', { name: "Agent's comment" }).count()).toBe(1);
    await syncUntilSynced(agentPanel);
  });

  it('the supervisor sees the dispute after sync and resolves it', async () => {
    await syncUntilSynced(supervisorPanel);
    await expect.poll(async () => (await recentRows(supervisorPanel))[0]).toContain('Disputed');
    const report = await openReport(supervisor, supervisorPanel);
    expect(await report.textContent('body')).toContain('The customer asked for a callback');
    await report.getByLabel(/How the dispute was resolved/).fill('Agreed: the callback counts as ownership. Item rescored.');
    await report.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => report.getByRole('heading', { name: 'Resolution' }).count()).toBe(1);
    await syncUntilSynced(supervisorPanel);
  });

  it('the agent sees the resolution, and each side holds the check exactly once', async () => {
    await syncUntilSynced(agentPanel);
    await expect.poll(async () => (await recentRows(agentPanel))[0]).toContain('Resolved');
    expect(serverCount('spotCheck')).toBe(1);
    expect(await countInExtension(agentPanel, 'spotChecks')).toBe(1);
    expect(await countInExtension(supervisorPanel, 'spotChecks')).toBe(1);
    expect(await countInExtension(agentPanel, 'outbox')).toBe(0);
    expect(await countInExtension(supervisorPanel, 'outbox')).toBe(0);
  });
});
