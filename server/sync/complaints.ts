import { type ComplaintEvent, authorityFor, findRegime } from '../../core/complaint.ts';
import { type Actor, CLOCK_LEEWAY_MS, applyComplaintEvent, isAdditiveComplaintEvent, replayComplaint } from '../../core/complaintLifecycle.ts';
import { DEFAULT_ORG_SETTINGS, ORG_SETTINGS_ID, OrgSettings, complaintSettings, orgSettingsProblems } from '../../core/orgSettings.ts';
import type { ComplaintRecord, Mutation } from '../../core/sync.ts';
import { type ComplaintFacts, canLogComplaint, canReadComplaint, canWriteOrgSettings } from '../authz.ts';
import { type Outcome, applied, rejected, versionConflict } from './outcome.ts';
import type { PushContext } from './pushContext.ts';
import type { StoredRecord } from './records.ts';

type MutationNamed<N extends Mutation['name']> = Extract<Mutation, { name: N }>;

// Said the same whether the complaint does not exist or the user may not see it, so ids reveal nothing.
const NOT_FOUND = 'there is no complaint with this id that you can see';


/** The organisation's complaint settings: as a manager last set them, or the defaults. */
export async function currentOrgSettings(ctx: PushContext): Promise<OrgSettings> {
  const stored = await ctx.read('orgSettings', ORG_SETTINGS_ID);
  const parsed = stored && !stored.deleted ? OrgSettings.safeParse(stored.data) : undefined;
  return parsed?.success ? parsed.data : DEFAULT_ORG_SETTINGS;
}

/** Who may see a stored complaint: its owner, who logged it, and the teams they are in now. */
export async function complaintFacts(ctx: PushContext, record: Pick<StoredRecord, 'agentId' | 'evaluatorId'>): Promise<ComplaintFacts> {
  const ownerId = record.agentId ?? '';
  const loggedById = record.evaluatorId ?? '';
  const teams = [...((await ctx.person(ownerId))?.teamIds ?? []), ...((await ctx.person(loggedById))?.teamIds ?? [])];
  return { orgId: ctx.actor.orgId, ownerId, loggedById, peopleTeamIds: teams };
}

/**
 * Append one event to a complaint's history. The server replays the history, checks the event with
 * the complaint state machine against the organisation's current settings (authority, categories,
 * regimes, root causes) and stores the history only if it still holds together.
 */
export async function recordComplaintEvent(ctx: PushContext, m: MutationNamed<'complaint.event'>): Promise<Outcome> {
  const { actor } = ctx;
  let event: ComplaintEvent = m.args;
  if (event.complaintId !== m.recordId) return rejected(`recordId (${m.recordId}) must be the event's complaintId (${event.complaintId})`);
  // The name on the record is the account's, whatever the client says.
  event = { ...event, by: { ...event.by, name: actor.name } };
  const me: Actor = { id: actor.id, role: actor.role, name: actor.name };
  // A client's clock may be wrong; a history dated in the future would hold its deadlines back.
  if (Date.parse(event.at) > ctx.now.getTime() + CLOCK_LEEWAY_MS) {
    return rejected(`this change is dated ${event.at}, after the server's time ${ctx.now.toISOString()}: check the computer's clock`);
  }
  const stored = await ctx.read('complaint', m.recordId);
  const orgSettings = await currentOrgSettings(ctx);
  const settings = complaintSettings(orgSettings);
  if (event.type === 'logged') {
    // Logging records what applies now: a browser whose copy of the settings is a little behind
    // (offline, or just signed in) must not lose the complaint over it.
    const regime = findRegime(event.regime.id, orgSettings.customRegimes);
    event = { ...event, ownerAuthority: authorityFor(orgSettings.authority, actor.role), ...(regime ? { regime } : {}) };
  }

  let history: ComplaintEvent[] = [];
  let state = null;
  if (stored && !stored.deleted) {
    if (!canReadComplaint(actor, await complaintFacts(ctx, stored))) return rejected(NOT_FOUND);
    history = (stored.data as ComplaintRecord).events;
    // A repeated event (the same id) is already part of the history: nothing to do.
    if (history.some((e) => e.id === event.id)) return applied(stored);
    const replayed = replayComplaint(history);
    if (!replayed.ok) return rejected(`the stored history of this complaint does not replay: ${replayed.error}`, stored);
    state = replayed.complaint;
    if (event.seq !== state.seq + 1) {
      if (!isAdditiveComplaintEvent(event.type) || event.seq > state.seq + 1) {
        return {
          status: 'conflict',
          reason: `the complaint changed since you last saw it (it now has ${state.seq} events; yours was made after ${event.seq - 1})`,
          record: stored,
        };
      }
      event = { ...event, seq: state.seq + 1 };
    }
  } else {
    if (event.type !== 'logged') return rejected(NOT_FOUND);
    if (!canLogComplaint(actor, { orgId: actor.orgId })) return rejected(`a ${actor.role} cannot log complaints`);
    const conflict = versionConflict(stored, m.baseVersion);
    if (conflict) return conflict;
  }

  if (event.type === 'referred') {
    const to = await ctx.person(event.to.id);
    if (!to || to.disabled) return rejected('a complaint can be referred only to an active colleague in your organisation', stored);
    if (to.role !== event.to.role) return rejected(`the person referred to is a ${to.role}, not a ${event.to.role}`, stored);
  }

  const result = applyComplaintEvent(state, event, me, settings);
  if (!result.ok) return rejected(result.error, stored);
  const complaint = result.complaint;
  const data: ComplaintRecord = { events: [...history, event] };
  return applied(
    await ctx.write(m, stored, {
      entity: 'complaint',
      id: complaint.id,
      deleted: false,
      data,
      agentId: complaint.owner.id,
      evaluatorId: complaint.createdBy.id,
      status: complaint.status,
    }),
  );
}

/** A manager sets the organisation's complaint settings; every extension gets them by pull. */
export async function putOrgSettings(ctx: PushContext, m: MutationNamed<'orgSettings.put'>): Promise<Outcome> {
  const { actor } = ctx;
  if (m.recordId !== ORG_SETTINGS_ID) return rejected(`the organisation settings' record id is "${ORG_SETTINGS_ID}"`);
  if (!canWriteOrgSettings(actor, { orgId: actor.orgId })) return rejected('only managers can change the organisation settings');
  const stored = await ctx.read('orgSettings', ORG_SETTINGS_ID);
  const conflict = versionConflict(stored, m.baseVersion);
  if (conflict) return conflict;
  const problems = [...orgSettingsProblems(m.args), ...removedFromSettings(stored?.data as OrgSettings | undefined, m.args)];
  if (problems.length) return rejected(`these settings cannot be used: ${problems.join('; ')}`, stored);
  const previous = stored?.data as OrgSettings | undefined;
  const authorityChanged = JSON.stringify(previous?.authority.boundaries ?? DEFAULT_ORG_SETTINGS.authority.boundaries) !== JSON.stringify(m.args.authority.boundaries);
  // Who changed the boundaries and when is the server's to record.
  const authority = authorityChanged
    ? {
        ...m.args.authority,
        version: (previous?.authority.version ?? DEFAULT_ORG_SETTINGS.authority.version) + 1,
        setBy: { id: actor.id, name: actor.name, role: actor.role },
        setAt: ctx.now.toISOString(),
      }
    : (previous?.authority ?? m.args.authority);
  const settings: OrgSettings = { ...m.args, authority };
  return applied(
    await ctx.write(m, stored, {
      entity: 'orgSettings',
      id: ORG_SETTINGS_ID,
      deleted: false,
      data: settings,
      agentId: null,
      evaluatorId: null,
      status: 'current',
    }),
  );
}

/**
 * Past complaints name categories, root causes and regimes by id: those are retired, never removed,
 * or old records would lose their meaning.
 */
function removedFromSettings(previous: OrgSettings | undefined, next: OrgSettings): string[] {
  if (!previous) return [];
  const gone = (before: readonly { id: string }[], after: readonly { id: string }[]) =>
    before.filter((b) => !after.some((a) => a.id === b.id)).map((b) => `"${b.id}"`);
  const problems: string[] = [];
  const categories = gone(previous.categories, next.categories);
  if (categories.length) problems.push(`categories ${categories.join(', ')} were removed: retire them instead`);
  const causes = gone(previous.rootCauses.added, next.rootCauses.added);
  if (causes.length) problems.push(`root causes ${causes.join(', ')} were removed: retire them instead`);
  const regimes = gone(previous.customRegimes, next.customRegimes);
  if (regimes.length) problems.push(`regimes ${regimes.join(', ')} were removed: past complaints use them`);
  return problems;
}
