import { describe, expect, it } from 'vitest';
import type { RosterEntry, Team } from './account.ts';
import {
  EMPTY_NOTICE_FORM,
  type NoticeStatus,
  type Viewer,
  audienceText,
  checkNotice,
  formatNoticeErrors,
  noticeBoard,
  noticeDraft,
  noticeForm,
  noticeStatus,
} from './notices.ts';
import type { NoticeAcknowledgement, ProcedureNotice } from './promptRecords.ts';

const id = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const BILLING = id(901);
const PAYMENTS = id(902);
const TEAMS: Team[] = [
  { id: BILLING, name: 'Billing' },
  { id: PAYMENTS, name: 'Payments' },
];

const person = (n: number, name: string, role: RosterEntry['role'], teamIds: string[]): RosterEntry => ({ id: id(n), name, role, teamIds, crmNames: [] });
const alex = person(1, 'Alex Agent', 'agent', [BILLING]);
const blake = person(2, 'Blake Agent', 'agent', [BILLING]);
const casey = person(3, 'Casey Agent', 'agent', [PAYMENTS]);
const sam = person(4, 'Sam Supervisor', 'supervisor', [BILLING]);
const pat = person(5, 'Pat Supervisor', 'supervisor', [PAYMENTS]);
const mo = person(6, 'Mo Manager', 'manager', []);
const ada = person(7, 'Ada Admin', 'admin', []);
/** Left the organisation: disabled on the server, so no longer on the roster. */
const gone = person(8, 'Gil Gone', 'agent', [BILLING]);
const ROSTER = [alex, blake, casey, sam, pat, mo, ada];

let nextNotice = 100;
function notice(over: Partial<ProcedureNotice> & { roles?: ProcedureNotice['audience']['roles']; teamIds?: string[] } = {}): ProcedureNotice {
  const { roles = [], teamIds = [], ...rest } = over;
  return {
    id: id(nextNotice++),
    version: 1,
    title: 'Refunds over £50 need a second check',
    whatChanged: 'Ask a supervisor to check any refund over £50 before agreeing it.',
    effectiveFrom: '2026-04-01',
    audience: { roles, teamIds },
    requiresAcknowledgement: true,
    criteria: [],
    requirementIds: [],
    publishedBy: mo.id,
    publishedAt: '2026-03-20T09:00:00.000Z',
    ...rest,
  };
}
const ack = (n: ProcedureNotice, who: RosterEntry, at: string, version = n.version): NoticeAcknowledgement => ({
  noticeId: n.id,
  noticeVersion: version,
  userId: who.id,
  at,
});
const names = (s: NoticeStatus) => s.audience && { acknowledged: s.audience.acknowledged.map((r) => r.name), notYet: s.audience.notYet.map((r) => r.name) };

describe('noticeStatus: who it is for, by role and team', () => {
  const toAgents = notice({ roles: ['agent'] });
  const toPayments = notice({ teamIds: [PAYMENTS] });
  const toBillingSupervisors = notice({ roles: ['supervisor'], teamIds: [BILLING] });
  const toEveryone = notice();
  const acks = [ack(toAgents, alex, '2026-03-21T10:00:00.000Z'), ack(toPayments, casey, '2026-03-21T11:00:00.000Z')];

  it.each([
    // notice, viewer, addressed to the viewer, the audience the viewer follows (null: none)
    ['to agents', toAgents, alex, true, null],
    ['to agents', toAgents, casey, true, null],
    ['to agents', toAgents, sam, false, { acknowledged: ['Alex Agent'], notYet: ['Blake Agent'] }],
    ['to agents', toAgents, pat, false, { acknowledged: [], notYet: ['Casey Agent'] }],
    ['to agents', toAgents, mo, false, { acknowledged: ['Alex Agent'], notYet: ['Blake Agent', 'Casey Agent'] }],
    ['to agents', toAgents, ada, false, null],
    ['to Payments', toPayments, alex, false, null],
    ['to Payments', toPayments, sam, false, { acknowledged: [], notYet: [] }],
    ['to Payments', toPayments, pat, true, { acknowledged: ['Casey Agent'], notYet: ['Pat Supervisor'] }],
    ['to Billing supervisors', toBillingSupervisors, sam, true, { acknowledged: [], notYet: ['Sam Supervisor'] }],
    ['to Billing supervisors', toBillingSupervisors, pat, false, { acknowledged: [], notYet: [] }],
    ['to everyone', toEveryone, ada, true, null],
    ['to everyone', toEveryone, mo, true, { acknowledged: [], notYet: ['Ada Admin', 'Alex Agent', 'Blake Agent', 'Casey Agent', 'Mo Manager', 'Pat Supervisor', 'Sam Supervisor'] }],
  ] as const)('%s, seen by %#', (_label, n, viewer, forViewer, audience) => {
    const s = noticeStatus(n, ROSTER, acks, viewer);
    expect(s.mine !== null).toBe(forViewer);
    expect(names(s)).toEqual(audience);
  });

  it('a supervisor of two teams follows each person once', () => {
    const both: Viewer = { ...sam, teamIds: [BILLING, PAYMENTS] };
    const twoTeams = person(9, 'Dana Agent', 'agent', [BILLING, PAYMENTS]);
    expect(names(noticeStatus(toAgents, [...ROSTER, twoTeams], acks, both))).toEqual({
      acknowledged: ['Alex Agent'],
      notYet: ['Blake Agent', 'Casey Agent', 'Dana Agent'],
    });
  });

  it('the acknowledgement of someone no longer on the roster counts for nobody', () => {
    const s = noticeStatus(toAgents, ROSTER, [...acks, ack(toAgents, gone, '2026-03-21T09:00:00.000Z')], mo);
    expect(names(s)).toEqual({ acknowledged: ['Alex Agent'], notYet: ['Blake Agent', 'Casey Agent'] });
  });

  it("acknowledgements of other notices are not this one's", () => {
    expect(noticeStatus(toEveryone, ROSTER, acks, alex).mine).toEqual({ acknowledgedAt: null, earlier: null });
  });
});

describe('noticeStatus: acknowledging versions', () => {
  const v1 = notice({ roles: ['agent'] });
  const v2 = { ...v1, version: 2, whatChanged: 'The threshold is now £30.', publishedAt: '2026-03-25T09:00:00.000Z' };
  const v3 = { ...v1, version: 3, publishedAt: '2026-03-26T09:00:00.000Z' };

  it.each([
    // notice, the agent's acknowledgements (versions), their standing, waiting
    ['new, not acknowledged', v1, [], { acknowledgedAt: null, earlier: null }, true],
    ['acknowledged', v1, [1], { acknowledgedAt: '2026-03-21T10:01:00.000Z', earlier: null }, false],
    ['revised after acknowledging', v2, [1], { acknowledgedAt: null, earlier: { version: 1, at: '2026-03-21T10:01:00.000Z' } }, true],
    ['revised and acknowledged again', v2, [1, 2], { acknowledgedAt: '2026-03-21T10:02:00.000Z', earlier: null }, false],
    ['revised twice, the latest earlier one named', v3, [2, 1], { acknowledgedAt: null, earlier: { version: 2, at: '2026-03-21T10:02:00.000Z' } }, true],
    ['for information only', { ...v1, requiresAcknowledgement: false }, [], { acknowledgedAt: null, earlier: null }, false],
  ] as const)('%s', (_label, n, versions, mine, waiting) => {
    const acks = versions.map((v) => ack(n, alex, `2026-03-21T10:0${v}:00.000Z`, v));
    const s = noticeStatus(n, ROSTER, acks, alex);
    expect(s.mine).toEqual(mine);
    expect(s.waiting).toBe(waiting);
  });

  it('the supervisor sees a revision as not yet acknowledged, with the version acknowledged before', () => {
    const s = noticeStatus(v2, ROSTER, [ack(v1, alex, '2026-03-21T10:00:00.000Z'), ack(v2, blake, '2026-03-25T10:00:00.000Z')], sam);
    expect(s.audience).toEqual({
      acknowledged: [{ id: blake.id, name: 'Blake Agent', role: 'agent', acknowledgedAt: '2026-03-25T10:00:00.000Z', earlier: null }],
      notYet: [{ id: alex.id, name: 'Alex Agent', role: 'agent', acknowledgedAt: null, earlier: { version: 1, at: '2026-03-21T10:00:00.000Z' } }],
    });
  });
});

describe('noticeBoard', () => {
  const soon = notice({ title: 'Soon', roles: ['agent'], effectiveFrom: '2026-04-01', publishedAt: '2026-03-22T09:00:00.000Z' });
  const later = notice({ title: 'Later', roles: ['agent'], effectiveFrom: '2026-05-01', publishedAt: '2026-03-10T09:00:00.000Z' });
  const done = notice({ title: 'Done', roles: ['agent'], publishedAt: '2026-03-01T09:00:00.000Z' });
  const info = notice({ title: 'Info', requiresAcknowledgement: false, publishedAt: '2026-03-15T09:00:00.000Z' });
  const payments = notice({ title: 'Payments only', teamIds: [PAYMENTS], publishedAt: '2026-03-18T09:00:00.000Z' });
  const managers = notice({ title: 'Managers only', roles: ['manager'], publishedAt: '2026-03-19T09:00:00.000Z' });
  const all = [info, done, later, payments, soon, managers];
  const acks = [ack(done, alex, '2026-03-02T09:00:00.000Z')];
  const titles = (b: { notices: NoticeStatus[] }) => b.notices.map((s) => s.notice.title);

  it.each([
    // viewer, notices in order, how many wait for them
    ['an agent in Billing: waiting ones by effective date, then the rest newest first', alex, ['Soon', 'Later', 'Info', 'Done'], 2],
    ['a Billing supervisor: only what is for them or their team, newest first', sam, ['Soon', 'Info', 'Later', 'Done'], 0],
    ['a manager: every notice, those waiting for them first', mo, ['Managers only', 'Soon', 'Payments only', 'Info', 'Later', 'Done'], 1],
    ['an admin: what is addressed to them', ada, ['Info'], 0],
  ] as const)('%s', (_label, viewer, order, toRead) => {
    const board = noticeBoard(all, ROSTER, acks, viewer);
    expect(titles(board)).toEqual(order);
    expect(board.toRead).toBe(toRead);
  });
});

describe('audienceText', () => {
  it.each([
    [[], [], 'Everyone'],
    [['agent'], [], 'Agents'],
    [['agent', 'supervisor'], [BILLING], 'Agents and supervisors in Billing'],
    [['agent', 'supervisor', 'manager'], [], 'Agents, supervisors and managers'],
    [[], [BILLING, PAYMENTS], 'Everyone in Billing and Payments'],
    [[], [id(999)], 'Everyone in a team no longer listed'],
  ] as const)('%j in %j', (roles, teamIds, text) => {
    expect(audienceText({ roles: [...roles], teamIds: [...teamIds] }, TEAMS)).toBe(text);
  });
});

describe('publishing: the form and its checks', () => {
  const filled = {
    ...EMPTY_NOTICE_FORM,
    title: '  Call recording notice  ',
    whatChanged: 'Read the new recording notice at the start of every call.',
    effectiveFrom: '2026-04-06',
    roles: ['agent' as const],
  };

  it('a filled form is a valid draft: trimmed, a blank guidance link left out, acknowledgement asked by default', () => {
    const checked = checkNotice(noticeDraft({ ...filled, guidanceUrl: '  ' }));
    expect(checked).toEqual({
      ok: true,
      draft: {
        title: 'Call recording notice',
        whatChanged: 'Read the new recording notice at the start of every call.',
        effectiveFrom: '2026-04-06',
        audience: { roles: ['agent'], teamIds: [] },
        requiresAcknowledgement: true,
        criteria: [],
        requirementIds: [],
      },
    });
  });

  it('a revision keeps the standards references the panel does not edit, and round-trips through the form', () => {
    const published = notice({ roles: ['agent'], teamIds: [BILLING], guidanceUrl: 'https://intranet.example/refunds', criteria: ['CC33 3.1'], requirementIds: ['DISP 1.3'] });
    const draft = noticeDraft(noticeForm(published), published);
    const { id: _id, version: _v, publishedBy: _b, publishedAt: _a, ...expected } = published;
    expect(checkNotice(draft)).toEqual({ ok: true, draft: expected });
  });

  it.each([
    ['a blank title', { title: '   ' }, { title: 'Give the notice a title, of up to 200 characters.' }],
    ['a title too long', { title: 'x'.repeat(201) }, { title: 'Give the notice a title, of up to 200 characters.' }],
    ['nothing about what changed', { whatChanged: '' }, { whatChanged: 'Say what changed, in up to 4,000 characters.' }],
    ['no effective date', { effectiveFrom: '' }, { effectiveFrom: 'Give the date the change takes effect.' }],
    ['a date that is not one', { effectiveFrom: '2026-02-30' }, { effectiveFrom: 'Give the date the change takes effect.' }],
    ['a guidance link that is not a web address', { guidanceUrl: 'intranet/refunds' }, { guidanceUrl: 'The guidance link must be a full web address, starting https:// or http://.' }],
    ['a team that is not one', { teamIds: ['billing'] }, { audience: 'Choose the audience from the roles and teams offered.' }],
    [
      'several at once',
      { title: '', effectiveFrom: '' },
      { title: 'Give the notice a title, of up to 200 characters.', effectiveFrom: 'Give the date the change takes effect.' },
    ],
  ] as const)('%s is refused with a message for its field', (_label, change, errors) => {
    expect(checkNotice(noticeDraft({ ...filled, ...change } as typeof filled))).toEqual({ ok: false, errors });
  });

  it('anything the form does not hold is named by its path', () => {
    const checked = checkNotice({ ...noticeDraft(filled), version: 3 });
    expect(checked).toEqual({ ok: false, errors: { notice: 'Unrecognized key: "version"' } });
  });

  it('formatNoticeErrors puts the messages in one line', () => {
    expect(formatNoticeErrors({ title: 'Give a title.', effectiveFrom: 'Give a date.' })).toBe('Give a title. Give a date.');
  });
});
