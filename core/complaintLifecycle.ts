import type { Role } from './account.ts';
import {
  type AuthorityBoundary,
  type Complaint,
  type ComplaintCategory,
  type ComplaintClosure,
  ComplaintEvent,
  type ComplaintEventOf,
  type ComplaintEventType,
  ComplaintFlag,
  type ComplaintStatus,
  COMPLAINT_FLAG_LABELS,
  COMPLAINT_OUTCOME_LABELS,
  type AuthorityPolicy,
  type Handler,
  type Regime,
  type RootCauseTaxonomy,
  authorityFor,
  authorityGaps,
  BUILT_IN_REGIMES,
  describeIssues,
  roleName,
  sameBoundary,
} from './complaint.ts';
import { localDateOf } from './isoDate.ts';

/*
 * The complaint state machine. A complaint is its history replayed: `applyComplaintEvent` takes the
 * state so far and one event and gives the next state, or a plain-English reason and no change.
 *
 *   (none) --logged--> open --optionAgreed--> agreed --closed--> closed --reviewed--> reviewed
 *                       ^  <--agreementCancelled--'                |  ^                  |
 *                       |  (open and agreed may also be closed directly)                  |
 *                       '------------------------ reopened ------------------------------'
 *
 * Invariants, each enforced here:
 * - nothing is recorded before the complaint is logged; events follow each other by number (seq);
 * - a complaint is closed only with an outcome;
 * - nobody agrees an option, or closes with a redress, beyond their authority (redress, category,
 *   flags): the event carries the boundary that applied, and with settings it must be the current one;
 * - a referral keeps everything and makes the person referred to the owner; it may only go to someone
 *   whose authority covers the complaint's category and flags (and the option that prompted it);
 * - a flag or category the owner may not handle is shown as needing referral.
 */

/**
 * Events that add to a history without deciding anything. Made offline on an older copy of the
 * complaint, they are appended after whatever arrived meanwhile; every other event was decided on
 * the state its author saw, so a history that moved on makes it a conflict for them to look at.
 */
const ADDITIVE_COMPLAINT_EVENTS: ReadonlySet<string> = new Set<ComplaintEventType>(['noteAdded', 'actionTaken', 'responseSent', 'optionAdded']);

export const isAdditiveComplaintEvent = (type: string): boolean => ADDITIVE_COMPLAINT_EVENTS.has(type);

/** Five minutes of leeway between clocks when checking that something did not happen in the future. */
export const CLOCK_LEEWAY_MS = 5 * 60_000;

export type ComplaintResult = { ok: true; complaint: Complaint } | { ok: false; error: string };

/** Who is making the change: the signed-in person, never taken from the event itself. */
export interface Actor {
  id: string;
  role: Role;
  name?: string;
}

/**
 * The organisation's current settings. When given (recording a new event), what the event copies from
 * them (authority boundaries, the regime, a root cause's name) must match them, and the category or
 * root cause it names must be in use. When replaying stored history, leave them out: each event is
 * checked against what it recorded applied at the time.
 */
export interface ComplaintSettings {
  authority: AuthorityPolicy;
  categories?: readonly ComplaintCategory[];
  rootCauses?: RootCauseTaxonomy;
  /** The organisation's own regimes; the built-in ones are always known. */
  regimes?: readonly Regime[];
}

type Status = ComplaintStatus | 'new';

/** In which states each event may be recorded ('new': there is no complaint yet). */
export const COMPLAINT_TRANSITIONS: Readonly<Record<ComplaintEventType, readonly Status[]>> = {
  logged: ['new'],
  detailsCorrected: ['open', 'agreed', 'closed', 'reviewed'],
  natureRecorded: ['open', 'agreed'],
  flagsSet: ['open', 'agreed'],
  categorySet: ['open', 'agreed'],
  regimeSet: ['open', 'agreed'],
  optionAdded: ['open'],
  optionWithdrawn: ['open'],
  optionAgreed: ['open'],
  agreementCancelled: ['agreed'],
  actionTaken: ['open', 'agreed'],
  responseSent: ['open', 'agreed'],
  referred: ['open', 'agreed'],
  closed: ['open', 'agreed'],
  closureCorrected: ['closed', 'reviewed'],
  reopened: ['closed', 'reviewed'],
  reviewed: ['closed', 'reviewed'],
  noteAdded: ['open', 'agreed', 'closed', 'reviewed'],
};

/**
 * Who may record each event. anyone: any signed-in colleague (raising a flag or adding a note must
 * never wait for the owner); owner: the owner or a manager; handler: the owner, a supervisor or a manager.
 */
export const COMPLAINT_PERMISSIONS: Readonly<Record<ComplaintEventType, 'anyone' | 'owner' | 'handler'>> = {
  logged: 'anyone',
  detailsCorrected: 'owner',
  natureRecorded: 'owner',
  flagsSet: 'anyone',
  categorySet: 'owner',
  regimeSet: 'owner',
  optionAdded: 'owner',
  optionWithdrawn: 'owner',
  optionAgreed: 'owner',
  agreementCancelled: 'owner',
  actionTaken: 'owner',
  responseSent: 'owner',
  referred: 'owner',
  closed: 'owner',
  closureCorrected: 'owner',
  reopened: 'handler',
  reviewed: 'handler',
  noteAdded: 'anyone',
};

const DOING: Record<ComplaintEventType, string> = {
  logged: 'log it',
  detailsCorrected: 'correct its details',
  natureRecorded: 'record its nature',
  flagsSet: 'change its flags',
  categorySet: 'change its category',
  regimeSet: 'change its regime',
  optionAdded: 'add an option',
  optionWithdrawn: 'withdraw an option',
  optionAgreed: 'agree an option',
  agreementCancelled: 'cancel an agreement',
  actionTaken: 'record an action',
  responseSent: 'record a response',
  referred: 'refer it',
  closed: 'close it',
  closureCorrected: 'correct its closure',
  reopened: 'reopen it',
  reviewed: 'record a review',
  noteAdded: 'add a note',
};

const STATE_WORDS: Record<ComplaintStatus, string> = {
  open: 'open',
  agreed: 'being resolved under an agreed option',
  closed: 'closed',
  reviewed: 'closed and reviewed',
};

function notNowMessage(type: ComplaintEventType, status: ComplaintStatus): string {
  let hint = '';
  if (status === 'closed' || status === 'reviewed') hint = ' Reopen it first.';
  else if (status === 'agreed' && (type === 'optionAdded' || type === 'optionWithdrawn' || type === 'optionAgreed')) {
    hint = ' Cancel the agreement first if the customer has changed their mind.';
  } else if (type === 'agreementCancelled') hint = ' No option has been agreed.';
  else if (type === 'closureCorrected' || type === 'reopened' || type === 'reviewed') hint = ' It has not been closed.';
  return `You cannot ${DOING[type]} while the complaint is ${STATE_WORDS[status]}.${hint}`;
}

const fail = (error: string): { ok: false; error: string } => ({ ok: false, error });

/** Event types the actor may record now (status and role; authority is checked when the event is made). */
export function allowedComplaintEvents(state: Complaint | null, actor: Actor): ComplaintEventType[] {
  const status: Status = state?.status ?? 'new';
  return (Object.keys(COMPLAINT_TRANSITIONS) as ComplaintEventType[]).filter(
    (type) => COMPLAINT_TRANSITIONS[type].includes(status) && (state === null || permitted(type, state, actor)),
  );
}

function permitted(type: ComplaintEventType, state: Complaint, actor: Actor): boolean {
  const who = COMPLAINT_PERMISSIONS[type];
  if (who === 'anyone') return true;
  if (actor.id === state.owner.id || actor.role === 'manager') return true;
  return who === 'handler' && actor.role === 'supervisor';
}

/**
 * Apply one event. On success, the new state (the input is never modified); otherwise a sentence
 * saying why, and nothing changes. `actor` is who is making the change and must be the event's `by`.
 */
export function applyComplaintEvent(
  state: Complaint | null,
  input: unknown,
  actor: Actor,
  settings?: ComplaintSettings,
): ComplaintResult {
  // The one invariant worth a message of its own rather than a schema path.
  if (isRecord(input) && (input.type === 'closed' || input.type === 'closureCorrected')) {
    const closure = input.closure;
    if (!isRecord(closure) || closure.outcome === undefined || closure.outcome === null || closure.outcome === '') {
      return fail('A complaint cannot be closed without an outcome: upheld, partly upheld, not upheld or withdrawn.');
    }
  }
  const parsed = ComplaintEvent.safeParse(input);
  if (!parsed.success) return fail(`This change cannot be recorded: ${describeIssues(parsed.error.issues)}.`);
  const event = parsed.data;
  if (event.by.id !== actor.id || event.by.role !== actor.role) {
    return fail('This change is recorded in another person’s name; it must name the person making it.');
  }

  if (state === null) {
    if (event.type !== 'logged') return fail('Log the complaint before recording anything else about it.');
    if (event.seq !== 1) return fail('Logging a complaint must be the first event in its history (number 1).');
  } else {
    if (event.type === 'logged') return fail('This complaint has already been logged.');
    if (event.complaintId !== state.id) return fail('This change belongs to a different complaint.');
    if (event.seq !== state.seq + 1) {
      return fail(
        `This change is number ${event.seq}, but the complaint's history has ${state.seq} event${state.seq === 1 ? '' : 's'}; ` +
          'refresh the complaint and try again.',
      );
    }
    if (!COMPLAINT_TRANSITIONS[event.type].includes(state.status)) return fail(notNowMessage(event.type, state.status));
    if (!permitted(event.type, state, actor)) {
      return fail(
        COMPLAINT_PERMISSIONS[event.type] === 'handler'
          ? `Only the complaint's owner (${nameOf(state.owner)}), a supervisor or a manager can ${DOING[event.type]}.`
          : `Only the complaint's owner (${nameOf(state.owner)}) or a manager can ${DOING[event.type]}.`,
      );
    }
  }

  if (settings) {
    const problem = settingsProblem(event, state, settings);
    if (problem) return fail(problem);
  }

  const next = state === null ? logged(event as ComplaintEventOf<'logged'>) : step(state, event);
  if (!next.ok) return next;
  return { ok: true, complaint: finish(next.complaint, event) };
}

/**
 * Replay a stored history to the complaint it describes, checking every step as it was when recorded.
 * Fails at the first event that does not follow, saying which.
 */
export function replayComplaint(events: readonly unknown[]): ComplaintResult & { failedAt?: number } {
  if (events.length === 0) return fail('A complaint cannot be built from an empty history.');
  let state: Complaint | null = null;
  for (const [index, raw] of events.entries()) {
    const by = isRecord(raw) && isRecord(raw.by) ? raw.by : {};
    const actor: Actor = { id: String(by.id ?? ''), role: (by.role as Role) ?? 'agent' };
    const result = applyComplaintEvent(state, raw, actor);
    if (!result.ok) return { ok: false, error: `Event ${index + 1}: ${result.error}`, failedAt: index };
    state = result.complaint;
  }
  return { ok: true, complaint: state! };
}

// ---- checks against the organisation's current settings ------------------------------------------

function settingsProblem(event: ComplaintEvent, state: Complaint | null, settings: ComplaintSettings): string | null {
  const current = (role: Role) => authorityFor(settings.authority, role);
  const stale = 'Authority boundaries have changed since this was prepared; refresh and try again.';
  const categoryProblem = (id: string): string | null => {
    if (!settings.categories) return null;
    const found = settings.categories.find((c) => c.id === id);
    if (!found) return `There is no complaint category "${id}".`;
    if (found.retired) return `The category "${found.label}" is no longer in use.`;
    return null;
  };
  const regimeProblem = (regime: Regime): string | null => {
    const known = [...BUILT_IN_REGIMES, ...(settings.regimes ?? [])].find((r) => r.id === regime.id);
    if (!known) return `There is no regime "${regime.id}".`;
    return deepEqual(known, regime) ? null : `The regime "${known.name}" has changed since this was prepared; refresh and try again.`;
  };
  switch (event.type) {
    case 'logged':
      if (!sameBoundary(event.ownerAuthority, current(event.by.role))) return stale;
      return categoryProblem(event.category) ?? regimeProblem(event.regime);
    case 'categorySet': {
      // Moving a complaint out of a category (or into one) needs authority over both.
      const mine = current(event.by.role);
      const outside = [state?.category, event.category].find(
        (category) => category !== undefined && mine.categories !== 'all' && !mine.categories.includes(category),
      );
      if (outside) return `Your authority does not cover complaints in the category "${outside}"; refer it to someone whose does.`;
      return categoryProblem(event.category);
    }
    case 'flagsSet': {
      // A flag routes a complaint to people allowed to handle it: only they may take it off again.
      const mine = current(event.by.role);
      const removed = (state?.flags ?? []).filter((f) => !event.flags.includes(f) && !mine.flags.includes(f));
      if (removed.length === 0) return null;
      return `Only someone whose authority covers ${removed.map((f) => COMPLAINT_FLAG_LABELS[f]).join(' and ')} complaints can remove that flag.`;
    }
    case 'regimeSet':
      return regimeProblem(event.regime);
    case 'optionAgreed':
    case 'closed':
    case 'closureCorrected':
      return sameBoundary(event.authority, current(event.by.role)) ? null : stale;
    case 'referred':
      return sameBoundary(event.toAuthority, current(event.to.role)) ? null : stale;
    case 'reviewed': {
      if (!settings.rootCauses) return null;
      const cause = settings.rootCauses.find((c) => c.id === event.review.rootCause.id);
      if (!cause) return `There is no root cause "${event.review.rootCause.id}".`;
      if (cause.retired && state?.review?.rootCause.id !== cause.id) return `The root cause "${cause.label}" is no longer in use.`;
      if (cause.label !== event.review.rootCause.label) return `The root cause "${cause.label}" has been renamed; refresh and try again.`;
      return null;
    }
    default:
      return null;
  }
}

// ---- the transitions ------------------------------------------------------------------------------

function logged(e: ComplaintEventOf<'logged'>): ComplaintResult {
  if (Date.parse(e.receivedAt) > Date.parse(e.at) + CLOCK_LEEWAY_MS) {
    return fail('A complaint cannot have been received after the time it is logged.');
  }
  const customerRef = e.customerRef || e.contact.customerRef;
  const complaint: Complaint = {
    id: e.complaintId,
    reference: e.reference,
    receivedAt: e.receivedAt,
    receivedVia: e.receivedVia,
    contact: e.contact,
    ...(customerRef ? { customerRef } : {}),
    category: e.category,
    flags: canonicalFlags(e.flags),
    nature: e.nature,
    regime: e.regime,
    status: 'open',
    owner: e.by,
    ownerAuthority: e.ownerAuthority,
    needsReferral: [],
    referrals: [],
    options: [],
    actions: [],
    responses: [],
    earlierClosures: [],
    notes: [],
    createdAt: e.at,
    createdBy: e.by,
    updatedAt: e.at,
    seq: 1,
    lastEventId: e.id,
  };
  return { ok: true, complaint };
}

function step(c: Complaint, e: ComplaintEvent): ComplaintResult {
  const stamp = { at: e.at, by: e.by };
  const today = localDateOf(e.at);
  const receivedOn = localDateOf(c.receivedAt);
  const ok = (complaint: Complaint): ComplaintResult => ({ ok: true, complaint });

  switch (e.type) {
    case 'logged':
      return fail('This complaint has already been logged.');

    case 'detailsCorrected': {
      if (e.reference === undefined && e.receivedAt === undefined && e.receivedVia === undefined && e.contact === undefined && e.customerRef === undefined) {
        return fail('Say which details to correct.');
      }
      const next: Complaint = { ...c };
      if (e.reference !== undefined) next.reference = e.reference;
      if (e.receivedVia !== undefined) next.receivedVia = e.receivedVia;
      if (e.contact !== undefined) next.contact = e.contact;
      if (e.customerRef !== undefined) {
        if (e.customerRef) next.customerRef = e.customerRef;
        else delete next.customerRef;
      }
      if (e.receivedAt !== undefined) {
        if (Date.parse(e.receivedAt) > Date.parse(e.at) + CLOCK_LEEWAY_MS) return fail('A complaint cannot have been received in the future.');
        const newReceivedOn = localDateOf(e.receivedAt);
        const later = [
          ...c.responses.map((r) => r.sentOn),
          ...(c.closure ? [c.closure.closedOn] : []),
          ...c.earlierClosures.map((x) => x.closedOn),
        ].filter((d) => d < newReceivedOn);
        if (later.length > 0) {
          return fail(`The complaint cannot have been received on ${newReceivedOn}: a response was sent on ${later.sort()[0]}.`);
        }
        next.receivedAt = e.receivedAt;
      }
      return ok(next);
    }

    case 'natureRecorded':
      if (deepEqual(e.nature, c.nature)) return fail('That is what is already recorded.');
      return ok({ ...c, nature: e.nature });

    case 'flagsSet': {
      const flags = canonicalFlags(e.flags);
      if (flags.join() === c.flags.join()) return fail('The flags are already set that way.');
      const removed = c.flags.filter((f) => !flags.includes(f));
      if (removed.length > 0) {
        const names = removed.map((f) => COMPLAINT_FLAG_LABELS[f]).join(' and ');
        if (e.by.id !== c.owner.id && e.by.role !== 'manager') return fail(`Only the complaint's owner or a manager can remove the flag ${names}.`);
        if (!e.reason) return fail(`Give a reason for removing the flag ${names}.`);
      }
      return ok({ ...c, flags });
    }

    case 'categorySet':
      if (e.category === c.category) return fail('The complaint is already in that category.');
      return ok({ ...c, category: e.category });

    case 'regimeSet':
      if (deepEqual(e.regime, c.regime)) return fail('That regime already applies.');
      return ok({ ...c, regime: e.regime });

    case 'optionAdded':
      if (c.options.some((o) => o.id === e.option.id)) return fail(`There is already an option "${e.option.id}".`);
      if (c.options.length >= 20) return fail('A complaint can have at most 20 options.');
      return ok({ ...c, options: [...c.options, { ...e.option, addedAt: e.at, addedBy: e.by }] });

    case 'optionWithdrawn': {
      const option = c.options.find((o) => o.id === e.optionId);
      if (!option) return fail(`There is no option "${e.optionId}".`);
      if (option.withdrawn) return fail(`The option "${option.summary}" has already been withdrawn.`);
      return ok({
        ...c,
        options: c.options.map((o) => (o.id === e.optionId ? { ...o, withdrawn: { ...stamp, reason: e.reason } } : o)),
      });
    }

    case 'optionAgreed': {
      const option = c.options.find((o) => o.id === e.optionId);
      if (!option) return fail(`There is no option "${e.optionId}".`);
      if (option.withdrawn) return fail(`The option "${option.summary}" was withdrawn and cannot be agreed.`);
      const gaps = authorityGaps(e.authority, c, option.redressPence);
      if (gaps.length > 0) {
        return fail(`This option is beyond your authority: it needs authority for ${listOf(gaps)}. Refer the complaint to someone who can agree it.`);
      }
      return ok({
        ...c,
        status: 'agreed',
        agreed: { ...stamp, optionId: option.id, authority: e.authority, ...(e.note ? { note: e.note } : {}) },
      });
    }

    case 'agreementCancelled': {
      const { agreed: _dropped, ...rest } = c;
      return ok({ ...rest, status: 'open' });
    }

    case 'actionTaken':
      return ok({ ...c, actions: [...c.actions, { ...stamp, description: e.description }] });

    case 'responseSent': {
      if (e.sentOn < receivedOn) return fail(`A response cannot be sent before the complaint was received (${receivedOn}).`);
      if (e.sentOn > today) return fail('A response cannot be dated after the day it is recorded.');
      return ok({
        ...c,
        responses: [...c.responses, { ...stamp, kind: e.kind, sentOn: e.sentOn, referralRightsGiven: e.referralRightsGiven }],
      });
    }

    case 'referred': {
      if (e.to.id === c.owner.id) return fail(`The complaint is already owned by ${nameOf(c.owner)}.`);
      let redress: number | undefined;
      if (e.optionId !== undefined) {
        const option = c.options.find((o) => o.id === e.optionId);
        if (!option || option.withdrawn) return fail(`There is no option "${e.optionId}" to refer.`);
        redress = option.redressPence;
      }
      const gaps = authorityGaps(e.toAuthority, c, redress);
      if (gaps.length > 0) {
        return fail(
          `${nameOf(e.to)} cannot take this complaint: the authority of ${roleName(e.to.role)} does not cover ${listOf(gaps)}. ` +
            'Refer it to someone whose role does.',
        );
      }
      return ok({
        ...c,
        owner: e.to,
        ownerAuthority: e.toAuthority,
        referrals: [
          ...c.referrals,
          { ...stamp, from: c.owner, to: e.to, reason: e.reason, ...(e.optionId !== undefined ? { optionId: e.optionId } : {}) },
        ],
      });
    }

    case 'closed':
    case 'closureCorrected': {
      const problem = closureProblem(c, e.closure, e.authority, receivedOn, today);
      if (problem) return fail(problem);
      return ok({ ...c, status: e.type === 'closed' ? 'closed' : c.status, closure: { ...e.closure, ...stamp } });
    }

    case 'reopened': {
      const { closure, agreed: _agreed, review: _review, ...rest } = c;
      return ok({ ...rest, status: 'open', earlierClosures: closure ? [...c.earlierClosures, closure] : c.earlierClosures });
    }

    case 'reviewed': {
      // A new action cannot be due in the past; one carried over unchanged from the review being corrected may be.
      const existing = new Set((c.review?.preventiveActions ?? []).map((a) => `${a.dueOn}\u0000${a.description}`));
      const late = e.review.preventiveActions.find((a) => a.dueOn < today && !existing.has(`${a.dueOn}\u0000${a.description}`));
      if (late) return fail(`The preventive action "${late.description}" cannot be due before today (${today}).`);
      return ok({ ...c, status: 'reviewed', review: { ...e.review, ...stamp } });
    }

    case 'noteAdded':
      return ok({ ...c, notes: [...c.notes, { ...stamp, text: e.text }] });
  }
}

function closureProblem(c: Complaint, closure: ComplaintClosure, authority: AuthorityBoundary, receivedOn: string, today: string): string | null {
  if (!closure.outcome) return 'A complaint cannot be closed without an outcome: upheld, partly upheld, not upheld or withdrawn.';
  if (closure.closedOn < receivedOn) return `A complaint cannot be closed before it was received (${receivedOn}).`;
  if (closure.closedOn > today) return 'A closure cannot be dated after the day it is recorded.';
  const gaps = authorityGaps(authority, c, closure.redressPence);
  if (gaps.length > 0) {
    return `Closing with this redress is beyond your authority: it needs authority for ${listOf(gaps)}. Refer the complaint to someone who can.`;
  }
  const rights = c.regime.referralRights;
  if (rights?.requiredAtClosure && closure.outcome !== 'withdrawn' && !closure.referralRightsGiven) {
    return (
      `Under ${c.regime.name} a ${COMPLAINT_OUTCOME_LABELS[closure.outcome].toLowerCase()} complaint's final response must tell the customer ` +
      `they may take it to ${rights.body}. Record that it did.`
    );
  }
  return null;
}

function finish(c: Complaint, e: ComplaintEvent): Complaint {
  const needsReferral =
    c.status === 'open' || c.status === 'agreed'
      ? authorityGaps(c.ownerAuthority, c).map((gap) => `The owner's authority does not cover ${gap}.`)
      : [];
  return { ...c, needsReferral, updatedAt: e.at, seq: e.seq, lastEventId: e.id };
}

// ---- helpers --------------------------------------------------------------------------------------

const FLAG_ORDER = ComplaintFlag.options;
const canonicalFlags = (flags: readonly ComplaintFlag[]): ComplaintFlag[] => FLAG_ORDER.filter((f) => flags.includes(f));

const nameOf = (h: Handler): string => h.name || `the ${h.role}`;

function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Structural equality of JSON-like values, ignoring key order and keys whose value is undefined. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (!isRecord(a) || !isRecord(b)) return false;
  const keys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => o[k] !== undefined);
  const ka = keys(a);
  const kb = keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
}
