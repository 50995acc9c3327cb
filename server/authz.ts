import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Role } from '../core/account.ts';
import type { ChecklistStatus } from '../core/checklist.ts';
import { configuresExtension, publishesNotices } from '../core/roles.ts';
import type { SpotCheckStatus } from '../core/spotCheck.ts';
import type { Tables } from './db/schema.ts';

/*
 * Who may read and write what: every rule in one place, as pure predicates (for push) and as the
 * SQL that selects the same records (for pull). The matrix they implement:
 *
 *                  spot checks: read                         | write                              | checklists
 *   agent        | about them, not drafts                     | respond to those                   | read approved/retired
 *   supervisor   | they evaluated; about agents in their      | put/discard ones they evaluate of  | read approved/retired
 *                | teams or them, not drafts                  | agents in their teams; respond to  |
 *                |                                            | their own; resolve their teams'    |
 *   manager      | all                                        | put/discard/resolve all; respond   | read all, put
 *                |                                            | to their own                       |
 *   admin        | none (least privilege)                     | none                               | read all, put
 *
 * Nobody reads or writes anything of another organisation. Responding is personal: only the agent
 * the check is about responds, and nobody resolves a dispute about themselves.
 *
 *                  complaints: read and add to                          | organisation settings
 *   agent        | those they logged or own                              | read
 *   supervisor   | those they logged or own; logged or owned by members  | read
 *                | of their teams                                        |
 *   manager      | all                                                   | read, write
 *   admin        | none                                                  | read
 *
 * Which events someone may add (only the owner agrees an option or closes; nobody beyond their
 * authority) is the complaint state machine's to say (core/complaintLifecycle.ts).
 *
 *                  rule packs, notices,   | notice acknowledgements          | prompt events
 *                  custom adapters, kill  |                                  |
 *                  switches               |                                  |
 *   agent        | read                   | read and write their own         | record their own; read none
 *   supervisor   | read                   | theirs; read their teams'        | record their own; their teams' in reports
 *   manager      | read; write (notices:  | theirs; read all                 | record their own; all in reports
 *                | managers only)         |                                  |
 *   admin        | read; write, except    | read and write their own         | record their own; read none
 *                | notices                |                                  |
 *
 * Prompt events are evidence, read as counts through /api/reports, never pulled into browsers.
 */

export interface Actor {
  id: string;
  orgId: string;
  role: Role;
  teamIds: readonly string[];
}

/** What the rules need to know about a spot check. */
export interface SpotCheckFacts {
  orgId: string;
  agentId: string | null;
  /** The teams the agent belongs to now. */
  agentTeamIds: readonly string[];
  evaluatorId: string | null;
  status: SpotCheckStatus;
}

export interface ChecklistFacts {
  orgId: string;
  status: ChecklistStatus;
}

/** What the rules need to know about a complaint. */
export interface ComplaintFacts {
  orgId: string;
  ownerId: string;
  loggedById: string;
  /** The teams the owner and the person who logged it belong to now. */
  peopleTeamIds: readonly string[];
}

/** A record about one person: their notice acknowledgement. */
export interface PersonalFacts {
  orgId: string;
  userId: string;
  /** The teams the person belongs to now. */
  userTeamIds: readonly string[];
}

/** Records the whole organisation reads: what tells the extension how to behave. */
export const ORGANISATION_WIDE = ['orgSettings', 'rulePack', 'notice', 'customAdapter', 'adapterSwitch'] as const;
type OrganisationWide = (typeof ORGANISATION_WIDE)[number];

export type RecordFacts =
  | ({ entity: 'spotCheck' } & SpotCheckFacts)
  | ({ entity: 'checklist' } & ChecklistFacts)
  | ({ entity: 'complaint' } & ComplaintFacts)
  | ({ entity: 'noticeAck' } & PersonalFacts)
  | { entity: 'promptEvent'; orgId: string }
  | { entity: OrganisationWide; orgId: string };

export type SpotCheckAction = 'put' | 'discard' | 'respond' | 'resolve';

const inOrg = (actor: Actor, facts: { orgId: string }) => actor.orgId === facts.orgId;
const leadsAgent = (actor: Actor, sc: SpotCheckFacts) =>
  actor.role === 'supervisor' && sc.agentTeamIds.some((team) => actor.teamIds.includes(team));
const managesOrg = (actor: Actor) => actor.role === 'manager' || actor.role === 'admin';

export function canReadSpotCheck(actor: Actor, sc: SpotCheckFacts): boolean {
  if (!inOrg(actor, sc)) return false;
  switch (actor.role) {
    case 'admin':
      return false;
    case 'manager':
      return true;
    case 'supervisor':
      return sc.evaluatorId === actor.id || (sc.status !== 'draft' && (sc.agentId === actor.id || leadsAgent(actor, sc)));
    case 'agent':
      return sc.status !== 'draft' && sc.agentId === actor.id;
  }
}

export function canWriteSpotCheck(actor: Actor, action: SpotCheckAction, sc: SpotCheckFacts): boolean {
  if (!inOrg(actor, sc)) return false;
  switch (action) {
    case 'put':
    case 'discard':
      return (
        actor.role === 'manager' ||
        (actor.role === 'supervisor' && sc.evaluatorId === actor.id && (sc.agentId === null || leadsAgent(actor, sc)))
      );
    case 'respond':
      return actor.role !== 'admin' && sc.agentId === actor.id && sc.status !== 'draft';
    case 'resolve':
      return sc.agentId !== actor.id && (actor.role === 'manager' || leadsAgent(actor, sc));
  }
}

export function canReadChecklist(actor: Actor, checklist: ChecklistFacts): boolean {
  return inOrg(actor, checklist) && (managesOrg(actor) || checklist.status !== 'draft');
}

export function canWriteChecklist(actor: Actor, checklist: { orgId: string }): boolean {
  return inOrg(actor, checklist) && managesOrg(actor);
}

/** Reading a complaint is also what lets someone add to its history (the state machine decides what). */
export function canReadComplaint(actor: Actor, complaint: ComplaintFacts): boolean {
  if (!inOrg(actor, complaint)) return false;
  switch (actor.role) {
    case 'admin':
      return false;
    case 'manager':
      return true;
    case 'supervisor':
      return (
        complaint.ownerId === actor.id ||
        complaint.loggedById === actor.id ||
        complaint.peopleTeamIds.some((team) => actor.teamIds.includes(team))
      );
    case 'agent':
      return complaint.ownerId === actor.id || complaint.loggedById === actor.id;
  }
}

/** Logging a complaint: anyone who handles customers (admins run the system, not complaints). */
export function canLogComplaint(actor: Actor, org: { orgId: string }): boolean {
  return inOrg(actor, org) && actor.role !== 'admin';
}

/** Authority boundaries, categories and clocks are the managers' to set (CC16 1.1). */
export function canWriteOrgSettings(actor: Actor, org: { orgId: string }): boolean {
  return inOrg(actor, org) && actor.role === 'manager';
}

/** Rule packs, custom adapters and the adapter kill switch: who runs the organisation's set-up. */
export function canConfigureExtension(actor: Actor, org: { orgId: string }): boolean {
  return inOrg(actor, org) && configuresExtension(actor.role);
}

/** Procedure notices change how people work: a manager's to publish. */
export function canPublishNotice(actor: Actor, org: { orgId: string }): boolean {
  return inOrg(actor, org) && publishesNotices(actor.role);
}

/** A record about one person: theirs, their team leads' and managers' (admins see only their own). */
export function canReadPersonal(actor: Actor, record: PersonalFacts): boolean {
  if (!inOrg(actor, record)) return false;
  if (record.userId === actor.id || actor.role === 'manager') return true;
  return actor.role === 'supervisor' && record.userTeamIds.some((team) => actor.teamIds.includes(team));
}

/** Counts of prompt events: supervisors for their teams, managers for everyone. */
export function canReadPromptReport(actor: Actor, org: { orgId: string }): boolean {
  return inOrg(actor, org) && (actor.role === 'supervisor' || actor.role === 'manager');
}

export function canRead(actor: Actor, record: RecordFacts): boolean {
  switch (record.entity) {
    case 'noticeAck':
      return canReadPersonal(actor, record);
    case 'promptEvent':
      return false;
    case 'rulePack':
    case 'notice':
    case 'customAdapter':
    case 'adapterSwitch':
    case 'orgSettings':
      return inOrg(actor, record);
    case 'spotCheck':
      return canReadSpotCheck(actor, record);
    case 'checklist':
      return canReadChecklist(actor, record);
    case 'complaint':
      return canReadComplaint(actor, record);
  }
}

/** The SQL twin of canRead, for pull: the records rows this actor may read. */
export function readableRecords(actor: Actor) {
  return (eb: ExpressionBuilder<Tables, 'records'>): Expression<SqlBool> => {
    const checklists = managesOrg(actor)
      ? eb('entity', '=', 'checklist')
      : eb.and([eb('entity', '=', 'checklist'), eb('status', '!=', 'draft')]);
    return eb.and([
      eb('org_id', '=', actor.orgId),
      eb.or([
        checklists,
        eb('entity', 'in', ORGANISATION_WIDE),
        ...readableSpotChecks(eb, actor),
        ...readableComplaints(eb, actor),
        ...readablePersonal(eb, actor),
      ]),
    ]);
  };
}

/** Alternatives (OR) under which a notice acknowledgement row is readable: agent_id holds whose it is. */
function readablePersonal(eb: ExpressionBuilder<Tables, 'records'>, actor: Actor): Expression<SqlBool>[] {
  const personal = eb('entity', '=', 'noticeAck');
  switch (actor.role) {
    case 'manager':
      return [personal];
    case 'admin':
    case 'agent':
      return [eb.and([personal, eb('agent_id', '=', actor.id)])];
    case 'supervisor': {
      const whose = [eb('agent_id', '=', actor.id)];
      if (actor.teamIds.length > 0) {
        whose.push(eb('agent_id', 'in', eb.selectFrom('team_members').select('team_members.user_id').where('team_members.team_id', 'in', actor.teamIds)));
      }
      return [eb.and([personal, eb.or(whose)])];
    }
  }
}

/** Alternatives (OR) under which a complaint row is readable: agent_id holds its owner, evaluator_id who logged it. */
function readableComplaints(eb: ExpressionBuilder<Tables, 'records'>, actor: Actor): Expression<SqlBool>[] {
  const complaint = eb('entity', '=', 'complaint');
  switch (actor.role) {
    case 'admin':
      return [];
    case 'manager':
      return [complaint];
    case 'agent':
      return [eb.and([complaint, eb.or([eb('agent_id', '=', actor.id), eb('evaluator_id', '=', actor.id)])])];
    case 'supervisor': {
      const mine = [eb('agent_id', '=', actor.id), eb('evaluator_id', '=', actor.id)];
      if (actor.teamIds.length > 0) {
        const members = () => eb.selectFrom('team_members').select('team_members.user_id').where('team_members.team_id', 'in', actor.teamIds);
        mine.push(eb('agent_id', 'in', members()), eb('evaluator_id', 'in', members()));
      }
      return [eb.and([complaint, eb.or(mine)])];
    }
  }
}

/** Alternatives (OR) under which a spot check row is readable; none for admins. */
function readableSpotChecks(eb: ExpressionBuilder<Tables, 'records'>, actor: Actor): Expression<SqlBool>[] {
  const spotCheck = eb('entity', '=', 'spotCheck');
  const notDraft = eb('status', '!=', 'draft');
  switch (actor.role) {
    case 'admin':
      return [];
    case 'manager':
      return [spotCheck];
    case 'agent':
      return [eb.and([spotCheck, notDraft, eb('agent_id', '=', actor.id)])];
    case 'supervisor': {
      const aboutMeOrMyTeams = [eb('agent_id', '=', actor.id)];
      if (actor.teamIds.length > 0) {
        const myTeamsMembers = eb.selectFrom('team_members').select('team_members.user_id').where('team_members.team_id', 'in', actor.teamIds);
        aboutMeOrMyTeams.push(eb('agent_id', 'in', myTeamsMembers));
      }
      return [
        eb.and([spotCheck, eb('evaluator_id', '=', actor.id)]),
        eb.and([spotCheck, notDraft, eb.or(aboutMeOrMyTeams)]),
      ];
    }
  }
}
