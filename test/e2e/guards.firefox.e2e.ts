/**
 * The in-page reply guard in Firefox ESR (Manifest V2), against a small CRM-like page served here:
 * turned on for the page's origin through the background, it holds the real form post of a reply
 * holding a card number (the server gets nothing), masks the number in one click and lets the masked
 * reply go; a tab already open when the site was enabled gets the guard too; turning the site off
 * stops the guard in open pages and new ones, and a card number is then posted as typed. Last, why
 * Firefox is asked for the host and not the origin: a granted pattern naming a port matches no page.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CARD_MASK } from '../../core/guards.ts';
import { launchFirefox, openExtensionPage, type FirefoxWithExtension } from './firefox.ts';

const CARD = '4111 1111 1111 1111';
const REPLY = `Thanks for waiting. I have your card ${CARD} here.`;
const MASKED = `Thanks for waiting. I have your card ${CARD_MASK} here.`;
/** The card's digits however they are spaced. */
const DIGITS = /4111[\s+-]*1111/;

/** The CRM: a ticket page per id, whose reply form posts back and is redirected to the ticket (303). */
const posts: { path: string; reply: string }[] = [];
let server: Server;
let origin: string;

function ticketPage(id: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ticket #${id}</title></head><body>
<h1>Ticket #${id}: Delivery address change</h1>
<section class="conversation">
  <article class="message"><p class="from">customer.5521@example.net</p><p>Hello, please send the parcel to my new address.</p></article>
  <article class="message"><p class="from">Casey Agent</p><p>Of course, I can help with that.</p></article>
</section>
<form method="post" action="/tickets/${id}/reply">
  <label>Reply <textarea name="reply" rows="6" cols="60"></textarea></label>
  <button type="submit">Send reply</button>
</form>
</body></html>`;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const ticket = /^\/tickets\/(\d+)(\/reply)?$/.exec(url.pathname);
    if (req.method === 'POST' && ticket?.[2]) {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        posts.push({ path: url.pathname, reply: new URLSearchParams(body).get('reply') ?? '' });
        res.writeHead(303, { location: `/tickets/${ticket[1]}?sent=${posts.length}` }).end();
      });
      return;
    }
    if (req.method === 'GET' && ticket && !ticket[2]) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(ticketPage(ticket[1]!));
      return;
    }
    res.writeHead(404).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server?.close();
});

type Reply = { ok: true; body: unknown } | { ok: false; error: string } | undefined;
/** What the tests use of the WebExtension API in an extension page. */
type Ext = {
  browser: {
    runtime: { sendMessage(m: unknown): Promise<unknown> };
    scripting: { getRegisteredContentScripts(): Promise<{ id: string; matches?: string[]; js?: string[] }[]> };
    permissions: { getAll(): Promise<{ origins?: string[] }>; contains(p: { origins: string[] }): Promise<boolean> };
    tabs: { query(q: { url: string }): Promise<unknown[]> };
  };
};

/** A message to the background from an extension page, as the panel sends it (the background's envelope). */
async function callBackground(ext: Page, name: string, body: unknown): Promise<unknown> {
  return ext.evaluate(
    async (name, body) => {
      const reply = (await (globalThis as unknown as Ext).browser.runtime.sendMessage({ name, body })) as Reply;
      if (!reply) throw new Error(`${name}: no reply`);
      if (!reply.ok) throw new Error(`${name}: ${reply.error}`);
      return reply.body;
    },
    name,
    body,
  );
}

async function openTicket(ff: FirefoxWithExtension, id: string): Promise<Page> {
  const page = await ff.browser.newPage();
  await page.goto(`${origin}/tickets/${id}`);
  return page;
}

const CARD_RULE = 'floorwalker-prompts >>> [data-rule="card-number-in-reply"]';
/** The UK pack's message: shown once the background's pack replaced the guard's starting one (guard:config answered). */
const PACK_MESSAGE =
  'This reply contains what looks like a payment card number. Take it out before sending: card numbers must not travel by email or chat, nor be kept in the ticket.';
const REFS = 'CC33 3.1 · CC33 3.3 · PCI DSS 4.2.2';
const CARD_SHOWN = { role: null, title: 'Card number in the reply', lines: [PACK_MESSAGE, REFS], buttons: ['Remove card details'] };
const CARD_HELD = { ...CARD_SHOWN, role: 'alert', lines: [PACK_MESSAGE, 'Nothing was sent.', REFS] };

/** The guard's card prompt as the agent sees it, once it holds (or does not hold) a send. */
async function cardPrompt(page: Page, { held }: { held: boolean }) {
  const card = (await page.waitForSelector(`${CARD_RULE}${held ? '[role="alert"]' : ':not([role])'}`, { timeout: 15_000 }))!;
  await page.waitForFunction(
    (el, message) => [...el.querySelectorAll(':scope > p')].some((p) => p.textContent === message),
    { timeout: 15_000 },
    card,
    PACK_MESSAGE,
  );
  return card.evaluate((el) => ({
    role: el.getAttribute('role'),
    title: el.querySelector('h2')?.textContent,
    lines: [...el.querySelectorAll(':scope > p')].map((p) => p.textContent),
    buttons: [...el.querySelectorAll('button')].map((b) => b.textContent),
  }));
}

const textOf = (el: ElementHandle<Element>) => el.evaluate((e) => e.textContent ?? '');
const replyValue = (page: Page) => page.$eval('textarea[name=reply]', (t) => (t as HTMLTextAreaElement).value);
const promptHost = (page: Page) => page.$('floorwalker-prompts');

/** Press send and wait for the server's answer to land the page back on the ticket. */
async function sendAndLand(page: Page): Promise<void> {
  await Promise.all([page.waitForNavigation({ timeout: 15_000 }), page.click('button[type=submit]')]);
}

describe('the in-page guard in Firefox', () => {
  let ff: FirefoxWithExtension;
  let ext: Page;
  let early: Page;

  beforeAll(async () => {
    // Host access to 127.0.0.1 and localhost, every port, as if the user had allowed it.
    ff = await launchFirefox();
    ext = await openExtensionPage(ff, 'report.html', '#app');
  });
  afterAll(async () => {
    await ff?.close();
  });

  const registered = () =>
    ext.evaluate(async () =>
      (await (globalThis as unknown as Ext).browser.scripting.getRegisteredContentScripts()).map((s) => ({ id: s.id, matches: s.matches, last: s.js?.at(-1) })),
    );

  it('is registered for the enabled origin and reaches a tab opened before the site was enabled', async () => {
    early = await openTicket(ff, '7');
    expect(await callBackground(ext, 'sites:list', {})).toEqual([]);
    expect(await callBackground(ext, 'sites:enable', { origin })).toEqual([origin]);
    // Firefox's patterns cannot name a port: the registration covers the host (storage/sites.ts), and
    // the browser gives the files back without their leading "/" (guardSites.ts compares them so).
    expect(await registered()).toEqual([
      { id: `floorwalker-guard-http-127-0-0-1-${new URL(origin).port}`, matches: ['http://127.0.0.1/*'], last: 'guard.js' },
    ]);

    // The tab was open before: the guard came by injection (injectIntoOpenTabs), not registration.
    await early.type('textarea[name=reply]', REPLY);
    expect(await cardPrompt(early, { held: false })).toEqual(CARD_SHOWN);
    await early.click('button[type=submit]');
    expect(await cardPrompt(early, { held: true })).toEqual(CARD_HELD);
    expect(early.url()).toBe(`${origin}/tickets/7`);
    expect(posts).toEqual([]);
  });

  it('holds the post of a reply holding a card number, masks it in one click, then lets the reply go', async () => {
    const page = await openTicket(ff, '42');
    await page.type('textarea[name=reply]', REPLY);
    await page.click('button[type=submit]');
    expect(await cardPrompt(page, { held: true })).toEqual(CARD_HELD);
    expect(page.url()).toBe(`${origin}/tickets/42`);

    const remove = (await page.waitForSelector(`${CARD_RULE} button`))!;
    expect(await textOf(remove)).toBe('Remove card details');
    await remove.click();
    await page.waitForFunction((mask) => document.querySelector('textarea')!.value.includes(mask), {}, CARD_MASK);
    expect(await replyValue(page)).toBe(MASKED);
    expect(await replyValue(page)).not.toMatch(/\d/);
    await page.waitForSelector(CARD_RULE, { hidden: true });
    const notice = (await page.waitForSelector('floorwalker-prompts >>> .notice'))!;
    expect(await textOf(notice)).toBe('Card details removed. Read the reply over, then send it.');

    // Nothing reached the server while the reply was held: the one post is the masked reply.
    await sendAndLand(page);
    expect(page.url()).toBe(`${origin}/tickets/42?sent=1`);
    expect(posts).toEqual([{ path: '/tickets/42/reply', reply: MASKED }]);
    expect(JSON.stringify(posts)).not.toMatch(DIGITS);
    await page.close();
  });

  it('stops once the site is turned off: in the open page at once, and in pages opened after', async () => {
    // The early tab still shows its held card prompt; turning the site off takes it away.
    expect(await promptHost(early)).not.toBeNull();
    expect(await callBackground(ext, 'sites:disable', { origin })).toEqual([]);
    expect(await registered()).toEqual([]);
    await early.waitForSelector('floorwalker-prompts', { hidden: true });
    expect(await promptHost(early)).toBeNull();
    // The same reply, card number and all, now goes to the server as typed.
    await sendAndLand(early);
    expect(posts.at(-1)).toEqual({ path: '/tickets/7/reply', reply: REPLY });

    const later = await openTicket(ff, '8');
    await later.type('textarea[name=reply]', REPLY);
    await sendAndLand(later);
    expect(posts.at(-1)).toEqual({ path: '/tickets/8/reply', reply: REPLY });
    expect(await promptHost(later)).toBeNull();
    expect(posts).toHaveLength(3);
  });
});

describe('access granted for the origin with its port', () => {
  let ff: FirefoxWithExtension;
  let ext: Page;

  beforeAll(async () => {
    // What asking Firefox for `${origin}/*` grants (components/SiteGuards.tsx did before).
    ff = await launchFirefox({ grantHosts: [`${origin}/*`] });
    ext = await openExtensionPage(ff, 'report.html', '#app');
  });
  afterAll(async () => {
    await ff?.close();
  });

  it('is granted, yet matches no page, so the guard cannot be turned on: Firefox is asked for the host', async () => {
    const page = await openTicket(ff, '9');
    const seen = await ext.evaluate(
      async (withPort) => {
        const { permissions, tabs } = (globalThis as unknown as Ext).browser;
        return {
          granted: (await permissions.getAll()).origins,
          containsOrigin: await permissions.contains({ origins: [withPort] }),
          containsHost: await permissions.contains({ origins: ['http://127.0.0.1/*'] }),
          tabsOnOrigin: (await tabs.query({ url: withPort })).length,
        };
      },
      `${origin}/*`,
    );
    expect(seen).toEqual({ granted: [`${origin}/*`], containsOrigin: true, containsHost: false, tabsOnOrigin: 0 });
    await expect(callBackground(ext, 'sites:enable', { origin })).rejects.toThrow(`sites:enable: Floorwalker has not been allowed into ${origin} yet.`);
    await page.close();
  });
});
