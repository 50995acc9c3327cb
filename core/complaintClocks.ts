import { type HolidayCalendar } from './bankHolidays.ts';
import type { Complaint, Milestone, Regime } from './complaint.ts';
import { addDays, addMonths, daysBetween, endOfDay, instantAt, isWeekend, localDateOf, UK_TIME_ZONE } from './isoDate.ts';

/*
 * Complaint clocks (DESIGN.md "Complaint clocks"). Every period counts from the calendar day the
 * complaint was received, in UK time:
 * - "N business days after the day of receipt" ends on the Nth business day after that day (the day of
 *   receipt is never one of the N), where a business day is a weekday that is not a bank holiday in
 *   the organisation's nation. Received on Friday 24 December 2027 in England, 3 business days end on
 *   Friday 31 December (the 27th and 28th are substitute holidays).
 * - "N weeks" ends 7N calendar days after the day of receipt, whatever day that is: received Monday
 *   1 January 2024, 8 weeks end on Monday 26 February.
 * - A period ends at midnight at the end of its last day, or at close of business where the rule says so.
 */

/** A weekday that is not a bank holiday in the calendar's nation. */
export function isBusinessDay(date: string, calendar: HolidayCalendar): boolean {
  return !isWeekend(date) && calendar.holiday(date) === undefined;
}

/** The date itself if it is a business day, else the next one. */
export function businessDayOnOrAfter(date: string, calendar: HolidayCalendar): string {
  let d = date;
  while (!isBusinessDay(d, calendar)) d = addDays(d, 1);
  return d;
}

/**
 * The Nth business day after `date` (`date` itself never counts); 0 gives `date` back. Negative N counts
 * back to the Nth business day before it.
 */
export function addBusinessDays(date: string, n: number, calendar: HolidayCalendar): string {
  if (!Number.isInteger(n)) throw new RangeError(`a whole number of business days is needed, not ${n}`);
  const direction = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  let d = date;
  while (left > 0) {
    d = addDays(d, direction);
    if (isBusinessDay(d, calendar)) left--;
  }
  return d;
}

/**
 * Business days after `from` up to and including `to`; negative when `to` is earlier (then the count
 * of business days after `to` up to and including `from`). So for any business day `to`,
 * addBusinessDays(from, businessDaysBetween(from, to)) === to.
 */
export function businessDaysBetween(from: string, to: string, calendar: HolidayCalendar): number {
  if (to < from) return 0 - businessDaysBetween(to, from, calendar) || 0; // never -0
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isBusinessDay(d, calendar)) count++;
  return count;
}

// ---- deadlines ------------------------------------------------------------------------------------

export interface ClockOptions {
  calendar: HolidayCalendar;
  /** The organisation's close of business, "HH:MM" in UK time, for periods that end then. Default 17:00. */
  closeOfBusiness?: string;
  /** Defaults to Europe/London, the time zone of every UK nation. */
  timeZone?: string;
}

export const DEFAULT_CLOSE_OF_BUSINESS = '17:00';

/** 'notNeeded': the period and its warning count calendar days only, so bank holidays play no part. */
export type HolidayData = 'confirmed' | 'provisional' | 'missing' | 'notNeeded';

export interface MilestoneDeadline {
  milestone: Milestone;
  /** The day the count starts from (the day of receipt, or the next business day if the regime says so). */
  startsOn: string;
  /** The last day of the period. */
  dueOn: string;
  /** The instant the period ends, ISO 8601 UTC. */
  dueAt: string;
  /** Whether the bank holiday list fully and finally covers the days this deadline depends on. */
  holidayData: HolidayData;
}

/** The day a regime's clocks count from. */
export function clockStart(regime: Regime, receivedAt: string, options: ClockOptions): string {
  const received = localDateOf(receivedAt, options.timeZone ?? UK_TIME_ZONE);
  return regime.receiptOnNonBusinessDay === 'nextBusinessDay' ? businessDayOnOrAfter(received, options.calendar) : received;
}

/** The last day of a milestone's period counted from `startsOn`. */
export function milestoneDueOn(startsOn: string, milestone: Milestone, calendar: HolidayCalendar): string {
  const { amount, unit } = milestone.period;
  switch (unit) {
    case 'businessDays':
      return addBusinessDays(startsOn, amount, calendar);
    case 'calendarDays':
      return addDays(startsOn, amount);
    case 'weeks':
      return addDays(startsOn, amount * 7);
    case 'months':
      return addMonths(startsOn, amount);
  }
}

function usesBusinessDays(regime: Regime, m: Milestone): boolean {
  return m.period.unit === 'businessDays' || m.warnBefore.unit === 'businessDays' || regime.receiptOnNonBusinessDay === 'nextBusinessDay';
}

function holidayDataFor(regime: Regime, m: Milestone, from: string, to: string, calendar: HolidayCalendar): HolidayData {
  if (!usesBusinessDays(regime, m)) return 'notNeeded';
  if (!calendar.coversDate(from) || !calendar.coversDate(to)) return 'missing';
  return calendar.provisional(from) || calendar.provisional(to) ? 'provisional' : 'confirmed';
}

/**
 * When each of a regime's milestones falls for a complaint received at `receivedAt`. Milestones that
 * apply only after a holding response are included only when `holdingResponseSent` is true.
 */
export function regimeDeadlines(
  regime: Regime,
  receivedAt: string,
  options: ClockOptions,
  { holdingResponseSent = false }: { holdingResponseSent?: boolean } = {},
): MilestoneDeadline[] {
  const tz = options.timeZone ?? UK_TIME_ZONE;
  const startsOn = clockStart(regime, receivedAt, options);
  return regime.milestones
    .filter((m) => m.appliesWhen === 'always' || holdingResponseSent)
    .map((milestone) => {
      const dueOn = milestoneDueOn(startsOn, milestone, options.calendar);
      const dueAt =
        milestone.endsAt === 'closeOfBusiness' ? instantAt(dueOn, options.closeOfBusiness ?? DEFAULT_CLOSE_OF_BUSINESS, tz) : endOfDay(dueOn, tz);
      return {
        milestone,
        startsOn,
        dueOn,
        dueAt: dueAt.toISOString(),
        holidayData: holidayDataFor(regime, milestone, startsOn, dueOn, options.calendar),
      };
    });
}

// ---- countdowns -----------------------------------------------------------------------------------

/**
 * A deadline: ok, dueSoon (inside its warning period), overdue (ended, not met), met (met by its last
 * day), missed (met, but after its last day). A window: ok, dueSoon, met (used in time), passed (over).
 */
export type ClockState = 'ok' | 'dueSoon' | 'overdue' | 'met' | 'missed' | 'passed';

export interface ClockStatus extends MilestoneDeadline {
  state: ClockState;
  /** The day the milestone was met, if it has been. */
  metOn?: string;
  /** Calendar days from today (UK) to the last day: 0 on the day, negative after it. */
  daysLeft: number;
  /** Business days after today up to the last day: 0 on the day (or when only holidays are left), negative after it. */
  businessDaysLeft: number;
  /** Milliseconds until the period ends (negative after). */
  msLeft: number;
}

/** Where a deadline stands at `now`, given the day it was met (if it was). */
export function clockStatus(deadline: MilestoneDeadline, now: Date, options: ClockOptions, metOn?: string): ClockStatus {
  const today = localDateOf(now, options.timeZone ?? UK_TIME_ZONE);
  const daysLeft = daysBetween(today, deadline.dueOn);
  const businessDaysLeft = businessDaysBetween(today, deadline.dueOn, options.calendar);
  const msLeft = Date.parse(deadline.dueAt) - now.getTime();
  const window = deadline.milestone.kind === 'window';
  let state: ClockState;
  if (metOn !== undefined) {
    state = metOn <= deadline.dueOn ? 'met' : window ? 'passed' : 'missed';
  } else if (msLeft <= 0) {
    state = window ? 'passed' : 'overdue';
  } else {
    const warn = deadline.milestone.warnBefore;
    const left = warn.unit === 'businessDays' ? businessDaysLeft : daysLeft;
    state = left <= warn.amount ? 'dueSoon' : 'ok';
  }
  return { ...deadline, state, ...(metOn !== undefined ? { metOn } : {}), daysLeft, businessDaysLeft, msLeft };
}

/** The day a milestone was met on a complaint: its earliest closure, or a response its rule accepts. */
export function milestoneMetOn(complaint: Complaint, milestone: Milestone): string | undefined {
  const days = [
    ...(complaint.closure ? [complaint.closure.closedOn] : []),
    ...complaint.earlierClosures.map((c) => c.closedOn),
    ...complaint.responses
      .filter((r) => (r.kind === 'holding' ? milestone.metBy.includes('holdingResponse') : milestone.metBy.includes('acknowledgement')))
      .map((r) => r.sentOn),
  ].sort();
  return days[0];
}

/** Every clock of a complaint's regime and where it stands at `now`. */
export function complaintClocks(complaint: Complaint, now: Date, options: ClockOptions): ClockStatus[] {
  const holdingResponseSent = complaint.responses.some((r) => r.kind === 'holding');
  return regimeDeadlines(complaint.regime, complaint.receivedAt, options, { holdingResponseSent }).map((d) =>
    clockStatus(d, now, options, milestoneMetOn(complaint, d.milestone)),
  );
}

/**
 * The deadlines still running on a complaint that is not closed, for prompt rules in the CRM page
 * (core/promptEval.ts): each milestone's id, the instant it ends and the complaint's reference.
 */
export function runningDeadlines(complaint: Complaint, now: Date, options: ClockOptions): { kind: string; dueAt: string; complaintRef: string }[] {
  if (complaint.status === 'closed' || complaint.status === 'reviewed') return [];
  return complaintClocks(complaint, now, options)
    .filter((c) => c.milestone.kind === 'deadline' && (c.state === 'ok' || c.state === 'dueSoon' || c.state === 'overdue'))
    .map((c) => ({ kind: c.milestone.id, dueAt: c.dueAt, complaintRef: complaint.reference }));
}

const URGENCY: Record<ClockState, number> = { overdue: 0, dueSoon: 1, ok: 2, missed: 3, passed: 4, met: 5 };

/**
 * The clock to show first: an overdue deadline, then the one due soonest; windows only when no
 * deadline is running. Undefined when there are no clocks.
 */
export function mostUrgentClock(clocks: readonly ClockStatus[]): ClockStatus | undefined {
  return [...clocks].sort(
    (a, b) =>
      URGENCY[a.state] - URGENCY[b.state] ||
      Number(a.milestone.kind === 'window') - Number(b.milestone.kind === 'window') ||
      a.dueAt.localeCompare(b.dueAt),
  )[0];
}

/** The last day the customer may refer the complaint (e.g. six months from the final response), once closed. */
export function referralWindowEndsOn(complaint: Complaint): string | undefined {
  const months = complaint.regime.referralRights?.windowMonths;
  if (!complaint.closure || months === undefined) return undefined;
  return addMonths(complaint.closure.closedOn, months);
}
