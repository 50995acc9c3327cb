/**
 * What prompts and notices leave on record: procedure notices and their acknowledgements, and prompt
 * events. Kept apart from the rule schemas (core/promptRules.ts) so that records travel without the
 * rule validator and its pattern checker.
 */
import { Role } from './account.ts';
import { findCardNumbers } from './guards.ts';
import { Uuid } from './spotCheck.ts';
import { z } from './z.ts';

export const Slug = z.string().check(
  z.minLength(1),
  z.maxLength(80),
  z.regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes'),
);
export const Text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
export const Version = z.int().check(z.gte(1));
export const DateTime = z.iso.datetime({ offset: true });
/** Standards criteria ("CC33 3.1") and requirement register ids ("DISP 1.1.10R"). */
export const Refs = z._default(z.array(z.string().check(z.trim(), z.minLength(1), z.maxLength(80))).check(z.maxLength(20)), []);


// ---- procedure notices ---------------------------------------------------------------------------

/** A change to a procedure, announced to the people it affects. */
export const ProcedureNotice = z.strictObject({
  id: Uuid,
  version: Version,
  title: Text(200),
  whatChanged: Text(4000),
  effectiveFrom: z.iso.date(),
  audience: z.strictObject({
    /** Empty roles and teams mean everyone. */
    roles: z._default(z.array(Role), []),
    teamIds: z._default(z.array(Uuid), []),
  }),
  requiresAcknowledgement: z.boolean(),
  guidanceUrl: z.optional(z.httpUrl()),
  criteria: Refs,
  requirementIds: Refs,
  publishedBy: Uuid,
  publishedAt: DateTime,
});
export type ProcedureNotice = z.infer<typeof ProcedureNotice>;

/** What a manager sends to publish or revise a notice: the server numbers the version and records who and when. */
export const NoticePut = z.omit(ProcedureNotice, { version: true, publishedBy: true, publishedAt: true });
export type NoticePut = z.infer<typeof NoticePut>;
export type NoticePutInput = z.input<typeof NoticePut>;

/** Someone confirms they have read a version of a notice. A revised notice is acknowledged again. */
export const NoticeAcknowledgement = z.strictObject({
  noticeId: Uuid,
  noticeVersion: Version,
  userId: Uuid,
  at: DateTime,
});
export type NoticeAcknowledgement = z.infer<typeof NoticeAcknowledgement>;

/** The sync record id of an acknowledgement: one per person and notice version, whichever browser sent it. */
export const noticeAckKey = (a: Pick<NoticeAcknowledgement, 'noticeId' | 'noticeVersion' | 'userId'>) =>
  `${a.noticeId}@${a.noticeVersion}:${a.userId}`;

/** Is the notice addressed to this person? Empty roles and teams mean everyone. */
export function noticeAddresses(notice: Pick<ProcedureNotice, 'audience'>, person: { role: Role; teamIds: readonly string[] }): boolean {
  const { roles, teamIds } = notice.audience;
  return (roles.length === 0 || roles.includes(person.role)) && (teamIds.length === 0 || teamIds.some((t) => person.teamIds.includes(t)));
}

// ---- prompt events -------------------------------------------------------------------------------

export const PromptAction = z.enum(['shown', 'acknowledged', 'dismissed', 'overridden']);
export type PromptAction = z.infer<typeof PromptAction>;

/**
 * What happened to a prompt, for the compliance record. It names the rule and version, the contact
 * (by its key, core/contactKey.ts), the user and the time, and nothing of the conversation: the
 * object is strict, and a reason holding a card number is refused.
 */
export const PromptEvent = z
  .strictObject({
    id: Uuid,
    ruleId: Slug,
    ruleVersion: Version,
    packId: z.optional(Slug),
    packVersion: z.optional(Version),
    action: PromptAction,
    /** Required when the agent dismissed or overrode the prompt. */
    reason: z.optional(
      Text(500).check(
        z.refine((r) => findCardNumbers(r).length === 0, { message: 'the reason must not contain a card number' }),
      ),
    ),
    contactKey: z.string().check(z.minLength(1), z.maxLength(2400)),
    userId: Uuid,
    at: DateTime,
  })
  .check(
    z.refine((e) => (e.action !== 'dismissed' && e.action !== 'overridden') || e.reason !== undefined, {
      message: 'a dismissed or overridden prompt needs a reason',
      path: ['reason'],
    }),
  );
export type PromptEvent = z.infer<typeof PromptEvent>;
