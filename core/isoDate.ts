import { z } from './z.ts';

/*
 * Calendar dates as ISO strings ("2026-12-28"), with the arithmetic complaint clocks need. A date
 * here is a day on the calendar, not an instant: it is turned into an instant only with a time zone
 * (for UK complaint clocks, Europe/London). Pure: no browser or server imports.
 */

/** The time zone of every UK nation, and so of every UK complaint clock. */
export const UK_TIME_ZONE = 'Europe/London';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function parts(date: string): [number, number, number] | null {
  const m = ISO_DATE.exec(date);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/** Milliseconds at UTC midnight of a calendar date; setUTCFullYear so years 0-99 are not read as 19xx. */
function utcMs(year: number, month: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

/** True for a real calendar date written YYYY-MM-DD (so not "2026-02-30"). */
export function isValidIsoDate(date: string): boolean {
  const p = parts(date);
  if (!p) return false;
  const [y, m, d] = p;
  return m >= 1 && m <= 12 && d >= 1 && fromDayNumber(toDayNumber(date)) === date && y >= 1;
}

export const IsoDate = z.string().check(
  z.regex(ISO_DATE, 'expected a date written YYYY-MM-DD'),
  z.refine(isValidIsoDate, 'not a real calendar date'),
);
export type IsoDate = z.infer<typeof IsoDate>;

/** Days since 1970-01-01 (negative before it). */
export function toDayNumber(date: string): number {
  const p = parts(date);
  if (!p) throw new RangeError(`not a date: ${date}`);
  return Math.round(utcMs(p[0], p[1], p[2]) / DAY_MS);
}

export function fromDayNumber(day: number): string {
  const d = new Date(day * DAY_MS);
  const y = d.getUTCFullYear();
  return `${String(y).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Calendar days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** 0 Sunday .. 6 Saturday. */
export function weekday(date: string): number {
  // 1970-01-01 was a Thursday (4).
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

export function isWeekend(date: string): boolean {
  const d = weekday(date);
  return d === 0 || d === 6;
}

/**
 * The same day `months` later; a day the target month lacks becomes its last day (31 August plus six
 * months is 28 or 29 February), as people count "six months from" a date.
 */
export function addMonths(date: string, months: number): string {
  const p = parts(date);
  if (!p) throw new RangeError(`not a date: ${date}`);
  const index = p[0] * 12 + (p[1] - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const lastDay = new Date(utcMs(year, month + 1, 1) - DAY_MS).getUTCDate();
  const day = Math.min(p[2], lastDay);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export const minDate = (a: string, b: string): string => (a <= b ? a : b);
export const maxDate = (a: string, b: string): string => (a >= b ? a : b);

// ---- dates and instants in a time zone ------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock reading in a time zone at an instant, as milliseconds "as if it were UTC". */
function wallClockMs(instant: number, timeZone: string): number {
  const got: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') got[part.type] = Number(part.value);
  }
  const wholeSecond = Math.floor(instant / 1000) * 1000;
  return utcMs(got.year!, got.month!, got.day!) + got.hour! * 3_600_000 + got.minute! * 60_000 + got.second! * 1000 + (instant - wholeSecond);
}

const toMs = (instant: Date | string | number): number =>
  instant instanceof Date ? instant.getTime() : typeof instant === 'number' ? instant : Date.parse(instant);

/** The calendar date in a time zone at an instant (a complaint received at 23:30 UTC in June was received the next day in London). */
export function localDateOf(instant: Date | string | number, timeZone: string = UK_TIME_ZONE): string {
  const ms = toMs(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${String(instant)}`);
  return fromDayNumber(Math.floor(wallClockMs(ms, timeZone) / DAY_MS));
}

/**
 * The instant a wall-clock time happens on a date in a time zone. UK clock changes happen at 01:00
 * UTC, so midnight and business hours always exist exactly once there.
 */
export function instantAt(date: string, time: string, timeZone: string = UK_TIME_ZONE): Date {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new RangeError(`not a time of day (HH:MM): ${time}`);
  const wall = toDayNumber(date) * DAY_MS + Number(m[1]) * 3_600_000 + Number(m[2]) * 60_000;
  // Offset = wall clock - instant; look it up at a first guess, then again at the corrected instant.
  const guess = wall - (wallClockMs(wall, timeZone) - wall);
  return new Date(wall - (wallClockMs(guess, timeZone) - guess));
}

/** The instant a date ends in a time zone: the start of the next day. */
export function endOfDay(date: string, timeZone: string = UK_TIME_ZONE): Date {
  return instantAt(addDays(date, 1), '00:00', timeZone);
}
