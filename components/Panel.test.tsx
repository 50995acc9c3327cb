// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { fakeBrowser } from 'wxt/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Checklist } from '../core/checklist.ts';
import type { ContactReference } from '../core/contact.ts';
import { SIGNED_OUT_BOARD } from '../core/notices.ts';
import { call } from './client.ts';
import { Panel } from './Panel.tsx';
import type { ActiveContact } from './useActiveContact.ts';

vi.mock('./client.ts', () => ({ call: vi.fn() }));
// The panel follows whatever this says is beside it; tests change it with setActive.
let setActive: (a: ActiveContact) => void;
vi.mock('./useActiveContact.ts', () => ({
  useActiveContact: () => {
    const [active, set] = useState<ActiveContact>(initialActive);
    setActive = set;
    return active;
  },
}));

const page = (ticketId: string, extra: Partial<ContactReference> = {}): ContactReference => ({
  adapterId: 'generic',
  crm: 'In-house desk',
  url: `https://desk.example.com/cases/${ticketId}`,
  ticketId,
  agent: 'Priya',
  source: 'heuristic',
  capturedAt: '2026-03-02T09:30:00.000Z',
  ...extra,
});
const activeWith = (contact: ContactReference | null, tabId = 7): ActiveContact => ({
  tabId,
  pageUrl: contact?.url,
  contact,
  access: contact ? true : undefined,
  loading: false,
  refresh: () => {},
});
let initialActive: ActiveContact;
let checklists: Checklist[];
const checklist: Checklist = {
  id: 'demo',
  version: 1,
  title: 'Demo',
  channels: [],
  status: 'approved',
  approvedAt: '2026-01-01T00:00:00.000Z',
  passMark: 80,
  sections: [
    {
      id: 'open',
      title: 'Opening',
      items: [
        { id: 'greet', text: 'Greeted the customer', scale: { kind: 'yesNo' }, weight: 10, naAllowed: false, critical: 'none', skill: 'communication', requirementIds: [], criteria: [] },
      ],
    },
  ],
};

const settle = () =>
  act(async () => {
    for (let i = 0; i < 20; i++) await Promise.resolve();
  });
const card = () => screen.getByRole('region', { name: 'Contact' });

beforeEach(() => {
  fakeBrowser.reset();
  initialActive = activeWith(page('CS-1'));
  checklists = [];
  (vi.mocked(call) as unknown as { mockImplementation(f: (name: string) => Promise<unknown>): void }).mockImplementation(async (name) => {
    if (name === 'checklists:list') return checklists;
    if (name === 'spotChecks:draftFor') return null;
    if (name === 'spotChecks:saveDraft') return {};
    throw new Error(`not in this test: ${name}`);
  });
});
afterEach(cleanup);

async function correctAgent(agent: string) {
  fireEvent.click(screen.getByRole('button', { name: 'Correct' }));
  expect(document.activeElement).toBe(screen.getByLabelText('Ticket or contact id'));
  fireEvent.input(screen.getByLabelText('Agent'), { target: { value: agent } });
  fireEvent.submit(screen.getByRole('button', { name: 'Use this contact' }).closest('form')!);
  await settle();
}

describe('Panel: a hand-corrected contact', () => {
  it('survives a refresh that brings a new object for the same contact, and focus returns to the card', async () => {
    render(<Panel />);
    await settle();
    await correctAgent('priya.k');
    expect(card().textContent).toContain('priya.k');
    expect(card().textContent).toContain('typed by hand');
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Contact' }));

    // The content script re-reads the page (a new object, same ticket): the correction stays.
    act(() => setActive(activeWith(page('CS-1', { subject: 'Boiler', capturedAt: '2026-03-02T09:31:00.000Z' }))));
    await settle();
    expect(card().textContent).toContain('priya.k');

    // Another ticket: the correction belonged to the old one.
    act(() => setActive(activeWith(page('CS-2'))));
    await settle();
    expect(card().textContent).toContain('CS-2');
    expect(card().textContent).not.toContain('priya.k');
  });

  it('is dropped when the panel follows another tab, even for the same ticket', async () => {
    render(<Panel />);
    await settle();
    await correctAgent('priya.k');
    act(() => setActive(activeWith(page('CS-1'), 8)));
    await settle();
    expect(card().textContent).not.toContain('priya.k');
  });

  it('cancelling the correction returns focus to the card', async () => {
    render(<Panel />);
    await settle();
    fireEvent.click(screen.getByRole('button', { name: 'Correct' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await settle();
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Contact' }));
  });
});

describe('Panel: the evaluator', () => {
  it('unblocks Submit as the name is typed, and saves the setting once typing pauses', async () => {
    checklists = [checklist];
    render(<Panel />);
    await settle(); // the checklists
    await settle(); // the draft lookup
    fireEvent.click(screen.getByRole('button', { name: /^Demo/ }));
    await settle();
    fireEvent.keyDown(screen.getByRole('radiogroup', { name: 'Greeted the customer' }), { key: 'y' });
    const submit = screen.getByRole('button', { name: /^Submit spot check/ });
    expect(submit.getAttribute('aria-disabled')).toBe('true');

    const evaluator = screen.getByLabelText('Evaluator');
    fireEvent.input(evaluator, { target: { value: 'Sa' } });
    fireEvent.input(evaluator, { target: { value: 'Sam' } });
    expect(submit.hasAttribute('aria-disabled')).toBe(false); // no need to leave the field
    expect(await browser.storage.local.get('settings')).toEqual({}); // not saved per keystroke

    await act(() => new Promise((r) => setTimeout(r, 500)));
    expect(await browser.storage.local.get('settings')).toEqual({ settings: { evaluatorName: 'Sam' } });
  });
});

describe('Panel: after each sync', () => {
  it('leaves the spot check being scored as it is when the sync brings the same checklists', async () => {
    checklists = [checklist];
    const answer = vi.mocked(call).getMockImplementation()!;
    // Over runtime messaging every answer is a new copy.
    vi.mocked(call).mockImplementation(async (name, body) => structuredClone(await answer(name, body)));
    render(<Panel />);
    await settle();
    await settle();
    fireEvent.click(screen.getByRole('button', { name: /^Demo/ }));
    await settle();
    const item = screen.getByRole('radiogroup', { name: 'Greeted the customer' });
    item.focus();
    const loads = () => vi.mocked(call).mock.calls.filter(([name]) => name === 'checklists:list').length;
    const before = loads();

    await act(() => fakeBrowser.storage.session.set({ syncState: { status: 'synced', pending: 0, parked: 0, conflicts: 0, lastSyncAt: '2026-03-02T09:40:00.000Z' } }));
    await settle();
    await settle();
    expect(loads()).toBe(before + 1);
    expect(screen.getByRole('radiogroup', { name: 'Greeted the customer' })).toBe(item);
    expect(document.activeElement).toBe(item);
  });
});

describe('Panel: a site never allowed', () => {
  it('offers to allow the one site beside the panel, and nothing when the page was read', async () => {
    render(<Panel />);
    await settle();
    expect(screen.queryByRole('button', { name: /^Allow on / })).toBeNull();
    act(() => setActive({ ...activeWith(null), pageUrl: 'https://crm.example.com/case/9', access: false }));
    await settle();
    expect(screen.getByRole('heading', { name: 'Read contacts on crm.example.com?' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Allow on crm.example.com' })).toBeTruthy();
  });
});

describe('Panel: procedure notices', () => {
  it('counts the notices waiting for this person in the tab label, again after each sync', async () => {
    let toRead = 2;
    const answer = vi.mocked(call).getMockImplementation()!;
    vi.mocked(call).mockImplementation((async (name: string, body: never) =>
      name === 'notices:list' ? { ...SIGNED_OUT_BOARD, role: 'agent', toRead } : answer(name as never, body)) as typeof call);
    render(<Panel />);
    await settle();
    expect(screen.getByRole('button', { name: 'Notices (2 to read)' })).toBeTruthy();

    toRead = 0;
    await act(() => fakeBrowser.storage.session.set({ syncState: { status: 'synced', pending: 0, parked: 0, conflicts: 0, lastSyncAt: '2026-03-02T09:40:00.000Z' } }));
    await settle();
    expect(screen.getByRole('button', { name: 'Notices' })).toBeTruthy();
  });
});
