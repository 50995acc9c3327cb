// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTACT, History, PEOPLE } from '../core/complaintFixtures.ts';
import type { ComplaintView } from '../core/messages.ts';
import { MessageError } from '../core/messaging.ts';
import { DEFAULT_ORG_SETTINGS, type OrgSettings } from '../core/orgSettings.ts';
import { call } from './client.ts';
import { QuickLog } from './QuickLog.tsx';

vi.mock('./client.ts', () => ({ call: vi.fn() }));

const h = new History();
h.log(PEOPLE.agent);
const saved: ComplaintView = { complaint: h.state!, events: h.events, synced: false };

let reply: () => Promise<unknown>;
beforeEach(() => {
  vi.mocked(call).mockClear();
  reply = async () => saved;
  (vi.mocked(call) as unknown as { mockImplementation(f: () => Promise<unknown>): void }).mockImplementation(() => reply());
});
afterEach(cleanup);

const settle = () =>
  act(async () => {
    for (let i = 0; i < 20; i++) await Promise.resolve();
  });

function open(props: { contact?: typeof CONTACT | null; customerWords?: string; settings?: OrgSettings } = {}) {
  const onSaved = vi.fn();
  const onCancel = vi.fn();
  const utils = render(
    <QuickLog
      settings={props.settings ?? DEFAULT_ORG_SETTINGS}
      contact={props.contact === undefined ? CONTACT : props.contact}
      customerWords={props.customerWords}
      onSaved={onSaved}
      onCancel={onCancel}
    />,
  );
  return { ...utils, onSaved, onCancel };
}
const category = () => screen.getByLabelText('Category') as HTMLSelectElement;
const whatHappened = () => screen.getByLabelText('What happened') as HTMLTextAreaElement;
const save = () => fireEvent.click(screen.getByRole('button', { name: 'Log complaint' }));

describe('QuickLog', () => {
  it('needs a category and what happened, and says which is missing, moving focus to it', async () => {
    const { onSaved } = open();
    expect(document.activeElement).toBe(category());
    save();
    await settle();
    expect(screen.getByRole('alert').textContent).toBe('Choose a category.');
    expect(category().getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(category(), { target: { value: 'billing' } });
    fireEvent.input(whatHappened(), { target: { value: '   ' } });
    save();
    await settle();
    expect(screen.getByRole('alert').textContent).toBe('Say what happened.');
    expect(document.activeElement).toBe(whatHappened());
    expect(call).not.toHaveBeenCalled();
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('Ctrl+Enter saves with the contact from the page and the chosen flags, then hands over the saved complaint', async () => {
    const { onSaved } = open();
    fireEvent.change(category(), { target: { value: 'billing' } });
    fireEvent.input(whatHappened(), { target: { value: 'Charged twice for one order.' } });
    fireEvent.click(screen.getByLabelText('vulnerable customer'));
    fireEvent.keyDown(whatHappened(), { key: 'Enter', ctrlKey: true });
    await settle();
    expect(call).toHaveBeenCalledExactlyOnceWith('complaints:log', {
      category: 'billing',
      whatHappened: 'Charged twice for one order.',
      contact: CONTACT,
      flags: ['vulnerable'],
    });
    expect(onSaved).toHaveBeenCalledWith(saved);
  });

  it('Enter alone in what happened is a new line, not a save', async () => {
    open();
    fireEvent.change(category(), { target: { value: 'billing' } });
    fireEvent.input(whatHappened(), { target: { value: 'Charged twice.' } });
    fireEvent.keyDown(whatHappened(), { key: 'Enter' });
    await settle();
    expect(call).not.toHaveBeenCalled();
  });

  it('prefills the customer’s words as a quotation and shows the contact', () => {
    open({ customerWords: '  You charged me twice and nobody called back.  ' });
    expect(whatHappened().value).toBe('The customer said: “You charged me twice and nobody called back.”\n\n');
    const about = screen.getByText(/^About ticket/);
    expect(about.textContent).toBe('About ticket 42 in Request Tracker (customer cust-1001): Refund not received');
  });

  it('adds words selected later to what was typed, rather than replacing it', () => {
    const { rerender } = open({ customerWords: 'First words' });
    fireEvent.input(whatHappened(), { target: { value: 'The customer said: “First words”\n\nCalled at 9.' } });
    rerender(
      <QuickLog settings={DEFAULT_ORG_SETTINGS} contact={CONTACT} customerWords="Second words" onSaved={() => {}} onCancel={() => {}} />,
    );
    expect(whatHappened().value).toBe('The customer said: “First words”\n\nCalled at 9.\n\nThe customer said: “Second words”\n\n');
  });

  it('offers only categories in use', () => {
    const settings: OrgSettings = {
      ...DEFAULT_ORG_SETTINGS,
      categories: [
        { id: 'billing', label: 'Billing' },
        { id: 'old', label: 'Old category', retired: true },
      ],
    };
    open({ settings });
    expect([...category().options].map((o) => o.textContent)).toEqual(['Choose a category', 'Billing']);
  });

  it('without a contact from the page, asks for the ticket id and sends it as typed by hand', async () => {
    open({ contact: null });
    fireEvent.change(category(), { target: { value: 'delay' } });
    fireEvent.input(whatHappened(), { target: { value: 'Waited a week.' } });
    save();
    await settle();
    expect(screen.getByRole('alert').textContent).toBe('Enter the ticket or contact id.');
    fireEvent.input(screen.getByLabelText('Ticket or contact id'), { target: { value: ' T-9 ' } });
    save();
    await settle();
    expect(vi.mocked(call).mock.calls[0]?.[1]).toMatchObject({
      category: 'delay',
      whatHappened: 'Waited a week.',
      contact: { adapterId: 'manual', ticketId: 'T-9', source: 'manual' },
    });
  });

  it('a refusal from the background is shown and what was typed stays', async () => {
    reply = async () => {
      throw new MessageError('Sign in (under Account) to log and handle complaints: each step is recorded in your name.');
    };
    const { onSaved } = open();
    fireEvent.change(category(), { target: { value: 'billing' } });
    fireEvent.input(whatHappened(), { target: { value: 'Charged twice.' } });
    save();
    await settle();
    expect(screen.getByRole('alert').textContent).toMatch(/^Sign in \(under Account\)/);
    expect(whatHappened().value).toBe('Charged twice.');
    expect(category().value).toBe('billing');
    expect(onSaved).not.toHaveBeenCalled();
  });
});

describe('QuickLog: received earlier, or under another regime', () => {
  const received = () => screen.getByLabelText('Received (leave empty for now)') as HTMLInputElement;
  const regime = () => screen.getByLabelText('Regime') as HTMLSelectElement;
  const fill = () => {
    fireEvent.change(category(), { target: { value: 'billing' } });
    fireEvent.input(whatHappened(), { target: { value: 'Letter about a double charge' } });
  };

  it('sends nothing extra by default: received now, under the organisation default', async () => {
    open();
    expect(regime().value).toBe(DEFAULT_ORG_SETTINGS.defaultRegimeId);
    fill();
    save();
    await settle();
    const [, body] = vi.mocked(call).mock.calls[0]!;
    expect(body).not.toHaveProperty('receivedAt');
    expect(body).not.toHaveProperty('regimeId');
  });

  it('sends the instant it was received and the regime chosen', async () => {
    open();
    fill();
    fireEvent.input(received(), { target: { value: '2026-03-01T16:30' } });
    fireEvent.change(regime(), { target: { value: 'ofcom' } });
    save();
    await settle();
    expect(vi.mocked(call)).toHaveBeenCalledWith('complaints:log', expect.objectContaining({ receivedAt: new Date('2026-03-01T16:30').toISOString(), regimeId: 'ofcom' }));
  });

  it('refuses a time in the future, and says so beside the field', async () => {
    open();
    fill();
    fireEvent.input(received(), { target: { value: '2999-01-01T09:00' } });
    save();
    await settle();
    expect(screen.getByRole('alert').textContent).toBe('The time it was received cannot be in the future.');
    expect(received().getAttribute('aria-describedby')).toBe('quicklog-invalid');
    expect(vi.mocked(call)).not.toHaveBeenCalled();
  });
});
