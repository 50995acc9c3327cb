import { useEffect, useState } from 'preact/hooks';
import type { Checklist } from '../core/checklist.ts';
import type { ContactReference } from '../core/contact.ts';
import type { SpotCheckFilter } from '../core/messages.ts';
import { formatScore } from '../core/scoring.ts';
import type { SpotCheck } from '../core/spotCheck.ts';
import type { SyncState } from '../core/syncState.ts';
import { loadSettings, saveSettings } from '../storage/settings.ts';
import { call } from './client.ts';
import { ContactCard } from './ContactCard.tsx';
import { ExportPanel } from './ExportPanel.tsx';
import { SpotCheckList } from './SpotCheckList.tsx';
import { SpotCheckWorkspace } from './SpotCheckWorkspace.tsx';
import { AccountView } from './AccountView.tsx';
import { SyncBar } from './SyncBar.tsx';
import { useActiveContact } from './useActiveContact.ts';
import { useSyncState } from './useSyncState.ts';

type View = 'score' | 'recent' | 'account';
const VIEW_LABELS: Record<View, string> = { score: 'Score', recent: 'Recent and export', account: 'Account' };

/** The side panel: the contact beside it, scoring, and the recent list with export. */
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

  const loadChecklists = () =>
    call('checklists:list', {})
      .then(setChecklists)
      .catch((e: Error) => setError(e.message));
  useEffect(() => {
    void loadChecklists();
    void loadSettings().then((s) => setEvaluator(s.evaluatorName));
  }, []);
  // A hand correction belongs to the contact it corrected; a new page starts afresh.
  useEffect(() => {
    setCorrected(null);
    setSubmitted(null);
  }, [active.contact, active.tabId]);

  const contact = corrected ?? active.contact;

  return (
    <div class="panel">
      <header>
        <h1>Floorwalker</h1>
        <SyncBar state={syncState} onState={setSyncState} onOpenAccount={() => setView('account')} />
        <nav aria-label="Panel sections">
          {(['score', 'recent', 'account'] as const).map((v) => (
            <button type="button" key={v} aria-current={view === v ? 'page' : undefined} onClick={() => setView(v)}>
              {VIEW_LABELS[v]}
            </button>
          ))}
        </nav>
      </header>
      {error && <p class="error" role="alert">{error}</p>}
      <main>
        {view === 'account' ? (
          <AccountView
            state={syncState}
            onState={(s) => {
              setSyncState(s);
              void loadChecklists();
              setRevision((r) => r + 1);
            }}
          />
        ) : view === 'score' ? (
          <>
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
              <section class="card" role="status" aria-labelledby="done-heading">
                <h2 id="done-heading">Spot check submitted</h2>
                <p>
                  {submitted.checklistTitle}: <strong>{formatScore(submitted.result.score)}</strong>{' '}
                  {submitted.result.outcome === 'pass' ? 'Pass' : submitted.result.outcome === 'fail' ? 'Fail' : ''}
                </p>
                <div class="row">
                  <a class="button" href={`/report.html?id=${submitted.id}`} target="_blank" rel="noopener">
                    Printable report
                  </a>
                  <button type="button" class="secondary" onClick={() => setSubmitted(null)}>
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
                  onEvaluatorChange={(name) => {
                    setEvaluator(name);
                    void saveSettings({ evaluatorName: name });
                  }}
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
