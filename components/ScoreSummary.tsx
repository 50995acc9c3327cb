import { formatScore } from '../core/scoring.ts';
import type { ScoreResult } from '../core/spotCheck.ts';

/** Live score and outcome, announced politely to screen readers as the supervisor scores. */
export function ScoreSummary({ result }: { result: ScoreResult }) {
  const outcome = result.outcome === null ? 'No outcome yet' : result.outcome === 'pass' ? 'Pass' : 'Fail';
  const why =
    result.autoFail === 'check'
      ? 'A critical item failed the whole check.'
      : result.autoFail === 'section'
        ? 'A critical item failed its section.'
        : '';
  return (
    <div class={`summary ${result.outcome ?? 'none'}`} role="status" aria-live="polite" data-testid="score-summary">
      <strong class="score">{formatScore(result.score)}</strong>
      <span class="outcome">{outcome}</span>
      <span class="muted">
        {result.answeredItems} of {result.totalItems} answered · pass mark {result.passMark}%
      </span>
      {why && <span class="why">{why}</span>}
    </div>
  );
}
