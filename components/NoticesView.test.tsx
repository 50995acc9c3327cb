// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RosterEntry, Team } from '../core/account.ts';
import { BILLING, NOTICE_PEOPLE, REFUNDS_NOTICE, fixtureId } from '../core/noticeFixtures.ts';
import { type NoticeBoard, SIGNED_OUT_BOARD, noticeBoard } from '../core/notices.ts';
import { publishesNotices } from '../core/roles.ts';
import type { NoticeAcknowledgement, ProcedureNotice } from '../core/promptRecords.ts';
import { call } from './client.ts';
import { NoticesView } from './NoticesView.tsx';

vi.mock('./client.ts', () => ({ call: vi.fn() }));

const id = fixtureId;
const TEAMS: Team[] = [
  { id: BILLING, name: 'Billing' },
  { id: id(902), name: 'Payments' },
];
const { alex, blake, sam, mo } = NOTICE_PEOPLE;
const ROSTER = [alex, blake, sam, mo];

const refunds: ProcedureNotice = { ...REFUNDS_NOTICE, guidanceUrl: 'https://intranet.example/refunds', criteria: ['CC33 3.1'] };
const recording: ProcedureNotice = {
  ...refunds,
  id: id(101),
  version: 2,
  title: 'Call recording notice',
  whatChanged: 'Read the new recording notice at the start of every call.',
  effectiveFrom: '2026-03-23',
  guidanceUrl: undefined,
  criteria: [],
  publishedAt: '2026-03-19T09:00:00.000Z',
};
const canteen: ProcedureNotice = { ...recording, id: id(102), version: 1, title: 'Canteen hours', requiresAcknowledgement: false, audience: { roles: [], teamIds: [] } };

let acks: NoticeAcknowledgement[];
let viewer: RosterEntry;
const boardFor = (who: RosterEntry): NoticeBoard => ({
  role: who.role,
  canPublish: publishesNotices(who.role),
  teams: TEAMS,
  ...noticeBoard([refunds, recording, canteen], ROSTER, acks, who),
});

let answer: Record<string, (body: never) => Promise<unknown>>;
beforeEach(() => {
  vi.mocked(call).mockClear();
  viewer = alex;
  acks = [
    { noticeId: recording.id, noticeVersion: 1, userId: alex.id, at: '2026-03-10T09:15:00.000Z' },
    { noticeId: refunds.id, noticeVersion: 1, userId: blake.id, at: '2026-03-20T14:05:00.000Z' },
  ];
  answer = {
    'notices:list': async () => boardFor(viewer),
    'notices:acknowledge': async ({ noticeId, noticeVersion }: { noticeId: string; noticeVersion: number }) => {
      acks.push({ noticeId, noticeVersion, userId: viewer.id, at: '2026-03-21T10:00:00.000Z' });
      return boardFor(viewer);
    },
    'notices:publish': async () => ({ id: id(103) }),
  };
  (vi.mocked(call) as unknown as { mockImplementation(f: (name: string, body: never) => Promise<unknown>): void }).mockImplementation((name, body) => {
    const reply = answer[name];
    if (!reply) throw new Error(`not in this test: ${name}`);
    return reply(body);
  });
});
afterEach(cleanup);

const settle = () =>
  act(async () => {
    for (let i = 0; i < 20; i++) await Promise.resolve();
  });

const onToRead = vi.fn<(n: number) => void>();
const onOpenAccount = vi.fn();
async function show(who: RosterEntry | null) {
  if (who) viewer = who;
  else answer['notices:list'] = async () => SIGNED_OUT_BOARD;
  onToRead.mockClear();
  render(<NoticesView revision={0} onToRead={onToRead} onOpenAccount={onOpenAccount} />);
  await settle();
}
const section = (name: RegExp) => screen.getByRole('heading', { name }).closest('section')!;
const titlesIn = (name: RegExp) => within(section(name)).queryAllByRole('heading', { level: 4 }).map((h) => h.textContent);
const card = (title: string) => screen.getAllByRole('article', { name: title })[0]!;
const calls = () => vi.mocked(call).mock.calls.map(([name, body]) => [name, body]);

describe('NoticesView: an agent', () => {
  it('sees the notices waiting for them first, with what changed, the date, the guidance and the button; the rest after', async () => {
    await show(alex);
    expect(titlesIn(/^Waiting for your acknowledgement/)).toEqual(['Call recording notice', 'Refunds over £50 need a second check']);
    expect(titlesIn(/^Other notices for you/)).toEqual(['Canteen hours']);
    expect(screen.queryByRole('heading', { name: 'Who has acknowledged' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Publish a notice' })).toBeNull();
    expect(onToRead).toHaveBeenCalledExactlyOnceWith(2);

    const first = card('Refunds over £50 need a second check');
    expect(within(first).getByText('Effective from Wed 1 Apr 2026 · Agents · version 1')).toBeTruthy();
    expect(within(first).getByText('Ask a supervisor to check any refund over £50 before agreeing it.')).toBeTruthy();
    const guidance = within(first).getByRole('link', { name: 'Read the guidance' });
    expect(guidance.getAttribute('href')).toBe('https://intranet.example/refunds');
    expect(guidance.getAttribute('rel')).toBe('noopener noreferrer');
    const button = within(first).getByRole('button', { name: 'I have read and understood this' });
    expect(button.getAttribute('aria-describedby')).toBe(`notice-${refunds.id}`);

    // Version 2 of a notice acknowledged at version 1: read again.
    expect(within(card('Call recording notice')).getByText(/^Revised: you acknowledged version 1 on 10 Mar 2026, 09:15\./)).toBeTruthy();
    expect(within(card('Canteen hours')).getByText('For information: no acknowledgement needed.')).toBeTruthy();
  });

  it('acknowledges a notice: it moves to the rest with the date, the count drops and focus lands on the list it left', async () => {
    await show(alex);
    fireEvent.click(within(card('Refunds over £50 need a second check')).getByRole('button', { name: 'I have read and understood this' }));
    await settle();
    expect(calls().at(-1)).toEqual(['notices:acknowledge', { noticeId: refunds.id, noticeVersion: 1 }]);
    expect(titlesIn(/^Waiting for your acknowledgement/)).toEqual(['Call recording notice']);
    expect(titlesIn(/^Other notices for you/)).toEqual(['Refunds over £50 need a second check', 'Canteen hours']);
    expect(within(card('Refunds over £50 need a second check')).getByText('You acknowledged this on 21 Mar 2026, 10:00.')).toBeTruthy();
    expect(onToRead).toHaveBeenLastCalledWith(1);
    expect(screen.getByRole('status').textContent).toBe('Acknowledged “Refunds over £50 need a second check”.');
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Waiting for your acknowledgement (1)' }));
  });

  it('a refused acknowledgement is reported and the notice stays', async () => {
    answer['notices:acknowledge'] = async () => {
      throw new Error('This notice has been revised since: read the new version and acknowledge that.');
    };
    await show(alex);
    fireEvent.click(within(card('Call recording notice')).getByRole('button', { name: 'I have read and understood this' }));
    await settle();
    expect(screen.getByRole('alert').textContent).toBe('This notice has been revised since: read the new version and acknowledge that.');
    expect(titlesIn(/^Waiting for your acknowledgement/)).toHaveLength(2);
  });

  it('nobody signed in: the way to Account', async () => {
    await show(null);
    expect(screen.getByText(/sign in to read and acknowledge them/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Sign in under Account' }));
    expect(onOpenAccount).toHaveBeenCalledOnce();
  });
});

describe('NoticesView: a supervisor', () => {
  it("sees how many of their team have acknowledged each notice, and who has (with the date) and who has not", async () => {
    await show(sam);
    expect(titlesIn(/^Waiting for your acknowledgement/)).toEqual([]);
    const refundsCard = within(section(/^Who has acknowledged$/)).getByRole('article', { name: 'Refunds over £50 need a second check' });
    expect(within(refundsCard).getByText('1 of 2 acknowledged')).toBeTruthy();
    expect(within(refundsCard).queryByRole('button', { name: 'Revise' })).toBeNull();
    const details = refundsCard.querySelector('details')!;
    details.open = true;
    const listOf = (name: RegExp) => within(details).getByRole('list', { name }).textContent;
    expect(listOf(/^Acknowledged/)).toBe('Blake Agent (agent), 20 Mar 2026, 14:05');
    expect(listOf(/^Not yet/)).toBe('Alex Agent (agent)');

    const recordingCard = within(section(/^Who has acknowledged$/)).getByRole('article', { name: 'Call recording notice' });
    expect(within(recordingCard).getByText('0 of 2 acknowledged')).toBeTruthy();
    recordingCard.querySelector('details')!.open = true;
    expect(within(recordingCard).getByText('Nobody yet.')).toBeTruthy();
    expect(within(recordingCard).getByRole('list', { name: /^Not yet/ }).textContent).toBe(
      'Alex Agent (agent) (acknowledged version 1 on 10 Mar 2026, 09:15)Blake Agent (agent)',
    );
    const canteenCard = within(section(/^Who has acknowledged$/)).getByRole('article', { name: 'Canteen hours' });
    expect(within(canteenCard).getByText('For information: no acknowledgement asked.')).toBeTruthy();
  });
});

describe('NoticesView: a manager publishes and revises', () => {
  const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

  it('publishes a notice through a labelled form: audience by role and team, acknowledgement, guidance', async () => {
    await show(mo);
    fireEvent.click(screen.getByRole('button', { name: 'Publish a notice' }));
    expect(document.activeElement).toBe(field('Title'));
    fireEvent.input(field('Title'), { target: { value: 'Vulnerable customers: new referral route' } });
    fireEvent.input(field('What changed'), { target: { value: 'Refer vulnerable customers to the specialist team, not the duty manager.' } });
    fireEvent.input(field('Effective from'), { target: { value: '2026-04-06' } });
    const audience = screen.getByRole('group', { name: 'Audience' });
    fireEvent.click(within(audience).getByRole('checkbox', { name: 'Agents' }));
    fireEvent.click(within(audience).getByRole('checkbox', { name: 'Supervisors' }));
    fireEvent.click(within(audience).getByRole('checkbox', { name: 'Billing' }));
    expect((screen.getByRole('checkbox', { name: 'Requires acknowledgement' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.input(field('Guidance link (optional)'), { target: { value: 'https://intranet.example/vulnerability' } });
    fireEvent.submit(screen.getByRole('button', { name: 'Publish notice' }).closest('form')!);
    await settle();

    expect(calls().at(-1)).toEqual([
      'notices:publish',
      {
        draft: {
          title: 'Vulnerable customers: new referral route',
          whatChanged: 'Refer vulnerable customers to the specialist team, not the duty manager.',
          effectiveFrom: '2026-04-06',
          audience: { roles: ['agent', 'supervisor'], teamIds: [BILLING] },
          requiresAcknowledgement: true,
          guidanceUrl: 'https://intranet.example/vulnerability',
          criteria: [],
          requirementIds: [],
        },
      },
    ]);
    expect(screen.getByRole('status').textContent).toBe('Published “Vulnerable customers: new referral route”. It reaches people at the next sync.');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Publish a notice' }));
  });

  it('shows each fault beside its field, tied to it, focuses the first and sends nothing', async () => {
    await show(mo);
    fireEvent.click(screen.getByRole('button', { name: 'Publish a notice' }));
    fireEvent.input(field('What changed'), { target: { value: 'Something.' } });
    fireEvent.input(field('Guidance link (optional)'), { target: { value: 'intranet/page' } });
    fireEvent.keyDown(field('What changed'), { key: 'Enter', ctrlKey: true });
    await settle();

    const described = (el: HTMLElement) => el.getAttribute('aria-describedby')!.split(' ').map((i) => document.getElementById(i)!.textContent);
    expect(field('Title').getAttribute('aria-invalid')).toBe('true');
    expect(described(field('Title'))).toEqual(['Give the notice a title, of up to 200 characters.']);
    expect(described(field('Effective from'))).toEqual(['Give the date the change takes effect.']);
    expect(described(field('Guidance link (optional)'))).toEqual(['The guidance link must be a full web address, starting https:// or http://.']);
    expect(field('What changed').getAttribute('aria-invalid')).toBeNull();
    expect(document.activeElement).toBe(field('Title'));
    expect(calls().map(([name]) => name)).toEqual(['notices:list']);

    // Fixed, the errors go.
    fireEvent.input(field('Title'), { target: { value: 'A title' } });
    fireEvent.input(field('Effective from'), { target: { value: '2026-04-06' } });
    fireEvent.input(field('Guidance link (optional)'), { target: { value: '' } });
    fireEvent.keyDown(field('Title'), { key: 'Enter', ctrlKey: true });
    await settle();
    expect(calls().map(([name]) => name)).toEqual(['notices:list', 'notices:publish']);
  });

  it('a refusal from the background is shown in the form, which stays open', async () => {
    answer['notices:publish'] = async () => {
      throw new Error('Only managers can publish procedure notices.');
    };
    await show(mo);
    fireEvent.click(screen.getByRole('button', { name: 'Publish a notice' }));
    fireEvent.input(field('Title'), { target: { value: 'A title' } });
    fireEvent.input(field('What changed'), { target: { value: 'Something.' } });
    fireEvent.input(field('Effective from'), { target: { value: '2026-04-06' } });
    fireEvent.click(screen.getByRole('button', { name: 'Publish notice' }));
    await settle();
    expect(screen.getByRole('alert').textContent).toBe('Only managers can publish procedure notices.');
    expect(screen.getByRole('heading', { name: 'Publish a notice' })).toBeTruthy();
  });

  it('revises a notice from the form filled in with it, keeping its standards references; Escape cancels', async () => {
    await show(mo);
    const followed = within(section(/^Who has acknowledged$/));
    expect(followed.getAllByRole('heading', { level: 4 }).map((h) => h.textContent)).toEqual(['Refunds over £50 need a second check', 'Call recording notice', 'Canteen hours']);
    fireEvent.click(within(followed.getByRole('article', { name: 'Refunds over £50 need a second check' })).getByRole('button', { name: 'Revise' }));
    expect(screen.getByRole('heading', { name: 'Revise “Refunds over £50 need a second check”' })).toBeTruthy();
    expect(screen.getByText('The revision becomes version 2: everyone it is addressed to acknowledges it again.')).toBeTruthy();
    expect(field('Title').value).toBe(refunds.title);
    expect(field('Effective from').value).toBe('2026-04-01');
    expect((screen.getByRole('checkbox', { name: 'Agents' }) as HTMLInputElement).checked).toBe(true);
    expect(field('Guidance link (optional)').value).toBe('https://intranet.example/refunds');

    fireEvent.keyDown(field('Title'), { key: 'Escape' });
    await settle();
    expect(calls().map(([name]) => name)).toEqual(['notices:list']);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Publish a notice' }));

    fireEvent.click(within(section(/^Who has acknowledged$/)).getAllByRole('button', { name: 'Revise' })[0]!);
    fireEvent.input(field('What changed'), { target: { value: 'The threshold is now £30.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Publish the revision' }));
    await settle();
    const [, body] = calls().at(-1)!;
    expect(body).toEqual({
      id: refunds.id,
      draft: {
        title: refunds.title,
        whatChanged: 'The threshold is now £30.',
        effectiveFrom: '2026-04-01',
        audience: { roles: ['agent'], teamIds: [] },
        requiresAcknowledgement: true,
        guidanceUrl: 'https://intranet.example/refunds',
        criteria: ['CC33 3.1'],
        requirementIds: [],
      },
    });
  });
});
