// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SpotCheckFilter, SpotCheckSummary } from '../core/messages.ts';
import { call } from './client.ts';
import { SpotCheckList } from './SpotCheckList.tsx';

vi.mock('./client.ts', () => ({ call: vi.fn() }));

const row = (n: number, agent: string, outcome: SpotCheckSummary['outcome'], score: number | null): SpotCheckSummary => ({
  id: `0190a0b0-0000-7000-8000-00000000000${n}`,
  checklistId: 'demo',
  checklistTitle: 'Demo',
  agent,
  evaluator: 'Sam',
  ticketId: String(n),
  score,
  outcome,
  status: 'submitted',
  updatedAt: '2026-03-02T09:30:00.000Z',
});
const rows = [row(1, 'alex.agent', 'pass', 100), row(2, 'Priya K', 'fail', 79.96), row(3, 'alex.agent', null, null)];

const settle = () =>
  act(async () => {
    for (let i = 0; i < 20; i++) await Promise.resolve();
  });

beforeEach(() => {
  (vi.mocked(call) as unknown as { mockImplementation(f: (name: string, body: SpotCheckFilter) => Promise<unknown>): void }).mockImplementation(
    async (_name, filter) => rows.filter((r) => !filter.agent || r.agent === filter.agent),
  );
});
afterEach(cleanup);

function Harness({ onFilterChange }: { onFilterChange(f: SpotCheckFilter): void }) {
  const [filter, setFilter] = useState<SpotCheckFilter>({});
  return (
    <SpotCheckList
      checklists={[]}
      filter={filter}
      onFilterChange={(f) => {
        onFilterChange(f);
        setFilter(f);
      }}
      revision={0}
    />
  );
}

describe('SpotCheckList', () => {
  it('shows outcomes with the shared labels, and a score that never reads as a pass when it failed', async () => {
    render(<Harness onFilterChange={() => {}} />);
    await settle();
    const cells = screen.getAllByRole('row').slice(1).map((r) => r.querySelectorAll('td')[3]!.textContent);
    expect(cells).toEqual(['100.0% Pass', '79.9% Fail', '— No outcome']);
    expect(screen.getAllByRole('link')[0]!.getAttribute('href')).toBe(`/report.html?id=${rows[0]!.id}`);
  });

  it('offers the known agents to match exactly, and trims what is typed', async () => {
    const onFilterChange = vi.fn();
    render(<Harness onFilterChange={onFilterChange} />);
    await settle();
    const input = screen.getByLabelText('Agent') as HTMLInputElement;
    const list = document.getElementById(input.getAttribute('list')!)!;
    expect([...list.querySelectorAll('option')].map((o) => o.value)).toEqual(['alex.agent', 'Priya K']);

    // Typing part of a name filters nothing until committed; the committed text is trimmed.
    fireEvent.input(input, { target: { value: '  Pri' } });
    expect(onFilterChange).not.toHaveBeenCalled();
    fireEvent.change(input, { target: { value: '  Priya K  ' } });
    expect(onFilterChange).toHaveBeenLastCalledWith({ agent: 'Priya K' });

    await settle();
    expect(screen.getAllByRole('row')).toHaveLength(2); // Priya K's one check
    // The suggestions stay: narrowing to one agent does not hide the others.
    expect([...list.querySelectorAll('option')].map((o) => o.value)).toEqual(['alex.agent', 'Priya K']);

    // Choosing a suggestion (an input event with a known name) applies at once, and committing it
    // afterwards (change) does not reload again.
    fireEvent.input(input, { target: { value: 'alex.agent' } });
    expect(onFilterChange).toHaveBeenLastCalledWith({ agent: 'alex.agent' });
    const calls = onFilterChange.mock.calls.length;
    fireEvent.change(input, { target: { value: 'alex.agent' } });
    expect(onFilterChange).toHaveBeenCalledTimes(calls);

    // Blank clears the filter.
    fireEvent.change(input, { target: { value: '   ' } });
    expect(onFilterChange).toHaveBeenLastCalledWith({});
  });

  it('offers the outcome filter with the shared labels', async () => {
    render(<Harness onFilterChange={() => {}} />);
    await settle();
    const options = [...(screen.getByLabelText('Outcome') as HTMLSelectElement).options].map((o) => [o.value, o.textContent]);
    expect(options).toEqual([
      ['', 'All'],
      ['pass', 'Pass'],
      ['fail', 'Fail'],
      ['none', 'No outcome'],
    ]);
  });
});
