import type { Role } from './account.ts';
import { type Complaint, type ComplaintEvent, type Handler, authorityFor } from './complaint.ts';
import type { OrgSettings } from './orgSettings.ts';

/**
 * What a person chooses when they record an event: its type and its own fields. Who, when, which
 * complaint, its place in the history and the authority that applied are filled in by
 * `stampComplaintEvent` from the signed-in person and the organisation's settings, never typed.
 */
export type ComplaintEventDraft = Record<string, unknown> & { type: string };

const STAMPED = ['id', 'complaintId', 'seq', 'at', 'by', 'authority', 'toAuthority', 'ownerAuthority'] as const;

export interface StampContext {
  state: Complaint;
  eventId: string;
  at: string;
  by: Handler;
  settings: OrgSettings;
  /** The role of the person a referral goes to, from the roster. */
  roleOf(userId: string): Role | undefined;
}

/** The full event for a draft; the state machine then decides whether it may be recorded. */
export function stampComplaintEvent(draft: ComplaintEventDraft, ctx: StampContext): ComplaintEvent {
  const fields: Record<string, unknown> = { ...draft };
  for (const key of STAMPED) delete fields[key];
  const event: Record<string, unknown> = {
    ...fields,
    id: ctx.eventId,
    complaintId: ctx.state.id,
    seq: ctx.state.seq + 1,
    at: ctx.at,
    by: ctx.by,
  };
  const authority = authorityFor(ctx.settings.authority, ctx.by.role);
  if (draft.type === 'optionAgreed' || draft.type === 'closed' || draft.type === 'closureCorrected') event.authority = authority;
  if (draft.type === 'referred') {
    const to = draft.to as { id?: unknown } | undefined;
    const role = typeof to?.id === 'string' ? ctx.roleOf(to.id) : undefined;
    if (role) {
      event.to = { ...(to as object), role };
      event.toAuthority = authorityFor(ctx.settings.authority, role);
    }
  }
  // Checked in full by the state machine (ComplaintEvent.safeParse) before anything is stored.
  return event as ComplaintEvent;
}
