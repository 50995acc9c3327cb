// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Checklist } from '../core/checklist.ts';
import type { ContactReference } from '../core/contact.ts';
import { call } from './client.ts';
import { SpotCheckWorkspace } from './SpotCheckWorkspace.tsx';

vi.mock('./client.ts', () => ({ call: vi.fn() }));

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
        { id: 'close', text: 'Closed the call', scale: { kind: 'yesNo' }, weight: 10, naAllowed: false, critical: 'none', skill: 'communication', requirementIds: [], criteria: [] },
      ],
    },
  ],
};

const contact: ContactReference = {
  adapterId: 'request-tracker',
  crm: 'Request Tracker',
  url: 'https://rt.example.com/Ticket/Display.html?id=1',
  ticketId: '1',
  agent: 'alex.agent',
  source: 'adapter',
  capturedAt: '2026-03-02T09:30:00.000Z',
};

interface Deferred {
  promise: Promise<unknown>;
  resolve(value?: unknown): void;
  reject(error: Error): void;
}
function deferred(): Deferred {
  let resolve!: (v: unknown) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** Every message the workspace sent, in order, and how each kind is answered. */
let log: string[];
let answer: Record<string, (body: unknown) => Promise<unknown>>;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  log = [];
  answer = {
    'spotChecks:draftFor': async () => null,
    'spotChecks:saveDraft': async () => ({}),
    'spotChecks:discardDraft': async () => ({}),
    'spotChecks:submit': async (body) => ({ id: (body as { id: string }).id, result: { score: 100, outcome: 'pass' } }),
  };
  (vi.mocked(call) as unknown as { mockImplementation(f: (name: string, body: unknown) => Promise<unknown>): void }).mockImplementation(
    (name, body) => {
      log.push(name.replace('spotChecks:', ''));
      return answer[name]!(body);
    },
  );
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/** Let pending promise chains (message replies and what follows them) run, and render. */
const settle = () =>
  act(async () => {
    for (let i = 0; i < 20; i++) await Promise.resolve();
  });
const tick = (ms: number) => act(async () => void (await vi.advanceTimersByTimeAsync(ms)));
const group = (name: string) => screen.getByRole('radiogroup', { name });
const submitButton = () => screen.getByRole('button', { name: /^Submit spot check/ });

async function open(evaluator = 'Sam Supervisor') {
  const onSubmitted = vi.fn();
  render(
    <SpotCheckWorkspace
      contact={contact}
      checklists={[checklist]}
      me={undefined}
      evaluator={evaluator}
      onEvaluatorChange={() => {}}
      onSubmitted={onSubmitted}
    />,
  );
  await settle(); // the draft lookup
  fireEvent.click(screen.getByRole('button', { name: /^Demo/ }));
  await settle();
  return { onSubmitted };
}

function answerAll() {
  fireEvent.keyDown(group('Greeted the customer'), { key: 'y' });
  fireEvent.keyDown(group('Closed the call'), { key: 'y' });
}

describe('SpotCheckWorkspace', () => {
  it('focuses the first item once a checklist is chosen', async () => {
    await open();
    expect(document.activeElement).toBe(group('Greeted the customer'));
  });

  it('submit waits for the save under way, and no autosave follows it', async () => {
    const save = deferred();
    answer['spotChecks:saveDraft'] = () => save.promise;
    const { onSubmitted } = await open();
    answerAll();
    await tick(400); // the autosave starts and hangs
    expect(log).toEqual(['draftFor', 'saveDraft']);

    fireEvent.click(submitButton());
    await settle();
    expect(log).toEqual(['draftFor', 'saveDraft']); // not before the save has landed

    save.resolve({});
    await settle();
    expect(log).toEqual(['draftFor', 'saveDraft', 'submit']);
    expect(onSubmitted).toHaveBeenCalledOnce();
    await tick(5000);
    expect(log).toEqual(['draftFor', 'saveDraft', 'submit']);
  });

  it('submit cancels a waiting autosave rather than racing it', async () => {
    const { onSubmitted } = await open();
    answerAll();
    fireEvent.click(submitButton()); // before the 400 ms autosave fires
    await settle();
    await tick(5000);
    expect(log).toEqual(['draftFor', 'submit']);
    expect(onSubmitted).toHaveBeenCalledOnce();
  });

  it('discard asks first, focusing "Keep draft", so one key press cannot lose the draft', async () => {
    await open();
    answerAll();
    fireEvent.click(screen.getByRole('button', { name: 'Discard draft' }));
    const keep = screen.getByRole('button', { name: 'Keep draft' });
    expect(document.activeElement).toBe(keep);
    expect(screen.getByRole('group', { name: 'Discard this draft? It cannot be undone.' })).toBeTruthy();
    fireEvent.click(keep);
    expect(screen.queryByRole('button', { name: 'Confirm discard' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Discard draft' }));
    expect(log).not.toContain('discardDraft');

    // Escape keeps it too.
    fireEvent.click(screen.getByRole('button', { name: 'Discard draft' }));
    fireEvent.keyDown(screen.getByRole('button', { name: 'Keep draft' }), { key: 'Escape' });
    expect(screen.queryByRole('button', { name: 'Confirm discard' })).toBeNull();
  });

  it('the discard question stands down after a while unless focus is on it', async () => {
    await open();
    fireEvent.click(screen.getByRole('button', { name: 'Discard draft' }));
    await tick(9000); // focus is on "Keep draft": it stays
    expect(screen.getByRole('button', { name: 'Confirm discard' })).toBeTruthy();
    group('Greeted the customer').focus();
    await tick(9000);
    expect(screen.queryByRole('button', { name: 'Confirm discard' })).toBeNull();
  });

  it('confirmed discard waits for the save under way and cancels a waiting one, so nothing brings the draft back', async () => {
    const save = deferred();
    answer['spotChecks:saveDraft'] = () => save.promise;
    await open();
    fireEvent.keyDown(group('Greeted the customer'), { key: 'y' });
    await tick(400); // a save under way
    fireEvent.keyDown(group('Closed the call'), { key: 'y' }); // and another waiting
    fireEvent.click(screen.getByRole('button', { name: 'Discard draft' }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirm discard' }));
    await settle();
    expect(log).toEqual(['draftFor', 'saveDraft']);
    save.resolve({});
    await settle();
    await tick(5000);
    expect(log).toEqual(['draftFor', 'saveDraft', 'discardDraft']);
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Score this contact' }));
  });

  it('a failed save is announced and retried by the flush when the panel is hidden', async () => {
    answer['spotChecks:saveDraft'] = async () => {
      throw new Error('storage is full');
    };
    await open();
    answerAll();
    await tick(400);
    expect(screen.getByRole('alert').textContent).toBe('Draft not saved: storage is full');
    expect(screen.getByText('Unsaved changes')).toBeTruthy();

    answer['spotChecks:saveDraft'] = async () => ({});
    dispatchEvent(new Event('pagehide'));
    await settle();
    expect(log.filter((n) => n === 'saveDraft')).toHaveLength(2);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('Draft saved')).toBeTruthy();
  });

  it('the save state is not a live region (it changes with every key)', async () => {
    await open();
    const state = screen.getByText('Unsaved changes');
    expect(state.closest('[role=status], [role=alert], [aria-live]')).toBeNull();
  });

  it('Submit stays reachable while blocked: aria-disabled, describes why, and says so when pressed', async () => {
    await open('');
    const submit = submitButton();
    expect(submit.hasAttribute('disabled')).toBe(false);
    expect(submit.getAttribute('aria-disabled')).toBe('true');
    expect(document.getElementById(submit.getAttribute('aria-describedby')!)?.textContent).toMatch(/2 items not answered/);

    // Unanswered items: the reason is announced and focus goes to the first unanswered item.
    fireEvent.keyDown(group('Greeted the customer'), { key: 'y' });
    submit.focus();
    fireEvent.click(submit);
    await settle();
    expect(screen.getByRole('alert').textContent).toMatch(/Cannot submit yet: 1 item not answered: "Closed the call"/);
    expect(document.activeElement).toBe(group('Closed the call'));

    // No evaluator: focus goes to the field.
    fireEvent.keyDown(group('Closed the call'), { key: 'y' });
    await settle();
    expect(screen.queryByRole('alert')).toBeNull(); // the old reason went with its blocker
    fireEvent.click(submit);
    await settle();
    expect(screen.getByRole('alert').textContent).toBe('Cannot submit yet: Enter your name as evaluator.');
    expect(document.activeElement).toBe(screen.getByLabelText('Evaluator'));
    expect(log).not.toContain('submit');
  });
});
