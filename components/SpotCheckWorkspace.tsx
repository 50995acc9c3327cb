import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { approvedLatest, type Checklist } from '../core/checklist.ts';
import { contactKey, type ContactReference } from '../core/contact.ts';
import { uuidv7 } from '../core/ids.ts';
import type { SpotCheckDraft } from '../core/messages.ts';
import { canSubmit, formatScore, scoreSpotCheck } from '../core/scoring.ts';
import type { Answer, Answers, SpotCheck } from '../core/spotCheck.ts';
import { matchRoster, type Me, type RosterEntry } from '../core/account.ts';
import { call } from './client.ts';
import { ScoringForm } from './ScoringForm.tsx';
import { ScoreSummary } from './ScoreSummary.tsx';

interface Props {
  contact: ContactReference;
  checklists: Checklist[];
  /** The signed-in user, who is then the evaluator; undefined when working signed out. */
  me: Me | undefined;
  evaluator: string;
  onEvaluatorChange(name: string): void;
  onSubmitted(spotCheck: SpotCheck): void;
}

interface Draft {
  id: string;
  checklist: Checklist;
  answers: Answers;
  agent: string;
  agentId: string | undefined;
  note: string;
}

const AUTOSAVE_MS = 400;

/**
 * Scoring one contact. The draft autosaves to the background worker (IndexedDB) as the user works,
 * so closing the panel, reloading the page or restarting the browser loses nothing; reopening the
 * panel on the same contact resumes it.
 */
export function SpotCheckWorkspace({ contact, checklists, me, evaluator, onEvaluatorChange, onSubmitted }: Props) {
  const agents = useAgents(me);
  const offered = useMemo(() => approvedLatest(checklists), [checklists]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [resuming, setResuming] = useState(true);
  const [error, setError] = useState('');
  const [saved, setSaved] = useState<'saved' | 'saving' | 'unsaved'>('saved');
  const dirty = useRef(false);
  const key = contactKey(contact);

  // Resume the open draft for this contact, if any.
  useEffect(() => {
    let live = true;
    setResuming(true);
    setDraft(null);
    call('spotChecks:draftFor', { contactKey: key })
      .then((found) => {
        if (!live || !found) return;
        const checklist = checklists.find((c) => c.id === found.checklistId && c.version === found.checklistVersion);
        if (checklist) {
          setDraft({ id: found.id, checklist, answers: found.answers, agent: found.agent, agentId: found.agentId, note: found.note ?? '' });
        }
      })
      .catch((e: Error) => live && setError(e.message))
      .finally(() => live && setResuming(false));
    return () => {
      live = false;
    };
  }, [key, checklists]);

  const toMessage = (d: Draft): SpotCheckDraft => ({
    id: d.id,
    checklistId: d.checklist.id,
    checklistVersion: d.checklist.version,
    contact,
    evaluator: me?.name ?? evaluator,
    agent: d.agent,
    ...(d.agentId ? { agentId: d.agentId } : {}),
    answers: d.answers,
    ...(d.note.trim() ? { note: d.note } : {}),
  });

  async function save(d: Draft) {
    dirty.current = false;
    setSaved('saving');
    try {
      await call('spotChecks:saveDraft', toMessage(d));
      setSaved(dirty.current ? 'unsaved' : 'saved');
    } catch (e) {
      setSaved('unsaved');
      setError((e as Error).message);
    }
  }

  // Debounced autosave, and a last save when the panel is hidden or closed.
  const latest = useRef(draft);
  latest.current = draft;
  useEffect(() => {
    if (!draft || !dirty.current) return;
    const t = setTimeout(() => void save(draft), AUTOSAVE_MS);
    return () => clearTimeout(t);
  }, [draft]);
  useEffect(() => {
    const flush = () => {
      if (dirty.current && latest.current) void save(latest.current);
    };
    addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', flush);
    return () => {
      flush();
      removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', flush);
    };
  }, [contact]);

  function update(patch: (d: Draft) => Draft) {
    setDraft((d) => {
      if (!d) return d;
      dirty.current = true;
      setSaved('unsaved');
      return patch(d);
    });
  }

  function start(checklist: Checklist) {
    setError('');
    dirty.current = true;
    const known = matchRoster(agents, contact.agent);
    setDraft({ id: uuidv7(), checklist, answers: {}, agent: known?.name ?? contact.agent ?? '', agentId: known?.id, note: '' });
  }

  async function discard() {
    if (!draft) return;
    try {
      await call('spotChecks:discardDraft', { id: draft.id });
      dirty.current = false;
      setDraft(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  async function submit(e: Event) {
    e.preventDefault();
    if (!draft) return;
    setError('');
    try {
      dirty.current = false;
      const done = await call('spotChecks:submit', toMessage(draft));
      setDraft(null);
      onSubmitted(done);
    } catch (err) {
      setError((err as Error).message);
    }
  }

  if (resuming) return <p class="muted" role="status">Looking for a draft…</p>;

  if (!draft) {
    const suggested = offered.filter((c) => !contact.channel || !c.channels.length || c.channels.includes(contact.channel));
    return (
      <section class="card" aria-labelledby="pick-heading">
        <h2 id="pick-heading">Score this contact</h2>
        {offered.length === 0 ? (
          <p>No approved checklist is available. Import one under Export and import.</p>
        ) : (
          <ChecklistPicker checklists={suggested.length ? suggested : offered} all={offered} onPick={start} />
        )}
        {error && <p class="error" role="alert">{error}</p>}
      </section>
    );
  }

  const result = scoreSpotCheck(draft.checklist, draft.answers);
  const ready = canSubmit(draft.checklist, draft.answers);
  const blocker = !ready.ok
    ? ready.reason
    : !me && !evaluator.trim()
      ? 'Enter your name as evaluator.'
      : me && !draft.agentId
        ? 'Choose the agent from your team.'
        : !draft.agent.trim()
          ? 'Enter the agent whose contact this is.'
          : '';

  return (
    <form class="workspace" onSubmit={submit} aria-labelledby="scoring-heading">
      <div class="card-head">
        <h2 id="scoring-heading">
          {draft.checklist.title} <span class="muted">v{draft.checklist.version}</span>
        </h2>
        <span class="save-state" role="status">
          {saved === 'saved' ? 'Draft saved' : saved === 'saving' ? 'Saving…' : 'Unsaved changes'}
        </span>
      </div>
      <ScoreSummary result={result} />
      <div class="row">
        {me ? (
          <label>
            Agent
            <select
              value={draft.agentId ?? ''}
              onChange={(e) => {
                const picked = agents.find((a) => a.id === (e.currentTarget as HTMLSelectElement).value);
                update((d) => ({ ...d, agentId: picked?.id, agent: picked?.name ?? d.agent }));
              }}
            >
              <option value="">Choose…{contact.agent ? ` (page says ${contact.agent})` : ''}</option>
              {agents.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <>
            <label>
              Agent
              <input
                value={draft.agent}
                onInput={(e) => {
                  const agent = (e.currentTarget as HTMLInputElement).value;
                  update((d) => ({ ...d, agent }));
                }}
              />
            </label>
            <label>
              Evaluator
              <input value={evaluator} onChange={(e) => onEvaluatorChange((e.currentTarget as HTMLInputElement).value)} />
            </label>
          </>
        )}
      </div>
      <p class="muted keys">Keys: Y / N, digits, A for N/A, ↑ ↓ to move, ← → to step, Delete to clear.</p>
      <ScoringForm
        checklist={draft.checklist}
        answers={draft.answers}
        result={result}
        onAnswer={(itemId: string, patch: Partial<Answer>) =>
          update((d) => ({
            ...d,
            answers: { ...d.answers, [itemId]: { value: d.answers[itemId]?.value ?? null, ...d.answers[itemId], ...patch } },
          }))
        }
      />
      <label>
        Overall note
        <textarea
          rows={3}
          value={draft.note}
          onInput={(e) => {
            const note = (e.currentTarget as HTMLTextAreaElement).value;
            update((d) => ({ ...d, note }));
          }}
        />
      </label>
      {error && <p class="error" role="alert">{error}</p>}
      <div class="row sticky-actions">
        <button type="submit" disabled={Boolean(blocker)} aria-describedby="submit-blocker">
          Submit spot check ({formatScore(result.score)})
        </button>
        <button type="button" class="secondary" onClick={discard}>
          Discard draft
        </button>
      </div>
      <p id="submit-blocker" class="muted">{blocker}</p>
    </form>
  );
}

function ChecklistPicker({ checklists, all, onPick }: { checklists: Checklist[]; all: Checklist[]; onPick(c: Checklist): void }) {
  const [showAll, setShowAll] = useState(false);
  const list = showAll ? all : checklists;
  return (
    <>
      <ul class="picker" aria-label="Approved checklists">
        {list.map((c) => (
          <li key={`${c.id}@${c.version}`}>
            <button type="button" onClick={() => onPick(c)}>
              {c.title} <span class="muted">v{c.version} · pass {c.passMark}%</span>
            </button>
          </li>
        ))}
      </ul>
      {list.length < all.length && (
        <button type="button" class="link" onClick={() => setShowAll(true)}>
          Show all {all.length} checklists
        </button>
      )}
    </>
  );
}

/** The agents the signed-in evaluator may score: their teams' agents (a manager: every agent). */
function useAgents(me: Me | undefined): RosterEntry[] {
  const [agents, setAgents] = useState<RosterEntry[]>([]);
  useEffect(() => {
    if (!me) return setAgents([]);
    void call('roster:get', {}).then(({ roster }) =>
      setAgents(
        roster
          .filter((r) => r.role === 'agent' && (me.role === 'manager' || r.teamIds.some((t) => me.teamIds.includes(t))))
          .sort((a, b) => a.name.localeCompare(b.name)),
      ),
    );
  }, [me?.id]);
  return agents;
}
