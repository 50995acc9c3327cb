import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AuthorityBoundary,
  type AuthorityPolicy,
  Complaint,
  COMPLAINT_EVENT_TYPES,
  type ComplaintEventType,
  type ComplaintFlag,
  type ComplaintStatus,
  DEFAULT_AUTHORITY_POLICY,
  DEFAULT_COMPLAINT_CATEGORIES,
  DEFAULT_ROOT_CAUSES,
  extendRootCauses,
  FCA_DISP,
  NO_REGULATORY_CLOCK,
  OFCOM,
  quickLogEvent,
  setAuthorityBoundary,
} from './complaint.ts';
import { CONTACT, closure, type EventBody, History, option, PEOPLE } from './complaintFixtures.ts';
import { allowedComplaintEvents, applyComplaintEvent, COMPLAINT_TRANSITIONS, replayComplaint } from './complaintLifecycle.ts';
import { uuidv7 } from './ids.ts';
import { addDays, localDateOf } from './isoDate.ts';

const ALL_FLAGS: ComplaintFlag[] = ['vulnerable', 'highProfile', 'highRisk'];
const review = (dueOn: string) => ({
  rootCause: { id: 'training-gap', label: 'Knowledge or training gap' },
  learningPoints: ['Agents did not know how to reverse a duplicate card payment.'],
  preventiveActions: [{ description: 'Add duplicate payments to the refunds guide', owner: { name: 'Cy Supervisor' }, dueOn }],
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

// ---- the transition table -------------------------------------------------------------------------

type Column = 'new' | ComplaintStatus;
const COLUMNS: Column[] = ['new', 'open', 'agreed', 'closed', 'reviewed'];

/**
 * Written out by hand from the design, not copied from COMPLAINT_TRANSITIONS: the state each event
 * leads to from each state, or '-' where it must be refused.
 */
const TABLE: Record<ComplaintEventType, [Column, string][]> = {
  //                   new            open              agreed            closed              reviewed
  logged:             [['new', 'open'], ['open', '-'],    ['agreed', '-'],  ['closed', '-'],    ['reviewed', '-']],
  detailsCorrected:   [['new', '-'], ['open', 'open'],    ['agreed', 'agreed'], ['closed', 'closed'], ['reviewed', 'reviewed']],
  natureRecorded:     [['new', '-'], ['open', 'open'],    ['agreed', 'agreed'], ['closed', '-'],  ['reviewed', '-']],
  flagsSet:           [['new', '-'], ['open', 'open'],    ['agreed', 'agreed'], ['closed', '-'],  ['reviewed', '-']],
  categorySet:        [['new', '-'], ['open', 'open'],    ['agreed', 'agreed'], ['closed', '-'],  ['reviewed', '-']],
  regimeSet:          [['new', '-'], ['open', 'open'],    ['agreed', 'agreed'], ['closed', '-'],  ['reviewed', '-']],
  optionAdded:        [['new', '-'], ['open', 'open'],    ['agreed', '-'],  ['closed', '-'],    ['reviewed', '-']],
  optionWithdrawn:    [['new', '-'], ['open', 'open'],    ['agreed', '-'],  ['closed', '-'],    ['reviewed', '-']],
  optionAgreed:       [['new', '-'], ['open', 'agreed'],  ['agreed', '-'],  ['closed', '-'],    ['reviewed', '-']],
  agreementCancelled: [['new', '-'], ['open', '-'],       ['agreed', 'open'], ['closed', '-'],  ['reviewed', '-']],
  actionTaken:        [['new', '-'], ['open', 'open'],    ['agreed', 'agreed'], ['closed', '-'],  ['reviewed', '-']],
  responseSent:       [['new', '-'], ['open', 'open'],    ['agreed', 'agreed'], ['closed', '-'],  ['reviewed', '-']],
  referred:           [['new', '-'], ['open', 'open'],    ['agreed', 'agreed'], ['closed', '-'],  ['reviewed', '-']],
  closed:             [['new', '-'], ['open', 'closed'],  ['agreed', 'closed'], ['closed', '-'],  ['reviewed', '-']],
  closureCorrected:   [['new', '-'], ['open', '-'],       ['agreed', '-'],  ['closed', 'closed'], ['reviewed', 'reviewed']],
  reopened:           [['new', '-'], ['open', '-'],       ['agreed', '-'],  ['closed', 'open'], ['reviewed', 'open']],
  reviewed:           [['new', '-'], ['open', '-'],       ['agreed', '-'],  ['closed', 'reviewed'], ['reviewed', 'reviewed']],
  noteAdded:          [['new', '-'], ['open', 'open'],    ['agreed', 'agreed'], ['closed', 'closed'], ['reviewed', 'reviewed']],
};

/** A history left in a given state: logged by the manager (full authority) with options o1 and o2. */
function historyIn(column: Column): History {
  const h = new History();
  if (column === 'new') return h;
  h.log(PEOPLE.manager);
  h.apply('optionAdded', PEOPLE.manager, { option: option('o1', 2_000) });
  h.apply('optionAdded', PEOPLE.manager, { option: option('o2', 3_000) });
  if (column === 'open') return h;
  h.apply('optionAgreed', PEOPLE.manager, { optionId: 'o1', authority: h.authority(PEOPLE.manager) });
  if (column === 'agreed') return h;
  h.apply('closed', PEOPLE.manager, { closure: closure(h.today, 'upheld', 2_000), authority: h.authority(PEOPLE.manager) });
  if (column === 'closed') return h;
  h.apply('reviewed', PEOPLE.manager, { review: review(addDays(h.today, 14)) });
  return h;
}

/** A body for each event type that would be accepted in a state that allows it. */
function bodyFor(type: ComplaintEventType, h: History): EventBody<ComplaintEventType> {
  const m = PEOPLE.manager;
  const bodies: { [T in ComplaintEventType]: EventBody<T> } = {
    logged: {
      reference: 'C-TEST-2',
      receivedAt: new Date(Date.parse('2026-03-02T09:00:00Z')).toISOString(),
      receivedVia: 'phone',
      contact: CONTACT,
      category: 'billing',
      nature: { whatHappened: 'Charged twice.' },
      regime: FCA_DISP,
      ownerAuthority: h.authority(m),
    },
    detailsCorrected: { customerRef: 'cust-2002', reason: 'Wrong customer picked from the page.' },
    natureRecorded: { nature: { whatHappened: 'Charged twice for order 7.', impact: 'Overdrawn', customerWants: 'A refund' } },
    flagsSet: { flags: ['highRisk'] },
    categorySet: { category: 'delay' },
    regimeSet: { regime: OFCOM, reason: 'The complaint is about the broadband service.' },
    optionAdded: { option: option('o3', 1_000) },
    optionWithdrawn: { optionId: 'o2', reason: 'Customer does not want vouchers.' },
    optionAgreed: { optionId: 'o2', authority: h.authority(m) },
    agreementCancelled: { reason: 'Customer changed their mind.' },
    actionTaken: { description: 'Refund issued.' },
    responseSent: { kind: 'acknowledgement', sentOn: h.today },
    referred: { to: PEOPLE.supervisor, toAuthority: h.authority(PEOPLE.supervisor), reason: 'Supervisor owns billing complaints.' },
    closed: { closure: closure(h.today), authority: h.authority(m) },
    closureCorrected: { closure: closure(h.today, 'partlyUpheld'), authority: h.authority(m), reason: 'Only part of it was our fault.' },
    reopened: { reason: 'The refund bounced.' },
    reviewed: { review: review(addDays(h.today, 30)) },
    noteAdded: { text: 'Customer prefers email.' },
  };
  return bodies[type];
}

describe('transition table', () => {
  it('covers every event type', () => {
    expect(Object.keys(TABLE).sort()).toEqual([...COMPLAINT_EVENT_TYPES].sort());
    expect(Object.keys(COMPLAINT_TRANSITIONS).sort()).toEqual([...COMPLAINT_EVENT_TYPES].sort());
  });

  const cells = COMPLAINT_EVENT_TYPES.flatMap((type) => TABLE[type].map(([from, to]) => ({ type, from, to })));
  it.each(cells)('$type from $from -> $to', ({ type, from, to }) => {
    const h = historyIn(from);
    const before = structuredClone(h.state);
    const result = h.try(type, PEOPLE.manager, bodyFor(type, h));
    if (to === '-') {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error).toMatch(/^(You cannot .* while the complaint is|This complaint has already been logged|Log the complaint before)/);
      expect(h.state).toEqual(before);
    } else {
      if (!result.ok) throw new Error(result.error);
      expect(result.complaint.status).toBe(to);
      expect(Complaint.safeParse(result.complaint).success).toBe(true);
    }
  });

  it('allowedComplaintEvents offers what the table allows for a manager', () => {
    for (const column of COLUMNS) {
      const h = historyIn(column);
      const expected = COMPLAINT_EVENT_TYPES.filter((t) => TABLE[t].find(([c]) => c === column)![1] !== '-');
      expect(allowedComplaintEvents(h.state, PEOPLE.manager).sort()).toEqual([...expected].sort());
    }
  });
});

// ---- invariants, case by case ---------------------------------------------------------------------

describe('closure', () => {
  it.each([
    ['missing', undefined],
    ['null', null],
    ['empty', ''],
  ])('is refused without an outcome (%s), and nothing changes', (_name, outcome) => {
    const h = historyIn('open');
    const state = deepFreeze(structuredClone(h.state!));
    const event = h.make('closed', PEOPLE.manager, { closure: { ...closure(h.today), outcome: outcome as never }, authority: h.authority(PEOPLE.manager) });
    const result = applyComplaintEvent(state, event, PEOPLE.manager);
    expect(result).toEqual({ ok: false, error: 'A complaint cannot be closed without an outcome: upheld, partly upheld, not upheld or withdrawn.' });
  });

  it('is refused with an outcome that is not one of the four', () => {
    const h = historyIn('open');
    const result = h.try('closed', PEOPLE.manager, { closure: { ...closure(h.today), outcome: 'maybe' as never }, authority: h.authority(PEOPLE.manager) });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain('closure.outcome');
  });

  it('under FCA DISP needs referral rights given, unless withdrawn', () => {
    const h = historyIn('open');
    const m = PEOPLE.manager;
    const refused = h.try('closed', m, { closure: { ...closure(h.today, 'notUpheld'), referralRightsGiven: false }, authority: h.authority(m) });
    expect(refused).toEqual({
      ok: false,
      error:
        "Under FCA DISP a not upheld complaint's final response must tell the customer they may take it to Financial Ombudsman Service. Record that it did.",
    });
    const withdrawn = h.try('closed', m, { closure: { ...closure(h.today, 'withdrawn'), referralRightsGiven: false }, authority: h.authority(m) });
    expect(withdrawn.ok).toBe(true);
  });

  it('without a regulatory regime, referral rights are not required', () => {
    const h = new History();
    h.log(PEOPLE.manager, {}, NO_REGULATORY_CLOCK);
    expect(h.try('closed', PEOPLE.manager, { closure: { ...closure(h.today), referralRightsGiven: false }, authority: h.authority(PEOPLE.manager) }).ok).toBe(true);
  });

  it('cannot be dated before receipt or after the day it is recorded', () => {
    const h = historyIn('open');
    const m = PEOPLE.manager;
    expect(h.try('closed', m, { closure: closure(addDays(h.today, -1)), authority: h.authority(m) })).toMatchObject({ ok: false, error: expect.stringContaining('before it was received') });
    expect(h.try('closed', m, { closure: closure(addDays(h.today, 1)), authority: h.authority(m) })).toMatchObject({ ok: false, error: expect.stringContaining('after the day it is recorded') });
  });

  it('with a redress beyond the closer’s authority is refused', () => {
    const h = new History();
    h.log(PEOPLE.agent);
    const result = h.try('closed', PEOPLE.agent, { closure: closure(h.today, 'upheld', 5_001), authority: h.authority(PEOPLE.agent) });
    expect(result).toEqual({
      ok: false,
      error: 'Closing with this redress is beyond your authority: it needs authority for a redress of £50.01 (the limit is £50.00). Refer the complaint to someone who can.',
    });
    expect(h.try('closed', PEOPLE.agent, { closure: closure(h.today, 'upheld', 5_000), authority: h.authority(PEOPLE.agent) }).ok).toBe(true);
  });

  it('a correction is a new event; the first closure stays in the history', () => {
    const h = historyIn('closed');
    h.apply('closureCorrected', PEOPLE.manager, { closure: closure(h.today, 'partlyUpheld', 1_000), authority: h.authority(PEOPLE.manager), reason: 'Redress was reduced.' });
    expect(h.state!.closure!.outcome).toBe('partlyUpheld');
    expect(h.events.filter((e) => e.type === 'closed' || e.type === 'closureCorrected').map((e) => e.type)).toEqual(['closed', 'closureCorrected']);
    expect(h.try('closureCorrected', PEOPLE.manager, { closure: closure(h.today), authority: h.authority(PEOPLE.manager), reason: '' })).toMatchObject({ ok: false });
  });
});

describe('agreeing an option within authority', () => {
  const agentHistory = (overrides: Partial<EventBody<'logged'>> = {}, policy?: AuthorityPolicy) => {
    const h = new History(policy);
    h.log(PEOPLE.agent, overrides);
    return h;
  };

  it('an agent may agree up to their limit and no further', () => {
    const h = agentHistory();
    h.apply('optionAdded', PEOPLE.agent, { option: option('small', 5_000) });
    h.apply('optionAdded', PEOPLE.agent, { option: option('big', 6_000) });
    const big = h.try('optionAgreed', PEOPLE.agent, { optionId: 'big', authority: h.authority(PEOPLE.agent) });
    expect(big).toEqual({
      ok: false,
      error:
        'This option is beyond your authority: it needs authority for a redress of £60.00 (the limit is £50.00). Refer the complaint to someone who can agree it.',
    });
    expect(h.state!.status).toBe('open');
    expect(h.try('optionAgreed', PEOPLE.agent, { optionId: 'small', authority: h.authority(PEOPLE.agent) }).ok).toBe(true);
    expect(h.state!.agreed!.optionId).toBe('small');
  });

  it('nobody agrees an option on a flag beyond their authority, whatever the redress', () => {
    const h = agentHistory({ flags: ['vulnerable'] });
    h.apply('optionAdded', PEOPLE.agent, { option: option('free', 0) });
    const result = h.try('optionAgreed', PEOPLE.agent, { optionId: 'free', authority: h.authority(PEOPLE.agent) });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain('complaints flagged vulnerable customer');
  });

  it('nor in a category beyond their authority', () => {
    const policy = setAuthorityBoundary(DEFAULT_AUTHORITY_POLICY, 'agent', { maxRedressPence: 5_000, categories: ['billing', 'delay'], flags: [] }, PEOPLE.manager, '2026-01-01T00:00:00Z');
    if (!policy.ok) throw new Error(policy.error);
    const h = agentHistory({ category: 'privacy' }, policy.policy);
    expect(h.state!.needsReferral).toEqual(['The owner\'s authority does not cover complaints in the category "privacy".']);
    h.apply('optionAdded', PEOPLE.agent, { option: option('apology', 0) });
    const result = h.try('optionAgreed', PEOPLE.agent, { optionId: 'apology', authority: h.authority(PEOPLE.agent) });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain('complaints in the category "privacy"');
  });

  it('lists every reason at once', () => {
    const h = agentHistory({ flags: ['highProfile', 'highRisk'] });
    h.apply('optionAdded', PEOPLE.agent, { option: option('big', 100_000) });
    const result = h.try('optionAgreed', PEOPLE.agent, { optionId: 'big', authority: h.authority(PEOPLE.agent) });
    expect(result).toMatchObject({
      ok: false,
      error: expect.stringContaining('a redress of £1,000.00 (the limit is £50.00) and complaints flagged high-profile customer and high risk'),
    });
  });

  it('a withdrawn or unknown option cannot be agreed', () => {
    const h = agentHistory();
    h.apply('optionAdded', PEOPLE.agent, { option: option('a', 0) });
    h.apply('optionWithdrawn', PEOPLE.agent, { optionId: 'a', reason: 'Not possible after all.' });
    expect(h.try('optionAgreed', PEOPLE.agent, { optionId: 'a', authority: h.authority(PEOPLE.agent) })).toMatchObject({ ok: false, error: expect.stringContaining('withdrawn') });
    expect(h.try('optionAgreed', PEOPLE.agent, { optionId: 'zz', authority: h.authority(PEOPLE.agent) })).toMatchObject({ ok: false, error: 'There is no option "zz".' });
    expect(h.try('optionAdded', PEOPLE.agent, { option: option('a', 0) })).toMatchObject({ ok: false, error: 'There is already an option "a".' });
  });

  it('a claimed authority larger than the current policy is refused when settings are given', () => {
    const h = agentHistory();
    h.apply('optionAdded', PEOPLE.agent, { option: option('big', 90_000) });
    const forged: AuthorityBoundary = { maxRedressPence: null, categories: 'all', flags: ALL_FLAGS };
    expect(h.try('optionAgreed', PEOPLE.agent, { optionId: 'big', authority: forged })).toEqual({
      ok: false,
      error: 'Authority boundaries have changed since this was prepared; refresh and try again.',
    });
  });

  it('a history agreed under an older, larger boundary still replays after the policy is lowered', () => {
    const h = agentHistory();
    h.apply('optionAdded', PEOPLE.agent, { option: option('ok-then', 4_000) });
    h.apply('optionAgreed', PEOPLE.agent, { optionId: 'ok-then', authority: h.authority(PEOPLE.agent) });
    const lowered = setAuthorityBoundary(DEFAULT_AUTHORITY_POLICY, 'agent', { maxRedressPence: 1_000, categories: 'all', flags: [] }, PEOPLE.manager, '2026-04-01T00:00:00Z');
    expect(lowered.ok).toBe(true);
    const replayed = replayComplaint(h.events);
    expect(replayed.ok && replayed.complaint).toEqual(h.state);
  });
});

describe('referral', () => {
  it('an agent refers a vulnerable customer’s complaint to a supervisor, who becomes the owner; everything is kept', () => {
    const h = new History();
    h.log(PEOPLE.agent, { flags: ['vulnerable'] });
    expect(h.state!.needsReferral).toEqual(["The owner's authority does not cover complaints flagged vulnerable customer."]);
    h.apply('natureRecorded', PEOPLE.agent, { nature: { whatHappened: 'Charged twice.', impact: 'Could not pay rent.', customerWants: 'Refund today.' } });
    h.apply('optionAdded', PEOPLE.agent, { option: option('refund', 12_000) });
    h.apply('noteAdded', PEOPLE.agent, { text: 'Customer is in hospital; call after 4pm.' });
    const before = h.state!;
    const after = h.apply('referred', PEOPLE.agent, {
      to: PEOPLE.supervisor,
      toAuthority: h.authority(PEOPLE.supervisor),
      reason: 'Vulnerable customer, and the refund is above my limit.',
      optionId: 'refund',
    });
    expect(after.owner).toEqual(PEOPLE.supervisor);
    expect(after.ownerAuthority).toEqual(h.authority(PEOPLE.supervisor));
    expect(after.needsReferral).toEqual([]);
    expect(after.referrals).toEqual([
      {
        at: h.events.at(-1)!.at,
        by: PEOPLE.agent,
        from: PEOPLE.agent,
        to: PEOPLE.supervisor,
        reason: 'Vulnerable customer, and the refund is above my limit.',
        optionId: 'refund',
      },
    ]);
    expect({ ...after, owner: before.owner, ownerAuthority: before.ownerAuthority, referrals: [], needsReferral: before.needsReferral, seq: before.seq, lastEventId: before.lastEventId, updatedAt: before.updatedAt }).toEqual(before);
    expect(h.events.map((e) => e.type)).toEqual(['logged', 'natureRecorded', 'optionAdded', 'noteAdded', 'referred']);
    // The new owner can now agree it; the agent no longer can do owner's work.
    expect(h.try('actionTaken', PEOPLE.agent, { description: 'Called the customer' })).toMatchObject({ ok: false, error: expect.stringContaining("Only the complaint's owner (Cy Supervisor) or a manager") });
    expect(h.try('optionAgreed', PEOPLE.supervisor, { optionId: 'refund', authority: h.authority(PEOPLE.supervisor) }).ok).toBe(true);
  });

  it('goes only to a role allowed to handle the complaint’s flags', () => {
    const h = new History();
    h.log(PEOPLE.agent, { flags: ['highProfile'] });
    expect(h.try('referred', PEOPLE.agent, { to: PEOPLE.supervisor, toAuthority: h.authority(PEOPLE.supervisor), reason: 'Above me' })).toEqual({
      ok: false,
      error: 'Cy Supervisor cannot take this complaint: the authority of supervisors does not cover complaints flagged high-profile customer. Refer it to someone whose role does.',
    });
    expect(h.try('referred', PEOPLE.agent, { to: PEOPLE.agent2, toAuthority: h.authority(PEOPLE.agent2), reason: 'Above me' }).ok).toBe(false);
    expect(h.try('referred', PEOPLE.agent, { to: PEOPLE.manager, toAuthority: h.authority(PEOPLE.manager), reason: 'Above me' }).ok).toBe(true);
  });

  it('names an option only if the person referred to can agree it', () => {
    const h = new History();
    h.log(PEOPLE.agent);
    h.apply('optionAdded', PEOPLE.agent, { option: option('goodwill', 60_000) });
    const toSupervisor = h.try('referred', PEOPLE.agent, { to: PEOPLE.supervisor, toAuthority: h.authority(PEOPLE.supervisor), reason: 'Too big for me', optionId: 'goodwill' });
    expect(toSupervisor).toMatchObject({ ok: false, error: expect.stringContaining('a redress of £600.00 (the limit is £500.00)') });
    expect(h.try('referred', PEOPLE.agent, { to: PEOPLE.manager, toAuthority: h.authority(PEOPLE.manager), reason: 'Too big for me', optionId: 'goodwill' }).ok).toBe(true);
  });

  it('needs a reason and a different person', () => {
    const h = new History();
    h.log(PEOPLE.agent);
    expect(h.try('referred', PEOPLE.agent, { to: PEOPLE.supervisor, toAuthority: h.authority(PEOPLE.supervisor), reason: '   ' })).toMatchObject({ ok: false, error: expect.stringContaining('reason') });
    expect(h.try('referred', PEOPLE.agent, { to: PEOPLE.agent, toAuthority: h.authority(PEOPLE.agent), reason: 'Me' })).toEqual({ ok: false, error: 'The complaint is already owned by Ash Agent.' });
  });

  it('a manager can move a complaint they do not own; a supervisor who does not own it cannot', () => {
    const h = new History();
    h.log(PEOPLE.agent);
    expect(h.try('referred', PEOPLE.supervisor2, { to: PEOPLE.supervisor, toAuthority: h.authority(PEOPLE.supervisor), reason: 'Rebalancing' }).ok).toBe(false);
    const moved = h.apply('referred', PEOPLE.manager, { to: PEOPLE.supervisor, toAuthority: h.authority(PEOPLE.supervisor), reason: 'Rebalancing' });
    expect(moved.referrals[0]).toMatchObject({ from: PEOPLE.agent, to: PEOPLE.supervisor, by: PEOPLE.manager });
  });

  it('checks the referred person’s boundary against the current policy', () => {
    const h = new History();
    h.log(PEOPLE.agent, { flags: ['highRisk'] });
    const inflated: AuthorityBoundary = { ...h.authority(PEOPLE.supervisor), flags: ALL_FLAGS };
    expect(h.try('referred', PEOPLE.agent, { to: PEOPLE.supervisor, toAuthority: inflated, reason: 'x' })).toMatchObject({ ok: false, error: expect.stringContaining('Authority boundaries have changed') });
  });
});

describe('flags', () => {
  it('anyone may raise a flag; the owner then needs to refer it', () => {
    const h = new History();
    h.log(PEOPLE.supervisor);
    h.apply('flagsSet', PEOPLE.agent2, { flags: ['highProfile'] });
    expect(h.state!.needsReferral).toEqual(["The owner's authority does not cover complaints flagged high-profile customer."]);
    h.apply('referred', PEOPLE.supervisor, { to: PEOPLE.manager, toAuthority: h.authority(PEOPLE.manager), reason: 'Journalist' });
    expect(h.state!.needsReferral).toEqual([]);
  });

  it('removing a flag takes the owner or a manager, whose authority covers the flag, and a reason', () => {
    const h = new History();
    h.log(PEOPLE.supervisor, { flags: ['vulnerable'] });
    expect(h.try('flagsSet', PEOPLE.agent2, { flags: [], reason: 'Not vulnerable' })).toMatchObject({ ok: false, error: expect.stringContaining('authority covers vulnerable customer') });
    expect(h.try('flagsSet', PEOPLE.supervisor, { flags: [] })).toEqual({ ok: false, error: 'Give a reason for removing the flag vulnerable customer.' });
    expect(h.try('flagsSet', PEOPLE.supervisor, { flags: [], reason: 'Flagged on the wrong customer.' }).ok).toBe(true);
    expect(h.try('flagsSet', PEOPLE.supervisor, { flags: [] })).toEqual({ ok: false, error: 'The flags are already set that way.' });
  });

  it('an owner cannot take off a flag beyond their authority, nor move the complaint out of a category they may not handle', () => {
    const h = new History();
    h.log(PEOPLE.agent);
    h.apply('flagsSet', PEOPLE.supervisor, { flags: ['highRisk'] });
    expect(h.state!.needsReferral.length).toBeGreaterThan(0);
    expect(h.try('flagsSet', PEOPLE.agent, { flags: [], reason: 'not really' })).toMatchObject({ ok: false, error: expect.stringContaining('high risk') });
    expect(h.try('flagsSet', PEOPLE.supervisor, { flags: [], reason: 'not really' }).ok).toBe(false);
    expect(h.try('flagsSet', PEOPLE.manager, { flags: [], reason: 'Checked: an ordinary complaint.' }).ok).toBe(true);

    const limited = new History({
      ...DEFAULT_AUTHORITY_POLICY,
      boundaries: { ...DEFAULT_AUTHORITY_POLICY.boundaries, agent: { maxRedressPence: 5_000, categories: ['billing', 'delay'], flags: [] } },
    });
    limited.log(PEOPLE.agent, { category: 'billing' });
    expect(limited.try('categorySet', PEOPLE.agent, { category: 'privacy' })).toMatchObject({ ok: false, error: expect.stringContaining('"privacy"') });
    expect(limited.try('categorySet', PEOPLE.agent, { category: 'delay' }).ok).toBe(true);
  });

  it('are kept in one order and never twice', () => {
    const h = new History();
    h.log(PEOPLE.manager, { flags: ['highRisk', 'vulnerable'] });
    expect(h.state!.flags).toEqual(['vulnerable', 'highRisk']);
    expect(h.try('flagsSet', PEOPLE.manager, { flags: ['highRisk', 'highRisk'] }).ok).toBe(false);
  });
});

describe('history and integrity', () => {
  it('nothing before logging, nothing logged twice, events in number order, for this complaint only', () => {
    const h = new History();
    expect(h.try('noteAdded', PEOPLE.agent, { text: 'hi' })).toEqual({ ok: false, error: 'Log the complaint before recording anything else about it.' });
    h.log();
    const state = h.state!;
    const skip = { ...h.make('noteAdded', PEOPLE.agent, { text: 'x' }), seq: 3 };
    expect(applyComplaintEvent(state, skip, PEOPLE.agent)).toEqual({ ok: false, error: "This change is number 3, but the complaint's history has 1 event; refresh the complaint and try again." });
    const other = { ...h.make('noteAdded', PEOPLE.agent, { text: 'x' }), complaintId: uuidv7() };
    expect(applyComplaintEvent(state, other, PEOPLE.agent)).toEqual({ ok: false, error: 'This change belongs to a different complaint.' });
  });

  it('an event must be in the name of the person making it', () => {
    const h = new History();
    h.log();
    const event = h.make('noteAdded', PEOPLE.agent, { text: 'x' });
    expect(applyComplaintEvent(h.state, event, PEOPLE.agent2)).toMatchObject({ ok: false, error: expect.stringContaining('another person’s name') });
    expect(applyComplaintEvent(h.state, event, { ...PEOPLE.agent, role: 'manager' }).ok).toBe(false);
  });

  it('never changes the state it is given', () => {
    const h = historyIn('agreed');
    const frozen = deepFreeze(structuredClone(h.state!));
    for (const type of COMPLAINT_EVENT_TYPES) {
      const event = h.make(type, PEOPLE.manager, bodyFor(type, h));
      expect(() => applyComplaintEvent(frozen, event, PEOPLE.manager)).not.toThrow();
    }
  });

  it('replaying the history gives the same complaint; a broken history says where', () => {
    const h = historyIn('reviewed');
    h.apply('reopened', PEOPLE.supervisor, { reason: 'Customer came back.' });
    const replayed = replayComplaint(h.events);
    expect(replayed).toEqual({ ok: true, complaint: h.state });
    const broken = [...h.events.slice(0, 3), ...h.events.slice(4)];
    expect(replayComplaint(broken)).toMatchObject({ ok: false, failedAt: 3, error: expect.stringMatching(/^Event 4: This change is number 5/) });
    expect(replayComplaint([])).toMatchObject({ ok: false });
    expect(replayComplaint([{ type: 'logged' }])).toMatchObject({ ok: false, failedAt: 0 });
  });

  it('reopening keeps the earlier closure and clears the agreement and review', () => {
    const h = historyIn('reviewed');
    const reopened = h.apply('reopened', PEOPLE.supervisor, { reason: 'Customer came back.' });
    expect(reopened.status).toBe('open');
    expect(reopened.closure).toBeUndefined();
    expect(reopened.agreed).toBeUndefined();
    expect(reopened.review).toBeUndefined();
    expect(reopened.earlierClosures).toHaveLength(1);
    expect(h.try('reopened', PEOPLE.agent, { reason: 'x' }).ok).toBe(false);
  });

  it('details are corrected by new events, and cannot contradict what followed', () => {
    const h = new History(undefined, '2026-03-02T09:00:00Z');
    h.log(PEOPLE.supervisor);
    h.apply('responseSent', PEOPLE.supervisor, { kind: 'acknowledgement', sentOn: '2026-03-02' });
    expect(h.try('detailsCorrected', PEOPLE.supervisor, { receivedAt: '2026-03-03T09:00:00Z', reason: 'Wrong day' }, '2026-03-04T10:00:00Z')).toMatchObject({ ok: false, error: expect.stringContaining('a response was sent on 2026-03-02') });
    expect(h.try('detailsCorrected', PEOPLE.supervisor, { receivedAt: '2026-02-27T16:00:00Z', reason: 'It arrived by post on Friday.' }).ok).toBe(true);
    expect(h.state!.receivedAt).toBe('2026-02-27T16:00:00Z');
    expect(h.try('detailsCorrected', PEOPLE.supervisor, { reason: 'nothing' })).toEqual({ ok: false, error: 'Say which details to correct.' });
  });
});

describe('review', () => {
  const taxonomy = extendRootCauses(DEFAULT_ROOT_CAUSES, {
    added: [{ id: 'courier', label: 'Courier lost the parcel', group: 'thirdParty' }],
    retired: ['behaviour'],
  });
  if (!taxonomy.ok) throw new Error(taxonomy.error);

  it('names a root cause the organisation uses, under its current name', () => {
    const h = historyIn('closed');
    const settings = { authority: DEFAULT_AUTHORITY_POLICY, rootCauses: taxonomy.taxonomy };
    const attempt = (rootCause: { id: string; label: string }) =>
      applyComplaintEvent(h.state, h.make('reviewed', PEOPLE.manager, { review: { ...review(addDays(h.today, 7)), rootCause } }), PEOPLE.manager, settings);
    expect(attempt({ id: 'courier', label: 'Courier lost the parcel' }).ok).toBe(true);
    expect(attempt({ id: 'gremlins', label: 'Gremlins' })).toEqual({ ok: false, error: 'There is no root cause "gremlins".' });
    expect(attempt({ id: 'behaviour', label: 'Attitude or behaviour' })).toEqual({ ok: false, error: 'The root cause "Attitude or behaviour" is no longer in use.' });
    expect(attempt({ id: 'courier', label: 'Courier' })).toMatchObject({ ok: false, error: expect.stringContaining('renamed') });
  });

  it('a preventive action cannot be due in the past', () => {
    const h = historyIn('closed');
    expect(h.try('reviewed', PEOPLE.supervisor, { review: review(addDays(h.today, -1)) })).toMatchObject({ ok: false, error: expect.stringContaining('cannot be due before today') });
  });

  it('a later correction of the review may keep an action whose due day has since passed, but not add one', () => {
    const h = historyIn('closed');
    const first = review(addDays(h.today, 3));
    h.apply('reviewed', PEOPLE.manager, { review: first });
    const later = `${addDays(h.today, 10)}T10:00:00Z`;
    const corrected = { ...first, learningPoints: ['Refund steps were missing from the guide.'] };
    expect(h.try('reviewed', PEOPLE.manager, { review: corrected }, later).ok).toBe(true);
    const added = { ...corrected, preventiveActions: [...first.preventiveActions, { description: 'New step', owner: { name: 'Eli' }, dueOn: addDays(h.today, -1) }] };
    expect(h.try('reviewed', PEOPLE.manager, { review: added })).toMatchObject({ ok: false, error: expect.stringContaining('"New step" cannot be due before today') });
    expect(h.events.filter((e) => e.type === 'reviewed')).toHaveLength(2);
  });

  it('a supervisor may review a complaint they do not own; an agent may not', () => {
    const h = historyIn('closed');
    expect(h.try('reviewed', PEOPLE.agent, { review: review(addDays(h.today, 7)) }).ok).toBe(false);
    expect(h.try('reviewed', PEOPLE.supervisor2, { review: review(addDays(h.today, 7)) }).ok).toBe(true);
  });
});

describe('settings', () => {
  it('a category must be in use and a regime must be known and current', () => {
    const h = new History();
    const categories = [...DEFAULT_COMPLAINT_CATEGORIES, { id: 'legacy', label: 'Legacy', retired: true }];
    const settings = { authority: DEFAULT_AUTHORITY_POLICY, categories };
    const log = (overrides: Partial<EventBody<'logged'>>) =>
      applyComplaintEvent(
        null,
        h.make('logged', PEOPLE.agent, { reference: 'R', receivedAt: '2026-03-02T09:00:00Z', receivedVia: 'phone', contact: CONTACT, category: 'billing', nature: { whatHappened: 'x' }, regime: FCA_DISP, ownerAuthority: h.authority(PEOPLE.agent), ...overrides }),
        PEOPLE.agent,
        settings,
      );
    expect(log({}).ok).toBe(true);
    expect(log({ category: 'nope' })).toEqual({ ok: false, error: 'There is no complaint category "nope".' });
    expect(log({ category: 'legacy' })).toEqual({ ok: false, error: 'The category "Legacy" is no longer in use.' });
    expect(log({ regime: { ...FCA_DISP, name: 'FCA DISP (old copy)' } })).toMatchObject({ ok: false, error: expect.stringContaining('has changed') });
    expect(log({ regime: { ...FCA_DISP, id: 'made-up' } })).toEqual({ ok: false, error: 'There is no regime "made-up".' });
  });

  it('only a manager sets authority boundaries', () => {
    const boundary = { maxRedressPence: 100, categories: 'all' as const, flags: [] };
    expect(setAuthorityBoundary(DEFAULT_AUTHORITY_POLICY, 'agent', boundary, PEOPLE.supervisor, '2026-01-01T00:00:00Z')).toEqual({ ok: false, error: 'Only a manager can set authority boundaries.' });
    const set = setAuthorityBoundary(DEFAULT_AUTHORITY_POLICY, 'agent', boundary, PEOPLE.manager, '2026-01-01T00:00:00Z');
    expect(set.ok && set.policy.boundaries.agent).toEqual(boundary);
    expect(set.ok && set.policy.version).toBe(2);
  });
});

describe('quick log', () => {
  it('needs only a category, what happened and the contact', () => {
    const complaintId = uuidv7(Date.parse('2026-11-30T10:00:00Z'));
    const event = quickLogEvent(
      { category: 'delay', whatHappened: '  Engineer did not turn up.  ', contact: CONTACT },
      { eventId: uuidv7(), complaintId, at: '2026-11-30T10:00:00Z', by: PEOPLE.agent, authority: DEFAULT_AUTHORITY_POLICY.boundaries.agent, regime: OFCOM },
    );
    const result = applyComplaintEvent(null, event, PEOPLE.agent, { authority: DEFAULT_AUTHORITY_POLICY, categories: DEFAULT_COMPLAINT_CATEGORIES });
    if (!result.ok) throw new Error(result.error);
    expect(result.complaint).toMatchObject({
      status: 'open',
      category: 'delay',
      receivedVia: 'email',
      customerRef: 'cust-1001',
      nature: { whatHappened: 'Engineer did not turn up.', impact: '', customerWants: '' },
      owner: PEOPLE.agent,
      regime: { id: 'ofcom' },
    });
    expect(result.complaint.reference).toMatch(/^C-20261130-[0-9A-F]{6}$/);
  });
});

// ---- random histories -----------------------------------------------------------------------------

const CATEGORIES = ['billing', 'delay', 'privacy'] as const;
type PersonKey = keyof typeof PEOPLE;
const PERSON_KEYS = Object.keys(PEOPLE) as PersonKey[];

const policyArb: fc.Arbitrary<AuthorityPolicy> = fc
  .record({
    agentMax: fc.constantFrom(0, 5_000, 20_000),
    agentCats: fc.constantFrom<'all' | string[]>('all', ['billing', 'delay']),
    agentFlags: fc.subarray(ALL_FLAGS),
    supMax: fc.constantFrom(20_000, 50_000),
    supCats: fc.constantFrom<'all' | string[]>('all', ['billing', 'privacy']),
    supFlags: fc.subarray(ALL_FLAGS),
    adminMax: fc.constantFrom(0, 1_000_000),
  })
  .map((p) => ({
    version: 1,
    boundaries: {
      agent: { maxRedressPence: p.agentMax, categories: p.agentCats, flags: p.agentFlags },
      supervisor: { maxRedressPence: p.supMax, categories: p.supCats, flags: p.supFlags },
      manager: { maxRedressPence: null, categories: 'all' as const, flags: ALL_FLAGS },
      admin: { maxRedressPence: p.adminMax, categories: [], flags: [] },
    },
  }));

// Busy event types appear more often so that histories get somewhere.
const typeArb = fc.constantFrom<ComplaintEventType>(
  ...COMPLAINT_EVENT_TYPES,
  'optionAdded',
  'optionAdded',
  'optionAgreed',
  'optionAgreed',
  'referred',
  'referred',
  'closed',
  'closed',
  'flagsSet',
  'reviewed',
  'reopened',
  'responseSent',
);

const intentArb = fc.record({
  type: typeArb,
  by: fc.constantFrom(...PERSON_KEYS),
  /** Usually the owner acts; otherwise `by`. */
  byOwner: fc.integer({ min: 0, max: 9 }).map((n) => n < 7),
  to: fc.constantFrom(...PERSON_KEYS),
  /** Rarely: the event is made in someone else's name, or claims more authority than the policy gives. */
  actorMismatch: fc.integer({ min: 0, max: 30 }).map((n) => n === 0),
  forged: fc.integer({ min: 0, max: 15 }).map((n) => n === 0),
  pick: fc.nat(4),
  missingOption: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  redress: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(0, 2_500, 5_000) },
    { weight: 2, arbitrary: fc.constantFrom(5_001, 20_000, 50_000, 90_000, 1_000_000) },
  ),
  flags: fc.oneof({ weight: 3, arbitrary: fc.constant<ComplaintFlag[]>([]) }, { weight: 2, arbitrary: fc.subarray(ALL_FLAGS) }),
  category: fc.constantFrom(...CATEGORIES),
  outcome: fc.constantFrom('upheld', 'partlyUpheld', 'notUpheld', 'withdrawn', undefined),
  rightsGiven: fc.integer({ min: 0, max: 5 }).map((n) => n > 0),
  minutes: fc.integer({ min: 1, max: 60 * 24 * 4 }),
  backDays: fc.integer({ min: 0, max: 3 }),
  withReason: fc.integer({ min: 0, max: 8 }).map((n) => n > 0),
});
type Intent = typeof intentArb extends fc.Arbitrary<infer T> ? T : never;

const FULL: AuthorityBoundary = { maxRedressPence: null, categories: 'all', flags: ALL_FLAGS };
const isFull = (b: AuthorityBoundary) => b.maxRedressPence === null && b.categories === 'all' && ALL_FLAGS.every((f) => b.flags.includes(f));

/** The oracle for authority, written apart from the code under test. */
function covers(b: AuthorityBoundary, c: { category: string; flags: readonly string[] }, redress?: number): boolean {
  if (redress !== undefined && b.maxRedressPence !== null && redress > b.maxRedressPence) return false;
  if (b.categories !== 'all' && !b.categories.includes(c.category)) return false;
  return c.flags.every((f) => (b.flags as readonly string[]).includes(f));
}

function actingPerson(intent: Intent, state: Complaint | null) {
  return intent.byOwner && state ? state.owner : PEOPLE[intent.by];
}

function buildEvent(intent: Intent, state: Complaint | null, complaintId: string, clock: number, policy: AuthorityPolicy): Record<string, unknown> {
  const by = actingPerson(intent, state);
  const to = PEOPLE[intent.to];
  const today = localDateOf(clock);
  const day = addDays(today, -intent.backDays);
  const auth = intent.forged ? FULL : policy.boundaries[by.role];
  const ids = state?.options.map((o) => o.id) ?? [];
  const optionId = ids.length > 0 && !intent.missingOption ? ids[intent.pick % ids.length]! : 'missing';
  const reason = intent.withReason ? 'Because the customer asked.' : undefined;
  const type = state === null ? 'logged' : intent.type;
  const base = { id: uuidv7(clock), complaintId, seq: (state?.seq ?? 0) + 1, at: new Date(clock).toISOString(), by, type };
  const closureBody = { closedOn: day, outcome: intent.outcome, redressPence: intent.redress, summary: 'Resolved.', referralRightsGiven: intent.rightsGiven };
  const bodies: Record<ComplaintEventType, Record<string, unknown>> = {
    logged: {
      reference: 'C-PROP',
      receivedAt: new Date(clock).toISOString(),
      receivedVia: 'phone',
      contact: CONTACT,
      category: intent.category,
      nature: { whatHappened: 'Something went wrong.' },
      flags: intent.flags,
      regime: FCA_DISP,
      ownerAuthority: auth,
    },
    detailsCorrected: { customerRef: `cust-${intent.pick}`, reason },
    natureRecorded: { nature: { whatHappened: `Something went wrong ${clock}.` } },
    flagsSet: { flags: intent.flags, reason },
    categorySet: { category: intent.category },
    regimeSet: { regime: intent.pick % 2 ? OFCOM : FCA_DISP, reason },
    optionAdded: { option: option(`o${intent.pick}`, intent.redress) },
    optionWithdrawn: { optionId, reason },
    optionAgreed: { optionId, authority: auth },
    agreementCancelled: { reason },
    actionTaken: { description: 'Did something.' },
    responseSent: { kind: intent.pick % 2 ? 'holding' : 'acknowledgement', sentOn: day },
    referred: { to, toAuthority: intent.forged ? FULL : policy.boundaries[to.role], reason, ...(intent.pick % 2 ? { optionId } : {}) },
    closed: { closure: closureBody, authority: auth },
    closureCorrected: { closure: closureBody, authority: auth, reason },
    reopened: { reason },
    reviewed: { review: { ...review(addDays(today, intent.pick * 5 - 2)) } },
    noteAdded: { text: 'A note.' },
  };
  return { ...base, ...bodies[type] };
}

describe('random histories keep every invariant', () => {
  it('whatever events are tried, in whatever order, by whoever', () => {
    const seen: Record<string, number> = {};
    const count = (key: string) => (seen[key] = (seen[key] ?? 0) + 1);
    fc.assert(
      fc.property(policyArb, fc.array(intentArb, { minLength: 10, maxLength: 60, size: 'max' }), (policy, intents) => {
        const settings = { authority: policy };
        const complaintId = uuidv7(Date.parse('2026-01-05T09:00:00Z'));
        let clock = Date.parse('2026-01-05T09:00:00Z');
        let state: Complaint | null = null;
        const history: unknown[] = [];
        for (const intent of intents) {
          clock += intent.minutes * 60_000;
          const event = buildEvent(intent, state, complaintId, clock, policy);
          const by = actingPerson(intent, state);
          const actor = intent.actorMismatch ? PEOPLE[intent.to] : by;
          // Frozen, so any change to the state it is given throws.
          const before = state === null ? null : deepFreeze(state);
          const result = applyComplaintEvent(before, event, actor, settings);
          const type = event.type as ComplaintEventType;

          if (!result.ok) {
            count(`refused ${type}`);
            expect(result.error.length).toBeGreaterThan(10);
            expect(result.error).toMatch(/^[A-Z"]/);
            continue; // `before` is frozen: a refusal cannot have changed it
          }
          count(`accepted ${type}`);
          const next = result.complaint;
          // Accepted only as the person making it, and only with the authority the policy really gives.
          expect(actor.id).toBe(by.id);
          const claimed = type === 'referred' ? policy.boundaries[PEOPLE[intent.to].role] : policy.boundaries[by.role];
          if (intent.forged && ['logged', 'optionAgreed', 'closed', 'closureCorrected', 'referred'].includes(type)) expect(isFull(claimed)).toBe(true);
          if (history.length % 5 === 0) expect(Complaint.safeParse(next).success).toBe(true);
          expect(next.seq).toBe(history.length + 1);

          // Closure only with an outcome; status and closure agree.
          if (next.status === 'closed' || next.status === 'reviewed') expect(['upheld', 'partlyUpheld', 'notUpheld', 'withdrawn']).toContain(next.closure?.outcome);
          else expect(next.closure).toBeUndefined();
          // An agreement exists while being carried out and stays on record once closed; open means none.
          if (next.status === 'agreed') expect(next.agreed).toBeDefined();
          if (next.status === 'open') expect(next.agreed).toBeUndefined();
          if (type === 'closed' || type === 'closureCorrected') {
            expect(intent.outcome).toBeDefined();
            expect(covers(policy.boundaries[by.role], before!, intent.redress)).toBe(true);
          }

          // No agreed option beyond the agreeing person's authority (redress, category, flags).
          if (type === 'optionAgreed') {
            const agreed = before!.options.find((o) => o.id === next.agreed!.optionId)!;
            expect(covers(policy.boundaries[by.role], before!, agreed.redressPence)).toBe(true);
          }

          // Referral: the new owner, whose role can handle the flags and category; nothing lost.
          if (type === 'referred') {
            const to = PEOPLE[intent.to];
            expect(next.owner).toEqual(to);
            expect(covers(policy.boundaries[to.role], next)).toBe(true);
            expect(next.referrals).toHaveLength(before!.referrals.length + 1);
            expect(next.referrals.slice(0, -1)).toEqual(before!.referrals);
            for (const key of ['options', 'actions', 'responses', 'notes', 'earlierClosures'] as const) expect(next[key]).toEqual(before![key]);
          } else if (before) {
            expect(next.owner).toEqual(before.owner);
          }
          const lastReferral = next.referrals.at(-1);
          expect(next.owner).toEqual(lastReferral ? lastReferral.to : next.createdBy);

          // Needs referral exactly when the owner's boundary does not cover an open complaint.
          expect(next.ownerAuthority).toEqual(policy.boundaries[next.owner.role]);
          const open = next.status === 'open' || next.status === 'agreed';
          expect(next.needsReferral.length > 0).toBe(open && !covers(next.ownerAuthority, next));

          // Lists only grow, except through the events whose job it is to change them.
          if (before) {
            expect(next.notes.slice(0, before.notes.length)).toEqual(before.notes);
            expect(next.actions.slice(0, before.actions.length)).toEqual(before.actions);
            expect(next.options.map((o) => o.id).slice(0, before.options.length)).toEqual(before.options.map((o) => o.id));
            expect(next.earlierClosures.slice(0, before.earlierClosures.length)).toEqual(before.earlierClosures);
          }

          history.push(event);
          state = next;
        }
        // The history replays, without settings, to the same complaint.
        if (state !== null) {
          expect(Complaint.safeParse(state).success).toBe(true);
          expect(replayComplaint(history)).toEqual({ ok: true, complaint: state });
        }
      }),
      { numRuns: 150 },
    );
    // The runs must have reached the interesting places, or the checks above proved little.
    if (process.env.COMPLAINT_STATS) console.log(seen);
    for (const key of ['accepted optionAgreed', 'refused optionAgreed', 'accepted closed', 'refused closed', 'accepted referred', 'refused referred', 'accepted reviewed', 'accepted reopened', 'accepted closureCorrected', 'accepted flagsSet']) {
      expect(seen[key] ?? 0, key).toBeGreaterThan(5);
    }
  }, 60_000);
});
