import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holidayCalendar, type UkNation } from './bankHolidays.ts';
import { FCA_DISP, FCA_PAYMENT_SERVICES, type Milestone, NO_REGULATORY_CLOCK, OFCOM, Regime } from './complaint.ts';
import {
  addBusinessDays,
  businessDayOnOrAfter,
  businessDaysBetween,
  type ClockOptions,
  clockStatus,
  complaintClocks,
  isBusinessDay,
  mostUrgentClock,
  runningDeadlines,
  referralWindowEndsOn,
  regimeDeadlines,
} from './complaintClocks.ts';
import { closure, History, PEOPLE } from './complaintFixtures.ts';
import { addDays, addMonths, daysBetween, endOfDay, instantAt, isValidIsoDate, localDateOf, weekday } from './isoDate.ts';

const cal = (nation: UkNation) => holidayCalendar(nation);
const opts = (nation: UkNation = 'englandAndWales'): ClockOptions => ({ calendar: cal(nation) });

// ---- dates ----------------------------------------------------------------------------------------

describe('isoDate', () => {
  it.each([
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['0000-01-01', false],
  ])('isValidIsoDate(%s) is %s', (date, valid) => expect(isValidIsoDate(date)).toBe(valid));

  it.each([
    ['2026-08-31', 6, '2027-02-28'],
    ['2027-08-31', 6, '2028-02-29'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-11-30', 2, '2027-01-30'],
    ['2026-05-15', 0, '2026-05-15'],
  ])('addMonths(%s, %i) is %s', (date, months, expected) => expect(addMonths(date, months)).toBe(expected));

  it('weekday and day arithmetic', () => {
    expect(weekday('2026-11-30')).toBe(1);
    expect(weekday('2027-12-25')).toBe(6);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2024-01-01', '2024-02-26')).toBe(56);
  });

  it.each([
    ['2026-06-30T23:30:00Z', '2026-07-01'], // BST: already 00:30 on 1 July in London
    ['2026-12-31T23:30:00Z', '2026-12-31'], // GMT
    ['2026-03-29T00:59:59Z', '2026-03-29'], // the night the clocks go forward
    ['2026-10-24T23:00:00Z', '2026-10-25'], // midnight BST, the night they go back
    ['2026-10-24T22:59:59Z', '2026-10-24'],
  ])('localDateOf(%s) in London is %s', (instant, date) => expect(localDateOf(instant)).toBe(date));

  it.each([
    ['2026-03-28', '2026-03-29T00:00:00.000Z'], // Saturday ends at midnight GMT
    ['2026-03-29', '2026-03-29T23:00:00.000Z'], // clocks went forward: Sunday ends at midnight BST
    ['2026-10-24', '2026-10-24T23:00:00.000Z'],
    ['2026-10-25', '2026-10-26T00:00:00.000Z'], // clocks went back
    ['2026-07-15', '2026-07-15T23:00:00.000Z'],
  ])('endOfDay(%s) in London is %s', (date, instant) => expect(endOfDay(date).toISOString()).toBe(instant));

  it('instantAt reads a wall-clock time in London', () => {
    expect(instantAt('2026-03-05', '17:00').toISOString()).toBe('2026-03-05T17:00:00.000Z');
    expect(instantAt('2026-06-04', '17:00').toISOString()).toBe('2026-06-04T16:00:00.000Z');
    expect(() => instantAt('2026-06-04', '25:00')).toThrow(RangeError);
  });
});

// ---- business days --------------------------------------------------------------------------------

describe('addBusinessDays', () => {
  const cases: { name: string; nation: UkNation; from: string; n: number; expected: string }[] = [
    { name: 'Monday + 3', nation: 'englandAndWales', from: '2026-03-02', n: 3, expected: '2026-03-05' },
    { name: 'Friday + 3 skips the weekend', nation: 'englandAndWales', from: '2026-03-06', n: 3, expected: '2026-03-11' },
    { name: 'Saturday + 3', nation: 'englandAndWales', from: '2026-03-07', n: 3, expected: '2026-03-11' },
    { name: 'Sunday + 3', nation: 'englandAndWales', from: '2026-03-08', n: 3, expected: '2026-03-11' },
    { name: 'zero gives the day back, even on a weekend', nation: 'englandAndWales', from: '2026-03-07', n: 0, expected: '2026-03-07' },
    // Christmas 2026: Christmas Day Friday, Boxing Day Saturday, substitute Monday 28th
    { name: 'Christmas 2026 (Boxing Day substitute)', nation: 'englandAndWales', from: '2026-12-23', n: 3, expected: '2026-12-30' },
    { name: 'Christmas 2026 in Scotland', nation: 'scotland', from: '2026-12-23', n: 3, expected: '2026-12-30' },
    // Christmas 2027: both days on the weekend, substitutes Monday 27th and Tuesday 28th
    { name: 'Christmas 2027 (both substitutes), from Thursday', nation: 'englandAndWales', from: '2027-12-23', n: 3, expected: '2027-12-30' },
    { name: 'Christmas 2027 (both substitutes), from Christmas Eve', nation: 'englandAndWales', from: '2027-12-24', n: 3, expected: '2027-12-31' },
    { name: 'Christmas 2027 in Northern Ireland', nation: 'northernIreland', from: '2027-12-24', n: 1, expected: '2027-12-29' },
    // New Year 2028: Saturday, substitute Monday 3rd; Scotland also 2 January on Tuesday 4th
    { name: 'New Year 2028 substitute', nation: 'englandAndWales', from: '2027-12-31', n: 3, expected: '2028-01-06' },
    { name: 'New Year 2028 in Scotland (and 2 January)', nation: 'scotland', from: '2027-12-31', n: 3, expected: '2028-01-07' },
    { name: 'New Year 2026, England', nation: 'englandAndWales', from: '2025-12-31', n: 3, expected: '2026-01-06' },
    { name: 'New Year 2026, Scotland (2 January on the Friday)', nation: 'scotland', from: '2025-12-31', n: 3, expected: '2026-01-07' },
    // Easter
    { name: 'Easter 2025, England (Good Friday and Easter Monday)', nation: 'englandAndWales', from: '2025-04-17', n: 3, expected: '2025-04-24' },
    { name: 'Easter 2025, Scotland (no Easter Monday)', nation: 'scotland', from: '2025-04-17', n: 3, expected: '2025-04-23' },
    { name: 'Easter 2027, England', nation: 'englandAndWales', from: '2027-03-25', n: 3, expected: '2027-04-01' },
    { name: 'Easter 2024 straddles March and April', nation: 'northernIreland', from: '2024-03-28', n: 1, expected: '2024-04-02' },
    // Nation-only days
    { name: "St Patrick's Day 2027, Northern Ireland", nation: 'northernIreland', from: '2027-03-16', n: 3, expected: '2027-03-22' },
    { name: "St Patrick's Day 2027, England", nation: 'englandAndWales', from: '2027-03-16', n: 3, expected: '2027-03-19' },
    { name: "St Patrick's Day 2024 substitute Monday", nation: 'northernIreland', from: '2024-03-15', n: 1, expected: '2024-03-19' },
    { name: 'Boyne 2025 substitute Monday, Northern Ireland', nation: 'northernIreland', from: '2025-07-11', n: 1, expected: '2025-07-15' },
    { name: 'Boyne 2025, England', nation: 'englandAndWales', from: '2025-07-11', n: 1, expected: '2025-07-14' },
    { name: "St Andrew's Day 2026, Scotland", nation: 'scotland', from: '2026-11-27', n: 1, expected: '2026-12-01' },
    { name: "St Andrew's Day 2026, England", nation: 'englandAndWales', from: '2026-11-27', n: 1, expected: '2026-11-30' },
    { name: "St Andrew's Day 2024 substitute, Scotland", nation: 'scotland', from: '2024-11-29', n: 1, expected: '2024-12-03' },
    { name: 'Scottish summer holiday 2026 (first Monday of August)', nation: 'scotland', from: '2026-07-31', n: 1, expected: '2026-08-04' },
    { name: 'English summer holiday 2026 (last Monday of August)', nation: 'englandAndWales', from: '2026-08-28', n: 1, expected: '2026-09-01' },
    // Longer periods (payment services)
    { name: '15 business days over Christmas 2026, England', nation: 'englandAndWales', from: '2026-12-14', n: 15, expected: '2027-01-07' },
    { name: '15 business days over Christmas 2026, Scotland', nation: 'scotland', from: '2026-12-14', n: 15, expected: '2027-01-08' },
    { name: '35 business days over Christmas 2026, England', nation: 'englandAndWales', from: '2026-12-14', n: 35, expected: '2027-02-04' },
    // Backwards
    { name: 'one business day before 29 December 2026', nation: 'englandAndWales', from: '2026-12-29', n: -1, expected: '2026-12-24' },
  ];
  it.each(cases)('$name: $from + $n = $expected', ({ nation, from, n, expected }) => {
    expect(addBusinessDays(from, n, cal(nation))).toBe(expected);
  });

  it('refuses fractions', () => expect(() => addBusinessDays('2026-03-02', 1.5, cal('scotland'))).toThrow(RangeError));

  it('businessDayOnOrAfter', () => {
    expect(businessDayOnOrAfter('2026-12-25', cal('englandAndWales'))).toBe('2026-12-29');
    expect(businessDayOnOrAfter('2026-03-02', cal('englandAndWales'))).toBe('2026-03-02');
  });

  it('businessDaysBetween counts the days after the first up to the second', () => {
    expect(businessDaysBetween('2026-03-02', '2026-03-05', cal('englandAndWales'))).toBe(3);
    expect(businessDaysBetween('2026-03-05', '2026-03-02', cal('englandAndWales'))).toBe(-3);
    expect(businessDaysBetween('2026-12-24', '2026-12-28', cal('englandAndWales'))).toBe(0);
    expect(businessDaysBetween('2026-03-02', '2026-03-02', cal('englandAndWales'))).toBe(0);
  });
});

describe('business day properties', () => {
  const nationArb = fc.constantFrom<UkNation>('englandAndWales', 'scotland', 'northernIreland');
  const dateArb = fc.integer({ min: 0, max: 365 * 5 - 80 }).map((d) => addDays('2024-01-01', d));

  /** A slow, obviously right reference: walk forward counting business days. */
  const reference = (from: string, n: number, nation: UkNation) => {
    const days: string[] = [];
    for (let d = addDays(from, 1); days.length < n; d = addDays(d, 1)) {
      if (weekday(d) !== 0 && weekday(d) !== 6 && !cal(nation).holiday(d)) days.push(d);
    }
    return n === 0 ? from : days[n - 1]!;
  };

  it('addBusinessDays lands on the nth business day after the date', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 40 }), nationArb, (from, n, nation) => {
        const got = addBusinessDays(from, n, cal(nation));
        expect(got).toBe(reference(from, n, nation));
        if (n > 0) {
          expect(isBusinessDay(got, cal(nation))).toBe(true);
          expect(got > from).toBe(true);
        }
        expect(businessDaysBetween(from, got, cal(nation))).toBe(n);
      }),
    );
  });

  it('more business days never give an earlier day; counting back undoes counting forward on a business day', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), nationArb, (from, a, b, nation) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(addBusinessDays(from, lo, cal(nation)) <= addBusinessDays(from, hi, cal(nation))).toBe(true);
        const start = businessDayOnOrAfter(from, cal(nation));
        expect(addBusinessDays(addBusinessDays(start, hi, cal(nation)), -hi, cal(nation))).toBe(start);
      }),
    );
  });

  it('businessDaysBetween is antisymmetric', () => {
    fc.assert(
      fc.property(dateArb, dateArb, nationArb, (a, b, nation) => {
        const there = businessDaysBetween(a, b, cal(nation));
        expect(there + businessDaysBetween(b, a, cal(nation))).toBe(0);
        expect(Object.is(there, -0)).toBe(false);
      }),
    );
  });
});

// ---- regime deadlines -----------------------------------------------------------------------------

const due = (regime: Regime, receivedAt: string, nation: UkNation = 'englandAndWales', holdingResponseSent = false) =>
  Object.fromEntries(regimeDeadlines(regime, receivedAt, opts(nation), { holdingResponseSent }).map((d) => [d.milestone.id, d.dueOn]));

describe('regimeDeadlines', () => {
  const cases: { name: string; regime: Regime; receivedAt: string; nation?: UkNation; holding?: boolean; expected: Record<string, string> }[] = [
    {
      name: 'DISP, received on a Monday',
      regime: FCA_DISP,
      receivedAt: '2026-03-02T10:00:00Z',
      expected: { 'summary-resolution': '2026-03-05', 'final-response': '2026-04-27' },
    },
    {
      name: 'DISP, received on a Saturday: the three business days after it are Monday to Wednesday',
      regime: FCA_DISP,
      receivedAt: '2026-03-07T10:00:00Z',
      expected: { 'summary-resolution': '2026-03-11', 'final-response': '2026-05-02' },
    },
    {
      name: 'DISP, 8 weeks from New Year 2024 is Monday 26 February',
      regime: FCA_DISP,
      receivedAt: '2024-01-01T12:00:00Z',
      expected: { 'summary-resolution': '2024-01-04', 'final-response': '2024-02-26' },
    },
    {
      name: 'DISP, received late on 30 June (BST) counts from 1 July',
      regime: FCA_DISP,
      receivedAt: '2026-06-30T23:30:00Z',
      expected: { 'summary-resolution': '2026-07-06', 'final-response': '2026-08-26' },
    },
    {
      name: 'DISP over Christmas 2027, England',
      regime: FCA_DISP,
      receivedAt: '2027-12-24T09:00:00Z',
      expected: { 'summary-resolution': '2027-12-31', 'final-response': '2028-02-18' },
    },
    {
      name: 'DISP over New Year 2028, Scotland',
      regime: FCA_DISP,
      receivedAt: '2027-12-31T09:00:00Z',
      nation: 'scotland',
      expected: { 'summary-resolution': '2028-01-07', 'final-response': '2028-02-25' },
    },
    {
      name: '8 weeks across a leap day',
      regime: OFCOM,
      receivedAt: '2028-01-10T09:00:00Z',
      expected: { 'adr-eight-weeks': '2028-03-06' },
    },
    {
      name: '8 weeks without one',
      regime: OFCOM,
      receivedAt: '2027-01-10T09:00:00Z',
      expected: { 'adr-eight-weeks': '2027-03-07' },
    },
    {
      name: 'Payment services: 15 business days; the 35-day milestone waits for a holding reply',
      regime: FCA_PAYMENT_SERVICES,
      receivedAt: '2026-12-14T11:00:00Z',
      expected: { 'summary-resolution': '2026-12-17', 'final-response-15': '2027-01-07' },
    },
    {
      name: 'Payment services after a holding reply: 35 business days',
      regime: FCA_PAYMENT_SERVICES,
      receivedAt: '2026-12-14T11:00:00Z',
      holding: true,
      expected: { 'summary-resolution': '2026-12-17', 'final-response-15': '2027-01-07', 'final-response-35': '2027-02-04' },
    },
    {
      name: 'Payment services in Scotland (2 January substitute on 4 January 2027)',
      regime: FCA_PAYMENT_SERVICES,
      receivedAt: '2026-12-14T11:00:00Z',
      nation: 'scotland',
      expected: { 'summary-resolution': '2026-12-17', 'final-response-15': '2027-01-08' },
    },
    {
      name: 'Payment services in Northern Ireland over Easter and St Patrick 2027',
      regime: FCA_PAYMENT_SERVICES,
      receivedAt: '2027-03-15T11:00:00Z',
      nation: 'northernIreland',
      // 16,18,19,22,23,24,25 (7), 30,31, 1 Apr, 2, 5,6,7,8 (15): skips 17 Mar, Good Friday 26, Easter Monday 29
      expected: { 'summary-resolution': '2027-03-19', 'final-response-15': '2027-04-08' },
    },
    { name: 'No regulatory clock', regime: NO_REGULATORY_CLOCK, receivedAt: '2026-03-02T10:00:00Z', expected: {} },
  ];
  it.each(cases)('$name', ({ regime, receivedAt, nation, holding, expected }) => {
    expect(due(regime, receivedAt, nation, holding)).toEqual(expected);
  });

  const custom = Regime.parse({
    id: 'water-code',
    name: 'Our customer charter',
    builtIn: false,
    receiptOnNonBusinessDay: 'nextBusinessDay',
    milestones: [
      { id: 'ack', label: 'Acknowledge', kind: 'deadline', period: { amount: 5, unit: 'businessDays' }, metBy: ['acknowledgement'], warnBefore: { amount: 1, unit: 'businessDays' } },
      { id: 'resolve', label: 'Resolve', kind: 'deadline', period: { amount: 20, unit: 'calendarDays' }, warnBefore: { amount: 3, unit: 'calendarDays' } },
      { id: 'long-stop', label: 'Long stop', kind: 'deadline', period: { amount: 2, unit: 'months' }, warnBefore: { amount: 7, unit: 'calendarDays' } },
    ],
  });

  it('a custom regime counting from the next business day after a weekend receipt', () => {
    // Saturday 26 December 2026; Monday 28th is the Boxing Day substitute, so the count starts on Tuesday 29th.
    expect(due(custom, '2026-12-26T10:00:00Z')).toEqual({ ack: '2027-01-06', resolve: '2027-01-18', 'long-stop': '2027-02-28' });
    expect(regimeDeadlines(custom, '2026-12-26T10:00:00Z', opts())[0]!.startsOn).toBe('2026-12-29');
  });

  it('says when bank holiday data is provisional, missing or not needed', () => {
    const data = (regime: Regime, at: string) => regimeDeadlines(regime, at, opts()).map((d) => [d.milestone.id, d.holidayData]);
    expect(data(FCA_DISP, '2026-03-02T10:00:00Z')).toEqual([
      ['summary-resolution', 'confirmed'],
      ['final-response', 'notNeeded'],
    ]);
    expect(data(FCA_DISP, '2028-03-01T10:00:00Z')[0]).toEqual(['summary-resolution', 'provisional']);
    expect(data(FCA_DISP, '2028-12-28T10:00:00Z')[0]).toEqual(['summary-resolution', 'missing']);
    // Beyond the data only weekends are skipped, so the count still runs.
    expect(due(FCA_DISP, '2029-03-01T10:00:00Z')['summary-resolution']).toBe('2029-03-06');
  });

  it('summary resolution ends at close of business, other periods at midnight (UK time)', () => {
    const [window, final] = regimeDeadlines(FCA_DISP, '2026-06-01T08:00:00Z', opts());
    expect(window!.dueAt).toBe('2026-06-04T16:00:00.000Z'); // 17:00 BST
    expect(final!.dueOn).toBe('2026-07-27');
    expect(final!.dueAt).toBe('2026-07-27T23:00:00.000Z'); // midnight BST
    const late = regimeDeadlines(FCA_DISP, '2026-06-01T08:00:00Z', { ...opts(), closeOfBusiness: '18:30' });
    expect(late[0]!.dueAt).toBe('2026-06-04T17:30:00.000Z');
  });
});

// ---- countdowns -----------------------------------------------------------------------------------

describe('clockStatus', () => {
  // DISP, England, received Monday 2 March 2026: window to Thu 5 March 17:00 GMT; 8 weeks to Mon 27 April (BST).
  const [window, final] = regimeDeadlines(FCA_DISP, '2026-03-02T10:00:00Z', opts());

  const cases: { name: string; deadline: 'window' | 'final'; now: string; metOn?: string; state: string; daysLeft?: number; businessDaysLeft?: number }[] = [
    { name: 'window, two business days left', deadline: 'window', now: '2026-03-03T12:00:00Z', state: 'ok', businessDaysLeft: 2 },
    { name: 'window, one business day left', deadline: 'window', now: '2026-03-04T12:00:00Z', state: 'dueSoon', businessDaysLeft: 1 },
    { name: 'window, last minute before close of business', deadline: 'window', now: '2026-03-05T16:59:59Z', state: 'dueSoon', businessDaysLeft: 0 },
    { name: 'window, at close of business', deadline: 'window', now: '2026-03-05T17:00:00Z', state: 'passed' },
    { name: 'window, closed on its last day', deadline: 'window', now: '2026-03-20T12:00:00Z', metOn: '2026-03-05', state: 'met' },
    { name: 'window, closed the day after', deadline: 'window', now: '2026-03-20T12:00:00Z', metOn: '2026-03-06', state: 'passed' },
    { name: 'final, eight days left', deadline: 'final', now: '2026-04-19T12:00:00Z', state: 'ok', daysLeft: 8 },
    { name: 'final, seven days left', deadline: 'final', now: '2026-04-20T12:00:00Z', state: 'dueSoon', daysLeft: 7 },
    { name: 'final, last second (BST midnight)', deadline: 'final', now: '2026-04-27T22:59:59Z', state: 'dueSoon', daysLeft: 0 },
    { name: 'final, just after midnight BST', deadline: 'final', now: '2026-04-27T23:00:00Z', state: 'overdue', daysLeft: -1 },
    { name: 'final, met on the day', deadline: 'final', now: '2026-05-10T12:00:00Z', metOn: '2026-04-27', state: 'met' },
    { name: 'final, met a day late', deadline: 'final', now: '2026-05-10T12:00:00Z', metOn: '2026-04-28', state: 'missed' },
    { name: 'final, met early, asked about before it was due', deadline: 'final', now: '2026-03-10T12:00:00Z', metOn: '2026-03-09', state: 'met' },
  ];
  it.each(cases)('$name: $state', ({ deadline, now, metOn, state, daysLeft, businessDaysLeft }) => {
    const status = clockStatus(deadline === 'window' ? window! : final!, new Date(now), opts(), metOn);
    expect(status.state).toBe(state);
    if (daysLeft !== undefined) expect(status.daysLeft).toBe(daysLeft);
    if (businessDaysLeft !== undefined) expect(status.businessDaysLeft).toBe(businessDaysLeft);
  });

  it('an unmet deadline only moves forward: ok, then due soon, then overdue', () => {
    const rank = { ok: 0, dueSoon: 1, overdue: 2 } as Record<string, number>;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 70 * 24 }), fc.integer({ min: 0, max: 70 * 24 }), (h1, h2) => {
        const start = Date.parse('2026-03-02T10:00:00Z');
        const [a, b] = h1 <= h2 ? [h1, h2] : [h2, h1];
        const s1 = clockStatus(final!, new Date(start + a * 3_600_000), opts()).state;
        const s2 = clockStatus(final!, new Date(start + b * 3_600_000), opts()).state;
        expect(rank[s1]! <= rank[s2]!).toBe(true);
      }),
    );
  });
});

describe('complaintClocks', () => {
  const received = '2026-03-02T10:00:00Z';

  it('runningDeadlines: the deadlines not yet met on a complaint still open, for prompt rules', () => {
    const h = new History(undefined, received);
    h.log(PEOPLE.supervisor);
    const open = runningDeadlines(h.state!, new Date('2026-03-04T12:00:00Z'), opts());
    // The summary-resolution window is a window, not a deadline: prompts are about deadlines.
    expect(open).toEqual([{ kind: 'final-response', dueAt: complaintClocks(h.state!, new Date(), opts())[1]!.dueAt, complaintRef: 'C-TEST-1' }]);
    expect(runningDeadlines(h.state!, new Date('2026-06-01T12:00:00Z'), opts()).map((d) => d.kind)).toEqual(['final-response']);
    h.apply('closed', PEOPLE.supervisor, { closure: closure('2026-03-04'), authority: h.authority(PEOPLE.supervisor) }, '2026-03-04T15:00:00Z');
    expect(runningDeadlines(h.state!, new Date('2026-03-05T12:00:00Z'), opts())).toEqual([]);
  });

  it('follows the complaint: open, then closed within the window', () => {
    const h = new History(undefined, received);
    h.log(PEOPLE.supervisor);
    const open = complaintClocks(h.state!, new Date('2026-03-04T12:00:00Z'), opts());
    expect(open.map((k) => [k.milestone.id, k.state])).toEqual([
      ['summary-resolution', 'dueSoon'],
      ['final-response', 'ok'],
    ]);
    expect(mostUrgentClock(open)!.milestone.id).toBe('summary-resolution');
    h.apply('closed', PEOPLE.supervisor, { closure: closure('2026-03-04'), authority: h.authority(PEOPLE.supervisor) }, '2026-03-04T15:00:00Z');
    const closed = complaintClocks(h.state!, new Date('2026-06-01T12:00:00Z'), opts());
    expect(closed.map((k) => [k.milestone.id, k.state, k.metOn])).toEqual([
      ['summary-resolution', 'met', '2026-03-04'],
      ['final-response', 'met', '2026-03-04'],
    ]);
    expect(referralWindowEndsOn(h.state!)).toBe('2026-09-04');
  });

  it('a holding response meets the 8-week deadline but not the summary-resolution window', () => {
    const h = new History(undefined, received);
    h.log(PEOPLE.supervisor);
    h.apply('responseSent', PEOPLE.supervisor, { kind: 'holding', sentOn: '2026-04-20', referralRightsGiven: true }, '2026-04-20T10:00:00Z');
    const clocks = complaintClocks(h.state!, new Date('2026-05-01T12:00:00Z'), opts());
    expect(clocks.map((k) => [k.milestone.id, k.state])).toEqual([
      ['summary-resolution', 'passed'],
      ['final-response', 'met'],
    ]);
    expect(referralWindowEndsOn(h.state!)).toBeUndefined();
  });

  it('payment services: a holding reply starts the 35-day clock, which only closure meets', () => {
    const h = new History(undefined, '2026-12-14T11:00:00Z');
    h.log(PEOPLE.supervisor, {}, FCA_PAYMENT_SERVICES);
    expect(complaintClocks(h.state!, new Date('2027-01-05T12:00:00Z'), opts()).map((k) => [k.milestone.id, k.state])).toEqual([
      ['summary-resolution', 'passed'],
      ['final-response-15', 'dueSoon'],
    ]);
    h.apply('responseSent', PEOPLE.supervisor, { kind: 'holding', sentOn: '2027-01-06' }, '2027-01-06T10:00:00Z');
    const later = complaintClocks(h.state!, new Date('2027-02-05T12:00:00Z'), opts());
    expect(later.map((k) => [k.milestone.id, k.state, k.dueOn])).toEqual([
      ['summary-resolution', 'passed', '2026-12-17'],
      ['final-response-15', 'met', '2027-01-07'],
      ['final-response-35', 'overdue', '2027-02-04'],
    ]);
    expect(mostUrgentClock(later)!.milestone.id).toBe('final-response-35');
  });

  it('a reopened complaint keeps the deadlines its first final response met', () => {
    const h = new History(undefined, received);
    h.log(PEOPLE.manager);
    h.apply('closed', PEOPLE.manager, { closure: closure('2026-03-10'), authority: h.authority(PEOPLE.manager) }, '2026-03-10T10:00:00Z');
    h.apply('reopened', PEOPLE.manager, { reason: 'Customer says the refund never arrived.' }, '2026-05-20T10:00:00Z');
    const clocks = complaintClocks(h.state!, new Date('2026-05-21T12:00:00Z'), opts());
    expect(clocks.find((k) => k.milestone.id === 'final-response')!.state).toBe('met');
  });

  it('in Scotland and Northern Ireland the window follows their holidays', () => {
    // Received Friday 27 November 2026: Monday 30th is St Andrew's Day in Scotland only.
    expect(due(FCA_DISP, '2026-11-27T10:00:00Z', 'englandAndWales')['summary-resolution']).toBe('2026-12-02');
    expect(due(FCA_DISP, '2026-11-27T10:00:00Z', 'scotland')['summary-resolution']).toBe('2026-12-03');
    expect(due(FCA_DISP, '2026-11-27T10:00:00Z', 'northernIreland')['summary-resolution']).toBe('2026-12-02');
    // Received Friday 10 July 2026: Monday 13th is the Boyne substitute in Northern Ireland only.
    expect(due(FCA_DISP, '2026-07-10T10:00:00Z', 'northernIreland')['summary-resolution']).toBe('2026-07-16');
    expect(due(FCA_DISP, '2026-07-10T10:00:00Z', 'englandAndWales')['summary-resolution']).toBe('2026-07-15');
  });
});

describe('milestone checks', () => {
  it('the built-in regimes are valid regimes', () => {
    for (const r of [FCA_DISP, FCA_PAYMENT_SERVICES, OFCOM, NO_REGULATORY_CLOCK]) expect(Regime.safeParse(r).success).toBe(true);
  });

  it('a regime may not use one milestone id twice', () => {
    const m: Milestone = FCA_DISP.milestones[1]!;
    expect(Regime.safeParse({ ...FCA_DISP, id: 'x', builtIn: false, milestones: [m, m] }).success).toBe(false);
  });
});
