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
/** How long "Discard draft" waits for its confirmation (while focus is elsewhere) before standing down. */
const CONFIRM_DISCARD_MS = 8000;

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
  const [saveError, setSaveError] = useState('');
  const [saved, setSaved] = useState<'saved' | 'saving' | 'unsaved'>('saved');
  /** Submitting or discarding: the draft is on its way out. */
  const [busy, setBusy] = useState(false);
  const [confirmingDiscard, setConfirmingDiscard] = useState(false);
  /** Set when Submit is activated while blocked; n re-mounts the alert so a second press is read too. */
  const [blockedNotice, setBlockedNotice] = useState<{ text: string; n: number } | null>(null);
  const dirty = useRef(false);
  /** The debounced autosave waiting to run. */
  const autosaveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** The save under way (saves run one after another); submit and discard wait for it. */
  const inFlight = useRef<Promise<void> | null>(null);
  /** While submitting or discarding, nothing may write the draft: a late save would bring it back. */
  const closing = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);
  const pickHeading = useRef<HTMLHeadingElement>(null);
  const discardButton = useRef<HTMLButtonElement>(null);
  const keepButton = useRef<HTMLButtonElement>(null);
  /** Where focus goes once the next render is on screen. */
  const pendingFocus = useRef<'first-item' | 'picker' | 'keep' | 'discard' | null>(null);
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

  useEffect(() => {
    const target = pendingFocus.current;
    if (!target) return;
    const element =
      target === 'first-item'
        ? formRef.current?.querySelector<HTMLElement>('[role=radiogroup]')
        : target === 'picker'
          ? pickHeading.current
          : target === 'keep'
            ? keepButton.current
            : discardButton.current;
    if (element) {
      pendingFocus.current = null;
      element.focus();
    }
  });

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

  /** Save a draft after any save already under way. Never rejects: a failure is shown and retried later. */
  function save(d: Draft): Promise<void> {
    dirty.current = false;
    setSaved('saving');
    const message = toMessage(d);
    const run: Promise<void> = (inFlight.current ?? Promise.resolve()).then(async () => {
      try {
        await call('spotChecks:saveDraft', message);
        setSaveError('');
        if (inFlight.current === run) setSaved(dirty.current ? 'unsaved' : 'saved');
      } catch (e) {
        // Still unsaved: the next edit, or the flush when the panel is hidden or closed, tries again.
        dirty.current = true;
        setSaved('unsaved');
        setSaveError(`Draft not saved: ${(e as Error).message}`);
      } finally {
        if (inFlight.current === run) inFlight.current = null;
      }
    });
    inFlight.current = run;
    return run;
  }

  /** Before submit or discard: cancel the waiting autosave and let a save under way finish. */
  async function settleSaves() {
    clearTimeout(autosaveTimer.current);
    autosaveTimer.current = undefined;
    await inFlight.current;
  }

  // Debounced autosave, and a last save when the panel is hidden or closed.
  const latest = useRef(draft);
  latest.current = draft;
  useEffect(() => {
    if (!draft || !dirty.current || closing.current) return;
    const timer = setTimeout(() => {
      autosaveTimer.current = undefined;
      void save(draft);
    }, AUTOSAVE_MS);
    autosaveTimer.current = timer;
    return () => clearTimeout(timer);
  }, [draft]);
  useEffect(() => {
    const flush = () => {
      if (closing.current || !dirty.current || !latest.current) return;
      clearTimeout(autosaveTimer.current);
      void save(latest.current);
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
    setSaved('unsaved');
    pendingFocus.current = 'first-item';
    const known = matchRoster(agents, contact.agent);
    setDraft({ id: uuidv7(), checklist, answers: {}, agent: known?.name ?? contact.agent ?? '', agentId: known?.id, note: '' });
  }

  // "Discard draft" asks first; the question stands down after a while unless focus is on it.
  useEffect(() => {
    if (!confirmingDiscard) return;
    let timer: ReturnType<typeof setTimeout>;
    const arm = () => {
      timer = setTimeout(() => {
        if (keepButton.current?.parentElement?.contains(document.activeElement)) return arm();
        setConfirmingDiscard(false);
      }, CONFIRM_DISCARD_MS);
    };
    arm();
    return () => clearTimeout(timer);
  }, [confirmingDiscard]);

  function askDiscard() {
    pendingFocus.current = 'keep';
    setConfirmingDiscard(true);
  }

  function keepDraft() {
    pendingFocus.current = 'discard';
    setConfirmingDiscard(false);
  }

  async function discard() {
    const d = latest.current;
    if (!d || closing.current) return;
    setConfirmingDiscard(false);
    setError('');
    closing.current = true;
    setBusy(true);
    let discarded = false;
    try {
      await settleSaves();
      await call('spotChecks:discardDraft', { id: d.id });
      discarded = true;
      dirty.current = false;
      setSaveError('');
      setSaved('saved');
      pendingFocus.current = 'picker';
      setDraft(null);
    } catch (e) {
      pendingFocus.current = 'discard';
      setError((e as Error).message);
    } finally {
      closing.current = false;
      setBusy(false);
    }
    if (!discarded && dirty.current && latest.current) void save(latest.current);
  }

  async function submit(e: Event) {
    e.preventDefault();
    if (!latest.current || closing.current) return;
    if (blocker) {
      announceBlocker(blocker);
      return;
    }
    setError('');
    closing.current = true;
    setBusy(true);
    let submitted = false;
    try {
      await settleSaves();
      // The draft as it is now, including anything typed while the last save finished.
      const done = await call('spotChecks:submit', toMessage(latest.current));
      submitted = true;
      dirty.current = false;
      setSaveError('');
      setSaved('saved');
      setDraft(null);
      onSubmitted(done);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      closing.current = false;
      setBusy(false);
    }
    // Still a draft: write anything not yet saved.
    if (!submitted && dirty.current && latest.current) void save(latest.current);
  }

  const result = draft ? scoreSpotCheck(draft.checklist, draft.answers) : null;
  const blocker = draft ? submitBlocker(draft) : null;

  function submitBlocker(d: Draft): Blocker | null {
    const ready = canSubmit(d.checklist, d.answers);
    if (!ready.ok) return { reason: ready.reason, field: 'item' };
    if (!me && !evaluator.trim()) return { reason: 'Enter your name as evaluator.', field: EVALUATOR_ID };
    if (me && !d.agentId) return { reason: 'Choose the agent from your team.', field: AGENT_ID };
    if (!d.agent.trim()) return { reason: 'Enter the agent whose contact this is.', field: AGENT_ID };
    return null;
  }

  /** Submit activated while blocked: say why, and take the user to what needs doing. */
  function announceBlocker(b: Blocker) {
    setBlockedNotice((n) => ({ text: b.reason, n: (n?.n ?? 0) + 1 }));
    const target =
      b.field === 'item'
        ? formRef.current?.querySelector<HTMLElement>('.item.unanswered [role=radiogroup]')
        : document.getElementById(b.field);
    target?.focus();
  }

  // The notice is about the blocker as it was when Submit was pressed; it goes when that changes.
  const blockerText = blocker?.reason ?? '';
  useEffect(() => setBlockedNotice(null), [blockerText]);

  if (resuming) return <p class="muted" role="status">Looking for a draft…</p>;

  if (!draft || !result) {
    const suggested = offered.filter((c) => !contact.channel || !c.channels.length || c.channels.includes(contact.channel));
    return (
      <section class="card" aria-labelledby="pick-heading">
        <h2 id="pick-heading" tabIndex={-1} ref={pickHeading}>
          Score this contact
        </h2>
        {offered.length === 0 ? (
          <p>No approved checklist is available. Import one under Export and import.</p>
        ) : (
          <ChecklistPicker checklists={suggested.length ? suggested : offered} all={offered} onPick={start} />
        )}
        {error && <p class="error" role="alert">{error}</p>}
      </section>
    );
  }

  const unavailable = Boolean(blocker) || busy;
  return (
    <form ref={formRef} class="workspace" onSubmit={submit} aria-labelledby="scoring-heading">
      <div class="card-head">
        <h2 id="scoring-heading">
          {draft.checklist.title} <span class="muted">v{draft.checklist.version}</span>
        </h2>
        {/* Not a live region: it changes with every keystroke. A failed save is announced below. */}
        <span class="save-state">{saved === 'saved' ? 'Draft saved' : saved === 'saving' ? 'Saving…' : 'Unsaved changes'}</span>
      </div>
      <ScoreSummary result={result} />
      <div class="row">
        {me ? (
          <label>
            Agent
            <select
              id={AGENT_ID}
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
                id={AGENT_ID}
                value={draft.agent}
                maxLength={200}
                onInput={(e) => {
                  const agent = (e.currentTarget as HTMLInputElement).value;
                  update((d) => ({ ...d, agent }));
                }}
              />
            </label>
            <label>
              Evaluator
              <input
                id={EVALUATOR_ID}
                value={evaluator}
                maxLength={200}
                onInput={(e) => onEvaluatorChange((e.currentTarget as HTMLInputElement).value)}
              />
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
      {saveError && <p class="error" role="alert">{saveError}</p>}
      {error && <p class="error" role="alert">{error}</p>}
      {blockedNotice && (
        <p key={blockedNotice.n} class="error" role="alert">
          Cannot submit yet: {blockedNotice.text}
        </p>
      )}
      <div class="row sticky-actions">
        {/* aria-disabled, not disabled: the button stays reachable and says why it cannot be used. */}
        <button type="submit" aria-disabled={unavailable ? 'true' : undefined} aria-describedby="submit-blocker">
          Submit spot check ({formatScore(result.score)})
        </button>
        {confirmingDiscard ? (
          <span
            class="confirm"
            role="group"
            aria-labelledby="discard-question"
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                keepDraft();
              }
            }}
          >
            <span id="discard-question">Discard this draft? It cannot be undone.</span>
            {/* Keep comes first and takes focus, so a repeated key press keeps the draft. */}
            <button type="button" class="secondary" ref={keepButton} onClick={keepDraft}>
              Keep draft
            </button>
            <button type="button" class="danger" onClick={() => void discard()} aria-disabled={busy ? 'true' : undefined}>
              Confirm discard
            </button>
          </span>
        ) : (
          <button type="button" class="secondary" ref={discardButton} onClick={askDiscard} aria-disabled={busy ? 'true' : undefined}>
            Discard draft
          </button>
        )}
      </div>
      <p id="submit-blocker" class="muted">
        {busy ? 'Working…' : (blocker?.reason ?? '')}
      </p>
    </form>
  );
}

const AGENT_ID = 'spot-check-agent';
const EVALUATOR_ID = 'spot-check-evaluator';

/** Why Submit is unavailable, and the field to take the user to ('item': the first unanswered item). */
interface Blocker {
  reason: string;
  field: 'item' | typeof AGENT_ID | typeof EVALUATOR_ID;
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
