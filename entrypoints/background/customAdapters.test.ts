import { fakeBrowser } from 'wxt/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../core/account.ts';
import type { AdapterSwitch, CustomAdapter, CustomAdapterPutInput } from '../../core/customAdapter.ts';
import { messageMap } from '../../core/messages.ts';
import { dispatch } from '../../core/messaging.ts';
import type { SyncRecord } from '../../core/sync.ts';
import { ADAPTERS_KEY, adaptersOfSet } from '../../sites/pageAdapters.ts';
import type { SiteAdapter } from '../../sites/types.ts';
import { adapters } from '../../sites/registry.ts';
import { type FloorwalkerDB, openFloorwalkerDB } from '../../storage/db.ts';
import { applyPull, nextBatch } from '../../storage/sync.ts';
import { freshIndexedDB } from '../../storage/testing.ts';
import { adaptersPulled, customAdapterHandlers, pickerHandlers } from './customAdapters.ts';
import { readContactInTab } from './adapterInjection.ts';

const NOW = new Date('2026-03-21T10:00:00.000Z');
const CASE_URL = 'https://casework.example.org/casework/cases/88123';
const uuid = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const person = (role: Me['role']): Me => ({ id: uuid(1), orgId: uuid(900), orgName: 'Demo', name: `Mo ${role}`, email: 'mo@example.test', role, teamIds: [] });

const put: CustomAdapterPutInput = {
  id: 'casework',
  name: 'Casework',
  matches: ['https://casework.example.org/casework/*'],
  landmark: 'main[data-screen="case"]',
  contactId: { from: 'url', pattern: '/cases/(\\d{1,12})' },
  fields: { subject: 'h2.hdr-x7' },
};
const published: CustomAdapter = { ...put, disabled: false, version: 1, publishedBy: 'Mo admin', publishedAt: '2026-03-20T09:00:00.000Z' };
const switchedOff = (adapterId: string, adapterVersion: number): AdapterSwitch => ({
  adapterId,
  adapterVersion,
  disabled: true,
  reason: 'Reads the wrong subject since the redesign',
  setBy: 'Mo admin',
  setAt: '2026-03-20T09:30:00.000Z',
});
const record = (entity: SyncRecord['entity'], id: string, data: unknown, version = 1): SyncRecord => ({ entity, id, version, deleted: false, data });
const pull = (records: SyncRecord[], cursor: number) => applyPull(db, { cursor, hasMore: false, records, roster: [], teams: [] });

type Injection = { target: { tabId: number; frameIds?: number[] }; func?: (...args: unknown[]) => unknown; args?: unknown[]; files?: string[] };
let db: FloorwalkerDB;
let signedIn: Me | null;
let changed: ReturnType<typeof vi.fn<() => void>>;
let injections: Injection[];
let results: unknown[];

beforeEach(async () => {
  fakeBrowser.reset();
  freshIndexedDB();
  db = await openFloorwalkerDB();
  signedIn = person('admin');
  changed = vi.fn<() => void>();
  injections = [];
  results = [];
  // fake-browser has no scripting: run what is injected as functions here, record the files.
  (fakeBrowser.scripting as unknown as Record<string, unknown>).executeScript = async (injection: Injection) => {
    injections.push(injection);
    if (injection.func) injection.func(...(injection.args ?? []));
    return [{ frameId: 0, result: injection.files ? results.shift() : undefined }];
  };
  await pull([record('customAdapter', 'casework', published)], 1);
});
afterEach(() => {
  const scope = globalThis as Record<string, unknown>;
  for (const key of ['floorwalkerCustomAdapters', 'floorwalkerPickerOptions', 'floorwalkerPreview', ADAPTERS_KEY]) delete scope[key];
});

async function send<T = never>(name: string, body: unknown, ctx: unknown = undefined): Promise<T> {
  const handlers = { ...customAdapterHandlers({ db: async () => db, now: () => NOW, signedIn: async () => signedIn, changed }), ...pickerHandlers() };
  const reply = await dispatch(messageMap, handlers, { name, body }, ctx);
  if (!reply) throw new Error(`unhandled ${name}`);
  if (!reply.ok) throw new Error(reply.error);
  return reply.body as T;
}

describe('publishing', () => {
  it('lists the published adapters, the switches and every built-in adapter version', async () => {
    await pull([record('adapterSwitch', 'zendesk@1', switchedOff('zendesk', 1))], 2);
    expect(await send('adapters:list', {})).toEqual({
      custom: [published],
      switches: [switchedOff('zendesk', 1)],
      builtIn: adapters.map(({ id, name, version }) => ({ id, name, version })),
    });
  });

  it('queues a new version of an adapter on the version this browser holds, and syncs soon', async () => {
    await send('adapters:publish', { ...put, name: 'Casework 2' });
    expect(await nextBatch(db, 10)).toMatchObject([
      { name: 'customAdapter.put', recordId: 'casework', baseVersion: 1, args: { ...put, name: 'Casework 2', disabled: false } },
    ]);
    expect(changed).toHaveBeenCalledOnce();
    // A second change before the first reached the server would conflict with it.
    await expect(send('adapters:publish', put)).rejects.toThrow(/has not reached the server yet/);
  });

  it('queues a kill switch under "<adapter>@<version>"', async () => {
    await send('adapters:switch', { adapterId: 'custom-casework', adapterVersion: 1, disabled: true, reason: 'Broke after the redesign' });
    expect(await nextBatch(db, 10)).toMatchObject([
      {
        name: 'adapterSwitch.put',
        recordId: 'custom-casework@1',
        baseVersion: 0,
        args: { adapterId: 'custom-casework', adapterVersion: 1, disabled: true, reason: 'Broke after the redesign' },
      },
    ]);
  });

  it('refuses agents, supervisors and people signed out; refuses a definition the schema refuses', async () => {
    for (const who of [person('agent'), person('supervisor'), null]) {
      signedIn = who;
      await expect(send('adapters:publish', put)).rejects.toThrow('Only admins and managers can publish site adapters or switch them off.');
      await expect(send('adapters:switch', { adapterId: 'zendesk', adapterVersion: 1, disabled: true, reason: 'x' })).rejects.toThrow(/Only admins/);
    }
    signedIn = person('manager');
    await expect(send('adapters:publish', { ...put, matches: ['<all_urls>'] })).rejects.toThrow(/match pattern/);
    expect(await nextBatch(db, 10)).toEqual([]);
  });
});

describe('in the page beside the panel', () => {
  it('starts the picker with its options placed first', async () => {
    await send('adapters:pick', { tabId: 7, similar: true, label: 'the conversation messages' });
    expect(injections.map((i) => [i.target, i.files ?? 'options'])).toEqual([
      [{ tabId: 7 }, 'options'],
      [{ tabId: 7 }, ['/picker.js']],
    ]);
    expect((globalThis as Record<string, unknown>).floorwalkerPickerOptions).toEqual({ similar: true, label: 'the conversation messages' });
  });

  it('hands a pick to the panel with the tab it came from', async () => {
    const sent = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
    const picked = { selector: 'h2.hdr-x7', sample: 'Boiler leaking', matchCount: 1 };
    await send('picker:done', { picked }, { tab: { id: 7 }, url: CASE_URL });
    expect(sent).toHaveBeenCalledWith({ name: 'picker:result', body: { tabId: 7, picked } });
    await expect(send('picker:done', { picked: { ...picked, matchCount: -1 } }, { tab: { id: 7 } })).rejects.toThrow(/matchCount/);
  });

  it('tries a draft on the page as the version publishing would make, and checks what the page says', async () => {
    const contact = { adapterId: 'custom-casework', crm: 'Casework', url: CASE_URL, ticketId: '88123', subject: 'Boiler', source: 'adapter', capturedAt: NOW.toISOString() };
    results.push({ addressMatches: true, claims: true, candidates: [contact], status: 'Open', messages: 3, replyEditor: true });
    expect(await send('adapters:preview', { tabId: 7, definition: put })).toEqual({
      addressMatches: true,
      claims: true,
      contact,
      status: 'Open',
      messages: 3,
      replyEditor: true,
    });
    expect(injections.map((i) => i.files ?? i.args)).toEqual([[{ ...put, disabled: false, version: 2 }], ['/crm-custom.js']]);

    // A contact the schema refuses is no contact (and named in a warning).
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    results.push({ addressMatches: true, claims: true, candidates: [{ ...contact, ticketId: '' }], status: null, messages: null, replyEditor: null });
    expect(await send('adapters:preview', { tabId: 7, definition: put })).toMatchObject({ contact: null });
    expect(warn).toHaveBeenCalledOnce();
    results.push('nonsense');
    await expect(send('adapters:preview', { tabId: 7, definition: put })).rejects.toThrow('The page could not be read with this definition.');
  });
});

describe('after a sync', () => {
  it('a change to the custom adapters or switches registers the guard again and has the panel read its page again', () => {
    const sent = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue(undefined);
    const registerGuard = vi.fn();
    adaptersPulled(new Set(['spotCheck']), registerGuard);
    expect([registerGuard.mock.calls.length, sent.mock.calls.length]).toEqual([0, 0]);
    adaptersPulled(new Set(['customAdapter']), registerGuard);
    expect([registerGuard.mock.calls.length, sent.mock.calls.length]).toEqual([1, 1]);
    adaptersPulled(new Set(['adapterSwitch', 'spotCheck']), registerGuard);
    expect([registerGuard.mock.calls.length, sent.mock.calls.length]).toEqual([2, 2]);
    expect(sent).toHaveBeenLastCalledWith({ name: 'adapters:changed', body: {} });
  });
});

describe('reading the contact in a tab', () => {
  const candidate = { adapterId: 'custom-casework', crm: 'Casework', url: CASE_URL, ticketId: '88123', source: 'adapter', capturedAt: NOW.toISOString() };
  let reads: number;

  /**
   * The page as the reader sees it: the adapters the injected scripts handed over (built-in ones by
   * their script, custom ones from the definitions placed before crm-custom.js).
   */
  function offeredInPage(): SiteAdapter[] {
    const offered = new Map<string, SiteAdapter>();
    let placed: CustomAdapter[] = [];
    for (const i of injections) {
      if (i.args) placed = i.args[0] as CustomAdapter[];
      for (const file of i.files ?? []) {
        const id = /^\/crm-(.+)\.js$/.exec(file)?.[1];
        if (id === 'custom') for (const d of placed) offered.set(`custom-${d.id}`, { id: `custom-${d.id}`, version: d.version } as SiteAdapter);
        else if (id) offered.set(id, adapters.find((a) => a.id === id)!);
      }
    }
    return [...offered.values()];
  }

  beforeEach(() => {
    reads = 0;
    vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue({ id: 7, url: CASE_URL } as never);
    // The reader answers once injected, and only when every adapter of the set asked for is in the page.
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (_tab: number, envelope: { body: { adapters: string } }) => {
      reads++;
      if (!injections.some((i) => i.files?.includes('/reader.js'))) throw new Error('Could not establish connection.');
      return adaptersOfSet(envelope.body.adapters, offeredInPage()) ? { ok: true, body: [candidate] } : { ok: false, error: 'another adapter set' };
    }) as never);
  });

  it('injects the custom adapters first, then the guesser, then the reader; once', async () => {
    expect(await readContactInTab(db, 7)).toEqual(candidate);
    expect(injections.map((i) => i.files ?? i.args)).toEqual([[[published]], ['/crm-custom.js', '/crm-generic.js', '/reader.js']]);
    expect(await readContactInTab(db, 7)).toEqual(candidate);
    expect([injections.length, reads]).toEqual([2, 3]);
  });

  it('puts no definitions in a page that has no custom adapters: one script evaluation less', async () => {
    await pull([record('customAdapter', 'casework', { ...published, disabled: true }, 2)], 2);
    await readContactInTab(db, 7);
    expect(injections.map((i) => i.files ?? i.args)).toEqual([['/crm-request-tracker.js', '/crm-zammad.js', '/crm-generic.js', '/reader.js']]);
  });

  it('after a kill switch arrives, the page is given the new set: the custom adapter is gone, the built-in ones are back', async () => {
    await readContactInTab(db, 7);
    await pull([record('adapterSwitch', 'custom-casework@1', switchedOff('custom-casework', 1))], 2);
    await readContactInTab(db, 7);
    expect(injections.slice(2).map((i) => i.files ?? i.args)).toEqual([['/crm-request-tracker.js', '/crm-zammad.js', '/crm-generic.js', '/reader.js']]);
  });

  it('a republished custom adapter goes into the page at its new version', async () => {
    await readContactInTab(db, 7);
    const republished = { ...published, version: 2, fields: { subject: 'h1' } };
    await pull([record('customAdapter', 'casework', republished, 2)], 2);
    await readContactInTab(db, 7);
    expect(injections.slice(2).map((i) => i.files ?? i.args)).toEqual([[[republished]], ['/crm-custom.js', '/crm-generic.js', '/reader.js']]);
  });

  it('a tab it cannot read gives no contact', async () => {
    (fakeBrowser.scripting as unknown as Record<string, unknown>).executeScript = async () => {
      throw new Error('Cannot access contents of the page.');
    };
    expect(await readContactInTab(db, 7)).toBeNull();
  });
});
