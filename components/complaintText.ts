import type { ClockStatus } from '../core/complaintClocks.ts';
import { isValidIsoDate, localDateOf, UK_TIME_ZONE, weekday } from '../core/isoDate.ts';

/*
 * Small pieces of wording the complaint views share: amounts typed in pounds, dates, and how far a
 * complaint clock has to run. Pure, so they are tested without a page.
 */

/** The most a complaint amount may be (the schema's limit, £10 million), in pence. */
const MAX_PENCE = 1_000_000_000;

export type PenceResult = { ok: true; pence: number } | { ok: false; error: string };

/**
 * An amount typed in pounds as whole pence, without going through floating point: "12.50" and
 * "£12.5" are 1250, "1,234" is 123400, "" is 0. Negative amounts, a third decimal place, stray
 * characters and anything over £10 million are refused with a sentence saying why.
 */
export function parsePounds(text: string): PenceResult {
  let s = text.trim().replace(/^£\s*/, '');
  if (s === '') return { ok: true, pence: 0 };
  if (s.startsWith('-')) return { ok: false, error: 'An amount cannot be negative.' };
  // Thousands separators only where they belong: "1,234.50", not "12,34".
  if (s.includes(',')) {
    if (!/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(s)) return { ok: false, error: `"${text.trim()}" is not an amount in pounds, such as 12.50.` };
    s = s.replaceAll(',', '');
  }
  const m = /^(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || (m[1] === '' && !m[2])) return { ok: false, error: `"${text.trim()}" is not an amount in pounds, such as 12.50.` };
  const pennies = m[2] ?? '';
  if (pennies.length > 2) return { ok: false, error: 'Give pounds and pence: at most two figures after the point.' };
  const pounds = m[1]!.replace(/^0+(?=\d)/, '');
  if (pounds.length > 8) return { ok: false, error: 'That is more than £10,000,000, the largest amount a complaint can record.' };
  const pence = Number(pounds || '0') * 100 + Number(pennies.padEnd(2, '0'));
  if (pence > MAX_PENCE) return { ok: false, error: 'That is more than £10,000,000, the largest amount a complaint can record.' };
  return { ok: true, pence };
}

/** Pence as the plain pounds a form field holds: 1250 -> "12.50", 0 -> "". */
export const penceToField = (pence: number): string => (pence ? (pence / 100).toFixed(2) : '');

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: UK_TIME_ZONE });

/** A calendar day without its weekday, "2026-03-02" -> "2 Mar 2026". */
function shortDay(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${d} ${MONTHS[m! - 1]} ${y}`;
}

/** A calendar day, "2026-03-02" -> "Mon 2 Mar 2026". */
export function formatDay(isoDate: string): string {
  return isValidIsoDate(isoDate) ? `${DAYS[weekday(isoDate)]} ${shortDay(isoDate)}` : isoDate;
}

/** An instant in UK time, "2 Mar 2026, 09:01". */
export function formatWhen(instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return instant;
  const parts = Object.fromEntries(timeFormat.formatToParts(ms).map((p) => [p.type, p.value]));
  return `${shortDay(localDateOf(ms))}, ${parts.hour}:${parts.minute}`;
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/**
 * Where a clock stands, in words: "due in 2 business days", "due today", "overdue by 3 days",
 * "met on Mon 2 Mar 2026". Periods counted in business days count down in business days.
 */
export function clockCountdown(clock: ClockStatus): string {
  const window = clock.milestone.kind === 'window';
  switch (clock.state) {
    case 'ok':
    case 'dueSoon': {
      const verb = window ? 'closes' : 'due';
      if (clock.daysLeft <= 0) return `${verb} today`;
      const business = clock.milestone.period.unit === 'businessDays';
      const n = business ? clock.businessDaysLeft : clock.daysLeft;
      return `${verb} in ${plural(n, business ? 'business day' : 'day')}`;
    }
    case 'overdue':
      return clock.daysLeft < 0 ? `overdue by ${plural(-clock.daysLeft, 'day')}` : 'overdue since today';
    case 'met':
      return `met on ${formatDay(clock.metOn ?? clock.dueOn)}`;
    case 'missed':
      return `met late, on ${formatDay(clock.metOn ?? clock.dueOn)}`;
    case 'passed':
      return `passed on ${formatDay(clock.dueOn)}`;
  }
}

/** A clock's state in a word or two, beside its countdown. */
export const CLOCK_STATE_WORDS: Record<ClockStatus['state'], string> = {
  ok: 'On track',
  dueSoon: 'Due soon',
  overdue: 'Overdue',
  met: 'Met',
  missed: 'Met late',
  passed: 'Passed',
};
