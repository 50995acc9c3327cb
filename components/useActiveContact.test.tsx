// @vitest-environment happy-dom
import { act, cleanup, render } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContactReference } from '../core/contact.ts';
import { call } from './client.ts';
import { type ActiveContact, useActiveContact } from './useActiveContact.ts';

vi.mock('./client.ts', () => ({ call: vi.fn() }));

const PANEL_WINDOW = 1;
const contactFor = (tabId: number): ContactReference => ({
  adapterId: 'request-tracker',
  crm: 'Request Tracker',
  url: `https://rt.example.com/Ticket/Display.html?id=${tabId}`,
  ticketId: String(tabId),
  source: 'adapter',
  capturedAt: '2026-03-02T09:30:00.000Z',
});

/** The active tab as tabs.query reports it, and how contact:get answers each tab. */
let activeTab: number;
let contactGet: (tabId: number) => Promise<ContactReference | null>;
let queries: number;
let seen: ActiveContact;

function Probe() {
  seen = useActiveContact();
  return null;
}

const settle = () =>
  act(async () => {
    for (let i = 0; i < 20; i++) await Promise.resolve();
  });

beforeEach(() => {
  fakeBrowser.reset();
  activeTab = 10;
  queries = 0;
  contactGet = async (tabId) => contactFor(tabId);
  vi.spyOn(browser.tabs, 'query').mockImplementation((async () => {
    queries++;
    return [{ id: activeTab, url: `https://rt.example.com/Ticket/Display.html?id=${activeTab}`, windowId: PANEL_WINDOW }];
  }) as never);
  vi.spyOn(browser.windows, 'getCurrent').mockImplementation((async () => ({ id: PANEL_WINDOW })) as never);
  (vi.mocked(call) as unknown as { mockImplementation(f: (name: string, body: { tabId: number }) => Promise<unknown>): void }).mockImplementation(
    (name, body) => (name === 'contact:get' ? contactGet(body.tabId) : Promise.reject(new Error(`unexpected ${name}`))),
  );
});
afterEach(cleanup);

describe('useActiveContact', () => {
  it('reads the active tab once on open', async () => {
    render(<Probe />);
    await settle();
    expect(queries).toBe(1);
    expect(seen).toMatchObject({ tabId: 10, pageUrl: contactFor(10).url, contact: contactFor(10), loading: false });
  });

  it('only the latest of overlapping reads applies, tab and contact together', async () => {
    const replies = new Map<number, (c: ContactReference) => void>();
    contactGet = (tabId) => new Promise((resolve) => replies.set(tabId, resolve));
    render(<Probe />);
    await settle();
    activeTab = 11;
    await act(async () => seen.refresh());
    await settle();
    replies.get(11)!(contactFor(11));
    await settle();
    expect(seen).toMatchObject({ tabId: 11, contact: contactFor(11), loading: false });
    replies.get(10)!(contactFor(10)); // the older read lands last: ignored
    await settle();
    expect(seen).toMatchObject({ tabId: 11, contact: contactFor(11) });
  });

  it("a failed read of the contact shows none, not the previous tab's", async () => {
    render(<Probe />);
    await settle();
    activeTab = 12;
    contactGet = async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    };
    await fakeBrowser.tabs.onActivated.trigger({ tabId: 12, windowId: PANEL_WINDOW });
    await settle();
    expect(seen).toMatchObject({ tabId: 12, contact: null, loading: false });
  });

  it("ignores tabs activated in other windows, and reads the panel window's new tab once", async () => {
    render(<Probe />);
    await settle();
    expect(queries).toBe(1);
    await fakeBrowser.tabs.onActivated.trigger({ tabId: 99, windowId: PANEL_WINDOW + 1 });
    await settle();
    expect(queries).toBe(1);
    activeTab = 13;
    await fakeBrowser.tabs.onActivated.trigger({ tabId: 13, windowId: PANEL_WINDOW });
    await settle();
    expect(queries).toBe(2); // the tab change re-subscribes nothing and reads once
    expect(seen).toMatchObject({ tabId: 13, contact: contactFor(13) });
  });

  it("takes a single-page CRM's contact:changed from the tab shown only", async () => {
    render(<Probe />);
    await settle();
    const changed = (contact: ContactReference) => ({ name: 'contact:changed', body: { candidates: [contact] } });
    await fakeBrowser.runtime.onMessage.trigger(changed(contactFor(77)), { tab: { id: 55 } } as never);
    await settle();
    expect(seen.contact).toEqual(contactFor(10));
    await fakeBrowser.runtime.onMessage.trigger(changed(contactFor(78)), { tab: { id: 10 } } as never);
    await settle();
    expect(seen).toMatchObject({ tabId: 10, contact: contactFor(78) });
  });

  it('reads the page again when a sync brought other site adapters', async () => {
    render(<Probe />);
    await settle();
    await fakeBrowser.runtime.onMessage.trigger({ name: 'adapters:changed', body: {} }, {} as never);
    await settle();
    expect(queries).toBe(2);
  });
});
