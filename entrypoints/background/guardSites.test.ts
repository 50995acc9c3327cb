import { fakeBrowser } from 'wxt/testing';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CARD_MASK } from '../../core/guards.ts';
import { messageMap } from '../../core/messages.ts';
import { dispatch } from '../../core/messaging.ts';
import type { SyncRecord } from '../../core/sync.ts';
import { ADAPTERS_KEY } from '../../sites/pageAdapters.ts';
import { adapters } from '../../sites/registry.ts';
import { openFloorwalkerDB, type FloorwalkerDB } from '../../storage/db.ts';
import { ENABLED_SITES_KEY } from '../../storage/sites.ts';
import { applyPull } from '../../storage/sync.ts';
import { freshIndexedDB } from '../../storage/testing.ts';
import { guardFiles, guardHandlers, restoreGuard, siteHandlers } from './guardSites.ts';

const CARD = '4111 1111 1111 1111';
const RT = 'http://127.0.0.1:8971';
const NOW = new Date('2026-11-03T10:00:00.000Z');

type Script = { id: string; js?: string[]; matches?: string[]; allFrames?: boolean; persistAcrossSessions?: boolean };
let registered: Map<string, Script>;
let injected: { tabId: number; files: string[] }[];
let panelOpens: number;

beforeEach(() => {
  fakeBrowser.reset();
  freshIndexedDB();
  registered = new Map();
  injected = [];
  panelOpens = 0;
  // What fake-browser leaves out: content script registration, host permissions, the side panel.
  const scripting = fakeBrowser.scripting as unknown as Record<string, unknown>;
  // Like Chromium and Firefox, it gives the files back without their leading "/".
  scripting.getRegisteredContentScripts = async (filter?: { ids?: string[] }) =>
    [...registered.values()]
      .filter((s) => !filter?.ids || filter.ids.includes(s.id))
      .map((s) => (s.js ? { ...s, js: s.js.map((file) => file.replace(/^\//, '')) } : s));
  scripting.registerContentScripts = async (scripts: Script[]) => {
    for (const s of scripts) {
      if (registered.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
      registered.set(s.id, s);
    }
  };
  scripting.updateContentScripts = async (scripts: Script[]) => {
    for (const s of scripts) registered.set(s.id, { ...registered.get(s.id)!, ...s });
  };
  scripting.unregisterContentScripts = async ({ ids }: { ids: string[] }) => {
    for (const id of ids) registered.delete(id);
  };
  scripting.executeScript = async ({ target, files }: { target: { tabId: number }; files: string[] }) => {
    injected.push({ tabId: target.tabId, files });
    return [];
  };
  (fakeBrowser.permissions as unknown as Record<string, unknown>).contains = async () => true;
  (fakeBrowser as unknown as Record<string, unknown>).sidePanel = {
    open: async () => {
      panelOpens++;
      throw new Error('`sidePanel.open()` may only be called in response to a user gesture.');
    },
  };
});

function setup() {
  const db: Promise<FloorwalkerDB> = openFloorwalkerDB();
  const deps = { db: () => db, now: () => NOW };
  const panel = siteHandlers(deps);
  const page = guardHandlers(deps);
  const call = async (handlers: typeof panel, name: string, body: unknown, sender: unknown) => {
    const reply = await dispatch(messageMap, handlers, { name, body }, sender);
    if (!reply) throw new Error(`unhandled ${name}`);
    if (!reply.ok) throw new Error(reply.error);
    return reply.body as never;
  };
  return {
    db,
    fromPanel: (name: string, body: unknown = {}) => call(panel, name, body, { url: 'chrome-extension://x/sidepanel.html' }),
    fromPage: (name: string, body: unknown, url = `${RT}/Ticket/Update.html?id=7`) =>
      call(page, name, body, { url, tab: { id: 12, windowId: 1 } }),
  };
}

const event = (over: Record<string, unknown> = {}) => ({
  ruleId: 'card-number-in-reply',
  ruleVersion: 1,
  packId: 'uk-default',
  packVersion: 1,
  action: 'shown',
  candidates: [
    { adapterId: 'request-tracker', crm: 'Request Tracker', url: `${RT}/Ticket/Update.html?id=7`, ticketId: '7', source: 'adapter', capturedAt: NOW.toISOString() },
  ],
  ...over,
});

describe('enabling sites', () => {
  it('registers the guard for the origin, in every frame, with the adapters that can run there', async () => {
    const { fromPanel } = setup();
    expect(await fromPanel('sites:enable', { origin: `${RT}/Ticket/Display.html?id=7` })).toEqual([RT]);
    expect([...registered.values()]).toEqual([
      {
        id: 'floorwalker-guard-http-127-0-0-1-8971',
        js: ['/crm-request-tracker.js', '/crm-zammad.js', '/crm-generic.js', '/guard.js'],
        matches: [`${RT}/*`],
        allFrames: true,
        runAt: 'document_end',
        persistAcrossSessions: true,
      },
    ]);
    expect(await fromPanel('sites:list')).toEqual([RT]);
  });

  it('a second site gets its own registration; disabling one leaves the other', async () => {
    const { fromPanel } = setup();
    await fromPanel('sites:enable', { origin: RT });
    await fromPanel('sites:enable', { origin: 'https://acme.zendesk.com' });
    expect(guardFiles('https://acme.zendesk.com')).toEqual(['/crm-zendesk.js', '/crm-generic.js', '/guard.js']);
    expect(registered.size).toBe(2);
    expect(await fromPanel('sites:disable', { origin: RT })).toEqual(['https://acme.zendesk.com']);
    expect([...registered.keys()]).toEqual(['floorwalker-guard-https-acme-zendesk-com']);
    await fromPanel('sites:disable', { origin: 'https://acme.zendesk.com' });
    expect(registered.size).toBe(0);
  });

  it('starts the guard in tabs already open on the site', async () => {
    // Asked by match pattern; a tab of the same host on another port is not the site.
    const query = vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([
      { id: 3, url: `${RT}/Ticket/Display.html?id=7` },
      { id: 4, url: 'http://127.0.0.1:9999/other' },
    ] as never);
    const { fromPanel } = setup();
    await fromPanel('sites:enable', { origin: RT });
    expect(query).toHaveBeenCalledWith({ url: `${RT}/*` });
    expect(injected).toEqual([{ tabId: 3, files: guardFiles(RT) }]);
  });

  it('refuses what is not a web origin, and a site the extension may not enter', async () => {
    const { fromPanel } = setup();
    await expect(fromPanel('sites:enable', { origin: 'chrome://settings' })).rejects.toThrow(/http or https/);
    (fakeBrowser.permissions as unknown as Record<string, unknown>).contains = async () => false;
    await expect(fromPanel('sites:enable', { origin: RT })).rejects.toThrow(/not been allowed/);
    expect(registered.size).toBe(0);
  });

  it('at start, registers what the stored list says and drops what was registered but is no longer listed', async () => {
    registered.set('floorwalker-guard-https-old-example', { id: 'floorwalker-guard-https-old-example' });
    registered.set('someone-else', { id: 'someone-else' });
    await fakeBrowser.storage.local.set({ [ENABLED_SITES_KEY]: [RT] });
    await restoreGuard(openFloorwalkerDB);
    expect([...registered.keys()].sort()).toEqual(['floorwalker-guard-http-127-0-0-1-8971', 'someone-else']);
    // The next start finds it right and changes nothing.
    const update = vi.spyOn(fakeBrowser.scripting, 'updateContentScripts');
    await restoreGuard(openFloorwalkerDB);
    expect(update).not.toHaveBeenCalled();
  });
});

describe('the guard asking for its pack', () => {
  it('an enabled site gets the validated pack with its checked patterns; another site is told to stand down', async () => {
    const { fromPanel, fromPage } = setup();
    await fromPanel('sites:enable', { origin: RT });
    const config = (await fromPage('guard:config', {})) as { enabled: boolean; pack: { id: string; rules: unknown[] }; patterns: Record<string, unknown> };
    expect(config.enabled).toBe(true);
    expect(config.pack.id).toBe('uk-default');
    expect(Object.keys(config.patterns).length).toBeGreaterThan(0);
    expect(await fromPage('guard:config', {}, 'https://elsewhere.example.com/')).toEqual({ enabled: false });
  });
});

describe('prompt events', () => {
  it('are stored as PromptEvents: rule, pack, action, contact key, a user, the time; counted for the panel', async () => {
    const { db, fromPanel, fromPage } = setup();
    await fromPanel('sites:enable', { origin: RT });
    await fromPage('guard:event', event());
    await fromPage('guard:event', event({ ruleId: 'promise-beyond-authority', action: 'dismissed', reason: 'Already dealt with' }));
    const all = await (await db).getAll('promptEvents');
    expect(all).toHaveLength(2);
    // Both at the same instant: their ids (UUIDv7) share the time, so look them up by rule.
    const stored = ['card-number-in-reply', 'promise-beyond-authority'].map((id) => all.find((e) => e.ruleId === id)!);
    expect(stored[1]).toMatchObject({ action: 'dismissed', reason: 'Already dealt with' });
    expect(stored[0]).toMatchObject({
      ruleId: 'card-number-in-reply',
      ruleVersion: 1,
      packId: 'uk-default',
      packVersion: 1,
      action: 'shown',
      contactKey: `request-tracker:${RT}:7`,
      at: NOW.toISOString(),
    });
    // Nobody signed in: the browser's client id stands for the user.
    expect(stored[0]!.userId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Object.keys(stored[0]!).sort()).toEqual(['action', 'at', 'contactKey', 'id', 'packId', 'packVersion', 'ruleId', 'ruleVersion', 'userId']);
    expect(await fromPanel('prompts:count')).toEqual({ count: 2 });
  });

  it('refuses a reason holding a card number, a rule the pack lacks, extra fields, and sites not enabled', async () => {
    const { db, fromPanel, fromPage } = setup();
    await fromPanel('sites:enable', { origin: RT });
    await expect(fromPage('guard:event', event({ action: 'dismissed', reason: `card ${CARD}` }))).rejects.toThrow(/card number/);
    await expect(fromPage('guard:event', event({ ruleId: 'made-up' }))).rejects.toThrow(/No prompt rule/);
    await expect(fromPage('guard:event', event({ replyText: `card ${CARD}` }))).rejects.toThrow(/replyText/);
    await expect(fromPage('guard:event', event(), 'https://elsewhere.example.com/')).rejects.toThrow(/not enabled/);
    expect(await (await db).count('promptEvents')).toBe(0);
  });

  it('without a contact on the page, the key is the site', async () => {
    const { db, fromPanel, fromPage } = setup();
    await fromPanel('sites:enable', { origin: RT });
    await fromPage('guard:event', event({ candidates: [] }));
    expect((await (await db).getAll('promptEvents'))[0]!.contactKey).toBe(`site:${RT}`);
  });
});

describe('the quick log from the page', () => {
  it('leaves an intent with the card data masked, and says whether the panel opened', async () => {
    const { fromPanel, fromPage } = setup();
    await fromPanel('sites:enable', { origin: RT });
    const reply = await fromPage('guard:quickLog', { customerWords: `This is unacceptable. My card is ${CARD}.` });
    expect(reply).toEqual({ opened: false });
    expect(panelOpens).toBe(1);
    const { quickLogIntent } = await fakeBrowser.storage.session.get('quickLogIntent');
    expect(quickLogIntent).toEqual({ tabId: 12, customerWords: `This is unacceptable. My card is ${CARD_MASK}.`, at: NOW.toISOString() });
  });

  it('reports the panel open when the browser allows it', async () => {
    (fakeBrowser as unknown as { sidePanel: { open: () => Promise<void> } }).sidePanel.open = vi.fn(async () => undefined);
    const { fromPanel, fromPage } = setup();
    await fromPanel('sites:enable', { origin: RT });
    expect(await fromPage('guard:quickLog', {})).toEqual({ opened: true });
  });
});

describe('site adapters the organisation changed', () => {
  const zendesk = adapters.find((a) => a.id === 'zendesk')!;
  const pulled = async (db: Promise<FloorwalkerDB>, records: SyncRecord[]) =>
    applyPull(await db, { cursor: 1, hasMore: false, records, roster: [], teams: [] });
  const casework = {
    id: 'casework',
    name: 'Casework',
    matches: [`${RT}/casework/*`],
    contactId: { from: 'url', pattern: '/cases/(\\d{1,12})' },
    fields: {},
    disabled: false,
    version: 1,
    publishedBy: 'Mo Admin',
    publishedAt: NOW.toISOString(),
  };

  it('a version switched off leaves the guard registration at the next restore', async () => {
    const { db, fromPanel } = setup();
    await fromPanel('sites:enable', { origin: 'https://acme.zendesk.com' });
    const off = { adapterId: 'zendesk', adapterVersion: zendesk.version, disabled: true, reason: 'Redesign', setBy: 'Mo Admin', setAt: NOW.toISOString() };
    await pulled(db, [{ entity: 'adapterSwitch', id: `zendesk@${zendesk.version}`, version: 1, deleted: false, data: off }]);
    await restoreGuard(() => db);
    expect(registered.get('floorwalker-guard-https-acme-zendesk-com')?.js).toEqual(['/crm-generic.js', '/guard.js']);
  });

  it("a site the organisation's custom adapters take over is registered with the guesser only; the guard gets them in its own frame before it hears its config", async () => {
    const { db, fromPanel } = setup();
    await fromPanel('sites:enable', { origin: RT });
    await pulled(db, [{ entity: 'customAdapter', id: 'casework', version: 1, deleted: false, data: casework }]);
    await restoreGuard(() => db);
    expect(registered.get('floorwalker-guard-http-127-0-0-1-8971')?.js).toEqual(['/crm-generic.js', '/guard.js']);
    const calls: { target: unknown; args?: unknown[]; files?: string[] }[] = [];
    (fakeBrowser.scripting as unknown as Record<string, unknown>).executeScript = async (injection: (typeof calls)[number]) => {
      calls.push(injection);
      return [];
    };
    const config = (url: string) => dispatch(messageMap, guardHandlers({ db: () => db, now: () => NOW }), { name: 'guard:config', body: {} }, { url, frameId: 3, tab: { id: 12 } });
    expect(await config(`${RT}/casework/cases/7`)).toMatchObject({ ok: true, body: { enabled: true } });
    expect(calls.map((c) => [c.target, c.files ?? c.args])).toEqual([
      [{ tabId: 12, frameIds: [3] }, [[casework]]],
      [{ tabId: 12, frameIds: [3] }, ['/crm-custom.js']],
    ]);
  });
});
