import { useEffect, useState } from 'preact/hooks';
import type { Me } from '../core/account.ts';
import { COMPLAINT_FLAG_LABELS, COMPLAINT_STATUS_LABELS } from '../core/complaint.ts';
import { complaintClocks, mostUrgentClock } from '../core/complaintClocks.ts';
import type { ContactReference } from '../core/contact.ts';
import type { ComplaintView } from '../core/messages.ts';
import { clockOptions, type OrgSettings } from '../core/orgSettings.ts';
import { call } from './client.ts';
import { lazyView } from './lazyView.tsx';
import { clockCountdown } from './complaintText.ts';
import { categoryLabel, handlerName } from './complaintTimeline.ts';
import { downloadText, stamp } from './download.ts';
import { QuickLog } from './QuickLog.tsx';

// Opened from the list, not needed to show it: their code is loaded when first opened (the
// complaint's view puts focus on its heading once it is there).
const ComplaintDetail = lazyView(() => import('./ComplaintDetail.tsx').then((m) => m.ComplaintDetail));
const ComplaintAnalysis = lazyView(() => import('./ComplaintAnalysis.tsx').then((m) => m.ComplaintAnalysis));

/** The quick log is open, with any words selected on the page. */
export interface QuickLogOpen {
  customerWords?: string;
}

interface Props {
  contact: ContactReference | null;
  quickLog: QuickLogOpen | null;
  onQuickLog(open: QuickLogOpen | null): void;
  /** The complaint open in detail, kept by the panel so it survives switching views. */
  openId: string | null;
  onOpen(id: string | null): void;
  onOpenAccount(): void;
  /** Bumped by the panel after each sync or sign-in, to reload. */
  revision: number;
  now?: () => Date;
}

type Filter = 'open' | 'overdue' | 'all';
const FILTER_LABELS: Record<Filter, string> = { open: 'Open', overdue: 'Overdue', all: 'All' };
/** Clocks still counting (or past due), which order the list. */
const RUNNING = new Set(['ok', 'dueSoon', 'overdue']);

interface Row {
  view: ComplaintView;
  open: boolean;
  overdue: boolean;
  due: string;
  /** For sorting: the most urgent clock's time left, open complaints first. */
  rank: number;
}

/**
 * Complaints in the panel: the signed-in person's queue and every other complaint they can see,
 * each with its most urgent clock; the quick log; the register as CSV; and the analysis.
 */
export function ComplaintsView({ contact, quickLog, onQuickLog, openId, onOpen, onOpenAccount, revision, now = () => new Date() }: Props) {
  const [ctx, setCtx] = useState<{ settings: OrgSettings; me: Me | null } | null>(null);
  const [list, setList] = useState<ComplaintView[] | null>(null);
  const [error, setError] = useState('');
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [filter, setFilter] = useState<Filter>('open');
  const [analysisOpen, setAnalysisOpen] = useState(false);
  const [focusId, setFocusId] = useState<string | null>(null);
  useEffect(() => {
    if (!focusId) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId]);

  useEffect(() => {
    let live = true;
    (async () => {
      const context = await call('complaints:context', {});
      const views = context.me ? await call('complaints:list', {}) : [];
      if (!live) return;
      setCtx(context);
      setList(views);
      setError('');
    })().catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [revision]);

  /** A complaint saved here replaces its old copy in the list, or joins it. */
  const upsert = (v: ComplaintView) =>
    setList((l) => [v, ...(l ?? []).filter((x) => x.complaint.id !== v.complaint.id)]);

  async function exportRegister() {
    try {
      const { csv } = await call('complaints:register', {});
      downloadText(`floorwalker-complaints-${stamp()}.csv`, csv, 'text/csv');
      setMessage({ kind: 'ok', text: 'Exported the complaints register.' });
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    }
  }

  const problem = error && (
    <p class="error" role="alert">
      {error}
    </p>
  );
  // A reload that fails keeps what was loaded before, and says so.
  if (!ctx || !list) return problem || <p class="muted">Loading complaints…</p>;
  const { settings, me } = ctx;
  if (!me) {
    return (
      <section class="card" aria-labelledby="complaints-heading">
        <h2 id="complaints-heading">Complaints</h2>
        <p>Complaints need you to sign in: every step is recorded in your name.</p>
        <button type="button" onClick={onOpenAccount}>
          Sign in under Account
        </button>
      </section>
    );
  }

  if (quickLog) {
    return (
      <QuickLog
        settings={settings}
        contact={contact}
        customerWords={quickLog.customerWords}
        onSaved={(v) => {
          upsert(v);
          onQuickLog(null);
          onOpen(v.complaint.id);
        }}
        onCancel={() => {
          onQuickLog(null);
          setFocusId('log-complaint');
        }}
      />
    );
  }

  if (openId) {
    const current = list.find((v) => v.complaint.id === openId);
    const back = () => {
      onOpen(null);
      setFocusId(`row-${openId}`);
    };
    return current ? (
      <ComplaintDetail view={current} settings={settings} me={me} now={now} onRecorded={upsert} onBack={back} />
    ) : (
      <p>
        This complaint is not in this browser.{' '}
        <button type="button" class="link" onClick={back}>
          Back to complaints
        </button>
      </p>
    );
  }

  const at = now();
  const options = clockOptions(settings);
  const rows: Row[] = list.map((view) => {
    const c = view.complaint;
    const clocks = complaintClocks(c, at, options);
    const urgent = mostUrgentClock(clocks);
    const open = c.status === 'open' || c.status === 'agreed';
    return {
      view,
      open,
      overdue: clocks.some((k) => k.state === 'overdue'),
      due: urgent ? `${urgent.milestone.label}: ${clockCountdown(urgent)}` : 'No regulatory clock',
      rank: open ? (urgent && RUNNING.has(urgent.state) ? urgent.msLeft : Number.MAX_SAFE_INTEGER) : Infinity,
    };
  });
  rows.sort((a, b) => a.rank - b.rank || b.view.complaint.updatedAt.localeCompare(a.view.complaint.updatedAt));
  const shown = rows.filter((r) => filter === 'all' || (filter === 'overdue' ? r.overdue : r.open));
  const mine = shown.filter((r) => r.view.complaint.owner.id === me.id);
  const others = shown.filter((r) => r.view.complaint.owner.id !== me.id);
  const openCount = rows.filter((r) => r.open).length;
  const overdueCount = rows.filter((r) => r.overdue).length;

  const table = (title: string, id: string, items: Row[]) => (
    <section aria-labelledby={id}>
      <h3 id={id}>
        {title} ({items.length})
      </h3>
      {items.length === 0 ? (
        <p class="muted">None {filter === 'all' ? 'here' : FILTER_LABELS[filter].toLowerCase()}.</p>
      ) : (
        <table class="list complaints">
          <thead>
            <tr>
              <th scope="col">Complaint</th>
              <th scope="col">Status and owner</th>
              <th scope="col">Next deadline</th>
            </tr>
          </thead>
          <tbody>
            {items.map(({ view: { complaint: c }, overdue, due }) => {
              const referred = c.referrals[c.referrals.length - 1];
              return (
                <tr key={c.id} class={overdue ? 'overdue' : undefined}>
                  <th scope="row">
                    <button type="button" class="link" id={`row-${c.id}`} onClick={() => onOpen(c.id)}>
                      {c.reference}
                    </button>
                    <br />
                    {categoryLabel(c.category, settings.categories)}
                    {c.flags.map((f) => (
                      <span key={f} class="badge">
                        {COMPLAINT_FLAG_LABELS[f]}
                      </span>
                    ))}
                  </th>
                  <td>
                    {COMPLAINT_STATUS_LABELS[c.status]}
                    <br />
                    <span class="muted">
                      {c.owner.id === me.id ? 'You' : handlerName(c.owner)}
                      {referred && referred.to.id === c.owner.id && `, referred by ${referred.from.name}`}
                    </span>
                  </td>
                  <td>
                    {overdue && <strong class="overdue-tag">Overdue. </strong>}
                    {due}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );

  return (
    <section aria-labelledby="complaints-heading">
      <h2 id="complaints-heading">Complaints</h2>
      {problem}
      <div class="row wrap">
        <button type="button" id="log-complaint" onClick={() => onQuickLog({})}>
          Log a complaint
        </button>
        <button type="button" class="secondary" onClick={() => void exportRegister()}>
          Export register (CSV)
        </button>
      </div>
      {message && (
        <p class={message.kind === 'error' ? 'error' : 'ok'} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      <div class="row">
        <label>
          Show
          <select value={filter} onChange={(e) => setFilter(e.currentTarget.value as Filter)}>
            {(Object.keys(FILTER_LABELS) as Filter[]).map((f) => (
              <option key={f} value={f}>
                {FILTER_LABELS[f]}
              </option>
            ))}
          </select>
        </label>
        <p class="muted" aria-live="polite">
          {openCount} open, {overdueCount} overdue
        </p>
      </div>
      {table('Your queue', 'queue-heading', mine)}
      {table('Other complaints', 'others-heading', others)}
      <details class="card" open={analysisOpen} onToggle={(e) => setAnalysisOpen(e.currentTarget.open)}>
        <summary>Analysis</summary>
        {analysisOpen && (
          <ComplaintAnalysis
            complaints={list.map((v) => v.complaint)}
            settings={settings}
            now={at}
          />
        )}
      </details>
    </section>
  );
}
