import { z } from './z.ts';
import { IsoDate } from './isoDate.ts';

/*
 * UK bank holidays by nation, shipped as data with the date the list was issued. Complaint clocks
 * that count business days skip weekends and these days for the organisation's nation. A newer list
 * (same shape) replaces this one when it is published; nothing else changes.
 */

/** The three bank-holiday divisions of the UK (Wales shares England's list). */
export const UkNation = z.enum(['englandAndWales', 'scotland', 'northernIreland']);
export type UkNation = z.infer<typeof UkNation>;

export const UK_NATION_LABELS: Record<UkNation, string> = {
  englandAndWales: 'England and Wales',
  scotland: 'Scotland',
  northernIreland: 'Northern Ireland',
};

export const BankHoliday = z.strictObject({
  date: IsoDate,
  title: z.string().check(z.minLength(1), z.maxLength(120)),
  /** A weekday given in place of a holiday that fell on a weekend. */
  substitute: z.boolean(),
});
export type BankHoliday = z.infer<typeof BankHoliday>;

const sortedUnique = (list: readonly BankHoliday[]) => list.every((h, i) => i === 0 || list[i - 1]!.date < h.date);

export const BankHolidayList = z
  .strictObject({
    /** When this list was issued (compiled from its source). */
    issued: IsoDate,
    /** Where the dates come from. */
    source: z.string().check(z.minLength(1), z.maxLength(2000)),
    /** The first and last day the list is complete for, inclusive. */
    covers: z.strictObject({ from: IsoDate, to: IsoDate }),
    /** Dates from this day on follow the standing rules but were not yet confirmed when issued. */
    provisionalFrom: z.optional(IsoDate),
    nations: z.strictObject({
      englandAndWales: z.array(BankHoliday).check(z.refine(sortedUnique, 'dates must be in order, each once')),
      scotland: z.array(BankHoliday).check(z.refine(sortedUnique, 'dates must be in order, each once')),
      northernIreland: z.array(BankHoliday).check(z.refine(sortedUnique, 'dates must be in order, each once')),
    }),
  })
  .check(
    z.refine((l) => l.covers.from <= l.covers.to, { message: 'covers.from must not be after covers.to', path: ['covers'] }),
    z.refine(
      (l) => Object.values(l.nations).every((list) => list.every((h) => h.date >= l.covers.from && h.date <= l.covers.to)),
      { message: 'every date must fall inside covers', path: ['nations'] },
    ),
  );
export type BankHolidayList = z.infer<typeof BankHolidayList>;

// ---- the shipped list -----------------------------------------------------------------------------

const h = (date: string, title: string): BankHoliday => ({ date, title, substitute: title.endsWith('(substitute day)') });

const NEW_YEAR = "New Year's Day";
const NEW_YEAR_SUB = "New Year's Day (substitute day)";
const GOOD_FRIDAY = 'Good Friday';
const EASTER_MONDAY = 'Easter Monday';
const EARLY_MAY = 'Early May bank holiday';
const SPRING = 'Spring bank holiday';
const SUMMER = 'Summer bank holiday';
const CHRISTMAS = 'Christmas Day';
const CHRISTMAS_SUB = 'Christmas Day (substitute day)';
const BOXING = 'Boxing Day';
const BOXING_SUB = 'Boxing Day (substitute day)';
const SECOND_JAN = '2nd January';
const SECOND_JAN_SUB = '2nd January (substitute day)';
const ST_ANDREW = "St Andrew's Day";
const ST_ANDREW_SUB = "St Andrew's Day (substitute day)";
const ST_PATRICK = "St Patrick's Day";
const ST_PATRICK_SUB = "St Patrick's Day (substitute day)";
const BOYNE = "Battle of the Boyne (Orangemen's Day)";
const BOYNE_SUB = "Battle of the Boyne (Orangemen's Day) (substitute day)";

/**
 * England and Wales: New Year's Day, Good Friday, Easter Monday, the first and last Mondays of May,
 * the last Monday of August, Christmas Day and Boxing Day; a holiday on a weekend moves to the next
 * weekday that is not already one.
 */
const ENGLAND_AND_WALES: BankHoliday[] = [
  // 2024
  h('2024-01-01', NEW_YEAR),
  h('2024-03-29', GOOD_FRIDAY),
  h('2024-04-01', EASTER_MONDAY),
  h('2024-05-06', EARLY_MAY),
  h('2024-05-27', SPRING),
  h('2024-08-26', SUMMER),
  h('2024-12-25', CHRISTMAS),
  h('2024-12-26', BOXING),
  // 2025
  h('2025-01-01', NEW_YEAR),
  h('2025-04-18', GOOD_FRIDAY),
  h('2025-04-21', EASTER_MONDAY),
  h('2025-05-05', EARLY_MAY),
  h('2025-05-26', SPRING),
  h('2025-08-25', SUMMER),
  h('2025-12-25', CHRISTMAS),
  h('2025-12-26', BOXING),
  // 2026: Boxing Day is a Saturday
  h('2026-01-01', NEW_YEAR),
  h('2026-04-03', GOOD_FRIDAY),
  h('2026-04-06', EASTER_MONDAY),
  h('2026-05-04', EARLY_MAY),
  h('2026-05-25', SPRING),
  h('2026-08-31', SUMMER),
  h('2026-12-25', CHRISTMAS),
  h('2026-12-28', BOXING_SUB),
  // 2027: Christmas Day is a Saturday, Boxing Day a Sunday
  h('2027-01-01', NEW_YEAR),
  h('2027-03-26', GOOD_FRIDAY),
  h('2027-03-29', EASTER_MONDAY),
  h('2027-05-03', EARLY_MAY),
  h('2027-05-31', SPRING),
  h('2027-08-30', SUMMER),
  h('2027-12-27', CHRISTMAS_SUB),
  h('2027-12-28', BOXING_SUB),
  // 2028: New Year's Day is a Saturday
  h('2028-01-03', NEW_YEAR_SUB),
  h('2028-04-14', GOOD_FRIDAY),
  h('2028-04-17', EASTER_MONDAY),
  h('2028-05-01', EARLY_MAY),
  h('2028-05-29', SPRING),
  h('2028-08-28', SUMMER),
  h('2028-12-25', CHRISTMAS),
  h('2028-12-26', BOXING),
];

/**
 * Scotland: New Year's Day, 2 January, Good Friday (no Easter Monday), the first and last Mondays of
 * May, the first Monday of August, St Andrew's Day (30 November), Christmas Day and Boxing Day.
 */
const SCOTLAND: BankHoliday[] = [
  // 2024: St Andrew's Day is a Saturday
  h('2024-01-01', NEW_YEAR),
  h('2024-01-02', SECOND_JAN),
  h('2024-03-29', GOOD_FRIDAY),
  h('2024-05-06', EARLY_MAY),
  h('2024-05-27', SPRING),
  h('2024-08-05', SUMMER),
  h('2024-12-02', ST_ANDREW_SUB),
  h('2024-12-25', CHRISTMAS),
  h('2024-12-26', BOXING),
  // 2025: St Andrew's Day is a Sunday
  h('2025-01-01', NEW_YEAR),
  h('2025-01-02', SECOND_JAN),
  h('2025-04-18', GOOD_FRIDAY),
  h('2025-05-05', EARLY_MAY),
  h('2025-05-26', SPRING),
  h('2025-08-04', SUMMER),
  h('2025-12-01', ST_ANDREW_SUB),
  h('2025-12-25', CHRISTMAS),
  h('2025-12-26', BOXING),
  // 2026: Boxing Day is a Saturday
  h('2026-01-01', NEW_YEAR),
  h('2026-01-02', SECOND_JAN),
  h('2026-04-03', GOOD_FRIDAY),
  h('2026-05-04', EARLY_MAY),
  h('2026-05-25', SPRING),
  h('2026-08-03', SUMMER),
  h('2026-11-30', ST_ANDREW),
  h('2026-12-25', CHRISTMAS),
  h('2026-12-28', BOXING_SUB),
  // 2027: 2 January is a Saturday; Christmas Day a Saturday, Boxing Day a Sunday
  h('2027-01-01', NEW_YEAR),
  h('2027-01-04', SECOND_JAN_SUB),
  h('2027-03-26', GOOD_FRIDAY),
  h('2027-05-03', EARLY_MAY),
  h('2027-05-31', SPRING),
  h('2027-08-02', SUMMER),
  h('2027-11-30', ST_ANDREW),
  h('2027-12-27', CHRISTMAS_SUB),
  h('2027-12-28', BOXING_SUB),
  // 2028: New Year's Day is a Saturday and 2 January a Sunday
  h('2028-01-03', NEW_YEAR_SUB),
  h('2028-01-04', SECOND_JAN_SUB),
  h('2028-04-14', GOOD_FRIDAY),
  h('2028-05-01', EARLY_MAY),
  h('2028-05-29', SPRING),
  h('2028-08-07', SUMMER),
  h('2028-11-30', ST_ANDREW),
  h('2028-12-25', CHRISTMAS),
  h('2028-12-26', BOXING),
];

/**
 * Northern Ireland: England and Wales's list plus St Patrick's Day (17 March) and the Battle of the
 * Boyne (12 July).
 */
const NORTHERN_IRELAND: BankHoliday[] = [
  // 2024: St Patrick's Day is a Sunday
  h('2024-01-01', NEW_YEAR),
  h('2024-03-18', ST_PATRICK_SUB),
  h('2024-03-29', GOOD_FRIDAY),
  h('2024-04-01', EASTER_MONDAY),
  h('2024-05-06', EARLY_MAY),
  h('2024-05-27', SPRING),
  h('2024-07-12', BOYNE),
  h('2024-08-26', SUMMER),
  h('2024-12-25', CHRISTMAS),
  h('2024-12-26', BOXING),
  // 2025: 12 July is a Saturday
  h('2025-01-01', NEW_YEAR),
  h('2025-03-17', ST_PATRICK),
  h('2025-04-18', GOOD_FRIDAY),
  h('2025-04-21', EASTER_MONDAY),
  h('2025-05-05', EARLY_MAY),
  h('2025-05-26', SPRING),
  h('2025-07-14', BOYNE_SUB),
  h('2025-08-25', SUMMER),
  h('2025-12-25', CHRISTMAS),
  h('2025-12-26', BOXING),
  // 2026: 12 July is a Sunday; Boxing Day a Saturday
  h('2026-01-01', NEW_YEAR),
  h('2026-03-17', ST_PATRICK),
  h('2026-04-03', GOOD_FRIDAY),
  h('2026-04-06', EASTER_MONDAY),
  h('2026-05-04', EARLY_MAY),
  h('2026-05-25', SPRING),
  h('2026-07-13', BOYNE_SUB),
  h('2026-08-31', SUMMER),
  h('2026-12-25', CHRISTMAS),
  h('2026-12-28', BOXING_SUB),
  // 2027: Christmas Day is a Saturday, Boxing Day a Sunday
  h('2027-01-01', NEW_YEAR),
  h('2027-03-17', ST_PATRICK),
  h('2027-03-26', GOOD_FRIDAY),
  h('2027-03-29', EASTER_MONDAY),
  h('2027-05-03', EARLY_MAY),
  h('2027-05-31', SPRING),
  h('2027-07-12', BOYNE),
  h('2027-08-30', SUMMER),
  h('2027-12-27', CHRISTMAS_SUB),
  h('2027-12-28', BOXING_SUB),
  // 2028: New Year's Day is a Saturday
  h('2028-01-03', NEW_YEAR_SUB),
  h('2028-03-17', ST_PATRICK),
  h('2028-04-14', GOOD_FRIDAY),
  h('2028-04-17', EASTER_MONDAY),
  h('2028-05-01', EARLY_MAY),
  h('2028-05-29', SPRING),
  h('2028-07-12', BOYNE),
  h('2028-08-28', SUMMER),
  h('2028-12-25', CHRISTMAS),
  h('2028-12-26', BOXING),
];

/**
 * The shipped list. Source: the UK government's published bank holiday list for each nation
 * (https://www.gov.uk/bank-holidays, also served as https://www.gov.uk/bank-holidays.json), which
 * applies the Banking and Financial Dealings Act 1971 and royal proclamations. Dates for 2028 follow
 * the standing rules (fixed days, Easter, Mondays, weekend substitutes) and are marked provisional:
 * a proclamation can still move or add a day, as it did in 2022 and 2023.
 */
export const UK_BANK_HOLIDAYS: BankHolidayList = {
  issued: '2026-11-30',
  source:
    'GOV.UK "UK bank holidays" (https://www.gov.uk/bank-holidays) for England and Wales, Scotland and Northern Ireland, ' +
    'under the Banking and Financial Dealings Act 1971 and royal proclamations; 2028 derived from the standing rules, provisional.',
  covers: { from: '2024-01-01', to: '2028-12-31' },
  provisionalFrom: '2028-01-01',
  nations: { englandAndWales: ENGLAND_AND_WALES, scotland: SCOTLAND, northernIreland: NORTHERN_IRELAND },
};

// ---- looking dates up -----------------------------------------------------------------------------

/** Bank holidays of one nation, as the shipped (or a supplied) list gives them. */
export function bankHolidays(nation: UkNation, list: BankHolidayList = UK_BANK_HOLIDAYS): readonly BankHoliday[] {
  return list.nations[nation];
}

/** A nation's bank holidays, for counting business days. */
export interface HolidayCalendar {
  readonly nation: UkNation;
  readonly issued: string;
  readonly covers: { readonly from: string; readonly to: string };
  readonly provisionalFrom: string | undefined;
  /** The holiday on a date, if there is one. */
  holiday(date: string): BankHoliday | undefined;
  /** Whether the list is complete for this date (outside it, only weekends are known to be closed). */
  coversDate(date: string): boolean;
  /** Whether the list's dates for this day are provisional (or missing). */
  provisional(date: string): boolean;
}

export function holidayCalendar(nation: UkNation, list: BankHolidayList = UK_BANK_HOLIDAYS): HolidayCalendar {
  const byDate = new Map(list.nations[nation].map((day) => [day.date, day]));
  const covers = { from: list.covers.from, to: list.covers.to };
  const coversDate = (date: string) => date >= covers.from && date <= covers.to;
  return {
    nation,
    issued: list.issued,
    covers,
    provisionalFrom: list.provisionalFrom,
    holiday: (date) => byDate.get(date),
    coversDate,
    provisional: (date) => !coversDate(date) || (list.provisionalFrom !== undefined && date >= list.provisionalFrom),
  };
}
