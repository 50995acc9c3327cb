import { useEffect, useRef, useState } from 'preact/hooks';
import type { Checklist } from '../core/checklist.ts';
import { contactKey, type ContactReference } from '../core/contact.ts';
import { outcomeLabel } from '../core/labels.ts';
import type { SpotCheckFilter } from '../core/messages.ts';
import { formatScore } from '../core/scoring.ts';
import type { SpotCheck } from '../core/spotCheck.ts';
import type { SyncState } from '../core/syncState.ts';
import { loadSettings, saveSettings } from '../storage/settings.ts';
import { call } from './client.ts';
import { ComplaintsView, type QuickLogOpen } from './ComplaintsView.tsx';
import { ContactCard } from './ContactCard.tsx';
import { SiteAccess } from './SiteAccess.tsx';
import { ExportPanel } from './ExportPanel.tsx';
import { reportUrl } from './links.ts';
import { SpotCheckList } from './SpotCheckList.tsx';
import { SpotCheckWorkspace } from './SpotCheckWorkspace.tsx';
import { SyncBar } from './SyncBar.tsx';
import { useActiveContact } from './useActiveContact.ts';
import { useNoticesToRead } from './useNoticesToRead.ts';
import { useQuickLogIntent } from './useQuickLogIntent.ts';
import { useSyncState } from './useSyncState.ts';
import { lazyView } from './lazyView.tsx';

// Not needed to score a contact: loaded when first opened, so the panel opens sooner.
const AccountView = lazyView(() => import('./AccountView.tsx').then((m) => m.AccountView));
const NoticesView = lazyView(() => import('./NoticesView.tsx').then((m) => m.NoticesView));

type View = 'score' | 'complaints' | 'notices' | 'recent' | 'account';
const VIEWS: readonly View[] = ['score', 'complaints', 'notices', 'recent', 'account'];
const VIEW_LABELS: Record<View, string> = { score: 'Score', complaints: 'Complaints', notices: 'Notices', recent: 'Recent and export', account: 'Account' };
/** The evaluator's name is saved to settings once typing pauses. */
const SAVE_EVALUATOR_MS = 400;

/** The side panel: the contact beside it, scoring, complaints, and the recent list with export. */
export function Panel() {
  const active = useActiveContact();
  const [view, setView] = useState<View>('score');
  const [checklists, setChecklists] = useState<Checklist[]>([]);
  const [evaluator, setEvaluator] = useState('');
  const [corrected, setCorrected] = useState<ContactReference | null>(null);
  const [submitted, setSubmitted] = useState<SpotCheck | null>(null);
  const [filter, setFilter] = useState<SpotCheckFilter>({});
  const [revision, setRevision] = useState(0);
  const [error, setError] = useState('');
  const [syncState, setSyncState] = useSyncState();
  const [noticesToRead, setNoticesToRead] = useNoticesToRead(revision);
  const [quickLog, setQuickLog] = useState<QuickLogOpen | null>(null);
  const [complaintId, setComplaintId] = useState<string | null>(null);

  // The keyboard command or "Log a complaint" on selected text: straight to the quick log.
  useQuickLogIntent((intent) => {
    setView('complaints');
    setComplaintId(null);
    setQuickLog(intent.customerWords ? { customerWords: intent.customerWords } : {});
  });

  // Most syncs bring the same checklists: keep the array then, or the open spot check would be reset
  // (SpotCheckWorkspace resumes its draft when the checklists change), dropping focus mid-scoring.
  const loadChecklists = () =>
    call('checklists:list', {})
      .then((next) => setChecklists((prev) => (JSON.stringify(prev) === JSON.stringify(next) ? prev : next)))
      .catch((e: Error) => setError(e.message));
  useEffect(() => {
    void loadChecklists();
    // A name typed before the settings arrive wins over the stored one.
    void loadSettings().then((s) => setEvaluator((typed) => typed || s.evaluatorName));
  }, []);

  // The evaluator's name: shown at once (Submit depends on it), saved once typing pauses, and saved
  // straight away if the panel goes away first.
  const evaluatorSave = useRef<{ timer: ReturnType<typeof setTimeout>; name: string } | null>(null);
  const flushEvaluator = () => {
    const pending = evaluatorSave.current;
    if (!pending) return;
    clearTimeout(pending.timer);
    evaluatorSave.current = null;
    saveSettings({ evaluatorName: pending.name }).catch((e: Error) => setError(e.message));
  };
  function changeEvaluator(name: string) {
    setEvaluator(name);
    if (evaluatorSave.current) clearTimeout(evaluatorSave.current.timer);
    evaluatorSave.current = { name, timer: setTimeout(flushEvaluator, SAVE_EVALUATOR_MS) };
  }
  useEffect(() => {
    addEventListener('pagehide', flushEvaluator);
    return () => {
      removeEventListener('pagehide', flushEvaluator);
      flushEvaluator();
    };
  }, []);

  // Each completed sync may have brought new results or checklists: show them.
  const lastSyncAt = syncState?.lastSyncAt;
  useEffect(() => {
    if (!lastSyncAt) return;
    void loadChecklists();
    setRevision((r) => r + 1);
  }, [lastSyncAt]);

  // A hand correction belongs to the contact it corrected; another contact or tab starts afresh.
  // Keyed on identity: a refresh brings a new object for the same contact, which must keep the correction.
  const activeKey = active.contact ? contactKey(active.contact) : null;
  useEffect(() => {
    setCorrected(null);
    setSubmitted(null);
  }, [activeKey, active.tabId]);

  // After submitting, focus the confirmation so keyboard and screen-reader users land on it.
  const doneHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (submitted) doneHeading.current?.focus();
  }, [submitted]);

  const contact = corrected ?? active.contact;

  return (
    <div class="panel">
      <header>
        <h1>Floorwalker</h1>
        <SyncBar state={syncState} onState={setSyncState} onOpenAccount={() => setView('account')} />
        <nav aria-label="Panel sections">
          {VIEWS.map((v) => (
            <button type="button" key={v} aria-current={view === v ? 'page' : undefined} onClick={() => setView(v)}>
              {VIEW_LABELS[v]}
              {v === 'notices' && noticesToRead > 0 && ` (${noticesToRead} to read)`}
            </button>
          ))}
        </nav>
      </header>
      {error && <p class="error" role="alert">{error}</p>}
      <main>
        {view === 'account' ? (
          <AccountView
            state={syncState}
            pageUrl={active.pageUrl}
            onState={(s) => {
              setSyncState(s);
              void loadChecklists();
              setRevision((r) => r + 1);
            }}
          />
        ) : view === 'notices' ? (
          <NoticesView revision={revision} onToRead={setNoticesToRead} onOpenAccount={() => setView('account')} />
        ) : view === 'complaints' ? (
          <ComplaintsView
            contact={contact}
            quickLog={quickLog}
            onQuickLog={setQuickLog}
            openId={complaintId}
            onOpen={setComplaintId}
            onOpenAccount={() => setView('account')}
            revision={revision}
          />
        ) : view === 'score' ? (
          <>
            {active.access === false && <SiteAccess pageUrl={active.pageUrl} onGranted={active.refresh} />}
            <ContactCard
              contact={contact}
              loading={active.loading}
              pageUrl={active.pageUrl}
              onReread={active.refresh}
              onChange={(c) => {
                setCorrected(c);
                setSubmitted(null);
              }}
            />
            {submitted ? (
              // Not a live region: focus moves to the heading, which announces it.
              <section class="card" aria-labelledby="done-heading" aria-describedby="done-result">
                <h2 id="done-heading" tabIndex={-1} ref={doneHeading}>
                  Spot check submitted
                </h2>
                <p id="done-result">
                  {submitted.checklistTitle}: <strong>{formatScore(submitted.result.score)}</strong>{' '}
                  {outcomeLabel(submitted.result.outcome)}
                </p>
                <div class="row">
                  <a class="button" href={reportUrl(submitted.id)} target="_blank" rel="noopener">
                    Printable report
                  </a>
                  <button
                    type="button"
                    class="secondary"
                    onClick={() => {
                      setSubmitted(null);
                      // The button goes with the confirmation: land on the contact, above the new check.
                      requestAnimationFrame(() => document.getElementById('contact-heading')?.focus());
                    }}
                  >
                    Score again
                  </button>
                </div>
              </section>
            ) : (
              contact &&
              checklists.length > 0 && (
                <SpotCheckWorkspace
                  contact={contact}
                  checklists={checklists}
                  evaluator={evaluator}
                  me={syncState?.user}
                  onEvaluatorChange={changeEvaluator}
                  onSubmitted={(sc) => {
                    setSubmitted(sc);
                    setRevision((r) => r + 1);
                  }}
                />
              )
            )}
          </>
        ) : (
          <>
            <SpotCheckList checklists={checklists} filter={filter} onFilterChange={setFilter} revision={revision} />
            <ExportPanel checklists={checklists} filter={filter} onImported={() => void loadChecklists()} />
          </>
        )}
      </main>
    </div>
  );
}
