// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Handler } from '../core/complaint.ts';
import { DEFAULT_AUTHORITY_POLICY } from '../core/complaint.ts';
import { CONTACT, closure, History, PEOPLE } from '../core/complaintFixtures.ts';
import type { ComplaintView } from '../core/messages.ts';
import { DEFAULT_ORG_SETTINGS } from '../core/orgSettings.ts';
import { call } from './client.ts';
import { ComplaintsView, type QuickLogOpen } from './ComplaintsView.tsx';
import { downloadText } from './download.ts';

vi.mock('./client.ts', () => ({ call: vi.fn() }));
vi.mock('./download.ts', () => ({ downloadText: vi.fn(), stamp: () => '2026-03-20' }));

const NOW = new Date('2026-03-20T12:00:00Z');
const me = { id: PEOPLE.agent.id, orgId: '0190a000-0000-7000-8000-000000000999', orgName: 'Demo', name: 'Ash Agent', email: 'ash@example.test', role: 'agent' as const, teamIds: [] };

function logged(by: Handler, receivedAt: string, reference: string, customerRef = 'cust-1'): History {
  const h = new History(DEFAULT_AUTHORITY_POLICY, receivedAt);
  h.log(by, { reference, contact: { ...CONTACT, customerRef } });
  return h;
}
const viewOf = (h: History): ComplaintView => ({ complaint: h.state!, events: h.events, synced: true });

// Mine, received 5 January: its eight weeks ended on 2 March, so on 20 March it is 18 days overdue.
const old = logged(PEOPLE.agent, '2026-01-05T10:00:00Z', 'C-OLD');
// A supervisor's, received two days ago.
const fresh = logged(PEOPLE.supervisor, '2026-03-18T10:00:00Z', 'C-NEW', 'cust-2');
// Mine, closed.
const done = logged(PEOPLE.agent, '2026-03-02T10:00:00Z', 'C-DONE');
done.apply('closed', PEOPLE.agent, { closure: closure('2026-03-03', 'upheld', 500), authority: done.authority(PEOPLE.agent) }, '2026-03-03T10:00:00Z');

let answer: Record<string, () => Promise<unknown>>;
beforeEach(() => {
  vi.mocked(call).mockClear();
  vi.mocked(downloadText).mockReset();
  answer = {
    'complaints:context': async () => ({ settings: DEFAULT_ORG_SETTINGS, me }),
    'complaints:list': async () => [viewOf(fresh), viewOf(done), viewOf(old)],
    'complaints:register': async () => ({ csv: 'Reference\r\nC-OLD\r\n' }),
  };
  (vi.mocked(call) as unknown as { mockImplementation(f: (name: string) => Promise<unknown>): void }).mockImplementation((name) => {
    const reply = answer[name];
    if (!reply) throw new Error(`not in this test: ${name}`);
    return reply();
  });
});
afterEach(cleanup);

const settle = () =>
  act(async () => {
    for (let i = 0; i < 20; i++) await Promise.resolve();
  });

const onOpenAccount = vi.fn();
/** The panel's part: which complaint is open, and whether the quick log is. */
function Harness() {
  const [quickLog, setQuickLog] = useState<QuickLogOpen | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <ComplaintsView
      contact={CONTACT}
      quickLog={quickLog}
      onQuickLog={setQuickLog}
      openId={openId}
      onOpen={setOpenId}
      onOpenAccount={onOpenAccount}
      revision={0}
      now={() => NOW}
    />
  );
}

async function show() {
  render(<Harness />);
  await settle();
}
const rowOf = (reference: string) => screen.getByRole('button', { name: reference }).closest('tr')!;
const section = (name: RegExp) => screen.getByRole('heading', { name }).closest('section')!;

describe('ComplaintsView: the list', () => {
  it('shows my queue and the others, each with category, status, owner and the most urgent clock; overdue stands out in words too', async () => {
    await show();
    expect(within(section(/^Your queue/)).getAllByRole('row').slice(1).map((r) => r.querySelector('button')!.textContent)).toEqual(['C-OLD']);
    expect(within(section(/^Other complaints/)).getAllByRole('row').slice(1).map((r) => r.querySelector('button')!.textContent)).toEqual(['C-NEW']);

    const overdue = rowOf('C-OLD');
    expect(overdue.classList.contains('overdue')).toBe(true);
    expect(overdue.textContent).toContain('Charges, billing and payments');
    expect(overdue.textContent).toContain('OpenYou');
    expect(overdue.cells[2]!.textContent).toBe('Overdue. Final or holding response: overdue by 18 days');

    const onTime = rowOf('C-NEW');
    expect(onTime.classList.contains('overdue')).toBe(false);
    expect(onTime.textContent).not.toContain('Overdue');
    expect(onTime.textContent).toContain('Cy Supervisor (supervisor)');
    expect(onTime.cells[2]!.textContent).toBe('Summary resolution possible: closes in 1 business day');
    expect(screen.getByText('2 open, 1 overdue')).toBeTruthy();
  });

  it('filters open, overdue or all', async () => {
    await show();
    const filter = screen.getByLabelText('Show');
    fireEvent.change(filter, { target: { value: 'overdue' } });
    expect(screen.queryByRole('button', { name: 'C-NEW' })).toBeNull();
    expect(screen.getByRole('button', { name: 'C-OLD' })).toBeTruthy();
    fireEvent.change(filter, { target: { value: 'all' } });
    expect(screen.getAllByRole('button', { name: /^C-/ }).map((b) => b.textContent)).toEqual(['C-OLD', 'C-DONE', 'C-NEW']);
    expect(rowOf('C-DONE').textContent).toContain('Closed');
  });

  it('exports the register as CSV through the download helper', async () => {
    await show();
    fireEvent.click(screen.getByRole('button', { name: 'Export register (CSV)' }));
    await settle();
    expect(downloadText).toHaveBeenCalledExactlyOnceWith('floorwalker-complaints-2026-03-20.csv', 'Reference\r\nC-OLD\r\n', 'text/csv');
    expect(screen.getByRole('status').textContent).toBe('Exported the complaints register.');
  });

  it('a register that cannot be fetched is reported, and nothing is downloaded', async () => {
    answer['complaints:register'] = async () => {
      throw new Error('The register could not be built.');
    };
    await show();
    fireEvent.click(screen.getByRole('button', { name: 'Export register (CSV)' }));
    await settle();
    expect(screen.getByRole('alert').textContent).toBe('The register could not be built.');
    expect(downloadText).not.toHaveBeenCalled();
  });

  it('says complaints need sign-in when nobody is signed in', async () => {
    answer['complaints:context'] = async () => ({ settings: DEFAULT_ORG_SETTINGS, me: null });
    await show();
    expect(screen.getByText(/Complaints need you to sign in/)).toBeTruthy();
    expect(vi.mocked(call).mock.calls.map(([name]) => name)).toEqual(['complaints:context']);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in under Account' }));
    expect(onOpenAccount).toHaveBeenCalled();
  });
});

describe('ComplaintsView: logging and opening', () => {
  it('Log a complaint opens the quick log; saving opens the new complaint; back returns to its row', async () => {
    const created = logged(PEOPLE.agent, '2026-03-20T11:00:00Z', 'C-MADE');
    answer['complaints:log'] = async () => viewOf(created);
    await show();
    fireEvent.click(screen.getByRole('button', { name: 'Log a complaint' }));
    fireEvent.change(screen.getByLabelText('Category'), { target: { value: 'billing' } });
    fireEvent.input(screen.getByLabelText('What happened'), { target: { value: 'Charged twice.' } });
    fireEvent.keyDown(screen.getByLabelText('What happened'), { key: 'Enter', ctrlKey: true });
    // The complaint's own view is loaded when first opened, and takes focus once it is there.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Complaint C-MADE' })));

    fireEvent.click(screen.getByRole('button', { name: 'Back to complaints' }));
    await settle();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'C-MADE' }));
  });

  it('cancelling the quick log returns focus to its button', async () => {
    await show();
    fireEvent.click(screen.getByRole('button', { name: 'Log a complaint' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await settle();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Log a complaint' }));
  });
});

describe('ComplaintsView: analysis', () => {
  it('is worked out only when opened, then shows volumes, open work, time to close, outcomes, repeats and learning', async () => {
    await show();
    const details = screen.getByText('Analysis').closest('details')!;
    expect(within(details).queryByRole('heading')).toBeNull();
    details.open = true;
    fireEvent(details, new Event('toggle'));
    await waitFor(() => expect(within(details).queryAllByRole('heading')).toHaveLength(6));
    expect(within(details).getAllByRole('heading').map((h) => h.textContent)).toEqual([
      'Volume by category',
      'Open work',
      'Time to close',
      'Outcomes',
      'Repeat complaints',
      'Learning by root cause',
    ]);
    const text = details.textContent!;
    expect(text).toContain('2 open');
    expect(text).toContain('1 overdue');
    expect(text).toContain('1 complaint closed: median 1 day (1 business day), average 1 day, 9 in 10 within 1 day');
    expect(text).toContain('Upheld: 1');
    expect(text).toContain('Redress paid: £5.00');
    // C-OLD and C-DONE are from the same customer, 56 days apart (within the 90-day window).
    expect(text).toContain('Customer cust-1: C-OLD, C-DONE');
    expect(within(details).getByRole('rowheader', { name: 'Charges, billing and payments' }).closest('tr')!.textContent).toBe(
      'Charges, billing and payments3——',
    );
  });
});
