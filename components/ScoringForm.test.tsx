// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import type { Checklist } from '../core/checklist.ts';
import { scoreSpotCheck } from '../core/scoring.ts';
import type { Answers } from '../core/spotCheck.ts';
import { ScoreSummary } from './ScoreSummary.tsx';
import { ScoringForm } from './ScoringForm.tsx';

const checklist: Checklist = {
  id: 'demo',
  version: 1,
  title: 'Demo',
  channels: [],
  status: 'approved',
  approvedAt: '2026-01-01T00:00:00.000Z',
  passMark: 80,
  sections: [
    {
      id: 'open',
      title: 'Opening',
      items: [
        { id: 'greet', text: 'Greeted the customer', scale: { kind: 'yesNo' }, weight: 10, naAllowed: false, critical: 'none', skill: 'communication', requirementIds: [], criteria: [] },
        { id: 'verify', text: 'Verified identity', scale: { kind: 'yesNo' }, weight: 10, naAllowed: true, critical: 'check', skill: 'compliance', requirementIds: [], criteria: ['CC33 3.1'] },
      ],
    },
    {
      id: 'body',
      title: 'Handling',
      items: [
        { id: 'tone', text: 'Tone', scale: { kind: 'points', min: 1, max: 5 }, weight: 20, naAllowed: true, critical: 'none', skill: 'empathy', requirementIds: [], criteria: [] },
      ],
    },
  ],
};

function Harness({ initial = {} }: { initial?: Answers }) {
  const [answers, setAnswers] = useState<Answers>(initial);
  const result = scoreSpotCheck(checklist, answers);
  return (
    <>
      <ScoreSummary result={result} />
      <ScoringForm
        checklist={checklist}
        answers={answers}
        result={result}
        onAnswer={(id, patch) => setAnswers((a) => ({ ...a, [id]: { value: a[id]?.value ?? null, ...a[id], ...patch } }))}
      />
    </>
  );
}

afterEach(cleanup);

const group = (name: string) => screen.getByRole('radiogroup', { name });
const summary = () => screen.getByTestId('score-summary').textContent;

describe('ScoringForm', () => {
  it('labels every item group and option', () => {
    render(<Harness />);
    expect(group('Greeted the customer')).toBeTruthy();
    expect(group('Verified identity critical: fails the check')).toBeTruthy();
    expect(screen.getAllByRole('radio', { name: 'N/A' })).toHaveLength(2);
    expect(screen.getAllByRole('button', { name: /Add a note on/ })).toHaveLength(3);
  });

  it('scores the focused item from the keyboard and moves to the next item', () => {
    render(<Harness />);
    const greet = group('Greeted the customer');
    greet.focus();
    fireEvent.keyDown(greet, { key: 'y' });
    expect(screen.getAllByRole('radio', { name: 'Yes' })[0]!.getAttribute('aria-checked')).toBe('true');
    expect(document.activeElement).toBe(group('Verified identity critical: fails the check'));
    fireEvent.keyDown(document.activeElement!, { key: 'y' });
    fireEvent.keyDown(document.activeElement!, { key: '4' });
    // (100x10 + 100x10 + 75x20) / 40 = 87.5
    expect(summary()).toContain('87.5%');
    expect(summary()).toContain('Pass');
  });

  it('fails the whole check live when a critical item is answered No', () => {
    render(<Harness initial={{ greet: { value: 1 }, tone: { value: 5 } }} />);
    fireEvent.keyDown(group('Verified identity critical: fails the check'), { key: 'n' });
    expect(summary()).toContain('0.0%');
    expect(summary()).toContain('Fail');
    expect(summary()).toContain('failed the whole check');
  });

  it('steps with arrows, marks N/A with A, clears with Delete, and ignores keys that are not answers', () => {
    render(<Harness />);
    const tone = group('Tone');
    fireEvent.keyDown(tone, { key: 'ArrowRight' });
    fireEvent.keyDown(tone, { key: 'ArrowRight' });
    expect(screen.getByRole('radio', { name: '2' }).getAttribute('aria-checked')).toBe('true');
    fireEvent.keyDown(tone, { key: 'a' });
    expect(screen.getAllByRole('radio', { name: 'N/A' })[1]!.getAttribute('aria-checked')).toBe('true');
    fireEvent.keyDown(tone, { key: 'Delete' });
    expect(screen.queryAllByRole('radio', { checked: true })).toHaveLength(0);
    fireEvent.keyDown(tone, { key: '9' });
    expect(screen.queryAllByRole('radio', { checked: true })).toHaveLength(0);
  });

  it('clicking a chosen option again clears it, and returns focus to its item', () => {
    render(<Harness />);
    const yes = screen.getAllByRole('radio', { name: 'Yes' })[0]!;
    fireEvent.click(yes);
    expect(yes.getAttribute('aria-checked')).toBe('true');
    expect(document.activeElement).toBe(group('Greeted the customer'));
    fireEvent.click(yes);
    expect(yes.getAttribute('aria-checked')).toBe('false');
  });

  it('"Add note" opens a note labelled for its item and puts the cursor in it', () => {
    render(<Harness />);
    fireEvent.click(screen.getByRole('button', { name: 'Add a note on Tone' }));
    const note = screen.getByLabelText('Note on “Tone”');
    expect(document.activeElement).toBe(note);
    fireEvent.input(note, { target: { value: 'Warm throughout' } });
    expect((note as HTMLTextAreaElement).value).toBe('Warm throughout');
  });

  it('points each group at its checked option, so the chosen answer is read with the item', () => {
    render(<Harness />);
    const tone = group('Tone');
    expect(tone.hasAttribute('aria-activedescendant')).toBe(false); // nothing chosen yet
    fireEvent.keyDown(tone, { key: '4' });
    const active = () => document.getElementById(tone.getAttribute('aria-activedescendant') ?? '');
    expect(active()?.textContent).toBe('4');
    expect(active()?.getAttribute('aria-checked')).toBe('true');
    expect(tone.contains(active())).toBe(true);
    fireEvent.keyDown(tone, { key: 'a' });
    expect(active()?.textContent).toBe('N/A');
    fireEvent.keyDown(tone, { key: 'Delete' });
    expect(tone.hasAttribute('aria-activedescendant')).toBe(false);
    // Option ids are unique across the form (two items both have Yes, No and N/A).
    const ids = screen.getAllByRole('radio').map((r) => r.id);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('Space and Enter on an item do nothing: no answer, no scroll or submit, focus stays', () => {
    render(<Harness initial={{ greet: { value: 1 } }} />);
    for (const name of ['Verified identity critical: fails the check', 'Greeted the customer']) {
      const item = group(name);
      item.focus();
      const before = item.getAttribute('aria-activedescendant');
      for (const key of [' ', 'Enter']) {
        // fireEvent returns false when the handler prevented the default (scrolling, form submit).
        expect(fireEvent.keyDown(item, { key })).toBe(false);
        expect(item.getAttribute('aria-activedescendant')).toBe(before);
        expect(document.activeElement).toBe(item);
      }
    }
    expect(screen.queryAllByRole('radio', { checked: true })).toHaveLength(1);
    expect(summary()).toContain('1 of 3 answered');
  });
});
