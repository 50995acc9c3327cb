/**
 * A custom site adapter, end to end, on an in-house system the suite has never configured: the
 * admin picks the case's elements in the page with the element picker, tries the definition and
 * publishes it; the agent's browser recognises the contact after sync. Then the admin switches the
 * adapter's version off, and after sync the agent's panel falls back to guessing from the page.
 */
import Database from 'better-sqlite3';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../system/server.ts';
import { launchWithExtension, openSidePanel, type ExtensionBrowser } from './chromium.ts';
import { callBackground, signIn, syncUntilSynced } from './panelDriver.ts';

const ORG = 'Demo Contact Centre';
const ADMIN = { email: 'ada@demo.test', password: 'ada-admin-password' };
const AGENT = { email: 'alex@demo.test', password: 'alex-agent-password' };

/** The in-house repairs desk: odd markup, a generated id, no ids on its fields, the case number in the path. */
const CASES: Record<string, { subject: string; client: string; handler: string }> = {
  '88123': { subject: 'Boiler leaking in the kitchen', client: 'CL-5521', handler: 'priya.k' },
  '88124': { subject: 'No heating upstairs', client: 'CL-7730', handler: 'alex.agent' },
};
const casePage = (id: string, c: (typeof CASES)[string]) => `<!doctype html>
<html><head><title>Repairs desk</title></head><body>
<div id="ember482" class="app-shell">
  <nav class="nav-x1"><a href="/cases">All cases</a> <a href="/reports">Reports</a></nav>
  <main data-screen="case">
    <div class="case-top"><span class="lbl">Case</span> <b class="kase-no">${id}</b> <span class="pill">Awaiting customer</span></div>
    <h2 class="hdr-x7">${c.subject}</h2>
    <table class="props">
      <tr><td>Client</td><td data-field="client-ref">${c.client}</td></tr>
      <tr><td>Handler</td><td data-field="handler">${c.handler}</td></tr>
    </table>
    <section class="thread">
      <div class="post post-in"><p>It started on Monday.</p></div>
      <div class="post post-out"><p>An engineer can come on Thursday.</p></div>
    </section>
  </main>
</div>
<script>
  // Every click that reaches the page is counted: the picker's must not.
  document.addEventListener('click', () => (document.body.dataset.clicks = String(Number(document.body.dataset.clicks || 0) + 1)));
</script>
</body></html>`;

let server: ServerProcess;
let crm: Server;
let base: string;
let admin: ExtensionBrowser;
let agent: ExtensionBrowser;
let adminPanel: Page;
let agentPanel: Page;
let agentTab: Page;

beforeAll(async () => {
  crm = createServer((req, res) => {
    const id = /^\/cases\/(\d+)$/.exec(req.url ?? '')?.[1];
    const found = id && CASES[id];
    res.writeHead(found ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(found ? casePage(id, found) : '<!doctype html><title>Not found</title><p>No such case.</p>');
  });
  await new Promise<void>((r) => crm.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(crm.address() as AddressInfo).port}`;
  server = await startServer();
  await server.cli('create-org', '--name', ORG);
  await server.cli('create-team', '--org', ORG, '--name', 'Repairs');
  await server.cli('create-user', '--org', ORG, '--email', ADMIN.email, '--name', 'Ada Admin', '--role', 'admin', '--password', ADMIN.password);
  await server.cli('create-user', '--org', ORG, '--email', AGENT.email, '--name', 'Alex Agent', '--role', 'agent', '--team', 'Repairs', '--password', AGENT.password);
  [admin, agent] = await Promise.all([launchWithExtension(), launchWithExtension()]);
});

afterAll(async () => {
  await Promise.all([admin?.close({ removeProfile: true }), agent?.close({ removeProfile: true })]);
  await server?.dispose();
  await new Promise((r) => crm?.close(r));
});

function serverRecords(entity: string): { id: string; data: string }[] {
  const db = new Database(join(server.env.DATA_DIR!, 'floorwalker.sqlite'), { readonly: true });
  try {
    return db.prepare('select id, data from records where entity = ? and deleted = 0').all(entity) as { id: string; data: string }[];
  } finally {
    db.close();
  }
}

/** Press a field's Pick in the panel, click the element in the page (a real click, through the picker), and wait for the selector. */
async function pick(panel: Page, tab: Page, field: string, element: string): Promise<string> {
  const input = panel.getByLabel(`${field} selector`, { exact: true });
  await panel.getByRole('button', { name: `Pick ${field.toLowerCase()}`, exact: true }).click();
  await tab.locator('floorwalker-picker').waitFor({ state: 'attached' });
  await tab.locator(element).first().click();
  await expect.poll(() => input.inputValue()).not.toBe('');
  await expect.poll(() => tab.locator('floorwalker-picker').count()).toBe(0);
  return input.inputValue();
}

/** What the panel's contact card shows, and how the background read the tab (its adapter). */
async function contactShown(panel: Page, tab: Page) {
  const card = panel.getByRole('region', { name: 'Contact', exact: true });
  const tabId = (await panel.evaluate(
    (url) => (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id: number; url: string }[]> } } }).chrome.tabs.query({}).then((tabs) => tabs.find((t) => t.url === url)!.id),
    tab.url(),
  )) as number;
  const [read] = (await callBackground(panel, [{ name: 'contact:get', body: { tabId } }])) as ({ adapterId: string; source: string } | null)[];
  // Without a card, what the panel shows instead, for the failure message.
  const shown = (await card.count()) ? await card.textContent() : `no contact card: ${await panel.locator('main').textContent()}`;
  return { card: shown ?? '', adapterId: read?.adapterId, source: read?.source };
}

describe('a custom adapter for an in-house system', () => {
  it('the admin picks the case fields in the page, tries the definition and publishes it', async () => {
    const tab = admin.context.pages()[0] ?? (await admin.context.newPage());
    await tab.goto(`${base}/cases/88123`);
    adminPanel = await openSidePanel(admin, tab);
    await signIn(adminPanel, server.url, ADMIN.email, ADMIN.password);
    await adminPanel.getByRole('heading', { name: 'Site adapters' }).waitFor();

    await adminPanel.getByLabel('Name of the system').fill('Repairs desk');
    expect(await adminPanel.getByLabel(/Page addresses/).inputValue()).toBe(`${base}/cases/*`);
    expect(await adminPanel.getByLabel('Id pattern').inputValue()).toBe('/cases/(\\d{1,12})');
    await adminPanel.getByLabel('From an element in the page').check();
    expect(await pick(adminPanel, tab, 'Ticket id element', 'b.kase-no')).toBe('b.kase-no');
    expect(await pick(adminPanel, tab, 'Subject', 'h2')).toBe('h2.hdr-x7');
    expect(await pick(adminPanel, tab, 'Customer reference', 'td:has-text("CL-5521")')).toBe('td[data-field="client-ref"]');
    // The click lands on the message's paragraph: the same paragraph in every message.
    expect(await pick(adminPanel, tab, 'Conversation messages', 'div.post-out')).toBe('section.thread > div.post > p');
    expect(await adminPanel.getByText('“An engineer can come on Thursday.” · 2 matches').count()).toBe(1);
    // The picker took every click: none reached the page.
    expect(await tab.evaluate(() => document.body.dataset.clicks ?? '0')).toBe('0');

    await adminPanel.getByRole('button', { name: 'Try on this page' }).click();
    const tried = adminPanel.getByRole('region', { name: 'On this page' });
    await expect.poll(() => tried.textContent()).toBe('On this pageTicket88123SubjectBoiler leaking in the kitchenCustomer ref.CL-5521Messages2');

    await adminPanel.getByRole('button', { name: 'Publish adapter' }).click();
    await adminPanel.getByText('Published Repairs desk: it reaches every browser of the organisation at their next sync.').waitFor();
    await syncUntilSynced(adminPanel);
    const [stored] = serverRecords('customAdapter');
    expect(JSON.parse(stored!.data)).toMatchObject({
      id: 'repairs-desk',
      name: 'Repairs desk',
      version: 1,
      matches: [`${base}/cases/*`],
      contactId: { from: 'element', selector: 'b.kase-no' },
      fields: { subject: 'h2.hdr-x7', customer: 'td[data-field="client-ref"]', conversation: 'section.thread > div.post > p' },
      publishedBy: 'Ada Admin',
    });
  });

  it("the agent's extension recognises the contact on another case after sync", async () => {
    agentTab = agent.context.pages()[0] ?? (await agent.context.newPage());
    await agentTab.goto(`${base}/cases/88124`);
    agentPanel = await openSidePanel(agent, agentTab);
    // Before sync the page is a stranger: the guesser reads the number from the address.
    await expect.poll(async () => (await contactShown(agentPanel, agentTab)).adapterId, { timeout: 15_000 }).toBe('generic');

    await signIn(agentPanel, server.url, AGENT.email, AGENT.password);
    await syncUntilSynced(agentPanel);
    await agentPanel.getByRole('button', { name: 'Score', exact: true }).click();
    await expect.poll(async () => contactShown(agentPanel, agentTab), { timeout: 15_000 }).toEqual({
      card: 'ContactRe-read pageCorrectCRMRepairs deskTicket88124SubjectNo heating upstairsCustomer ref.CL-7730',
      adapterId: 'custom-repairs-desk',
      source: 'adapter',
    });
  });

  it('the admin switches the version off; after sync the agent falls back to the guesser', async () => {
    await adminPanel.getByRole('button', { name: 'Turn off Repairs desk version 1' }).click();
    await adminPanel.getByLabel('Why turn off Repairs desk version 1?').fill('Reads the wrong subject since the redesign');
    await adminPanel.getByRole('button', { name: 'Turn off', exact: true }).click();
    await adminPanel.getByText('Repairs desk version 1 will be off in every browser after its next sync.').waitFor();
    await syncUntilSynced(adminPanel);
    expect(serverRecords('adapterSwitch').map((r) => r.id)).toEqual(['custom-repairs-desk@1']);

    await syncUntilSynced(agentPanel);
    await expect.poll(async () => contactShown(agentPanel, agentTab), { timeout: 15_000 }).toEqual({
      card: expect.stringContaining('guessed from the page'),
      adapterId: 'generic',
      source: 'heuristic',
    });
    expect((await contactShown(agentPanel, agentTab)).card).toContain('Ticket88124');
  });
});
