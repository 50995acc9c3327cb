import {
  type ComplaintCategory,
  type ComplaintClosure,
  type ComplaintEvent,
  type ComplaintFlag,
  type Handler,
  COMPLAINT_FLAG_LABELS,
  COMPLAINT_OUTCOME_LABELS,
  formatPence,
} from '../core/complaint.ts';
import { CHANNEL_LABELS } from '../core/labels.ts';
import { localDateOf } from '../core/isoDate.ts';
import { formatDay, plural } from './complaintText.ts';

/*
 * A complaint's history in plain English, one line per event, for the timeline in the complaint
 * detail. Pure: the describer is given what it needs to name things (category labels, the summaries
 * of options added earlier in the history).
 */

export interface DescribeContext {
  categories?: readonly ComplaintCategory[];
  /** Option id -> its summary, from the options added so far. */
  options?: ReadonlyMap<string, string>;
}

export interface TimelineEntry {
  id: string;
  seq: number;
  /** "Ash Agent (agent)" */
  who: string;
  /** The instant the event was recorded. */
  at: string;
  what: string;
}

const ROLE_WORDS: Record<Handler['role'], string> = { agent: 'agent', supervisor: 'supervisor', manager: 'manager', admin: 'admin' };

export const handlerName = (h: Handler): string => `${h.name || 'Someone'} (${ROLE_WORDS[h.role]})`;

export function categoryLabel(id: string, categories: readonly ComplaintCategory[] = []): string {
  return categories.find((c) => c.id === id)?.label ?? id;
}

/** "vulnerable customer and high risk" */
export function flagList(flags: readonly ComplaintFlag[]): string {
  const words = flags.map((f) => COMPLAINT_FLAG_LABELS[f]);
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

const quoted = (s: string) => `“${s}”`;
/** " Reason: ..." or nothing. */
const because = (reason: string | undefined) => (reason?.trim() ? ` Reason: ${reason.trim()}` : '');
/** Ends a sentence once, whatever the text typed ended with. */
const sentence = (s: string) => (/[.!?”"]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);

function closureWords(c: ComplaintClosure): string {
  const money = c.redressPence > 0 ? `redress ${formatPence(c.redressPence)}` : 'no money redress';
  const other = c.otherRedress?.trim() ? ` and ${c.otherRedress.trim()}` : '';
  const rights = c.referralRightsGiven ? 'The customer was told of their referral rights.' : 'Referral rights were not given.';
  return `${COMPLAINT_OUTCOME_LABELS[c.outcome]} on ${formatDay(c.closedOn)}, with ${money}${other}. ${rights}`;
}

/** One event as a sentence or two, without who or when (the timeline shows those beside it). */
export function describeComplaintEvent(event: ComplaintEvent, ctx: DescribeContext = {}): string {
  const option = (id: string) => {
    const summary = ctx.options?.get(id);
    return summary ? `option ${quoted(summary)}` : `option ${id}`;
  };
  switch (event.type) {
    case 'logged': {
      const flags = event.flags?.length ? ` Flagged ${flagList(event.flags)}.` : '';
      return (
        `Logged complaint ${event.reference} (${categoryLabel(event.category, ctx.categories)}), received by ` +
        `${CHANNEL_LABELS[event.receivedVia].toLowerCase()} on ${formatDay(localDateOf(event.receivedAt))}.${flags} ` +
        `Clocks: ${event.regime.name}.`
      );
    }
    case 'detailsCorrected': {
      const parts: string[] = [];
      if (event.reference !== undefined) parts.push(`the reference to ${event.reference}`);
      if (event.receivedAt !== undefined) parts.push(`the day it was received to ${formatDay(localDateOf(event.receivedAt))}`);
      if (event.receivedVia !== undefined) parts.push(`how it arrived to ${CHANNEL_LABELS[event.receivedVia].toLowerCase()}`);
      if (event.contact !== undefined) parts.push(`the contact to ticket ${event.contact.ticketId}`);
      if (event.customerRef !== undefined) parts.push(event.customerRef ? `the customer to ${event.customerRef}` : 'the customer (removed)');
      return `Corrected ${parts.length ? parts.join('; ') : 'the details'}.${because(event.reason)}`;
    }
    case 'natureRecorded':
      return `Recorded what happened, its impact and what the customer wants.${because(event.reason)}`;
    case 'flagsSet':
      return `${event.flags.length ? `Set the flags to ${flagList(event.flags)}` : 'Cleared the flags'}.${because(event.reason)}`;
    case 'categorySet':
      return `Moved the complaint to ${quoted(categoryLabel(event.category, ctx.categories))}.${because(event.reason)}`;
    case 'regimeSet':
      return `Changed the clocks to ${event.regime.name}.${because(event.reason)}`;
    case 'optionAdded': {
      const o = event.option;
      const other = o.otherRedress?.trim() ? ` and ${o.otherRedress.trim()}` : '';
      return `Added option ${quoted(o.summary)}: redress ${formatPence(o.redressPence)}${other}, costing ${formatPence(o.costPence)}.`;
    }
    case 'optionWithdrawn':
      return `Withdrew ${option(event.optionId)}.${because(event.reason)}`;
    case 'optionAgreed':
      return `Agreed ${option(event.optionId)} with the customer.${event.note?.trim() ? ` ${sentence(event.note)}` : ''}`;
    case 'agreementCancelled':
      return `Cancelled the agreed option.${because(event.reason)}`;
    case 'actionTaken':
      return `Action taken: ${sentence(event.description)}`;
    case 'responseSent': {
      const what = event.kind === 'holding' ? 'a holding response' : 'an acknowledgement';
      const rights = event.referralRightsGiven ? ', telling the customer of their referral rights' : '';
      return `Sent ${what} on ${formatDay(event.sentOn)}${rights}.${event.note?.trim() ? ` ${sentence(event.note)}` : ''}`;
    }
    case 'referred':
      return `Referred the complaint to ${handlerName(event.to)}${event.optionId ? ` to agree ${option(event.optionId)}` : ''}.${because(event.reason)}`;
    case 'closed':
      return `Closed: ${closureWords(event.closure)}`;
    case 'closureCorrected':
      return `Corrected the closure: ${closureWords(event.closure)}${because(event.reason)}`;
    case 'reopened':
      return `Reopened the complaint.${because(event.reason)}`;
    case 'reviewed': {
      const r = event.review;
      return (
        `Reviewed the complaint: root cause ${quoted(r.rootCause.label)}, ${plural(r.learningPoints.length, 'learning point')}, ` +
        `${plural(r.preventiveActions.length, 'preventive action')}.`
      );
    }
    case 'noteAdded':
      return `Note: ${sentence(event.text)}`;
    default: {
      const unknown: never = event;
      return `Recorded ${(unknown as { type: string }).type}.`;
    }
  }
}

/** The whole history, oldest first, naming options by the summaries they were added with. */
export function complaintTimeline(events: readonly ComplaintEvent[], categories: readonly ComplaintCategory[] = []): TimelineEntry[] {
  const options = new Map<string, string>();
  return [...events]
    .sort((a, b) => a.seq - b.seq)
    .map((event) => {
      if (event.type === 'optionAdded') options.set(event.option.id, event.option.summary);
      return { id: event.id, seq: event.seq, who: handlerName(event.by), at: event.at, what: describeComplaintEvent(event, { categories, options }) };
    });
}
