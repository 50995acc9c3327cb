// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { call } from './client.ts';
import { PromptRules } from './PromptRules.tsx';

vi.mock('./client.ts', () => ({ call: vi.fn() }));

const PACKS = {
  rules: [
    { id: 'card-number-in-reply', title: 'Card number in the reply', level: 'block', packId: 'uk-default', packVersion: 1 },
    { id: 'refund-limit', title: 'Refunds over £50', level: 'warn', packId: 'refunds', packVersion: 2 },
    { id: 'greeting', title: 'Greet by name', level: 'info', packId: 'refunds', packVersion: 2 },
  ],
  published: [{ id: 'refunds', version: 2, title: 'Refund rules', rules: 2 }],
  builtIn: '{}',
};

const mocked = vi.mocked(call) as unknown as { mockImplementation(f: (name: string, body: unknown) => Promise<unknown>): void };
let publish: (body: unknown) => Promise<unknown>;
let publishMock: ReturnType<typeof vi.fn<(body: unknown) => Promise<unknown>>>;

beforeEach(() => {
  publishMock = vi.fn<(body: unknown) => Promise<unknown>>();
  publish = publishMock;
  mocked.mockImplementation(async (name, body) => {
    if (name === 'prompts:packs') return PACKS;
    if (name === 'prompts:publish') return publish(body);
    throw new Error(`unexpected ${name}`);
  });
});
afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

function choose(json: string) {
  const input = screen.getByLabelText('Publish a rule pack (JSON file)') as HTMLInputElement;
  const file = new File([json], 'pack.json', { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  fireEvent.change(input);
}

describe('PromptRules', () => {
  it('says how many rules are in effect and where each comes from', async () => {
    render(<PromptRules role="agent" />);
    expect(await screen.findByText('3 rules in effect: 1 block, 1 warn, 1 inform.')).toBeTruthy();
    expect(screen.getByText('(warn; refunds v2)')).toBeTruthy();
    expect(screen.getByText('(refunds, version 2, 2 rules)')).toBeTruthy();
    // Agents read the rules; they do not publish them.
    expect(screen.queryByLabelText('Publish a rule pack (JSON file)')).toBeNull();
  });

  it('names each rule and field at fault and publishes nothing', async () => {
    publishMock.mockResolvedValue({
      ok: false,
      errors: [
        { rule: 'slow', path: 'when.text.0.pattern', message: 'unbounded repetition' },
        { rule: null, path: 'title', message: 'Too small' },
      ],
    });
    render(<PromptRules role="manager" />);
    await screen.findByText(/rules in effect/);
    choose('{"id":"x"}');
    const alert = await screen.findByRole('alert');
    expect([...alert.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'Rule slow, when.text.0.pattern: unbounded repetition',
      'The pack, title: Too small',
    ]);
    expect(publishMock).toHaveBeenCalledWith({ pack: { id: 'x' } });
  });

  it('refuses a file that is not JSON before asking anything', async () => {
    render(<PromptRules role="admin" />);
    await screen.findByText(/rules in effect/);
    choose('{ not json');
    expect((await screen.findByRole('alert')).textContent).toMatch(/^pack\.json is not JSON: /);
    expect(publishMock).not.toHaveBeenCalled();
  });

  it('queues a good pack and says when it reaches browsers', async () => {
    publishMock.mockResolvedValue({ ok: true, id: 'refunds', version: 3 });
    render(<PromptRules role="manager" />);
    await screen.findByText(/rules in effect/);
    choose('{"id":"refunds"}');
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(
        'Rule pack refunds version 3 is on its way to the server; every browser gets it at its next sync.',
      ),
    );
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
