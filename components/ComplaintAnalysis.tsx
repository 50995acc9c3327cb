import { useState } from 'preact/hooks';
import { type Complaint, COMPLAINT_OUTCOME_LABELS, ComplaintOutcome, formatPence } from '../core/complaint.ts';
import { learningByRootCause, openWork, outcomes, repeatComplaints, timeToClose, volumeByCategory } from '../core/complaintAnalysis.ts';
import { addDays, localDateOf } from '../core/isoDate.ts';
import { clockOptions, type OrgSettings, rootCausesOf } from '../core/orgSettings.ts';
import { formatDay, plural } from './complaintText.ts';

interface Props {
  complaints: readonly Complaint[];
  settings: OrgSettings;
  now: Date;
}

const PERIODS = [30, 90, 365] as const;
const one = (n: number | null) => (n === null ? '—' : String(Math.round(n * 10) / 10));
const dayCount = (n: number | null, unit = 'day') => (n === null ? '—' : `${one(n)} ${unit}${one(n) === '1' ? '' : 's'}`);

/**
 * What the complaints in this browser say, with the core analysis functions: volumes against what
 * each category expects, open and overdue work, time to close, outcomes, repeat complaints and the
 * learning recorded by root cause (CC33 2.5, CC16 1.3).
 */
export function ComplaintAnalysis({ complaints, settings, now }: Props) {
  const [days, setDays] = useState<(typeof PERIODS)[number]>(90);
  const options = clockOptions(settings);
  const today = localDateOf(now);
  const volumes = volumeByCategory(complaints, settings.categories, { from: addDays(today, 1 - days), to: today }).filter(
    (v) => v.count > 0 || v.anticipated !== null,
  );
  const work = openWork(complaints, now, options);
  const times = timeToClose(complaints, options);
  const results = outcomes(complaints);
  const repeats = repeatComplaints(complaints, { by: 'customer', windowDays: settings.repeatWindowDays });
  const learning = learningByRootCause(complaints, rootCausesOf(settings), now);

  return (
    <div class="analysis">
      <h3>Volume by category</h3>
      <label>
        Period
        <select value={days} onChange={(e) => setDays(Number(e.currentTarget.value) as (typeof PERIODS)[number])}>
          {PERIODS.map((p) => (
            <option key={p} value={p}>
              Last {p} days
            </option>
          ))}
        </select>
      </label>
      {volumes.length === 0 ? (
        <p class="muted">No complaints received in this period.</p>
      ) : (
        <table class="list">
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col">Received</th>
              <th scope="col">Expected</th>
              <th scope="col">Difference</th>
            </tr>
          </thead>
          <tbody>
            {volumes.map((v) => (
              <tr key={v.categoryId}>
                <th scope="row">{v.label}</th>
                <td>{v.count}</td>
                <td>{one(v.anticipated)}</td>
                <td>{v.difference === null ? '—' : `${v.difference > 0 ? '+' : ''}${one(v.difference)}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>Open work</h3>
      <ul>
        <li>{work.open} open</li>
        <li>{work.overdue} overdue</li>
        <li>{work.dueSoon} due soon</li>
        <li>{work.needsReferral} waiting to be referred</li>
        <li>{work.awaitingReview} closed and waiting for a review</li>
      </ul>

      <h3>Time to close</h3>
      {times.calendarDays.count === 0 ? (
        <p class="muted">Nothing closed yet.</p>
      ) : (
        <ul>
          <li>
            {plural(times.calendarDays.count, 'complaint')} closed: median {dayCount(times.calendarDays.median)} (
            {dayCount(times.businessDays.median, 'business day')}), average {dayCount(times.calendarDays.mean)}, 9 in 10 within{' '}
            {dayCount(times.calendarDays.p90)}
          </li>
          <li>{times.withinThreeBusinessDays} closed within three business days of receipt</li>
        </ul>
      )}

      <h3>Outcomes</h3>
      <ul>
        {ComplaintOutcome.options.map((o) => (
          <li key={o}>
            {COMPLAINT_OUTCOME_LABELS[o]}: {results.byOutcome[o]}
          </li>
        ))}
        <li>Upheld in full or in part: {results.upheldRate === null ? '—' : `${Math.round(results.upheldRate * 100)}%`}</li>
        <li>Redress paid: {formatPence(results.redressPence)}</li>
      </ul>

      <h3>Repeat complaints</h3>
      {repeats.length === 0 ? (
        <p class="muted">No customer complained more than once within {settings.repeatWindowDays} days.</p>
      ) : (
        <ul>
          {repeats.map((g) => (
            <li key={g.key + g.firstReceivedOn}>
              Customer {g.key}: {g.references.join(', ')} ({formatDay(g.firstReceivedOn)} to {formatDay(g.lastReceivedOn)})
            </li>
          ))}
        </ul>
      )}

      <h3>Learning by root cause</h3>
      {learning.length === 0 ? (
        <p class="muted">No reviews recorded yet.</p>
      ) : (
        learning.map((g) => (
          <div key={g.rootCauseId}>
            <h4>
              {g.label} ({plural(g.complaints, 'complaint')})
            </h4>
            <ul>
              {g.learningPoints.map((p, i) => (
                <li key={`p${i}`}>
                  {p.text} <span class="muted">({p.reference})</span>
                </li>
              ))}
              {g.preventiveActions.map((a, i) => (
                <li key={`a${i}`} class={a.overdue ? 'overdue' : undefined}>
                  {a.overdue && <strong>Overdue: </strong>}
                  Action: {a.description} ({a.owner}, due {formatDay(a.dueOn)}) <span class="muted">({a.reference})</span>
                </li>
              ))}
            </ul>
          </div>
        ))
      )}
    </div>
  );
}
