import { outcomeLabel } from '../core/labels.ts';
import { formatScore } from '../core/scoring.ts';
import type { ScoreResult } from '../core/spotCheck.ts';

/**
 * Live score and outcome, announced politely to screen readers as the supervisor scores. Atomic, so
 * a change to the score is read with its outcome and count rather than as a lone number.
 */
export function ScoreSummary({ result }: { result: ScoreResult }) {
  const why =
    result.autoFail === 'check'
      ? 'A critical item failed the whole check.'
      : result.autoFail === 'section'
        ? 'A critical item failed its section.'
        : '';
  return (
    <div
      class={`summary ${result.outcome ?? 'none'}`}
      role="status"
      aria-live="polite"
      aria-atomic="true"
      data-testid="score-summary"
    >
      <strong class="score">{formatScore(result.score)}</strong>
      <span class="outcome">{outcomeLabel(result.outcome)}</span>
      <span class="muted">
        {result.answeredItems} of {result.totalItems} answered · pass mark {result.passMark}%
      </span>
      {why && <span class="why">{why}</span>}
    </div>
  );
}
