import { useEffect, useState } from 'preact/hooks';
import { spotCheckReportModel, type SpotCheckReport } from '../core/export.ts';
import type { Me } from '../core/account.ts';
import type { SpotCheck } from '../core/spotCheck.ts';
import { call } from './client.ts';

const when = (iso: string) => new Date(iso).toLocaleString();

/** A printable spot-check report: the page prints cleanly with the browser's own Print. */
export function Report({ id }: { id: string }) {
  const [report, setReport] = useState<SpotCheckReport | null>(null);
  const [spotCheck, setSpotCheck] = useState<SpotCheck | null>(null);
  const [error, setError] = useState('');
  const [me, setMe] = useState<Me | undefined>();

  useEffect(() => {
    void call('sync:state', {}).then((s) => setMe(s.user)).catch(() => undefined);
  }, []);

  const show = async (spotCheck: SpotCheck) => {
    const checklists = await call('checklists:list', {});
    const checklist = checklists.find((c) => c.id === spotCheck.checklistId && c.version === spotCheck.checklistVersion);
    if (!checklist) throw new Error(`Checklist ${spotCheck.checklistId} version ${spotCheck.checklistVersion} is missing.`);
    const model = spotCheckReportModel(spotCheck, checklist);
    document.title = `${model.title} · Floorwalker`;
    setSpotCheck(spotCheck);
    setReport(model);
  };

  useEffect(() => {
    (async () => {
      const spotCheck = await call('spotChecks:get', { id });
      if (!spotCheck) throw new Error('This spot check is not stored in this browser.');
      await show(spotCheck);
    })().catch((e: Error) => setError(e.message));
  }, [id]);

  if (error) return <p role="alert" class="error">{error}</p>;
  if (!report) return <p>Loading…</p>;
  const t = report.totals;
  return (
    <article class="report">
      <header>
        <h1>{report.title}</h1>
        <button type="button" class="no-print" onClick={() => print()}>
          Print
        </button>
      </header>
      <dl class="facts">
        {report.contactLines.map((l) => (
          <div key={l.label}>
            <dt>{l.label}</dt>
            <dd>{l.value}</dd>
          </div>
        ))}
        <div>
          <dt>Scored</dt>
          <dd>{when(report.submittedAt ?? report.updatedAt)}</dd>
        </div>
      </dl>
      <section class={`totals ${t.outcome ?? 'none'}`} aria-label="Result">
        <p>
          <strong>{t.scoreText}</strong> · {t.outcomeText} · pass mark {t.passMarkText}
          {t.autoFail !== 'none' && <> · score before critical rules {t.rawScoreText}</>}
        </p>
        <p>
          {t.answeredItems} of {t.totalItems} items answered
        </p>
        {t.criticalFailures.length > 0 && (
          <ul class="critical">
            {t.criticalFailures.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        )}
      </section>
      {report.sections.map((s) => (
        <section key={s.id} class={s.failed ? 'failed' : ''}>
          <h2>
            {s.title} <span>{s.scoreText}{s.failed ? ' (failed)' : ''}</span>
          </h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Answer</th>
                <th scope="col">Score</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {s.rows.map((r) => (
                <tr key={r.itemId} class={r.criticalFailure ? 'critical-failure' : ''}>
                  <td>
                    {r.text}
                    {r.critical !== 'none' && <span class="tag"> critical</span>}
                  </td>
                  <td>{r.answer}</td>
                  <td>{r.scoreText}</td>
                  <td>{r.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      {report.note && (
        <section>
          <h2>Evaluator's note</h2>
          <p class="pre">{report.note}</p>
        </section>
      )}
      {report.agentComment && (
        <section>
          <h2>Agent's comment</h2>
          <p class="pre">{report.agentComment}</p>
        </section>
      )}
      {spotCheck?.resolution && (
        <section>
          <h2>Resolution</h2>
          <p class="pre">{spotCheck.resolution}</p>
        </section>
      )}
      {spotCheck && me && <FollowUp spotCheck={spotCheck} me={me} onDone={(sc) => void show(sc).catch((e: Error) => setError(e.message))} />}
    </article>
  );
}

/**
 * What the reader can do next: the agent acknowledges or disputes a submitted result; a supervisor
 * or manager resolves a dispute. The server has the final say when the change syncs.
 */
function FollowUp({ spotCheck, me, onDone }: { spotCheck: SpotCheck; me: Me; onDone(sc: SpotCheck): void }) {
  const [comment, setComment] = useState('');
  const [error, setError] = useState('');
  const respond = spotCheck.status === 'submitted' && spotCheck.agentId === me.id;
  const resolve = spotCheck.status === 'disputed' && (me.role === 'supervisor' || me.role === 'manager') && spotCheck.agentId !== me.id;
  if (!respond && !resolve) return null;

  const act = (p: Promise<SpotCheck>) =>
    void p
      .then((sc) => {
        setComment('');
        setError('');
        onDone(sc);
      })
      .catch((e: Error) => setError(e.message));

  return (
    <section class="no-print" aria-labelledby="follow-heading">
      <h2 id="follow-heading">{respond ? 'Your response' : 'Resolve the dispute'}</h2>
      <label>
        {respond ? 'Comment (required to dispute)' : 'How the dispute was resolved'}
        <textarea rows={3} value={comment} onInput={(e) => setComment((e.currentTarget as HTMLTextAreaElement).value)} />
      </label>
      {error && <p role="alert" class="error">{error}</p>}
      {respond ? (
        <p>
          <button type="button" onClick={() => act(call('spotChecks:respond', { id: spotCheck.id, response: 'acknowledge', comment }))}>
            Acknowledge
          </button>{' '}
          <button type="button" onClick={() => act(call('spotChecks:respond', { id: spotCheck.id, response: 'dispute', comment }))}>
            Dispute
          </button>
        </p>
      ) : (
        <button type="button" onClick={() => act(call('spotChecks:resolve', { id: spotCheck.id, comment }))}>
          Resolve
        </button>
      )}
    </section>
  );
}
