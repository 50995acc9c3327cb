import { useEffect, useState } from 'preact/hooks';
import type { Checklist } from '../core/checklist.ts';
import type { SpotCheckFilter, SpotCheckSummary } from '../core/messages.ts';
import { formatScore } from '../core/scoring.ts';
import { call } from './client.ts';
import { STATUS_LABELS } from '../core/labels.ts';

interface Props {
  checklists: Checklist[];
  filter: SpotCheckFilter;
  onFilterChange(f: SpotCheckFilter): void;
  /** Bumped by the parent when a check is submitted, to reload the list. */
  revision: number;
}

/** Recent spot checks, newest first, filterable by agent, checklist and outcome. */
export function SpotCheckList({ checklists, filter, onFilterChange, revision }: Props) {
  const [rows, setRows] = useState<SpotCheckSummary[] | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    let live = true;
    call('spotChecks:list', { ...filter, limit: 100 })
      .then((r) => live && (setRows(r), setError('')))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [filter, revision]);

  const titles = [...new Map(checklists.map((c) => [c.id, c.title])).entries()];
  const set = (patch: Partial<SpotCheckFilter>) => {
    const next: SpotCheckFilter = { ...filter, ...patch };
    for (const k of Object.keys(next) as (keyof SpotCheckFilter)[]) if (next[k] === '' || next[k] === undefined) delete next[k];
    onFilterChange(next);
  };

  return (
    <section aria-labelledby="recent-heading">
      <h2 id="recent-heading">Recent spot checks</h2>
      <div class="filters" role="search" aria-label="Filter spot checks">
        <label>
          Agent
          <input value={filter.agent ?? ''} onChange={(e) => set({ agent: (e.currentTarget as HTMLInputElement).value.trim() })} />
        </label>
        <label>
          Checklist
          <select value={filter.checklistId ?? ''} onChange={(e) => set({ checklistId: (e.currentTarget as HTMLSelectElement).value })}>
            <option value="">All</option>
            {titles.map(([id, title]) => (
              <option key={id} value={id}>
                {title}
              </option>
            ))}
          </select>
        </label>
        <label>
          Outcome
          <select
            value={filter.outcome ?? ''}
            onChange={(e) => set({ outcome: ((e.currentTarget as HTMLSelectElement).value || undefined) as SpotCheckFilter['outcome'] })}
          >
            <option value="">All</option>
            <option value="pass">Pass</option>
            <option value="fail">Fail</option>
            <option value="none">No outcome</option>
          </select>
        </label>
      </div>
      {error && <p class="error" role="alert">{error}</p>}
      {rows === null ? (
        <p class="muted">Loading…</p>
      ) : rows.length === 0 ? (
        <p class="muted">No spot checks match.</p>
      ) : (
        <table class="list">
          <thead>
            <tr>
              <th scope="col">Ticket</th>
              <th scope="col">Agent</th>
              <th scope="col">Checklist</th>
              <th scope="col">Score</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} class={r.outcome ?? 'none'}>
                <td>
                  <a href={`/report.html?id=${r.id}`} target="_blank" rel="noopener" title={r.subject}>
                    {r.ticketId}
                  </a>
                </td>
                <td>{r.agent}</td>
                <td>{r.checklistTitle}</td>
                <td>
                  {formatScore(r.score)} {r.outcome === 'pass' ? 'Pass' : r.outcome === 'fail' ? 'Fail' : ''}
                </td>
                <td>{STATUS_LABELS[r.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
