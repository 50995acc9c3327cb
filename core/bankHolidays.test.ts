import { describe, expect, it } from 'vitest';
import { BankHolidayList, bankHolidays, holidayCalendar, UK_BANK_HOLIDAYS, type UkNation } from './bankHolidays.ts';
import { addDays, isWeekend, weekday } from './isoDate.ts';

// ---- an independent derivation of the lists from the rules ----------------------------------------

/** Easter Sunday (Gregorian), by the anonymous ("Meeus/Jones/Butcher") algorithm. */
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const firstMonday = (y: number, m: number) => {
  let d = iso(y, m, 1);
  while (weekday(d) !== 1) d = addDays(d, 1);
  return d;
};
const lastMonday = (y: number, m: number) => {
  let d = addDays(iso(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1), -1);
  while (weekday(d) !== 1) d = addDays(d, -1);
  return d;
};

/**
 * A nation's holidays for a year from the rules: fixed days falling on a weekend move, in order, to
 * the next weekday not already a holiday; Easter and the Monday holidays never need to.
 */
function derive(nation: UkNation, y: number): { date: string; substitute: boolean }[] {
  const easter = easterSunday(y);
  const movable = [addDays(easter, -2), firstMonday(y, 5), lastMonday(y, 5)];
  if (nation !== 'scotland') movable.push(addDays(easter, 1), lastMonday(y, 8));
  else movable.push(firstMonday(y, 8));
  const fixed = [iso(y, 1, 1)];
  if (nation === 'scotland') fixed.push(iso(y, 1, 2), iso(y, 11, 30));
  if (nation === 'northernIreland') fixed.push(iso(y, 3, 17), iso(y, 7, 12));
  fixed.push(iso(y, 12, 25), iso(y, 12, 26));
  const taken = new Set(movable);
  const out = movable.map((date) => ({ date, substitute: false }));
  for (const date of fixed.sort()) {
    let d = date;
    while (isWeekend(d) || taken.has(d)) d = addDays(d, 1);
    taken.add(d);
    out.push({ date: d, substitute: d !== date });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}

const NATIONS: UkNation[] = ['englandAndWales', 'scotland', 'northernIreland'];
const YEARS = [2024, 2025, 2026, 2027, 2028];

describe('the shipped bank holiday list', () => {
  it('is a valid list, issued with its source and coverage stated', () => {
    expect(BankHolidayList.safeParse(UK_BANK_HOLIDAYS).success).toBe(true);
    expect(UK_BANK_HOLIDAYS.issued).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(UK_BANK_HOLIDAYS.source).toContain('gov.uk/bank-holidays');
    expect(UK_BANK_HOLIDAYS.covers).toEqual({ from: '2024-01-01', to: '2028-12-31' });
  });

  for (const nation of NATIONS) {
    for (const year of YEARS) {
      it(`${nation} ${year} matches the rules (Easter, Mondays, fixed days and their substitutes)`, () => {
        const shipped = bankHolidays(nation)
          .filter((h) => h.date.startsWith(`${year}-`))
          .map((h) => ({ date: h.date, substitute: h.substitute }));
        expect(shipped).toEqual(derive(nation, year));
      });
    }
  }

  it.each([
    ['englandAndWales', 8],
    ['scotland', 9],
    ['northernIreland', 10],
  ] as const)('%s has %i bank holidays every year', (nation, perYear) => {
    for (const year of YEARS) expect(bankHolidays(nation).filter((h) => h.date.startsWith(`${year}-`))).toHaveLength(perYear);
  });

  it('every holiday falls on a weekday', () => {
    for (const nation of NATIONS) expect(bankHolidays(nation).filter((h) => isWeekend(h.date))).toEqual([]);
  });

  // Days known from the published lists, typed here independently of the data file.
  const known: [UkNation, string, string][] = [
    ['englandAndWales', '2024-03-29', 'Good Friday'],
    ['englandAndWales', '2024-04-01', 'Easter Monday'],
    ['englandAndWales', '2025-04-21', 'Easter Monday'],
    ['englandAndWales', '2025-08-25', 'Summer bank holiday'],
    ['englandAndWales', '2026-12-28', 'Boxing Day (substitute day)'],
    ['englandAndWales', '2027-03-29', 'Easter Monday'],
    ['englandAndWales', '2027-12-27', 'Christmas Day (substitute day)'],
    ['englandAndWales', '2027-12-28', 'Boxing Day (substitute day)'],
    ['englandAndWales', '2028-01-03', "New Year's Day (substitute day)"],
    ['scotland', '2024-01-02', '2nd January'],
    ['scotland', '2024-08-05', 'Summer bank holiday'],
    ['scotland', '2024-12-02', "St Andrew's Day (substitute day)"],
    ['scotland', '2025-12-01', "St Andrew's Day (substitute day)"],
    ['scotland', '2026-11-30', "St Andrew's Day"],
    ['scotland', '2027-01-04', '2nd January (substitute day)'],
    ['scotland', '2028-01-03', "New Year's Day (substitute day)"],
    ['scotland', '2028-01-04', '2nd January (substitute day)'],
    ['scotland', '2028-08-07', 'Summer bank holiday'],
    ['northernIreland', '2024-03-18', "St Patrick's Day (substitute day)"],
    ['northernIreland', '2024-07-12', "Battle of the Boyne (Orangemen's Day)"],
    ['northernIreland', '2025-07-14', "Battle of the Boyne (Orangemen's Day) (substitute day)"],
    ['northernIreland', '2026-07-13', "Battle of the Boyne (Orangemen's Day) (substitute day)"],
    ['northernIreland', '2027-03-17', "St Patrick's Day"],
    ['northernIreland', '2027-03-29', 'Easter Monday'],
  ];
  it.each(known)('%s: %s is %s', (nation, date, title) => {
    expect(holidayCalendar(nation).holiday(date)?.title).toBe(title);
  });

  // Days that are holidays somewhere but not here.
  const notHolidays: [UkNation, string, string][] = [
    ['scotland', '2025-04-21', 'no Easter Monday in Scotland'],
    ['scotland', '2025-08-25', 'Scotland has the first Monday of August, not the last'],
    ['englandAndWales', '2025-08-04', 'England has the last Monday of August'],
    ['englandAndWales', '2026-01-02', '2 January is Scottish'],
    ['englandAndWales', '2026-11-30', "St Andrew's Day is Scottish"],
    ['englandAndWales', '2026-03-17', "St Patrick's Day is Northern Irish"],
    ['scotland', '2026-07-13', 'the Boyne is Northern Irish'],
    ['englandAndWales', '2026-12-26', 'a Saturday: the holiday is the Monday after'],
    ['englandAndWales', '2027-12-25', 'a Saturday: the holiday is the Monday after'],
    ['northernIreland', '2025-07-12', 'a Saturday: the holiday is the Monday after'],
  ];
  it.each(notHolidays)('%s: %s is not a holiday (%s)', (nation, date) => {
    expect(holidayCalendar(nation).holiday(date)).toBeUndefined();
  });
});

describe('holidayCalendar', () => {
  const cal = holidayCalendar('englandAndWales');

  it('knows what it covers and what is provisional', () => {
    expect(cal.coversDate('2024-01-01')).toBe(true);
    expect(cal.coversDate('2028-12-31')).toBe(true);
    expect(cal.coversDate('2023-12-31')).toBe(false);
    expect(cal.coversDate('2029-01-01')).toBe(false);
    expect(cal.provisional('2027-12-31')).toBe(false);
    expect(cal.provisional('2028-01-03')).toBe(true);
    expect(cal.provisional('2029-06-01')).toBe(true);
    expect(cal.issued).toBe(UK_BANK_HOLIDAYS.issued);
  });

  it('reads a supplied list in place of the shipped one', () => {
    const newer = {
      ...UK_BANK_HOLIDAYS,
      issued: '2027-06-01',
      nations: { ...UK_BANK_HOLIDAYS.nations, englandAndWales: [{ date: '2027-06-04', title: 'Extra day', substitute: false }] },
    };
    expect(BankHolidayList.safeParse(newer).success).toBe(true);
    expect(holidayCalendar('englandAndWales', newer).holiday('2027-06-04')?.title).toBe('Extra day');
    expect(holidayCalendar('englandAndWales', newer).holiday('2027-12-27')).toBeUndefined();
  });

  it('rejects a list out of order or outside its coverage', () => {
    const swapped = [...UK_BANK_HOLIDAYS.nations.scotland];
    [swapped[0], swapped[1]] = [swapped[1]!, swapped[0]!];
    expect(BankHolidayList.safeParse({ ...UK_BANK_HOLIDAYS, nations: { ...UK_BANK_HOLIDAYS.nations, scotland: swapped } }).success).toBe(false);
    expect(BankHolidayList.safeParse({ ...UK_BANK_HOLIDAYS, covers: { from: '2025-01-01', to: '2028-12-31' } }).success).toBe(false);
  });
});
