/**
 * A supervisor scores a spot check of a real Request Tracker ticket in the real Chromium side
 * panel, from the keyboard; the draft survives a page reload and a browser restart; the submitted
 * check shows in the list and in its printable report.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTicket, createUser, startRt, type Rt } from '../system/rt.ts';
import { launchWithExtension, openSidePanel, type ExtensionBrowser } from './chromium.ts';
import { scoreAllTop } from './panelDriver.ts';
import { openRtTicket } from './rtBrowser.ts';

let rt: Rt;
let ticketId: number;
let b: ExtensionBrowser;
let profileDir: string;

beforeAll(async () => {
  rt = await startRt();
  await createUser(rt, { name: 'alex.agent', email: 'alex.agent@floorwalker.test', realName: 'Alex Agent', password: 'alex-agent-pass', privileged: true });
  ticketId = await createTicket(rt, {
    queue: 'General',
    subject: 'Charged twice for my March bill',
    requestor: 'customer.8821@example.net',
    owner: 'alex.agent',
    content: 'My March bill was taken twice. I want the second payment back.',
  });
  b = await launchWithExtension();
  profileDir = b.profileDir;
});

afterAll(async () => {
  await b?.close({ removeProfile: true });
  await rt?.stop();
});

async function openTicket(): Promise<Page> {
  const page = b.context.pages()[0] ?? (await b.context.newPage());
  await openRtTicket(page, rt, ticketId);
  return page;
}

describe('spot check on a live Request Tracker ticket', () => {
  it('identifies the contact from the page in the real side panel', async () => {
    const ticket = await openTicket();
    const panel = await openSidePanel(b, ticket);
    const card = panel.getByRole('region', { name: 'Contact', exact: true });
    await expect.poll(() => card.textContent(), { timeout: 15_000 }).toContain(`Ticket${ticketId}`);
    const text = await card.textContent();
    expect(text).toContain('Request Tracker');
    expect(text).toContain('Charged twice for my March bill');
    expect(text).toContain('alex.agent');
    // The customer is RT's user id (not known in advance), never the requestor's email address.
    expect(text).toContain('Customer ref.');
    expect(text).not.toContain('@');
    expect(text).toContain('Email');
  });

  it('scores every item from the keyboard with a live score, and keeps the draft across a reload', async () => {
    const ticket = await openTicket();
    const panel = await openSidePanel(b, ticket);
    await panel.getByRole('button', { name: /Email and chat|written/i }).first().click();
    const summary = panel.getByTestId('score-summary');
    await expect.poll(() => summary.textContent()).toContain('No outcome');

    const items = await scoreAllTop(panel);
    expect(items).toBeGreaterThan(10);
    await expect.poll(() => summary.textContent()).toContain('100.0%');
    expect(await summary.textContent()).toContain('Pass');

    // A critical yes/no item answered No fails the check at once; answering Yes again restores it.
    const critical = panel
      .getByRole('radiogroup')
      .filter({ hasText: 'critical: fails the check' })
      .filter({ has: panel.getByRole('radio', { name: 'Yes' }) })
      .first();
    await critical.focus();
    await panel.keyboard.press('n');
    await expect.poll(() => summary.textContent()).toContain('0.0%Fail');
    expect(await summary.textContent()).toContain('failed the whole check');
    await critical.focus();
    await panel.keyboard.press('y');
    await expect.poll(() => summary.textContent()).toContain('100.0%');

    await panel.getByRole('button', { name: /^Add a note on/ }).first().click();
    await panel.getByLabel(/^Note on/).first().fill('Clear, friendly opening.');
    await expect.poll(() => panel.getByText('Draft saved').count(), { timeout: 10_000 }).toBe(1);

    await ticket.reload();
    await expect.poll(() => summary.textContent(), { timeout: 15_000 }).toContain('100.0%');
    expect(await panel.getByLabel(/^Note on/).first().inputValue()).toBe('Clear, friendly opening.');
  });

  it('resumes the draft after a browser restart, submits it, and lists and reports it', async () => {
    await b.close();
    b = await launchWithExtension(profileDir);
    const ticket = await openTicket();
    const panel = await openSidePanel(b, ticket);
    const summary = panel.getByTestId('score-summary');
    await expect.poll(() => summary.textContent(), { timeout: 15_000 }).toContain('100.0%');

    await panel.getByLabel('Evaluator').fill('Sam Supervisor');
    const submit = panel.getByRole('button', { name: /^Submit spot check/ });
    // Submit is aria-disabled (not disabled) while blocked; typing the name unblocks it at once.
    await expect.poll(() => submit.getAttribute('aria-disabled')).toBeNull();
    await submit.click();
    await panel.getByRole('heading', { name: 'Spot check submitted' }).waitFor();

    await panel.getByRole('button', { name: 'Recent and export' }).click();
    const rows = panel.locator('table.list tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    const row = await rows.first().textContent();
    expect(row).toContain(String(ticketId));
    expect(row).toContain('100.0% Pass');
    expect(row).toContain('Submitted');

    await panel.getByLabel('Outcome').selectOption('fail');
    await expect.poll(() => panel.getByText('No spot checks match.').count()).toBe(1);
    await panel.getByLabel('Outcome').selectOption('');
    await panel.getByLabel('Agent').fill('alex.agent');
    await panel.getByLabel('Agent').press('Enter');
    await panel.getByLabel('Agent').blur();
    await expect.poll(() => rows.count()).toBe(1);

    const href = await rows.first().getByRole('link').getAttribute('href');
    const report = await b.context.newPage();
    await report.goto(`chrome-extension://${b.extensionId}${href}`);
    const result = report.getByRole('region', { name: 'Result' });
    await expect.poll(() => result.textContent()).toContain('100.0% · Pass');
    expect(await report.textContent('body')).toContain('Clear, friendly opening.');
    expect(await report.textContent('body')).toContain('Sam Supervisor');
  });
});
