import { ukDefaultPack } from '../../core/promptPacks/ukDefault.ts';
import { type RulePack, formatRuleErrors, validateRulePack } from '../../core/promptRules.ts';
import { type NoticeAcknowledgement, type ProcedureNotice, type PromptEvent, noticeAckKey, noticeAddresses } from '../../core/promptRecords.ts';
import { CLOCK_LEEWAY_MS } from '../../core/complaintLifecycle.ts';
import type { Mutation } from '../../core/sync.ts';
import { canConfigureExtension, canPublishNotice } from '../authz.ts';
import { type Outcome, applied, rejected, versionConflict } from './outcome.ts';
import type { PushContext } from './pushContext.ts';

type MutationNamed<N extends Mutation['name']> = Extract<Mutation, { name: N }>;

/**
 * Publish a prompt rule pack. It is validated here as the editor validated it, so a bad rule never
 * reaches an agent's page, and the refusal names each rule and field at fault. Versions only grow
 * (prompt events name the pack version they came from); a pack with the built-in pack's id replaces
 * it for the organisation.
 */
export async function putRulePack(ctx: PushContext, m: MutationNamed<'rulePack.put'>): Promise<Outcome> {
  if (!canConfigureExtension(ctx.actor, { orgId: ctx.actor.orgId })) return rejected('only managers and admins can publish prompt rules');
  const checked = validateRulePack(m.args);
  if (!checked.ok) return rejected(`the rule pack was not published:\n${formatRuleErrors(checked.errors)}`);
  const pack = checked.pack;
  if (m.recordId !== pack.id) return rejected(`a rule pack's record id is its id: expected "${pack.id}"`);
  const stored = await ctx.read('rulePack', pack.id);
  const conflict = versionConflict(stored, m.baseVersion);
  if (conflict) return conflict;
  const previous = stored && !stored.deleted ? (stored.data as RulePack).version : pack.id === ukDefaultPack.id ? ukDefaultPack.version : 0;
  if (pack.version <= previous) {
    return rejected(`version ${previous} of the rule pack "${pack.id}" is already published: publish it as version ${previous + 1}`, stored);
  }
  return applied(
    await ctx.write(m, stored, { entity: 'rulePack', id: pack.id, deleted: false, data: pack, agentId: null, evaluatorId: null, status: 'published' }),
  );
}

/** Publish or revise a procedure notice: each revision is a new version, to be acknowledged again. */
export async function putNotice(ctx: PushContext, m: MutationNamed<'notice.put'>): Promise<Outcome> {
  const { actor } = ctx;
  if (!canPublishNotice(actor, { orgId: actor.orgId })) return rejected('only managers can publish procedure notices');
  if (m.recordId !== m.args.id) return rejected(`a notice's record id is its id: expected "${m.args.id}"`);
  const stored = await ctx.read('notice', m.args.id);
  const conflict = versionConflict(stored, m.baseVersion);
  if (conflict) return conflict;
  const notice: ProcedureNotice = {
    ...m.args,
    version: (stored?.version ?? 0) + 1,
    publishedBy: actor.id,
    publishedAt: ctx.now.toISOString(),
  };
  return applied(
    await ctx.write(m, stored, { entity: 'notice', id: notice.id, deleted: false, data: notice, agentId: null, evaluatorId: null, status: 'published' }),
  );
}

/**
 * Someone confirms they read a notice version. Only for themselves, for a version that was
 * published and addressed to them; sending it twice (two browsers, a retried push) changes nothing.
 */
export async function acknowledgeNotice(ctx: PushContext, m: MutationNamed<'noticeAck.put'>): Promise<Outcome> {
  const { actor } = ctx;
  const key = noticeAckKey({ ...m.args, userId: actor.id });
  if (m.recordId !== key) return rejected(`an acknowledgement's record id is "<notice>@<version>:<your user id>": expected "${key}"`);
  const stored = await ctx.read('noticeAck', key);
  if (stored && !stored.deleted) return applied(stored);
  const notice = await ctx.read('notice', m.args.noticeId);
  if (!notice || notice.deleted || m.args.noticeVersion > notice.version) return rejected('there is no such notice version to acknowledge');
  const me = await ctx.person(actor.id);
  if (!noticeAddresses(notice.data as ProcedureNotice, { role: actor.role, teamIds: me?.teamIds ?? [] })) {
    return rejected('this notice is not addressed to you');
  }
  const ack: NoticeAcknowledgement = { noticeId: m.args.noticeId, noticeVersion: m.args.noticeVersion, userId: actor.id, at: ctx.now.toISOString() };
  return applied(await ctx.write(m, stored, { entity: 'noticeAck', id: key, deleted: false, data: ack, agentId: actor.id, evaluatorId: null, status: 'acknowledged' }));
}

/**
 * Record a prompt event: the pushing user's own, once. Events recorded in a browser before anyone
 * signed in never come here (the extension queues only a signed-in person's).
 */
export async function recordPromptEvent(ctx: PushContext, m: MutationNamed<'promptEvent.record'>): Promise<Outcome> {
  const { actor } = ctx;
  if (m.recordId !== m.args.id) return rejected(`a prompt event's record id is its id: expected "${m.args.id}"`);
  if (m.args.userId !== actor.id) return rejected('prompt events are recorded by the person they happened to');
  if (Date.parse(m.args.at) > ctx.now.getTime() + CLOCK_LEEWAY_MS) {
    return rejected(`this event is dated ${m.args.at}, after the server's time ${ctx.now.toISOString()}: check the computer's clock`);
  }
  const stored = await ctx.read('promptEvent', m.args.id);
  if (stored) return stored.agentId === actor.id ? applied(stored) : rejected('an event with this id was recorded by someone else');
  const event: PromptEvent = m.args;
  return applied(
    await ctx.write(m, stored, { entity: 'promptEvent', id: event.id, deleted: false, data: event, agentId: actor.id, evaluatorId: null, status: event.action }),
  );
}
