import { useEffect, useState } from 'preact/hooks';
import type { Checklist } from '../core/checklist.ts';
import type { SpotCheckFilter, SpotCheckSummary } from '../core/messages.ts';
import { formatScore } from '../core/scoring.ts';
import { call } from './client.ts';
import { OUTCOME_LABELS, outcomeLabel, STATUS_LABELS } from '../core/labels.ts';
import { reportUrl } from './links.ts';

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
  // The agent filter is an exact, case-sensitive match, so offer the names it can match: every agent
  // seen in the loaded rows so far (kept across filters, so narrowing to one agent keeps the others).
  const [knownAgents, setKnownAgents] = useState<string[]>([]);
  const [agentText, setAgentText] = useState(filter.agent ?? '');
  useEffect(() => setAgentText(filter.agent ?? ''), [filter.agent]);

  useEffect(() => {
    let live = true;
    call('spotChecks:list', { ...filter, limit: 100 })
      .then((r) => {
        if (!live) return;
        setRows(r);
        setError('');
        setKnownAgents((known) => {
          const merged = new Set(known);
          for (const row of r) if (row.agent.trim()) merged.add(row.agent);
          return merged.size === known.length ? known : [...merged].sort((a, b) => a.localeCompare(b));
        });
      })
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [filter, revision]);

  const titles = [...new Map(checklists.map((c) => [c.id, c.title])).entries()];
  const set = (patch: Partial<SpotCheckFilter>) => {
    const next: SpotCheckFilter = { ...filter, ...patch };
    for (const k of Object.keys(next) as (keyof SpotCheckFilter)[]) if (next[k] === '' || next[k] === undefined) delete next[k];
    // Unchanged (a suggestion applied on input, then committed on change): no reload.
    const keys = Object.keys(next) as (keyof SpotCheckFilter)[];
    if (keys.length === Object.keys(filter).length && keys.every((k) => next[k] === filter[k])) return;
    onFilterChange(next);
  };

  return (
    <section aria-labelledby="recent-heading">
      <h2 id="recent-heading">Recent spot checks</h2>
      <div class="filters" role="search" aria-label="Filter spot checks">
        <label>
          Agent
          <input
            list="known-agents"
            value={agentText}
            autoComplete="off"
            title="The agent's name exactly as scored (choose from the list)"
            onInput={(e) => {
              const text = (e.currentTarget as HTMLInputElement).value;
              setAgentText(text);
              // Picking a suggestion applies it at once; typed text applies on Enter or leaving the field.
              if (knownAgents.includes(text.trim())) set({ agent: text.trim() });
            }}
            onChange={(e) => set({ agent: (e.currentTarget as HTMLInputElement).value.trim() })}
          />
          <datalist id="known-agents">
            {knownAgents.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
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
            {(['pass', 'fail', 'none'] as const).map((o) => (
              <option key={o} value={o}>
                {OUTCOME_LABELS[o]}
              </option>
            ))}
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
                  <a href={reportUrl(r.id)} target="_blank" rel="noopener" title={r.subject}>
                    {r.ticketId}
                  </a>
                </td>
                <td>{r.agent}</td>
                <td>{r.checklistTitle}</td>
                <td>
                  {formatScore(r.score)} {outcomeLabel(r.outcome)}
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
