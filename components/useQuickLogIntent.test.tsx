// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PEOPLE } from '../core/complaintFixtures.ts';
import type { QuickLogIntent } from '../core/messages.ts';
import { DEFAULT_ORG_SETTINGS } from '../core/orgSettings.ts';
import { call } from './client.ts';
import { Panel } from './Panel.tsx';
import { useQuickLogIntent } from './useQuickLogIntent.ts';

vi.mock('./client.ts', () => ({ call: vi.fn() }));
vi.mock('./useActiveContact.ts', () => ({
  useActiveContact: () => ({ tabId: 7, pageUrl: undefined, contact: null, loading: false, refresh: () => {} }),
}));

const NOW = Date.parse('2026-03-20T12:00:00Z');
const intent = (extra: Partial<QuickLogIntent> = {}): QuickLogIntent => ({ at: new Date(NOW - 1000).toISOString(), ...extra });
const stored = async () => (await browser.storage.session.get('quickLogIntent')).quickLogIntent;

const settle = () =>
  act(async () => {
    for (let i = 0; i < 30; i++) await Promise.resolve();
  });

function Probe({ onIntent }: { onIntent(i: QuickLogIntent): void }) {
  useQuickLogIntent(onIntent, () => NOW);
  return null;
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.mocked(call).mockClear();
});
afterEach(cleanup);

describe('useQuickLogIntent', () => {
  it('takes an intent waiting when the panel opens, and clears it', async () => {
    await browser.storage.session.set({ quickLogIntent: intent({ customerWords: 'Nobody rang back' }) });
    const onIntent = vi.fn();
    render(<Probe onIntent={onIntent} />);
    await settle();
    expect(onIntent).toHaveBeenCalledExactlyOnceWith(intent({ customerWords: 'Nobody rang back' }));
    expect(await stored()).toBeUndefined();
  });

  it('takes an intent set while the panel is open, once', async () => {
    const onIntent = vi.fn();
    render(<Probe onIntent={onIntent} />);
    await settle();
    expect(onIntent).not.toHaveBeenCalled();
    await act(() => browser.storage.session.set({ quickLogIntent: intent() }));
    await settle();
    expect(onIntent).toHaveBeenCalledOnce();
    expect(await stored()).toBeUndefined();
  });

  it('clears a stale or malformed intent without acting on it', async () => {
    await browser.storage.session.set({ quickLogIntent: { at: new Date(NOW - 10 * 60_000).toISOString() } });
    const onIntent = vi.fn();
    render(<Probe onIntent={onIntent} />);
    await settle();
    expect(await stored()).toBeUndefined();
    await act(() => browser.storage.session.set({ quickLogIntent: { words: 'not an intent' } }));
    await settle();
    expect(await stored()).toBeUndefined();
    expect(onIntent).not.toHaveBeenCalled();
  });

  it('leaves an intent for another tab to the panel beside that tab', async () => {
    // The tab beside this panel.
    const tab = { id: 5 };
    vi.spyOn(browser.tabs, 'query').mockImplementation((async () => [tab]) as never);
    await browser.storage.session.set({ quickLogIntent: intent({ tabId: tab.id! + 1 }) });
    const onIntent = vi.fn();
    render(<Probe onIntent={onIntent} />);
    await settle();
    expect(onIntent).not.toHaveBeenCalled();
    expect(await stored()).toEqual(intent({ tabId: tab.id! + 1 }));

    await act(() => browser.storage.session.set({ quickLogIntent: intent({ tabId: tab.id!, at: new Date(NOW).toISOString() }) }));
    await settle();
    expect(onIntent).toHaveBeenCalledOnce();
  });
});

describe('Panel: the quick log intent', () => {
  it('switches to Complaints with the quick log open and the selected words quoted', async () => {
    const me = { id: PEOPLE.agent.id, orgId: PEOPLE.manager.id, orgName: 'Demo', name: 'Ash Agent', email: 'ash@example.test', role: 'agent', teamIds: [] };
    (vi.mocked(call) as unknown as { mockImplementation(f: (name: string) => Promise<unknown>): void }).mockImplementation(async (name) => {
      if (name === 'checklists:list') return [];
      if (name === 'complaints:context') return { settings: DEFAULT_ORG_SETTINGS, me };
      if (name === 'complaints:list') return [];
      throw new Error(`not in this test: ${name}`);
    });
    render(<Panel />);
    await settle();
    expect(screen.getByRole('button', { name: 'Score' }).getAttribute('aria-current')).toBe('page');

    await act(() => browser.storage.session.set({ quickLogIntent: { at: new Date().toISOString(), customerWords: 'I was charged twice' } }));
    await settle();
    await settle();
    expect(screen.getByRole('button', { name: 'Complaints' }).getAttribute('aria-current')).toBe('page');
    expect((screen.getByLabelText('What happened') as HTMLTextAreaElement).value).toBe('The customer said: “I was charged twice”\n\n');
    expect(document.activeElement).toBe(screen.getByLabelText('Category'));
    expect(await stored()).toBeUndefined();

    // Cancelling leaves the Complaints view, with focus on the way back into the quick log.
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await settle();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Log a complaint' }));
  });
});
