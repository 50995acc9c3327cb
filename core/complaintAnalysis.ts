import { CHANNEL_LABELS } from './labels.ts';
import {
  type Complaint,
  type ComplaintCategory,
  type ComplaintOutcome,
  type RootCauseTaxonomy,
  COMPLAINT_FLAG_LABELS,
  COMPLAINT_OUTCOME_LABELS,
  COMPLAINT_STATUS_LABELS,
  ComplaintOutcome as Outcome,
} from './complaint.ts';
import { type ClockOptions, type ClockStatus, businessDaysBetween, complaintClocks, mostUrgentClock } from './complaintClocks.ts';
import { type CsvCell, toCsv } from './csv.ts';
import { daysBetween, localDateOf, UK_TIME_ZONE } from './isoDate.ts';

/*
 * Analysis of a list of complaints (CC33 2.5, CFACC33 PC 11, CC16 1.3 and 2.x): volumes against what
 * was expected, open and overdue work, time to close, outcomes, repeat complaints, learning by root
 * cause, and the complaints register as CSV. Pure functions of the list they are given.
 */

const receivedOn = (c: Complaint, tz = UK_TIME_ZONE) => localDateOf(c.receivedAt, tz);
const isOpen = (c: Complaint) => c.status === 'open' || c.status === 'agreed';

/** An inclusive range of UK calendar days. */
export interface Period {
  from: string;
  to: string;
}

/** Average days in a month, to scale a monthly expectation to any period. */
const DAYS_PER_MONTH = 365.2425 / 12;

export interface CategoryVolume {
  categoryId: string;
  label: string;
  /** Complaints received in the period. */
  count: number;
  /** The monthly expectation scaled to the period; null when none is set. */
  anticipated: number | null;
  /** count - anticipated. */
  difference: number | null;
  /** count / anticipated; null when nothing was anticipated (or anticipated is 0). */
  ratio: number | null;
}

/**
 * Complaints received in the period by category, against the volume each category anticipates
 * (CC33 2.5: compare the categories with targets). Every known category is listed, with 0 if none
 * came; a complaint in a category the list lacks is listed under its id. Largest count first.
 */
export function volumeByCategory(complaints: readonly Complaint[], categories: readonly ComplaintCategory[], period: Period): CategoryVolume[] {
  const days = daysBetween(period.from, period.to) + 1;
  const counts = new Map<string, number>();
  for (const c of complaints) {
    const day = receivedOn(c);
    if (day >= period.from && day <= period.to) counts.set(c.category, (counts.get(c.category) ?? 0) + 1);
  }
  const known = new Map(categories.map((c) => [c.id, c]));
  const ids = [...new Set([...categories.filter((c) => !c.retired || counts.has(c.id)).map((c) => c.id), ...counts.keys()])];
  return ids
    .map((id) => {
      const category = known.get(id);
      const count = counts.get(id) ?? 0;
      const anticipated = category?.anticipatedPerMonth !== undefined ? (category.anticipatedPerMonth * days) / DAYS_PER_MONTH : null;
      return {
        categoryId: id,
        label: category?.label ?? id,
        count,
        anticipated,
        difference: anticipated === null ? null : count - anticipated,
        ratio: anticipated ? count / anticipated : null,
      };
    })
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

export interface OpenWork {
  /** Open or agreed (not yet closed). */
  open: number;
  /** Open with at least one deadline past and unmet. */
  overdue: number;
  /** Open, none overdue, at least one deadline in its warning period. */
  dueSoon: number;
  /** Open and waiting to be referred (flags or category beyond the owner's authority). */
  needsReferral: number;
  /** Closed but without a review of its learning. */
  awaitingReview: number;
  overdueIds: string[];
}

/** Open, overdue and due-soon counts at `now`. Only deadlines count; a passed summary-resolution window is not overdue. */
export function openWork(complaints: readonly Complaint[], now: Date, options: ClockOptions): OpenWork {
  const result: OpenWork = { open: 0, overdue: 0, dueSoon: 0, needsReferral: 0, awaitingReview: 0, overdueIds: [] };
  for (const c of complaints) {
    if (c.status === 'closed') result.awaitingReview++;
    if (!isOpen(c)) continue;
    result.open++;
    if (c.needsReferral.length > 0) result.needsReferral++;
    const deadlines = complaintClocks(c, now, options).filter((k) => k.milestone.kind === 'deadline');
    if (deadlines.some((k) => k.state === 'overdue')) {
      result.overdue++;
      result.overdueIds.push(c.id);
    } else if (deadlines.some((k) => k.state === 'dueSoon')) result.dueSoon++;
  }
  return result;
}

export interface DurationStats {
  count: number;
  mean: number | null;
  median: number | null;
  /** The 90th percentile (nearest rank). */
  p90: number | null;
  max: number | null;
}

function stats(values: readonly number[]): DurationStats {
  if (values.length === 0) return { count: 0, mean: null, median: null, p90: null, max: null };
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const median = n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  return {
    count: n,
    mean: sorted.reduce((s, v) => s + v, 0) / n,
    median,
    p90: sorted[Math.ceil(0.9 * n) - 1]!,
    max: sorted[n - 1]!,
  };
}

export interface TimeToClose {
  /** Calendar days from the day of receipt to the day of closure (0 = closed the day it came). */
  calendarDays: DurationStats;
  /** Business days after the day of receipt up to the day of closure. */
  businessDays: DurationStats;
  /** Closed within three business days after the day of receipt (the summary-resolution window). */
  withinThreeBusinessDays: number;
}

/** How long closed complaints took, by their current closure. */
export function timeToClose(complaints: readonly Complaint[], options: ClockOptions): TimeToClose {
  const calendar: number[] = [];
  const business: number[] = [];
  for (const c of complaints) {
    if (!c.closure) continue;
    const from = receivedOn(c, options.timeZone);
    calendar.push(daysBetween(from, c.closure.closedOn));
    business.push(businessDaysBetween(from, c.closure.closedOn, options.calendar));
  }
  return {
    calendarDays: stats(calendar),
    businessDays: stats(business),
    withinThreeBusinessDays: business.filter((d) => d <= 3).length,
  };
}

export interface OutcomeSummary {
  closed: number;
  byOutcome: Record<ComplaintOutcome, number>;
  /** (upheld + partly upheld) / (closed - withdrawn); null with nothing decided. */
  upheldRate: number | null;
  /** Total redress paid at closure, in pence. */
  redressPence: number;
}

export function outcomes(complaints: readonly Complaint[]): OutcomeSummary {
  const byOutcome = Object.fromEntries(Outcome.options.map((o) => [o, 0])) as Record<ComplaintOutcome, number>;
  let closed = 0;
  let redressPence = 0;
  for (const c of complaints) {
    if (!c.closure) continue;
    closed++;
    byOutcome[c.closure.outcome]++;
    redressPence += c.closure.redressPence;
  }
  const decided = closed - byOutcome.withdrawn;
  return { closed, byOutcome, upheldRate: decided > 0 ? (byOutcome.upheld + byOutcome.partlyUpheld) / decided : null, redressPence };
}

export interface RepeatGroup {
  /** The customer reference, the category, or "customer / category". */
  key: string;
  /** Oldest first. */
  complaintIds: string[];
  references: string[];
  firstReceivedOn: string;
  lastReceivedOn: string;
}

/**
 * Complaints that repeat within a window of days:
 * - 'customer': the same customer complaining again (complaints without a customer reference are left out);
 * - 'customerAndCategory': the same customer about the same kind of thing;
 * - 'category': a cluster in one category.
 * A complaint belongs to a group when at least `minCount` complaints with its key fall within some
 * `windowDays`-day span that includes it; groups are runs of such complaints no more than windowDays
 * apart. `minCount` defaults to 2.
 */
export function repeatComplaints(
  complaints: readonly Complaint[],
  { by, windowDays, minCount = 2 }: { by: 'customer' | 'customerAndCategory' | 'category'; windowDays: number; minCount?: number },
): RepeatGroup[] {
  const keyOf = (c: Complaint): string | null => {
    const customer = c.customerRef?.trim().toLowerCase();
    if (by === 'category') return c.category;
    if (!customer) return null;
    return by === 'customer' ? customer : `${customer} / ${c.category}`;
  };
  const byKey = new Map<string, { c: Complaint; day: number; on: string }[]>();
  for (const c of complaints) {
    const key = keyOf(c);
    if (key === null) continue;
    const on = receivedOn(c);
    const list = byKey.get(key) ?? [];
    list.push({ c, on, day: daysBetween('1970-01-01', on) });
    byKey.set(key, list);
  }
  const groups: RepeatGroup[] = [];
  for (const [key, list] of byKey) {
    list.sort((a, b) => a.c.receivedAt.localeCompare(b.c.receivedAt) || a.c.id.localeCompare(b.c.id));
    // Mark every complaint inside some span of windowDays holding at least minCount complaints.
    const marked = new Array<boolean>(list.length).fill(false);
    let start = 0;
    for (let end = 0; end < list.length; end++) {
      while (list[end]!.day - list[start]!.day > windowDays) start++;
      if (end - start + 1 >= Math.max(minCount, 1)) for (let i = start; i <= end; i++) marked[i] = true;
    }
    let run: typeof list = [];
    const flush = () => {
      if (run.length >= Math.max(minCount, 1)) {
        groups.push({
          key: by === 'category' ? key : (run[0]!.c.customerRef?.trim() ?? key) + (by === 'customerAndCategory' ? ` / ${run[0]!.c.category}` : ''),
          complaintIds: run.map((r) => r.c.id),
          references: run.map((r) => r.c.reference),
          firstReceivedOn: run[0]!.on,
          lastReceivedOn: run[run.length - 1]!.on,
        });
      }
      run = [];
    };
    list.forEach((item, i) => {
      if (!marked[i]) return flush();
      if (run.length > 0 && item.day - run[run.length - 1]!.day > windowDays) flush();
      run.push(item);
    });
    flush();
  }
  return groups.sort((a, b) => b.complaintIds.length - a.complaintIds.length || a.firstReceivedOn.localeCompare(b.firstReceivedOn));
}

export interface RootCauseLearning {
  rootCauseId: string;
  label: string;
  complaints: number;
  learningPoints: { complaintId: string; reference: string; text: string }[];
  preventiveActions: { complaintId: string; reference: string; description: string; owner: string; dueOn: string; overdue: boolean }[];
}

/**
 * Reviewed complaints grouped by root cause, with their learning points and preventive actions
 * (an action is overdue when its due day is before today and it has no linked action record).
 * Most complaints first.
 */
export function learningByRootCause(complaints: readonly Complaint[], rootCauses: RootCauseTaxonomy, now: Date): RootCauseLearning[] {
  const today = localDateOf(now);
  const labels = new Map(rootCauses.map((r) => [r.id, r.label]));
  const groups = new Map<string, RootCauseLearning>();
  for (const c of complaints) {
    if (!c.review) continue;
    const cause = c.review.rootCause;
    let g = groups.get(cause.id);
    if (!g) {
      g = { rootCauseId: cause.id, label: labels.get(cause.id) ?? cause.label, complaints: 0, learningPoints: [], preventiveActions: [] };
      groups.set(cause.id, g);
    }
    g.complaints++;
    for (const text of c.review.learningPoints) g.learningPoints.push({ complaintId: c.id, reference: c.reference, text });
    for (const a of c.review.preventiveActions) {
      g.preventiveActions.push({
        complaintId: c.id,
        reference: c.reference,
        description: a.description,
        owner: a.owner.name,
        dueOn: a.dueOn,
        overdue: a.dueOn < today && a.actionId === undefined,
      });
    }
  }
  return [...groups.values()].sort((a, b) => b.complaints - a.complaints || a.label.localeCompare(b.label));
}

// ---- the register ---------------------------------------------------------------------------------

export const REGISTER_COLUMNS = [
  'Reference',
  'Received',
  'Received on',
  'Received via',
  'Category',
  'Customer',
  'Ticket',
  'CRM',
  'Flags',
  'Regime',
  'Status',
  'Owner',
  'Referrals',
  'Needs referral',
  'Options',
  'Agreed option',
  'Agreed redress (GBP)',
  'Next deadline',
  'Next deadline due',
  'Deadline state',
  'Closed on',
  'Outcome',
  'Redress (GBP)',
  'Referral rights given',
  'Calendar days to close',
  'Business days to close',
  'Root cause',
  'Learning points',
  'Preventive actions',
  'What happened',
  'Impact',
  'Customer wants',
  'Resolution summary',
] as const;

const pounds = (pence: number): string => (pence / 100).toFixed(2);

const CLOCK_STATE_LABELS: Record<ClockStatus['state'], string> = {
  ok: 'On track',
  dueSoon: 'Due soon',
  overdue: 'Overdue',
  met: 'Met',
  missed: 'Met late',
  passed: 'Passed',
};

/**
 * The complaints register (CC33 2.5 teaching content: the organisation's complaints registering
 * system) as CSV: one row per complaint, oldest first. Text that a spreadsheet would run as a formula
 * is neutralised by toCsv. `narrative: false` leaves out the free-text columns (what happened, impact,
 * wants, summary), which may hold personal data.
 */
export function complaintRegisterCsv(
  complaints: readonly Complaint[],
  options: ClockOptions & {
    now: Date;
    categories?: readonly ComplaintCategory[];
    rootCauses?: RootCauseTaxonomy;
    narrative?: boolean;
  },
): string {
  const categoryLabel = new Map((options.categories ?? []).map((c) => [c.id, c.label]));
  const causeLabel = new Map((options.rootCauses ?? []).map((c) => [c.id, c.label]));
  const narrative = options.narrative ?? true;
  const rows: CsvCell[][] = [[...REGISTER_COLUMNS]];
  const sorted = [...complaints].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.reference.localeCompare(b.reference));
  for (const c of sorted) {
    const from = receivedOn(c, options.timeZone);
    const agreed = c.agreed ? c.options.find((o) => o.id === c.agreed!.optionId) : undefined;
    const clock = mostUrgentClock(complaintClocks(c, options.now, options).filter((k) => k.milestone.kind === 'deadline'));
    const closure = c.closure;
    const text = (s: string | undefined) => (narrative ? (s ?? '') : '');
    rows.push([
      c.reference,
      c.receivedAt,
      from,
      CHANNEL_LABELS[c.receivedVia],
      categoryLabel.get(c.category) ?? c.category,
      c.customerRef ?? '',
      c.contact.ticketId,
      c.contact.crm,
      c.flags.map((f) => COMPLAINT_FLAG_LABELS[f]).join('; '),
      c.regime.name,
      COMPLAINT_STATUS_LABELS[c.status],
      `${c.owner.name} (${c.owner.role})`,
      c.referrals.map((r) => `${r.from.name} to ${r.to.name}: ${r.reason}`).join(' | '),
      c.needsReferral.join(' '),
      c.options.filter((o) => !o.withdrawn).length,
      agreed?.summary ?? '',
      agreed ? pounds(agreed.redressPence) : '',
      clock?.milestone.label ?? '',
      clock?.dueOn ?? '',
      clock ? CLOCK_STATE_LABELS[clock.state] : '',
      closure?.closedOn ?? '',
      closure ? COMPLAINT_OUTCOME_LABELS[closure.outcome] : '',
      closure ? pounds(closure.redressPence) : '',
      closure ? (closure.referralRightsGiven ? 'Yes' : 'No') : '',
      closure ? daysBetween(from, closure.closedOn) : null,
      closure ? businessDaysBetween(from, closure.closedOn, options.calendar) : null,
      c.review ? (causeLabel.get(c.review.rootCause.id) ?? c.review.rootCause.label) : '',
      c.review ? c.review.learningPoints.join(' | ') : '',
      c.review ? c.review.preventiveActions.map((a) => `${a.description} (${a.owner.name}, due ${a.dueOn})`).join(' | ') : '',
      text(c.nature.whatHappened),
      text(c.nature.impact),
      text(c.nature.customerWants),
      text(closure?.summary),
    ]);
  }
  return toCsv(rows);
}
