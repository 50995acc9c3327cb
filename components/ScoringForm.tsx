import { useEffect, useRef, useState } from 'preact/hooks';
import type { Checklist, ChecklistItem } from '../core/checklist.ts';
import type { Answer, Answers, AnswerValue, ScoreResult } from '../core/spotCheck.ts';
import { formatScore } from '../core/scoring.ts';
import { answerForKey, answerOptions, stepAnswer } from './scoringKeys.ts';

interface Props {
  checklist: Checklist;
  answers: Answers;
  result: ScoreResult;
  onAnswer(itemId: string, patch: Partial<Answer>): void;
}

/**
 * The checklist as a keyboard-first form. Each item is a radio group that takes focus: a digit,
 * Y, N or A answers it and moves on; arrows step the value or move between items.
 *
 * Focus stays on the group (so the answer keys work wherever the item is), and the group points at
 * its checked option with aria-activedescendant, so a screen reader reads the answer chosen with
 * the item and again when it changes. A group with no answer has no active descendant.
 */
export function ScoringForm({ checklist, answers, result, onAnswer }: Props) {
  const formRef = useRef<HTMLDivElement>(null);
  const sectionScore = new Map(result.sections.map((s) => [s.sectionId, s]));

  function focusItem(from: HTMLElement, delta: 1 | -1) {
    const groups = [...(formRef.current?.querySelectorAll<HTMLElement>('[role=radiogroup]') ?? [])];
    groups[groups.indexOf(from) + delta]?.focus();
  }

  return (
    <div ref={formRef} class="scoring">
      {checklist.sections.map((section) => {
        const s = sectionScore.get(section.id);
        return (
          <section key={section.id} aria-labelledby={`sec-${section.id}`} class={s?.failed ? 'section failed' : 'section'}>
            <h3 id={`sec-${section.id}`}>
              {section.title}
              <span class="section-score" aria-label={`Section score ${formatScore(s?.score ?? null)}`}>
                {formatScore(s?.score ?? null)}
                {s?.failed ? ' (failed)' : ''}
              </span>
            </h3>
            {section.items.map((item) => (
              <ItemRow
                key={item.id}
                item={item}
                answer={answers[item.id]}
                onAnswer={(patch) => onAnswer(item.id, patch)}
                onMove={focusItem}
              />
            ))}
          </section>
        );
      })}
    </div>
  );
}

interface ItemProps {
  item: ChecklistItem;
  answer: Answer | undefined;
  onAnswer(patch: Partial<Answer>): void;
  onMove(from: HTMLElement, delta: 1 | -1): void;
}

function ItemRow({ item, answer, onAnswer, onMove }: ItemProps) {
  const value: AnswerValue = answer?.value ?? null;
  const [noteOpen, setNoteOpen] = useState(Boolean(answer?.note));
  const labelId = `item-${item.id}`;
  const hintId = `hint-${item.id}`;
  const options = answerOptions(item);
  const optionId = (v: AnswerValue) => `opt-${item.id}-${String(v)}`;
  const checked = options.find((o) => o.value === value);

  // "Add note" opens the textarea and puts the cursor in it.
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const focusNote = useRef(false);
  useEffect(() => {
    if (noteOpen && focusNote.current) {
      focusNote.current = false;
      noteRef.current?.focus();
    }
  }, [noteOpen]);

  function onKeyDown(e: KeyboardEvent) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const group = e.currentTarget as HTMLElement;
    // Space and Enter would select the focused radio; here focus is on the group, whose "focused
    // radio" is the checked one, so there is nothing to do (and the page must not scroll or submit).
    if ((e.key === ' ' || e.key === 'Enter') && e.target === group) {
      e.preventDefault();
      return;
    }
    const next = answerForKey(item, e.key);
    if (next !== undefined) {
      e.preventDefault();
      onAnswer({ value: next });
      if (next !== null) onMove(group, 1);
      return;
    }
    switch (e.key) {
      case 'ArrowRight':
      case 'ArrowLeft':
        e.preventDefault();
        onAnswer({ value: stepAnswer(item, value, e.key === 'ArrowRight' ? 1 : -1) });
        return;
      case 'ArrowDown':
      case 'j':
        e.preventDefault();
        onMove(group, 1);
        return;
      case 'ArrowUp':
      case 'k':
        e.preventDefault();
        onMove(group, -1);
        return;
    }
  }

  const critical = item.critical !== 'none';
  return (
    <div class={`item${value === null ? ' unanswered' : ''}`}>
      <div
        role="radiogroup"
        tabIndex={0}
        aria-labelledby={labelId}
        aria-describedby={hintId}
        aria-activedescendant={checked ? optionId(checked.value) : undefined}
        data-item={item.id}
        onKeyDown={onKeyDown}
        class="item-group"
      >
        <p id={labelId} class="item-text">
          {item.text}
          {critical && (
            <span class="critical"> critical: {item.critical === 'check' ? 'fails the check' : 'fails the section'}</span>
          )}
        </p>
        <div class="options">
          {options.map((o) => (
            <button
              type="button"
              role="radio"
              id={optionId(o.value)}
              tabIndex={-1}
              aria-checked={value === o.value}
              key={String(o.value)}
              onClick={(e) => {
                onAnswer({ value: value === o.value ? null : o.value });
                // Back to the group, where the answer keys work and the choice is announced.
                (e.currentTarget as HTMLElement).closest<HTMLElement>('[role=radiogroup]')?.focus();
              }}
              title={`Key ${o.key}`}
            >
              {o.label}
            </button>
          ))}
        </div>
        <p id={hintId} class="hint">
          {item.guidance ?? ''}
          {item.criteria.length ? ` (${item.criteria.join(', ')})` : ''}
        </p>
      </div>
      {noteOpen ? (
        <label class="note">
          Note on “{item.text}”
          <textarea
            ref={noteRef}
            rows={2}
            value={answer?.note ?? ''}
            onInput={(e) => onAnswer({ note: (e.currentTarget as HTMLTextAreaElement).value })}
          />
        </label>
      ) : (
        <button
          type="button"
          class="link"
          onClick={() => {
            focusNote.current = true;
            setNoteOpen(true);
          }}
          aria-label={`Add a note on ${item.text}`}
        >
          Add note
        </button>
      )}
    </div>
  );
}
