import { useEffect, useState } from 'preact/hooks';
import { spotCheckReportModel, type SpotCheckReport } from '../core/export.ts';
import { call } from './client.ts';

const when = (iso: string) => new Date(iso).toLocaleString();

/** A printable spot-check report: the page prints cleanly with the browser's own Print. */
export function Report({ id }: { id: string }) {
  const [report, setReport] = useState<SpotCheckReport | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    (async () => {
      const spotCheck = await call('spotChecks:get', { id });
      if (!spotCheck) throw new Error('This spot check is not stored in this browser.');
      const checklists = await call('checklists:list', {});
      const checklist = checklists.find((c) => c.id === spotCheck.checklistId && c.version === spotCheck.checklistVersion);
      if (!checklist) throw new Error(`Checklist ${spotCheck.checklistId} version ${spotCheck.checklistVersion} is missing.`);
      const model = spotCheckReportModel(spotCheck, checklist);
      document.title = `${model.title} · Floorwalker`;
      setReport(model);
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
    </article>
  );
}
