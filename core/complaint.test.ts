import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AuthorityBoundary,
  authorityGaps,
  BUILT_IN_REGIMES,
  ComplaintCategories,
  ComplaintClosure,
  ComplaintEvent,
  ComplaintOption,
  DEFAULT_AUTHORITY_POLICY,
  DEFAULT_COMPLAINT_CATEGORIES,
  DEFAULT_ROOT_CAUSES,
  defaultComplaintReference,
  extendRootCauses,
  findRegime,
  formatPence,
  QuickLog,
  Regime,
  RootCause,
  RootCauseTaxonomy,
  rolesAbleToHandle,
  sameBoundary,
} from './complaint.ts';
import { CONTACT, History, PEOPLE } from './complaintFixtures.ts';

describe('formatPence', () => {
  it.each([
    [0, '£0.00'],
    [5, '£0.05'],
    [5_000, '£50.00'],
    [123_456, '£1,234.56'],
    [100_000_000, '£1,000,000.00'],
    [-250, '-£2.50'],
  ])('%i pence is %s', (pence, text) => expect(formatPence(pence)).toBe(text));
});

describe('authority', () => {
  const complaint = { category: 'billing', flags: ['vulnerable' as const] };

  it('authorityGaps names each thing a boundary does not cover', () => {
    expect(authorityGaps({ maxRedressPence: 1_000, categories: ['delay'], flags: [] }, complaint, 1_001)).toEqual([
      'a redress of £10.01 (the limit is £10.00)',
      'complaints in the category "billing"',
      'complaints flagged vulnerable customer',
    ]);
    expect(authorityGaps({ maxRedressPence: 1_000, categories: 'all', flags: ['vulnerable'] }, complaint, 1_000)).toEqual([]);
    expect(authorityGaps({ maxRedressPence: null, categories: 'all', flags: ['vulnerable'] }, complaint, 10 ** 9)).toEqual([]);
    expect(authorityGaps({ maxRedressPence: 0, categories: 'all', flags: ['vulnerable'] }, complaint)).toEqual([]);
  });

  it('rolesAbleToHandle: where a referral may go under the default policy', () => {
    expect(rolesAbleToHandle(DEFAULT_AUTHORITY_POLICY, { category: 'billing', flags: [] })).toEqual(['agent', 'supervisor', 'manager']);
    expect(rolesAbleToHandle(DEFAULT_AUTHORITY_POLICY, { category: 'billing', flags: ['vulnerable'] })).toEqual(['supervisor', 'manager']);
    expect(rolesAbleToHandle(DEFAULT_AUTHORITY_POLICY, { category: 'billing', flags: [] }, 60_000)).toEqual(['manager']);
    expect(rolesAbleToHandle(DEFAULT_AUTHORITY_POLICY, { category: 'billing', flags: ['highProfile'] })).toEqual(['manager']);
  });

  it('sameBoundary ignores the order of lists only', () => {
    const a = { maxRedressPence: 100, categories: ['b', 'a'], flags: ['highRisk' as const, 'vulnerable' as const] };
    expect(sameBoundary(a, { maxRedressPence: 100, categories: ['a', 'b'], flags: ['vulnerable', 'highRisk'] })).toBe(true);
    expect(sameBoundary(a, { ...a, maxRedressPence: 101 })).toBe(false);
    expect(sameBoundary(a, { ...a, categories: 'all' })).toBe(false);
    expect(sameBoundary(a, { ...a, flags: ['vulnerable'] })).toBe(false);
  });

  it('a boundary cannot have a negative limit or repeated entries', () => {
    expect(AuthorityBoundary.safeParse({ maxRedressPence: -1, categories: 'all', flags: [] }).success).toBe(false);
    expect(AuthorityBoundary.safeParse({ maxRedressPence: 1.5, categories: 'all', flags: [] }).success).toBe(false);
    expect(AuthorityBoundary.safeParse({ maxRedressPence: 0, categories: ['a', 'a'], flags: [] }).success).toBe(false);
    expect(AuthorityBoundary.safeParse({ maxRedressPence: 0, categories: [], flags: ['vulnerable', 'vulnerable'] }).success).toBe(false);
  });
});

describe('root causes', () => {
  it('the defaults are a valid taxonomy', () => {
    expect(RootCauseTaxonomy.safeParse(DEFAULT_ROOT_CAUSES).success).toBe(true);
    expect(ComplaintCategories.safeParse(DEFAULT_COMPLAINT_CATEGORIES).success).toBe(true);
  });

  it('an organisation adds its own and retires, but never removes or duplicates', () => {
    const result = extendRootCauses(DEFAULT_ROOT_CAUSES, {
      added: [{ id: 'courier', label: 'Courier failure', group: 'thirdParty' }],
      retired: ['behaviour', 'courier'],
    });
    if (!result.ok) throw new Error(result.error);
    expect(result.taxonomy).toHaveLength(DEFAULT_ROOT_CAUSES.length + 1);
    expect(result.taxonomy.filter((c) => c.retired).map((c) => c.id)).toEqual(['behaviour', 'courier']);
    expect(extendRootCauses(DEFAULT_ROOT_CAUSES, { added: [{ id: 'no-update', label: 'Dup', group: 'none' }], retired: [] })).toEqual({
      ok: false,
      error: 'There is already a root cause with the id "no-update".',
    });
    expect(extendRootCauses(DEFAULT_ROOT_CAUSES, { added: [], retired: ['nope'] })).toEqual({ ok: false, error: 'There is no root cause "nope" to retire.' });
  });

  it('extending keeps every id it was given, whatever is added', () => {
    const causeArb = fc.record({
      id: fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/),
      label: fc.constant('Cause'),
      group: fc.constant('process' as const),
    });
    fc.assert(
      fc.property(fc.array(causeArb, { maxLength: 6 }), fc.subarray(DEFAULT_ROOT_CAUSES.map((c) => c.id)), (added, retired) => {
        const result = extendRootCauses(DEFAULT_ROOT_CAUSES, { added, retired });
        const ids = new Set([...DEFAULT_ROOT_CAUSES.map((c) => c.id), ...added.map((a) => a.id)]);
        expect(result.ok).toBe(ids.size === DEFAULT_ROOT_CAUSES.length + added.length);
        if (result.ok) {
          expect(new Set(result.taxonomy.map((c) => c.id))).toEqual(ids);
          expect(RootCauseTaxonomy.safeParse(result.taxonomy).success).toBe(true);
        }
      }),
    );
  });

  it('a root cause id is a slug', () => {
    expect(RootCause.safeParse({ id: 'Bad Id', label: 'x', group: 'none' }).success).toBe(false);
  });
});

describe('schemas', () => {
  it('quick log needs a category, what happened and the contact', () => {
    expect(QuickLog.safeParse({ category: 'billing', whatHappened: 'Double charge', contact: CONTACT }).success).toBe(true);
    expect(QuickLog.safeParse({ category: 'billing', whatHappened: '   ', contact: CONTACT }).success).toBe(false);
    expect(QuickLog.safeParse({ category: 'billing', whatHappened: 'x' }).success).toBe(false);
    expect(QuickLog.safeParse({ whatHappened: 'x', contact: CONTACT }).success).toBe(false);
  });

  it('a closure needs an outcome from the four', () => {
    const base = { closedOn: '2026-03-05', redressPence: 0, summary: 'Done', referralRightsGiven: true };
    expect(ComplaintClosure.safeParse({ ...base, outcome: 'upheld' }).success).toBe(true);
    expect(ComplaintClosure.safeParse(base).success).toBe(false);
    expect(ComplaintClosure.safeParse({ ...base, outcome: 'resolved' }).success).toBe(false);
    expect(ComplaintClosure.safeParse({ ...base, outcome: 'upheld', closedOn: '2026-02-30' }).success).toBe(false);
    expect(ComplaintClosure.safeParse({ ...base, outcome: 'upheld', summary: ' ' }).success).toBe(false);
  });

  it('an option weighs both sides and has a whole-pence cost', () => {
    const o = { id: 'a', summary: 'Refund', redressPence: 100, costPence: 150 };
    expect(ComplaintOption.parse(o)).toMatchObject({ customerAdvantages: '', organisationDisadvantages: '', otherRedress: '' });
    expect(ComplaintOption.safeParse({ ...o, costPence: 1.5 }).success).toBe(false);
    expect(ComplaintOption.safeParse({ ...o, redressPence: -1 }).success).toBe(false);
  });

  it('events are strict: unknown types and fields are refused', () => {
    const h = new History();
    h.log();
    const note = h.make('noteAdded', PEOPLE.agent, { text: 'x' });
    expect(ComplaintEvent.safeParse(note).success).toBe(true);
    expect(ComplaintEvent.safeParse({ ...note, extra: 1 }).success).toBe(false);
    expect(ComplaintEvent.safeParse({ ...note, type: 'deleted' }).success).toBe(false);
    expect(ComplaintEvent.safeParse({ ...note, seq: 0 }).success).toBe(false);
  });

  it('regimes: the built-ins are valid and found by id; a custom one must be well formed', () => {
    for (const r of BUILT_IN_REGIMES) {
      expect(Regime.safeParse(r).success).toBe(true);
      expect(findRegime(r.id)).toBe(r);
      for (const m of r.milestones) expect(m.explanation).toMatch(/DISP|Ofcom/);
    }
    const custom = Regime.parse({ id: 'ours', name: 'Ours', builtIn: false, milestones: [] });
    expect(findRegime('ours', [custom])).toBe(custom);
    expect(findRegime('ours')).toBeUndefined();
    expect(Regime.safeParse({ id: 'ours', name: 'Ours', builtIn: false, milestones: [{ id: 'm', label: 'M', kind: 'deadline', period: { amount: -1, unit: 'weeks' }, warnBefore: { amount: 0, unit: 'calendarDays' } }] }).success).toBe(false);
  });

  it('defaultComplaintReference', () => {
    expect(defaultComplaintReference('0190a000-0000-7000-8000-00000abc12ef', '2026-11-30')).toBe('C-20261130-BC12EF');
  });
});

describe('card numbers never enter a complaint', () => {
  it.each([
    ['what happened', { nature: { whatHappened: 'Paid with 4111 1111 1111 1111 twice' } }],
    ['the customer reference', { customerRef: '5555-5555-5555-4444' }],
  ])('a logged complaint with a card number in %s is refused, naming the field', (_, override) => {
    const h = new History();
    expect(() => h.log(PEOPLE.agent, override as never)).toThrow(/card number/);
    expect(h.events).toHaveLength(0);
  });

  it('a note or a closure summary with one is refused too; digits that fail Luhn are fine', () => {
    const h = new History();
    h.log(PEOPLE.agent);
    expect(h.try('noteAdded', PEOPLE.agent, { text: 'card 4111111111111111' }).ok).toBe(false);
    expect(h.try('noteAdded', PEOPLE.agent, { text: 'order 4111111111111112' }).ok).toBe(true);
  });
});
