/**
 * On a help desk no adapter knows, the panel guesses the ticket from the page, says it guessed,
 * and lets the user correct the contact by hand; a page with no ticket asks for one.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchWithExtension, openSidePanel, type ExtensionBrowser } from './chromium.ts';

let server: Server;
let base: string;
let b: ExtensionBrowser;

const page = (title: string, body: string) =>
  `<!doctype html><html><head><title>${title}</title></head><body>${body}</body></html>`;

beforeAll(async () => {
  server = createServer((req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    if (req.url?.startsWith('/helpdesk/cases/CS-4471')) {
      res.end(page('Case CS-4471 · Broken boiler, no hot water · In-house desk', '<h1>Broken boiler, no hot water</h1><p>Assigned to Priya</p>'));
    } else {
      res.end(page('Team dashboard · In-house desk', '<h1>Good morning</h1><p>12 open cases in 2026</p>'));
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  b = await launchWithExtension();
});
afterAll(async () => {
  await b?.close({ removeProfile: true });
  await new Promise((r) => server?.close(r));
});

it('guesses the case from an unknown page and takes a correction by hand', async () => {
  const tab = b.context.pages()[0] ?? (await b.context.newPage());
  await tab.goto(`${base}/helpdesk/cases/CS-4471`);
  const panel = await openSidePanel(b, tab);
  const card = panel.getByRole('region', { name: 'Contact', exact: true });
  await expect.poll(() => card.textContent(), { timeout: 15_000 }).toContain('CS-4471');
  expect(await card.textContent()).toContain('guessed from the page');

  await card.getByRole('button', { name: 'Correct' }).click();
  await panel.getByLabel('Agent').fill('priya.k');
  await panel.getByLabel('Channel').selectOption('phone');
  await panel.getByRole('button', { name: 'Use this contact' }).click();
  const corrected = await card.textContent();
  expect(corrected).toContain('priya.k');
  expect(corrected).toContain('typed by hand');
  expect(corrected).toContain('CS-4471');

  // Phone contacts are offered the phone checklist; the draft starts with the corrected agent.
  await panel.getByRole('button', { name: /Phone contact/i }).first().click();
  expect(await panel.getByLabel('Agent', { exact: true }).inputValue()).toBe('priya.k');
});

it('asks for the contact on a page without one', async () => {
  const tab = b.context.pages()[0]!;
  await tab.goto(`${base}/dashboard`);
  const panel = await openSidePanel(b, tab);
  await panel.getByRole('heading', { name: 'Which contact?' }).waitFor({ timeout: 15_000 });
  await panel.getByLabel('Ticket or contact id').fill('  ');
  await panel.getByRole('button', { name: 'Use this contact' }).click();
  // An empty id is refused with a reason, and nothing is chosen.
  await panel.getByRole('alert').waitFor();
  expect(await panel.getByRole('alert').textContent()).toMatch(/ticket or contact id is required|required/i);
});
