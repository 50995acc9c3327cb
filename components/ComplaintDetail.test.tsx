// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me, RosterEntry } from '../core/account.ts';
import { type Handler } from '../core/complaint.ts';
import { closure, History, option, PEOPLE } from '../core/complaintFixtures.ts';
import type { ComplaintView } from '../core/messages.ts';
import { MessageError } from '../core/messaging.ts';
import { DEFAULT_ORG_SETTINGS } from '../core/orgSettings.ts';
import { call } from './client.ts';
import { ComplaintDetail } from './ComplaintDetail.tsx';

vi.mock('./client.ts', () => ({ call: vi.fn() }));

const meAs = (h: Handler): Me => ({
  id: h.id,
  orgId: '0190a000-0000-7000-8000-000000000999',
  orgName: 'Demo',
  name: h.name,
  email: 'someone@example.test',
  role: h.role,
  teamIds: [],
});
const entry = (h: Handler): RosterEntry => ({ id: h.id, name: h.name, role: h.role, teamIds: [], crmNames: [] });
const roster = [PEOPLE.agent, PEOPLE.agent2, PEOPLE.supervisor, PEOPLE.manager].map(entry);
const NOW = new Date('2026-03-04T12:00:00Z');

/** An agent's complaint with a small option (within an agent's £50) and a large one (beyond it). */
function complaintWithOptions(): History {
  const h = new History();
  h.log(PEOPLE.agent);
  h.apply('optionAdded', PEOPLE.agent, {
    option: { ...option('small', 1000, 'Refund the £10 fee'), customerDisadvantages: 'Waits for the refund' },
  });
  h.apply('optionAdded', PEOPLE.agent, { option: option('big', 30000, 'Refund £300 and waive charges') });
  return h;
}
const viewOf = (h: History): ComplaintView => ({ complaint: structuredClone(h.state!), events: [...h.events], synced: true });

let answer: Record<string, (body: unknown) => Promise<unknown>>;
const sent = (name: string) => vi.mocked(call).mock.calls.filter(([n]) => n === name).map(([, body]) => body);

beforeEach(() => {
  vi.mocked(call).mockClear();
  answer = { 'roster:get': async () => ({ roster, teams: [] }) };
  (vi.mocked(call) as unknown as { mockImplementation(f: (name: string, body: unknown) => Promise<unknown>): void }).mockImplementation(
    (name, body) => {
      const reply = answer[name];
      if (!reply) throw new Error(`not in this test: ${name}`);
      return reply(body);
    },
  );
});
afterEach(cleanup);

const settle = () =>
  act(async () => {
    for (let i = 0; i < 20; i++) await Promise.resolve();
  });

function show(h: History, me = meAs(PEOPLE.agent)) {
  const onRecorded = vi.fn();
  const utils = render(
    <ComplaintDetail view={viewOf(h)} settings={DEFAULT_ORG_SETTINGS} me={me} now={() => NOW} onRecorded={onRecorded} onBack={() => {}} />,
  );
  return { ...utils, onRecorded };
}

describe('ComplaintDetail: the header', () => {
  it('shows reference, status, owner and flags, focuses the heading, and warns when the owner needs to refer it', () => {
    const h = new History();
    h.log(PEOPLE.agent, { flags: ['vulnerable'] });
    show(h);
    const heading = screen.getByRole('heading', { name: 'Complaint C-TEST-1' });
    expect(document.activeElement).toBe(heading);
    const header = heading.closest('header')!;
    expect(header.textContent).toContain('Open');
    expect(header.textContent).toContain('You (Ash Agent)');
    expect(header.textContent).toContain('vulnerable customer');
    expect(within(header).getByRole('note', { name: 'Needs referral' }).textContent).toContain(
      'The owner\'s authority does not cover complaints flagged vulnerable customer.',
    );
  });

  it('lists each clock with its due day and state', () => {
    show(complaintWithOptions());
    const clocks = screen.getByRole('heading', { name: /^Deadlines/ }).closest('section')!;
    const items = within(clocks).getAllByRole('listitem').map((li) => li.textContent);
    // Received Monday 2 March: the summary window closes at the end of Thursday 5 March; 8 weeks end on 27 April.
    expect(items).toEqual([
      'Summary resolution possible: until Thu 5 Mar 2026. Due soon, closes in 1 business day',
      'Final or holding response: due Mon 27 Apr 2026. On track, due in 54 days',
    ]);
  });
});

describe('ComplaintDetail: options', () => {
  it('compares the options side by side: a column per option, a row per aspect', () => {
    show(complaintWithOptions());
    const table = screen.getByRole('table');
    const headers = within(table).getAllByRole('columnheader').map((th) => th.textContent);
    expect(headers).toEqual(['Refund the £10 fee', 'Refund £300 and waive charges']);
    const row = (label: string) =>
      within(table)
        .getByRole('rowheader', { name: label })
        .closest('tr')!
        .querySelectorAll('td');
    expect([...row('Good for the customer')].map((td) => td.textContent)).toEqual(['Money back quickly', 'Money back quickly']);
    expect([...row('Bad for the customer')].map((td) => td.textContent)).toEqual(['Waits for the refund', '—']);
    expect([...row('Redress')].map((td) => td.textContent)).toEqual(['£10.00', '£300.00']);
    expect([...row('Cost to us')].map((td) => td.textContent)).toEqual(['£25.00', '£315.00']);
  });

  it('agrees an option within the owner’s authority', async () => {
    const h = complaintWithOptions();
    const after = complaintWithOptions();
    after.apply('optionAgreed', PEOPLE.agent, { optionId: 'small', authority: after.authority(PEOPLE.agent) });
    answer['complaints:record'] = async () => viewOf(after);
    const { onRecorded } = show(h);
    fireEvent.click(screen.getByRole('button', { name: 'Agree with customer: Refund the £10 fee' }));
    await settle();
    expect(sent('complaints:record')).toEqual([{ complaintId: h.complaintId, draft: { type: 'optionAgreed', optionId: 'small' } }]);
    expect(onRecorded).toHaveBeenCalledWith(viewOf(after));
    expect(screen.getByRole('status').textContent).toBe('Recorded. Agreed option “Refund the £10 fee” with the customer.');
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Options' }));
  });

  it('beyond the owner’s authority there is no agree button: it says why and offers a referral to someone who can', async () => {
    const h = complaintWithOptions();
    answer['complaints:record'] = async () => viewOf(h);
    show(h);
    expect(screen.queryByRole('button', { name: /^Agree with customer: Refund £300/ })).toBeNull();
    const cell = screen.getByText(/^Beyond your authority/).closest('td')!;
    expect(cell.textContent).toContain('a redress of £300.00 (the limit is £50.00)');

    fireEvent.click(within(cell).getByRole('button', { name: 'Refer to someone who can agree: Refund £300 and waive charges' }));
    await settle();
    const form = screen.getByRole('form', { name: 'Refer to agree “Refund £300 and waive charges”' });
    const who = within(form).getByLabelText('Refer to') as HTMLSelectElement;
    expect(document.activeElement).toBe(who);
    // Agents' £50 does not cover £300; the owner is not offered to themselves.
    expect([...who.options].map((o) => o.textContent)).toEqual(['Choose a person', 'Cy Supervisor (supervisor)', 'Eli Manager (manager)']);

    // The reason is required.
    fireEvent.change(who, { target: { value: PEOPLE.supervisor.id } });
    fireEvent.click(within(form).getByRole('button', { name: 'Refer' }));
    await settle();
    expect(within(form).getByRole('alert').textContent).toBe('Give a reason for the referral.');
    expect(sent('complaints:record')).toEqual([]);

    fireEvent.input(within(form).getByLabelText('Reason'), { target: { value: 'The customer wants £300; beyond my limit.' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Refer' }));
    await settle();
    expect(sent('complaints:record')).toEqual([
      {
        complaintId: h.complaintId,
        draft: {
          type: 'referred',
          to: { id: PEOPLE.supervisor.id, name: 'Cy Supervisor' },
          reason: 'The customer wants £300; beyond my limit.',
          optionId: 'big',
        },
      },
    ]);
  });

  it('a complaint whose flags are beyond the owner is referred to someone whose role covers them', async () => {
    const h = new History();
    h.log(PEOPLE.agent, { flags: ['highRisk'] });
    show(h);
    fireEvent.click(screen.getByRole('button', { name: 'Refer this complaint' }));
    await settle();
    const who = within(screen.getByRole('form', { name: 'Refer this complaint' })).getByLabelText('Refer to') as HTMLSelectElement;
    // Only managers may handle high-risk complaints.
    expect([...who.options].map((o) => o.textContent)).toEqual(['Choose a person', 'Eli Manager (manager)']);
  });

  it('a roster that cannot be loaded is reported, and the referral can be cancelled', async () => {
    answer['roster:get'] = async () => {
      throw new MessageError('Sign in again to see your colleagues.');
    };
    show(complaintWithOptions());
    fireEvent.click(screen.getByRole('button', { name: 'Refer this complaint' }));
    await settle();
    expect(screen.getByRole('alert').textContent).toBe('The roster could not be loaded: Sign in again to see your colleagues.');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await settle();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Refer this complaint' }));
  });

  it('adds an option with amounts typed in pounds turned into whole pence, and refuses an amount that is not one', async () => {
    const h = complaintWithOptions();
    answer['complaints:record'] = async () => viewOf(h);
    show(h);
    fireEvent.click(screen.getByRole('button', { name: 'Add an option' }));
    const form = screen.getByRole('form', { name: 'Add an option' });
    expect(document.activeElement).toBe(within(form).getByLabelText('Option'));
    fireEvent.input(within(form).getByLabelText('Option'), { target: { value: 'Goodwill credit' } });
    fireEvent.input(within(form).getByLabelText('Advantages for the customer'), { target: { value: 'Quick' } });
    fireEvent.input(within(form).getByLabelText('Redress to the customer (£)'), { target: { value: '12.505' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add option' }));
    await settle();
    expect(within(form).getByRole('alert').textContent).toBe('Redress: Give pounds and pence: at most two figures after the point.');
    expect(document.activeElement).toBe(within(form).getByLabelText('Redress to the customer (£)'));
    expect(sent('complaints:record')).toEqual([]);

    fireEvent.input(within(form).getByLabelText('Redress to the customer (£)'), { target: { value: '12.50' } });
    fireEvent.input(within(form).getByLabelText('Total cost to us (£)'), { target: { value: '£1,020.05' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add option' }));
    await settle();
    expect(sent('complaints:record')).toEqual([
      {
        complaintId: h.complaintId,
        draft: {
          type: 'optionAdded',
          option: {
            id: expect.stringMatching(/^[0-9a-f-]{36}$/),
            summary: 'Goodwill credit',
            customerAdvantages: 'Quick',
            customerDisadvantages: '',
            organisationAdvantages: '',
            organisationDisadvantages: '',
            redressPence: 1250,
            costPence: 102005,
            otherRedress: '',
          },
        },
      },
    ]);
  });
});

describe('ComplaintDetail: closing', () => {
  function openCloseForm() {
    fireEvent.click(screen.getByRole('button', { name: 'Close the complaint' }));
    return screen.getByRole('form', { name: 'Close the complaint' });
  }

  it('requires an outcome, and sends the closure once there is one', async () => {
    const h = complaintWithOptions();
    const after = complaintWithOptions();
    after.apply('closed', PEOPLE.agent, { closure: closure('2026-03-04', 'partlyUpheld', 1250), authority: after.authority(PEOPLE.agent) }, '2026-03-04T11:00:00Z');
    answer['complaints:record'] = async () => viewOf(after);
    const { onRecorded } = show(h);
    const form = openCloseForm();
    expect((within(form).getByLabelText(/^Closed on/) as HTMLInputElement).value).toBe('2026-03-04');
    fireEvent.input(within(form).getByLabelText('Redress paid (£)'), { target: { value: '12.5' } });
    fireEvent.input(within(form).getByLabelText('Summary of the resolution'), { target: { value: 'Refunded and apologised.' } });
    fireEvent.click(within(form).getByLabelText(/final response told the customer they may refer the complaint to Financial Ombudsman Service/));

    fireEvent.click(within(form).getByRole('button', { name: 'Close complaint' }));
    await settle();
    expect(within(form).getByRole('alert').textContent).toBe('Choose an outcome: upheld, partly upheld, not upheld or withdrawn.');
    expect(document.activeElement).toBe(within(form).getByRole('radio', { name: 'Upheld' }));
    expect(sent('complaints:record')).toEqual([]);
    expect(onRecorded).not.toHaveBeenCalled();

    fireEvent.click(within(form).getByRole('radio', { name: 'Partly upheld' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Close complaint' }));
    await settle();
    expect(sent('complaints:record')).toEqual([
      {
        complaintId: h.complaintId,
        draft: {
          type: 'closed',
          closure: {
            closedOn: '2026-03-04',
            outcome: 'partlyUpheld',
            redressPence: 1250,
            otherRedress: '',
            summary: 'Refunded and apologised.',
            referralRightsGiven: true,
          },
        },
      },
    ]);
    expect(onRecorded).toHaveBeenCalledOnce();
    expect(screen.queryByRole('form', { name: 'Close the complaint' })).toBeNull();
  });

  it('requires referral rights under a regime that needs them, naming the body', async () => {
    answer['complaints:record'] = async () => {
      throw new Error('should not be sent');
    };
    show(complaintWithOptions());
    const form = openCloseForm();
    fireEvent.click(within(form).getByRole('radio', { name: 'Upheld' }));
    fireEvent.input(within(form).getByLabelText('Summary of the resolution'), { target: { value: 'Refunded.' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Close complaint' }));
    await settle();
    expect(within(form).getByRole('alert').textContent).toBe(
      'Under FCA DISP the final response must tell the customer they may go to Financial Ombudsman Service. Confirm it did.',
    );
    expect(sent('complaints:record')).toEqual([]);
  });

  it('shows a refusal from the background in the form and changes nothing else', async () => {
    const h = complaintWithOptions();
    answer['complaints:record'] = async () => {
      throw new MessageError('Closing with this redress is beyond your authority: it needs authority for a redress of £60.00 (the limit is £50.00).');
    };
    const { onRecorded } = show(h);
    const form = openCloseForm();
    fireEvent.click(within(form).getByRole('radio', { name: 'Upheld' }));
    fireEvent.input(within(form).getByLabelText('Redress paid (£)'), { target: { value: '60' } });
    fireEvent.input(within(form).getByLabelText('Summary of the resolution'), { target: { value: 'Refunded.' } });
    fireEvent.click(within(form).getByLabelText(/final response told the customer/));
    fireEvent.click(within(form).getByRole('button', { name: 'Close complaint' }));
    await settle();
    expect(within(form).getByRole('alert').textContent).toMatch(/^Closing with this redress is beyond your authority/);
    expect(onRecorded).not.toHaveBeenCalled();
    expect((within(form).getByLabelText('Summary of the resolution') as HTMLTextAreaElement).value).toBe('Refunded.');
    expect(screen.getByRole('status').textContent).toBe('');
    expect(screen.getByRole('heading', { name: 'Closure' }).closest('section')!.textContent).toContain('Open.');
  });

  it('Escape cancels a form and focus returns to the button that opened it', () => {
    show(complaintWithOptions());
    const form = openCloseForm();
    fireEvent.keyDown(within(form).getByLabelText('Summary of the resolution'), { key: 'Escape' });
    expect(screen.queryByRole('form', { name: 'Close the complaint' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Close the complaint' }));
  });
});

describe('ComplaintDetail: who may do what', () => {
  it('a colleague who does not own it may add flags and notes, not close it or agree options', () => {
    show(complaintWithOptions(), meAs(PEOPLE.agent2));
    expect(screen.queryByRole('button', { name: 'Close the complaint' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Agree with customer/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add an option' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Add a note' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Change flags' })).toBeTruthy();
  });

  it('after closure: review with a root cause, learning points one per line, and a preventive action', async () => {
    const h = complaintWithOptions();
    h.apply('closed', PEOPLE.agent, { closure: closure('2026-03-04', 'upheld', 1000), authority: h.authority(PEOPLE.agent) }, '2026-03-04T11:00:00Z');
    answer['complaints:record'] = async () => viewOf(h);
    show(h);
    expect(screen.queryByRole('button', { name: 'Add an option' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Reopen' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Record the review' }));
    const form = screen.getByRole('form', { name: 'Learning from the complaint' });
    const cause = within(form).getByLabelText('Root cause') as HTMLSelectElement;
    fireEvent.change(cause, { target: { value: cause.options[1]!.value } });
    fireEvent.input(within(form).getByLabelText('Learning points (one per line)'), { target: { value: 'Check refunds daily\n\n  Tell customers sooner ' } });
    fireEvent.input(within(form).getByLabelText('What will be done'), { target: { value: 'Daily refund report' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save review' }));
    await settle();
    expect(within(form).getByRole('alert').textContent).toBe('Name who owns the preventive action.');
    fireEvent.input(within(form).getByLabelText('Owner'), { target: { value: 'Eli Manager' } });
    fireEvent.input(within(form).getByLabelText('Due'), { target: { value: '2026-04-01' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save review' }));
    await settle();
    expect(sent('complaints:record')).toEqual([
      {
        complaintId: h.complaintId,
        draft: {
          type: 'reviewed',
          review: {
            rootCause: { id: cause.options[1]!.value, label: cause.options[1]!.textContent },
            learningPoints: ['Check refunds daily', 'Tell customers sooner'],
            preventiveActions: [{ description: 'Daily refund report', owner: { name: 'Eli Manager' }, dueOn: '2026-04-01' }],
          },
        },
      },
    ]);
  });

  it('shows the history oldest first, with who and when', () => {
    show(complaintWithOptions());
    const items = within(screen.getByRole('heading', { name: 'History' }).closest('section')!).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      '2 Mar 2026, 09:00, Ash Agent (agent)Logged complaint C-TEST-1 (Charges, billing and payments), received by email on Mon 2 Mar 2026. Clocks: FCA DISP.',
      '2 Mar 2026, 09:01, Ash Agent (agent)Added option “Refund the £10 fee”: redress £10.00, costing £25.00.',
      '2 Mar 2026, 09:02, Ash Agent (agent)Added option “Refund £300 and waive charges”: redress £300.00, costing £315.00.',
    ]);
  });
});
