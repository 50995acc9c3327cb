/**
 * The in-page guard on a live Request Tracker in Chromium: enabled for RT's origin through the
 * background, it offers the quick log when the customer sounds like they are complaining, stops the
 * real "Update Ticket" send of a reply holding a card number (RT's history gets nothing), masks the
 * number in CKEditor in one click, and then lets the reply go with the mask. The digits are never in
 * the extension's IndexedDB or storage, nor in the database or the log of the sync server the prompt
 * events go to.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD_MASK } from '../../core/guards.ts';
import { createTicket, createUser, startRt, ticketHistory, type Rt } from '../system/rt.ts';
import { startServer, type ServerProcess } from '../system/server.ts';
import { findPanel, launchWithExtension, type ExtensionBrowser } from './chromium.ts';
import { callBackground } from './panelDriver.ts';

const CARD = '4111 1111 1111 1111';
/** The card's digits however they are spaced or encoded. */
const DIGITS = /4111(?:\s|&nbsp;|-){0,3}1111/;

let rt: Rt;
let server: ServerProcess;
let b: ExtensionBrowser;
let ext: Page;
let ticketId: number;

beforeAll(async () => {
  [rt, b, server] = await Promise.all([startRt(), launchWithExtension(), startServer()]);
  await server.cli('create-org', '--name', 'Guards Demo');
  await server.cli('create-user', '--org', 'Guards Demo', '--email', 'casey@guards.test', '--name', 'Casey Agent', '--role', 'agent', '--password', 'casey-agent-password');
  await createUser(rt, { name: 'casey.agent', email: 'casey.agent@floorwalker.test', realName: 'Casey Agent', password: 'casey-agent-pass', privileged: true });
  ticketId = await createTicket(rt, {
    queue: 'General',
    subject: 'Charged twice',
    requestor: 'customer.5521@example.net',
    owner: 'casey.agent',
    content: 'You took the payment twice. This is unacceptable and I want to complain.',
  });
  ext = await b.context.newPage();
  await ext.goto(`chrome-extension://${b.extensionId}/report.html`);
  await callBackground(ext, [{ name: 'sites:enable', body: { origin: rt.baseUrl } }]);
  // Signed in, so prompt events go to the server: the card must not go with them.
  await callBackground(ext, [{ name: 'auth:signIn', body: { serverUrl: server.url, email: 'casey@guards.test', password: 'casey-agent-password' } }]);
}, 240_000);

afterAll(async () => {
  await server?.dispose();
  await b?.close({ removeProfile: true });
  await rt?.stop();
});

async function rtPage(path: string): Promise<Page> {
  const page = b.context.pages().find((p) => p !== ext && !p.url().startsWith('chrome-extension:')) ?? (await b.context.newPage());
  // The agent's tab is the active one (the panel checks the intent is for the tab beside it).
  await page.bringToFront();
  await page.goto(`${rt.baseUrl}${path}`);
  if (await page.locator('input[name=user]').count()) {
    await page.fill('input[name=user]', rt.user);
    await page.fill('input[name=pass]', rt.password);
    await Promise.all([page.waitForNavigation(), page.locator('form#login').evaluate((f: HTMLFormElement) => f.submit())]);
    await page.goto(`${rt.baseUrl}${path}`);
  }
  return page;
}

/** Everything the extension keeps: every IndexedDB store, and local and session storage, as one text. */
async function everythingStored(): Promise<string> {
  return ext.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((done, fail) => {
      const open = indexedDB.open('floorwalker');
      open.onsuccess = () => done(open.result);
      open.onerror = () => fail(open.error);
    });
    const stores: Record<string, unknown[]> = {};
    for (const name of [...db.objectStoreNames]) {
      stores[name] = await new Promise<unknown[]>((done, fail) => {
        const req = db.transaction(name).objectStore(name).getAll();
        req.onsuccess = () => done(req.result);
        req.onerror = () => fail(req.error);
      });
    }
    db.close();
    const { storage } = (globalThis as unknown as { chrome: { storage: Record<'local' | 'session', { get(k: null): Promise<unknown> }> } }).chrome;
    return JSON.stringify({ stores, local: await storage.local.get(null), session: await storage.session.get(null) });
  });
}

/** The server's whole database as bytes (the SQLite file and its write-ahead log), and everything it logged. */
function everythingOnTheServer(): string {
  const file = join(server.env.DATA_DIR!, 'floorwalker.sqlite');
  const files = [file, `${file}-wal`].filter((f) => existsSync(f));
  return [...files.map((f) => readFileSync(f).toString('latin1')), server.output()].join('\n');
}

const replies = async () => (await ticketHistory(rt, ticketId)).filter((e) => e.type === 'Correspond');

/**
 * Every part of every message RT holds for the ticket, whatever its type: a reply from CKEditor is
 * stored as text/html, which ticketHistory (text/plain only) leaves out.
 */
async function everyMessagePart(): Promise<{ transactionId: string; contentType: string; content: string }[]> {
  const response = await fetch(`${rt.baseUrl}/REST/2.0/ticket/${ticketId}/attachments?per_page=100&fields=TransactionId,ContentType,Content`, {
    headers: { Authorization: `Basic ${Buffer.from(`${rt.user}:${rt.password}`).toString('base64')}` },
  });
  expect(response.status).toBe(200);
  const { items } = (await response.json()) as { items: { TransactionId: string; ContentType: string; Content?: string }[] };
  return items.map((a) => ({ transactionId: a.TransactionId, contentType: a.ContentType, content: a.Content ?? '' }));
}

describe('the in-page guard on Request Tracker', () => {
  it('is registered for the enabled origin only', async () => {
    const [sites] = await callBackground(ext, [{ name: 'sites:list', body: {} }]);
    expect(sites).toEqual([rt.baseUrl]);
    const patterns = await ext.evaluate(async () =>
      (await (globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<{ id: string; matches: string[] }[]> } } }).chrome.scripting.getRegisteredContentScripts()).map((s) => s.matches),
    );
    expect(patterns).toEqual([[`${rt.baseUrl}/*`]]);
  });

  it('offers the quick log when the customer sounds like they are complaining', async () => {
    const page = await rtPage(`/Ticket/Display.html?id=${ticketId}`);
    const prompt = page.locator('floorwalker-prompts [data-rule="sounds-like-a-complaint"]');
    await prompt.waitFor({ timeout: 15_000 });
    expect(await prompt.textContent()).toContain('This may be a complaint');
    // Watch for the intent the background leaves (the panel takes it at once).
    await ext.evaluate(() => {
      const scope = globalThis as unknown as { intents: unknown[]; chrome: { storage: { onChanged: { addListener(f: (c: Record<string, { newValue?: unknown }>, area: string) => void): void } } } };
      scope.intents = [];
      scope.chrome.storage.onChanged.addListener((changes, area) => {
        if (area === 'session' && changes.quickLogIntent?.newValue) scope.intents.push(changes.quickLogIntent.newValue);
      });
    });
    await prompt.getByRole('button', { name: 'Log as a complaint' }).click();

    // The click in the page is the user's gesture: the background opens the side panel with it
    // (Chromium carries the gesture through the content script's message), and the panel takes the
    // intent it left (components/useQuickLogIntent.ts), which holds the customer's words.
    await expect.poll(() => page.locator('floorwalker-prompts .notice').textContent(), { timeout: 10_000 }).toContain('is open in the Floorwalker panel');
    const panel = await findPanel(b, 10_000);
    const intent = () =>
      ext.evaluate(async () => {
        const { session } = (globalThis as unknown as { chrome: { storage: { session: { get(k: string): Promise<Record<string, unknown>> } } } }).chrome.storage;
        return (await session.get('quickLogIntent')).quickLogIntent ?? null;
      });
    await expect.poll(intent, { timeout: 10_000 }).toBeNull();
    const intents = await ext.evaluate(() => (globalThis as unknown as { intents: unknown[] }).intents);
    expect(intents).toEqual([{ tabId: expect.any(Number), customerWords: expect.stringContaining('This is unacceptable and I want to complain'), at: expect.any(String) }]);
    await panel.close();
  });

  it("stops RT's real send of a reply holding a card number, masks it in one click, then lets the reply go", async () => {
    const before = (await replies()).length;
    const page = await rtPage(`/Ticket/Update.html?Action=Respond&id=${ticketId}`);
    const body = page.frameLocator('#cke_UpdateContent iframe.cke_wysiwyg_frame').locator('body');
    await body.click();
    await page.keyboard.type(`Thank you for calling. I have your card ${CARD} on the form now.`);

    const prompt = page.locator('floorwalker-prompts [data-rule="card-number-in-reply"]');
    await page.locator('input[name=SubmitTicket]').click();
    await prompt.waitFor({ timeout: 10_000 });
    expect(await prompt.getAttribute('role')).toBe('alert');
    expect(await prompt.textContent()).toContain('Nothing was sent.');
    // Give a send that slipped through every chance to land: RT's history has no new reply.
    await page.waitForTimeout(1500);
    expect(page.url()).toContain('/Ticket/Update.html');
    expect(await replies()).toHaveLength(before);
    expect((await everyMessagePart()).some((part) => DIGITS.test(part.content))).toBe(false);

    // Nothing of the card in the extension: not in any IndexedDB store, nor in local or session storage.
    await expect
      .poll(async () => ((await callBackground(ext, [{ name: 'prompts:count', body: {} }]))[0] as { count: number }).count, { timeout: 5_000 })
      .toBeGreaterThan(0);
    const stored = await everythingStored();
    expect(stored).toContain('"promptEvents":[{');
    expect(stored).toContain('card-number-in-reply');
    expect(stored).not.toMatch(DIGITS);
    expect(stored).not.toMatch(/4111111111111111/);

    // The prompt events reached the server, and nothing of the card did: not its database, not its log.
    await expect
      .poll(async () => {
        await callBackground(ext, [{ name: 'sync:now', body: {} }]);
        return everythingOnTheServer().includes('card-number-in-reply');
      }, { timeout: 15_000 })
      .toBe(true);
    expect(everythingOnTheServer()).not.toMatch(DIGITS);
    expect(everythingOnTheServer()).not.toMatch(/4111111111111111/);

    await prompt.getByRole('button', { name: 'Remove card details' }).click();
    await expect.poll(() => body.textContent()).toContain(CARD_MASK);
    expect(await body.textContent()).not.toMatch(DIGITS);
    await prompt.waitFor({ state: 'detached' });

    await Promise.all([page.waitForURL(/\/Ticket\/Display\.html/, { timeout: 20_000 }), page.locator('input[name=SubmitTicket]').click()]);
    const after = await replies();
    expect(after).toHaveLength(before + 1);
    // The reply as RT stored it (CKEditor sends HTML): with the mask, without the digits.
    const parts = (await everyMessagePart()).filter((part) => Number(part.transactionId) === after.at(-1)!.transactionId);
    const kept = parts.map((part) => part.content).join('\n');
    expect(parts.map((part) => part.contentType)).toContain('text/html');
    expect(kept).toContain(CARD_MASK);
    expect(kept).toContain('Thank you for calling.');
    expect(kept).not.toMatch(DIGITS);
    expect((await everyMessagePart()).some((part) => DIGITS.test(part.content))).toBe(false);
    expect(await everythingStored()).not.toMatch(DIGITS);
    await callBackground(ext, [{ name: 'sync:now', body: {} }]);
    expect(everythingOnTheServer()).not.toMatch(DIGITS);
  });
});
