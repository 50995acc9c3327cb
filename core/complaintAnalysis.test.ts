import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holidayCalendar } from './bankHolidays.ts';
import { type Complaint, type ComplaintOutcome, DEFAULT_ROOT_CAUSES, FCA_DISP, NO_REGULATORY_CLOCK } from './complaint.ts';
import {
  complaintRegisterCsv,
  learningByRootCause,
  openWork,
  outcomes,
  REGISTER_COLUMNS,
  repeatComplaints,
  timeToClose,
  volumeByCategory,
} from './complaintAnalysis.ts';
import type { ClockOptions } from './complaintClocks.ts';
import { CONTACT, History, option, PEOPLE } from './complaintFixtures.ts';
import { parseCsv } from './csv.ts';
import { addDays } from './isoDate.ts';

const options: ClockOptions = { calendar: holidayCalendar('englandAndWales') };

interface Spec {
  received: string;
  category?: string;
  customerRef?: string;
  flags?: ('vulnerable' | 'highProfile' | 'highRisk')[];
  whatHappened?: string;
  by?: (typeof PEOPLE)[keyof typeof PEOPLE];
  close?: { on: string; outcome: ComplaintOutcome; redressPence?: number; at?: string };
  review?: { rootCause: { id: string; label: string }; points: string[]; actionDue?: string; at?: string };
  agree?: number;
}

/** A complaint built through its real history, so analysis sees what the lifecycle makes. */
function complaint(spec: Spec): Complaint {
  const h = new History(undefined, spec.received);
  const by = spec.by ?? PEOPLE.manager;
  h.log(by, {
    category: spec.category ?? 'billing',
    flags: spec.flags ?? [],
    contact: { ...CONTACT, customerRef: spec.customerRef ?? '' },
    nature: { whatHappened: spec.whatHappened ?? 'Something went wrong.' },
  });
  if (spec.agree !== undefined) {
    h.apply('optionAdded', by, { option: option('refund', spec.agree, 'Refund the charge') });
    h.apply('optionAgreed', by, { optionId: 'refund', authority: h.authority(by) });
  }
  if (spec.close) {
    h.apply(
      'closed',
      by,
      {
        closure: { closedOn: spec.close.on, outcome: spec.close.outcome, redressPence: spec.close.redressPence ?? 0, summary: 'Done.', referralRightsGiven: true },
        authority: h.authority(by),
      },
      spec.close.at ?? `${spec.close.on}T12:00:00Z`,
    );
  }
  if (spec.review) {
    const at = spec.review.at ?? `${spec.close!.on}T13:00:00Z`;
    h.apply(
      'reviewed',
      by,
      {
        review: {
          rootCause: spec.review.rootCause,
          learningPoints: spec.review.points,
          preventiveActions: spec.review.actionDue ? [{ description: 'Fix the guide', owner: { name: 'Cy Supervisor' }, dueOn: spec.review.actionDue }] : [],
        },
      },
      at,
    );
  }
  return h.state!;
}

describe('volumeByCategory', () => {
  const categories = [
    { id: 'billing', label: 'Billing', anticipatedPerMonth: 2 },
    { id: 'delay', label: 'Delay', anticipatedPerMonth: 0 },
    { id: 'staff', label: 'Staff conduct' },
    { id: 'old', label: 'Old', retired: true },
  ];
  const list = [
    complaint({ received: '2026-03-02T10:00:00Z', category: 'billing' }),
    complaint({ received: '2026-03-10T10:00:00Z', category: 'billing' }),
    complaint({ received: '2026-03-11T10:00:00Z', category: 'billing' }),
    complaint({ received: '2026-03-12T10:00:00Z', category: 'delay' }),
    complaint({ received: '2026-03-13T10:00:00Z', category: 'privacy' }),
    // 23:30 UTC on 31 March is 00:30 BST on 1 April: outside March.
    complaint({ received: '2026-03-31T23:30:00Z', category: 'staff' }),
    complaint({ received: '2026-02-28T10:00:00Z', category: 'staff' }),
  ];

  it('counts by UK day of receipt and scales the monthly expectation to the period', () => {
    const march = volumeByCategory(list, categories, { from: '2026-03-01', to: '2026-03-31' });
    const scaled = (2 * 31) / (365.2425 / 12);
    expect(march).toEqual([
      { categoryId: 'billing', label: 'Billing', count: 3, anticipated: scaled, difference: 3 - scaled, ratio: 3 / scaled },
      { categoryId: 'delay', label: 'Delay', count: 1, anticipated: 0, difference: 1, ratio: null },
      { categoryId: 'privacy', label: 'privacy', count: 1, anticipated: null, difference: null, ratio: null },
      { categoryId: 'staff', label: 'Staff conduct', count: 0, anticipated: null, difference: null, ratio: null },
    ]);
  });

  it('a retired category appears only when something was received in it', () => {
    const withOld = [...list, complaint({ received: '2026-03-05T10:00:00Z', category: 'old' })];
    expect(volumeByCategory(list, categories, { from: '2026-03-01', to: '2026-03-31' }).map((v) => v.categoryId)).not.toContain('old');
    expect(volumeByCategory(withOld, categories, { from: '2026-03-01', to: '2026-03-31' }).find((v) => v.categoryId === 'old')?.count).toBe(1);
  });
});

describe('openWork, timeToClose and outcomes', () => {
  const now = new Date('2026-05-20T12:00:00Z');
  const list = [
    // Received 2 March (DISP): 8 weeks ended 27 April: overdue.
    complaint({ received: '2026-03-02T10:00:00Z' }),
    // Received 30 March: 8 weeks end 25 May: due soon on 20 May.
    complaint({ received: '2026-03-30T10:00:00Z' }),
    // Received 18 May: on track; summary-resolution window still open (not counted as a deadline).
    complaint({ received: '2026-05-18T10:00:00Z', by: PEOPLE.agent, flags: ['vulnerable'] }),
    // Closed the third business day after receipt.
    complaint({ received: '2026-03-02T10:00:00Z', close: { on: '2026-03-05', outcome: 'upheld', redressPence: 2_500 } }),
    // Received Christmas Eve, closed 29 December: five calendar days, one business day.
    complaint({ received: '2025-12-24T10:00:00Z', close: { on: '2025-12-29', outcome: 'notUpheld' } }),
    complaint({
      received: '2026-04-01T10:00:00Z',
      close: { on: '2026-04-21', outcome: 'partlyUpheld', redressPence: 10_000 },
      review: { rootCause: { id: 'training-gap', label: 'Knowledge or training gap' }, points: ['Explain refunds'] },
    }),
    complaint({ received: '2026-04-01T10:00:00Z', close: { on: '2026-04-02', outcome: 'withdrawn' } }),
  ];

  it('counts open, overdue, due soon, awaiting referral and awaiting review', () => {
    const work = openWork(list, now, options);
    expect(work).toEqual({ open: 3, overdue: 1, dueSoon: 1, needsReferral: 1, awaitingReview: 3, overdueIds: [list[0]!.id] });
  });

  it('a passed summary-resolution window alone is not overdue', () => {
    const h = new History(undefined, '2026-05-11T10:00:00Z');
    h.log(PEOPLE.manager, {}, FCA_DISP);
    expect(openWork([h.state!], now, options)).toMatchObject({ open: 1, overdue: 0, dueSoon: 0 });
  });

  it('time to close in calendar and business days', () => {
    const t = timeToClose(list, options);
    // calendar: 3, 5, 20, 1
    // business: 3; 1 (25, 26 Dec holidays, then the weekend); 12 (2-21 April 2026 less Good Friday 3rd,
    // Easter Monday 6th and three weekends); 1
    expect(t.calendarDays).toEqual({ count: 4, mean: 29 / 4, median: 4, p90: 20, max: 20 });
    expect(t.businessDays).toEqual({ count: 4, mean: 17 / 4, median: 2, p90: 12, max: 12 });
    expect(t.withinThreeBusinessDays).toBe(3);
  });

  it('outcomes, the upheld rate without withdrawn complaints, and redress paid', () => {
    expect(outcomes(list)).toEqual({
      closed: 4,
      byOutcome: { upheld: 1, partlyUpheld: 1, notUpheld: 1, withdrawn: 1 },
      upheldRate: 2 / 3,
      redressPence: 12_500,
    });
    expect(outcomes([]).upheldRate).toBeNull();
    expect(timeToClose([], options).calendarDays).toEqual({ count: 0, mean: null, median: null, p90: null, max: null });
  });
});

describe('repeatComplaints', () => {
  // Cheap copies of one real complaint, differing in what the analysis reads.
  const template = complaint({ received: '2026-01-05T10:00:00Z', customerRef: 'x' });
  let n = 0;
  const copy = (day: number, customerRef: string | undefined, category = 'billing'): Complaint => {
    const { customerRef: _drop, ...rest } = template;
    n++;
    return {
      ...rest,
      id: `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`,
      reference: `C-${n}`,
      receivedAt: `${addDays('2026-01-01', day)}T10:00:00Z`,
      category,
      ...(customerRef !== undefined ? { customerRef } : {}),
    };
  };

  it('finds the same customer again within the window', () => {
    const list = [copy(0, 'Cust-1'), copy(10, 'cust-1 '), copy(50, 'cust-1'), copy(3, 'cust-2'), copy(4, undefined), copy(5, undefined)];
    const groups = repeatComplaints(list, { by: 'customer', windowDays: 30 });
    expect(groups).toEqual([
      { key: 'Cust-1', complaintIds: [list[0]!.id, list[1]!.id], references: [list[0]!.reference, list[1]!.reference], firstReceivedOn: '2026-01-01', lastReceivedOn: '2026-01-11' },
    ]);
  });

  it('by customer and category, and clusters in a category', () => {
    const list = [copy(0, 'a', 'billing'), copy(5, 'a', 'delay'), copy(9, 'a', 'billing'), copy(1, 'b', 'delay'), copy(2, 'c', 'delay'), copy(40, 'd', 'delay')];
    expect(repeatComplaints(list, { by: 'customerAndCategory', windowDays: 30 }).map((g) => [g.key, g.complaintIds.length])).toEqual([['a / billing', 2]]);
    expect(repeatComplaints(list, { by: 'category', windowDays: 7, minCount: 3 }).map((g) => [g.key, g.references])).toEqual([['delay', [list[3]!.reference, list[4]!.reference, list[1]!.reference]]]);
    expect(repeatComplaints(list, { by: 'category', windowDays: 7, minCount: 4 })).toEqual([]);
  });

  it('every pair of one customer’s complaints within the window is in one group, and groups never span a wider gap', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ day: fc.integer({ min: 0, max: 200 }), who: fc.constantFrom('a', 'b', 'c') }), { maxLength: 25 }),
        fc.integer({ min: 1, max: 40 }),
        (items, windowDays) => {
          const list = items.map((i) => copy(i.day, i.who));
          const groups = repeatComplaints(list, { by: 'customer', windowDays });
          const groupOf = new Map(groups.flatMap((g, gi) => g.complaintIds.map((id) => [id, gi] as const)));
          const day = (c: Complaint) => Date.parse(c.receivedAt) / 86_400_000;
          for (const a of list) {
            for (const b of list) {
              if (a !== b && a.customerRef === b.customerRef && Math.abs(day(a) - day(b)) <= windowDays) {
                expect(groupOf.get(a.id)).toBeDefined();
                expect(groupOf.get(a.id)).toBe(groupOf.get(b.id));
              }
            }
          }
          for (const g of groups) {
            expect(g.complaintIds.length).toBeGreaterThanOrEqual(2);
            const days = g.complaintIds.map((id) => day(list.find((c) => c.id === id)!));
            for (let i = 1; i < days.length; i++) expect(days[i]! - days[i - 1]!).toBeLessThanOrEqual(windowDays);
          }
        },
      ),
    );
  });
});

describe('learningByRootCause', () => {
  it('groups learning points and preventive actions by root cause, flagging overdue actions', () => {
    const list = [
      complaint({
        received: '2026-03-02T10:00:00Z',
        close: { on: '2026-03-05', outcome: 'upheld' },
        review: { rootCause: { id: 'training-gap', label: 'Old name' }, points: ['Refund steps unclear'], actionDue: '2026-04-01' },
      }),
      complaint({
        received: '2026-03-03T10:00:00Z',
        close: { on: '2026-03-06', outcome: 'upheld' },
        review: { rootCause: { id: 'training-gap', label: 'Old name' }, points: ['Card refunds take 5 days', 'Tell the customer'], actionDue: '2026-06-01' },
      }),
      complaint({
        received: '2026-03-04T10:00:00Z',
        close: { on: '2026-03-06', outcome: 'notUpheld' },
        review: { rootCause: { id: 'custom-cause', label: 'A cause since deleted from settings' }, points: [] },
      }),
      complaint({ received: '2026-03-04T10:00:00Z', close: { on: '2026-03-06', outcome: 'notUpheld' } }),
    ];
    const learning = learningByRootCause(list, DEFAULT_ROOT_CAUSES, new Date('2026-05-01T12:00:00Z'));
    expect(learning.map((g) => [g.rootCauseId, g.label, g.complaints, g.learningPoints.length])).toEqual([
      ['training-gap', 'Knowledge or training gap', 2, 3],
      ['custom-cause', 'A cause since deleted from settings', 1, 0],
    ]);
    expect(learning[0]!.preventiveActions.map((a) => [a.dueOn, a.overdue])).toEqual([
      ['2026-04-01', true],
      ['2026-06-01', false],
    ]);
  });
});

describe('complaintRegisterCsv', () => {
  const list = [
    complaint({
      received: '2026-03-03T10:00:00Z',
      customerRef: 'cust-9',
      whatHappened: '=HYPERLINK("http://evil.example","click")',
      agree: 12_000,
      close: { on: '2026-03-10', outcome: 'partlyUpheld', redressPence: 12_000 },
      review: { rootCause: { id: 'no-update', label: 'Customer not kept informed' }, points: ['Call back within a day'], actionDue: '2026-04-30' },
    }),
    complaint({ received: '2026-03-02T10:00:00Z', customerRef: '+441234', flags: ['vulnerable', 'highRisk'] }),
  ];
  const csv = complaintRegisterCsv(list, { ...options, now: new Date('2026-03-04T12:00:00Z'), rootCauses: DEFAULT_ROOT_CAUSES });
  const rows = parseCsv(csv);
  const col = (row: string[], name: (typeof REGISTER_COLUMNS)[number]) => row[REGISTER_COLUMNS.indexOf(name)];

  it('has a header and one row per complaint, oldest first', () => {
    expect(rows[0]).toEqual([...REGISTER_COLUMNS]);
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.length === REGISTER_COLUMNS.length)).toBe(true);
    expect(col(rows[1]!, 'Received on')).toBe('2026-03-02');
    expect(col(rows[2]!, 'Received on')).toBe('2026-03-03');
  });

  it('neutralises text a spreadsheet would run as a formula', () => {
    expect(col(rows[2]!, 'What happened')).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(col(rows[1]!, 'Customer')).toBe("'+441234");
  });

  it('writes the closure, clock and learning in words and plain numbers', () => {
    const closed = rows[2]!;
    expect(col(closed, 'Outcome')).toBe('Partly upheld');
    expect(col(closed, 'Redress (GBP)')).toBe('120.00');
    expect(col(closed, 'Agreed option')).toBe('Refund the charge');
    expect(col(closed, 'Agreed redress (GBP)')).toBe('120.00');
    expect(col(closed, 'Calendar days to close')).toBe('7');
    expect(col(closed, 'Business days to close')).toBe('5');
    expect(col(closed, 'Root cause')).toBe('Customer not kept informed');
    expect(col(closed, 'Preventive actions')).toBe('Fix the guide (Cy Supervisor, due 2026-04-30)');
    expect(col(closed, 'Deadline state')).toBe('Met');
    const open = rows[1]!;
    expect(col(open, 'Flags')).toBe('vulnerable customer; high risk');
    expect(col(open, 'Status')).toBe('Open');
    expect(col(open, 'Next deadline')).toBe('Final or holding response');
    expect(col(open, 'Next deadline due')).toBe('2026-04-27');
    expect(col(open, 'Deadline state')).toBe('On track');
    expect(col(open, 'Closed on')).toBe('');
  });

  it('leaves out the narrative when asked', () => {
    const bare = parseCsv(complaintRegisterCsv(list, { ...options, now: new Date('2026-03-04T12:00:00Z'), narrative: false }));
    expect(col(bare[2]!, 'What happened')).toBe('');
    expect(col(bare[2]!, 'Resolution summary')).toBe('');
    expect(col(bare[2]!, 'Outcome')).toBe('Partly upheld');
  });

  it('a complaint with no regulatory clock has no deadline columns', () => {
    const h = new History(undefined, '2026-03-02T10:00:00Z');
    h.log(PEOPLE.manager, {}, NO_REGULATORY_CLOCK);
    const row = parseCsv(complaintRegisterCsv([h.state!], { ...options, now: new Date('2026-03-04T12:00:00Z') }))[1]!;
    expect([col(row, 'Next deadline'), col(row, 'Deadline state')]).toEqual(['', '']);
  });
});
