/**
 * Procedure notices as people see them: which are addressed to the viewer and wait for their
 * acknowledgement, and, for supervisors (their teams' people) and managers (everyone), who has
 * acknowledged each one and who has not. Pure: the background worker feeds it what it pulled.
 */
import { Role, type RosterEntry, Team } from './account.ts';
import { roleName } from './complaint.ts';
import { type NoticeAcknowledgement, NoticePut, ProcedureNotice, noticeAddresses } from './promptRecords.ts';
import { Uuid } from './spotCheck.ts';
import { z } from './z.ts';

const DateTime = z.iso.datetime({ offset: true });

/** Where one person stands with one notice. */
export const NoticeAck = z.strictObject({
  /** When they acknowledged the current version; null when they have not. */
  acknowledgedAt: z.nullable(DateTime),
  /** The latest earlier version they acknowledged, while the current one is still to be acknowledged. */
  earlier: z.nullable(z.strictObject({ version: z.int(), at: DateTime })),
});
export type NoticeAck = z.infer<typeof NoticeAck>;

export const NoticeReader = z.extend(NoticeAck, { id: Uuid, name: z.string(), role: Role });
export type NoticeReader = z.infer<typeof NoticeReader>;

export const NoticeStatus = z.strictObject({
  notice: ProcedureNotice,
  /** The viewer's own standing; null when the notice is not addressed to them. */
  mine: z.nullable(NoticeAck),
  /** Addressed to the viewer, asks for acknowledgement, and this version has not had it. */
  waiting: z.boolean(),
  /**
   * The people it is addressed to whom the viewer looks after, each list by name; null for viewers
   * who look after nobody (agents, admins).
   */
  audience: z.nullable(z.strictObject({ acknowledged: z.array(NoticeReader), notYet: z.array(NoticeReader) })),
});
export type NoticeStatus = z.infer<typeof NoticeStatus>;

/** What the notices view shows to the signed-in person. */
export const NoticeBoard = z.strictObject({
  /** Null when nobody is signed in: notices come with an account. */
  role: z.nullable(Role),
  canPublish: z.boolean(),
  /** How many notices wait for the viewer's acknowledgement. */
  toRead: z.int(),
  /** Those waiting first (soonest effective first), then the rest, newest first. */
  notices: z.array(NoticeStatus),
  /** The organisation's teams, to address notices and describe their audience. */
  teams: z.array(Team),
});
export type NoticeBoard = z.infer<typeof NoticeBoard>;

export const SIGNED_OUT_BOARD: NoticeBoard = { role: null, canPublish: false, toRead: 0, notices: [], teams: [] };

export interface Viewer {
  id: string;
  role: Role;
  teamIds: readonly string[];
}


/** Whose acknowledgements the viewer follows; null when nobody's (the server sends them no one else's). */
function lookedAfter(roster: readonly RosterEntry[], viewer: Viewer): RosterEntry[] | null {
  if (viewer.role === 'manager') return [...roster];
  if (viewer.role === 'supervisor') return roster.filter((p) => p.teamIds.some((t) => viewer.teamIds.includes(t)));
  return null;
}

function ackOf(notice: ProcedureNotice, acks: readonly NoticeAcknowledgement[]): NoticeAck {
  let current: NoticeAcknowledgement | undefined;
  let earlier: NoticeAcknowledgement | undefined;
  for (const a of acks) {
    if (a.noticeVersion === notice.version) current = a;
    else if (a.noticeVersion < notice.version && (!earlier || a.noticeVersion > earlier.noticeVersion)) earlier = a;
  }
  return {
    acknowledgedAt: current?.at ?? null,
    earlier: !current && earlier ? { version: earlier.noticeVersion, at: earlier.at } : null,
  };
}

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'en');

/**
 * One notice as the viewer sees it. `acks` may hold any notice's acknowledgements; those of people
 * no longer on the roster (left, or disabled) count for nobody, as they are no longer its audience.
 */
export function noticeStatus(
  notice: ProcedureNotice,
  roster: readonly RosterEntry[],
  acks: readonly NoticeAcknowledgement[],
  viewer: Viewer,
): NoticeStatus {
  const byPerson = new Map<string, NoticeAcknowledgement[]>();
  for (const a of acks) if (a.noticeId === notice.id) byPerson.set(a.userId, [...(byPerson.get(a.userId) ?? []), a]);
  const standing = (id: string) => ackOf(notice, byPerson.get(id) ?? []);

  const mine = noticeAddresses(notice, viewer) ? standing(viewer.id) : null;
  const people = lookedAfter(roster, viewer);
  const readers = people
    ?.filter((p) => noticeAddresses(notice, p))
    .map((p): NoticeReader => ({ id: p.id, name: p.name, role: p.role, ...standing(p.id) }))
    .sort(byName);
  return {
    notice,
    mine,
    waiting: mine !== null && notice.requiresAcknowledgement && mine.acknowledgedAt === null,
    audience: readers
      ? { acknowledged: readers.filter((r) => r.acknowledgedAt !== null), notYet: readers.filter((r) => r.acknowledgedAt === null) }
      : null,
  };
}

/**
 * Every notice the viewer has a part in: addressed to them, or (supervisors) to someone in their
 * teams; managers see all of them, to follow and revise.
 */
export function noticeBoard(
  notices: readonly ProcedureNotice[],
  roster: readonly RosterEntry[],
  acks: readonly NoticeAcknowledgement[],
  viewer: Viewer,
): { notices: NoticeStatus[]; toRead: number } {
  const acksOf = new Map<string, NoticeAcknowledgement[]>();
  for (const a of acks) acksOf.set(a.noticeId, [...(acksOf.get(a.noticeId) ?? []), a]);
  const shown = notices
    .map((n) => noticeStatus(n, roster, acksOf.get(n.id) ?? [], viewer))
    .filter((s) => s.mine !== null || viewer.role === 'manager' || (s.audience && s.audience.acknowledged.length + s.audience.notYet.length > 0));
  const waiting = shown
    .filter((s) => s.waiting)
    .sort((a, b) => a.notice.effectiveFrom.localeCompare(b.notice.effectiveFrom) || a.notice.publishedAt.localeCompare(b.notice.publishedAt));
  const rest = shown.filter((s) => !s.waiting).sort((a, b) => b.notice.publishedAt.localeCompare(a.notice.publishedAt));
  return { notices: [...waiting, ...rest], toRead: waiting.length };
}

const listed = (words: string[]) => (words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`);
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** A role as an audience: "Agents". */
export const roleGroup = (role: Role): string => capitalised(roleName(role));

/** Who a notice is for, in words: "Everyone", "Agents and supervisors in Billing". */
export function audienceText(audience: ProcedureNotice['audience'], teams: readonly Team[]): string {
  const roles = audience.roles.map(roleName);
  const who = roles.length ? listed(roles) : 'everyone';
  const where = audience.teamIds.map((id) => teams.find((t) => t.id === id)?.name ?? 'a team no longer listed');
  return capitalised(where.length ? `${who} in ${listed(where)}` : who);
}

// ---- publishing ----------------------------------------------------------------------------------

/** A notice as a manager writes it; the id is given when it is published (or kept, for a revision). */
export const NoticeDraft = z.omit(NoticePut, { id: true });
export type NoticeDraft = z.infer<typeof NoticeDraft>;
export type NoticeDraftInput = z.input<typeof NoticeDraft>;

/** The publish form's fields, as typed. */
export interface NoticeForm {
  title: string;
  whatChanged: string;
  effectiveFrom: string;
  roles: Role[];
  teamIds: string[];
  requiresAcknowledgement: boolean;
  guidanceUrl: string;
}

export const EMPTY_NOTICE_FORM: NoticeForm = {
  title: '',
  whatChanged: '',
  effectiveFrom: '',
  roles: [],
  teamIds: [],
  requiresAcknowledgement: true,
  guidanceUrl: '',
};

/** The form filled in from a published notice, to revise it. */
export const noticeForm = (n: ProcedureNotice): NoticeForm => ({
  title: n.title,
  whatChanged: n.whatChanged,
  effectiveFrom: n.effectiveFrom,
  roles: [...n.audience.roles],
  teamIds: [...n.audience.teamIds],
  requiresAcknowledgement: n.requiresAcknowledgement,
  guidanceUrl: n.guidanceUrl ?? '',
});

/** The draft the form describes. Standards references are not edited in the panel: a revision keeps its own. */
export function noticeDraft(form: NoticeForm, revising?: ProcedureNotice): NoticeDraftInput {
  const url = form.guidanceUrl.trim();
  return {
    title: form.title,
    whatChanged: form.whatChanged,
    effectiveFrom: form.effectiveFrom,
    audience: { roles: form.roles, teamIds: form.teamIds },
    requiresAcknowledgement: form.requiresAcknowledgement,
    ...(url ? { guidanceUrl: url } : {}),
    criteria: revising?.criteria ?? [],
    requirementIds: revising?.requirementIds ?? [],
  };
}

/** The form's fields an error can belong to; `notice` is for anything else about it. */
export type NoticeField = 'title' | 'whatChanged' | 'effectiveFrom' | 'audience' | 'guidanceUrl' | 'notice';
export type NoticeErrors = Partial<Record<NoticeField, string>>;

const FIELD_PROBLEMS: Record<Exclude<NoticeField, 'notice'>, string> = {
  title: 'Give the notice a title, of up to 200 characters.',
  whatChanged: 'Say what changed, in up to 4,000 characters.',
  effectiveFrom: 'Give the date the change takes effect.',
  audience: 'Choose the audience from the roles and teams offered.',
  guidanceUrl: 'The guidance link must be a full web address, starting https:// or http://.',
};
const isField = (key: unknown): key is keyof typeof FIELD_PROBLEMS => typeof key === 'string' && Object.hasOwn(FIELD_PROBLEMS, key);

/** Check a draft before it is published: one plain message per field at fault. */
export function checkNotice(input: unknown): { ok: true; draft: NoticeDraft } | { ok: false; errors: NoticeErrors } {
  const parsed = NoticeDraft.safeParse(input);
  if (parsed.success) return { ok: true, draft: parsed.data };
  const errors: NoticeErrors = {};
  for (const issue of parsed.error.issues) {
    const [head] = issue.path;
    if (isField(head)) errors[head] ??= FIELD_PROBLEMS[head];
    else errors.notice ??= `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`;
  }
  return { ok: false, errors };
}

export const formatNoticeErrors = (errors: NoticeErrors): string => Object.values(errors).join(' ');
