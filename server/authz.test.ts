import { describe, expect, it } from 'vitest';
import type { Role } from '../core/account.ts';
import type { SpotCheckStatus } from '../core/spotCheck.ts';
import {
  type Actor,
  ORGANISATION_WIDE,
  type PersonalFacts,
  type RecordFacts,
  type SpotCheckAction,
  type SpotCheckFacts,
  canConfigureExtension,
  canPublishNotice,
  canRead,
  canReadChecklist,
  canReadPersonal,
  canReadPromptReport,
  canReadSpotCheck,
  canWriteChecklist,
  canWriteSpotCheck,
} from './authz.ts';

/*
 * The authorisation matrix, exhaustively: every role against a spot check in every relation to
 * them, for every action. (Routes apply the same rules: server/routes/sync.authz.test.ts.)
 */

const ORG = 'org-1';
const ME = 'me';
const MY_TEAM = 'team-mine';
const OTHER_TEAM = 'team-other';

const RELATIONS = ['about me', 'I evaluated', 'my team', 'other team', 'other org'] as const;
type Relation = (typeof RELATIONS)[number];

function facts(relation: Relation, status: SpotCheckStatus): SpotCheckFacts {
  const base = { orgId: ORG, status, agentId: 'colleague', agentTeamIds: [MY_TEAM], evaluatorId: 'someone' };
  switch (relation) {
    case 'about me':
      return { ...base, agentId: ME };
    case 'I evaluated':
      return { ...base, evaluatorId: ME };
    case 'my team':
      return base;
    case 'other team':
      return { ...base, agentTeamIds: [OTHER_TEAM] };
    case 'other org':
      return { ...base, orgId: 'org-2', evaluatorId: ME };
  }
}

const actor = (role: Role): Actor => ({ id: ME, orgId: ORG, role, teamIds: [MY_TEAM] });

type Row = Record<Relation, 0 | 1>;
const row = (...allowed: (0 | 1)[]): Row => Object.fromEntries(RELATIONS.map((r, i) => [r, allowed[i]])) as Row;

//                 relations:      about me  I evaluated  my team  other team  other org
const EXPECTED: Record<string, Record<Role, Row>> = {
  'read submitted': {
    agent: row(1, 0, 0, 0, 0),
    supervisor: row(1, 1, 1, 0, 0),
    manager: row(1, 1, 1, 1, 0),
    admin: row(0, 0, 0, 0, 0),
  },
  'read draft': {
    agent: row(0, 0, 0, 0, 0),
    supervisor: row(0, 1, 0, 0, 0),
    manager: row(1, 1, 1, 1, 0),
    admin: row(0, 0, 0, 0, 0),
  },
  'put draft': {
    agent: row(0, 0, 0, 0, 0),
    supervisor: row(0, 1, 0, 0, 0),
    manager: row(1, 1, 1, 1, 0),
    admin: row(0, 0, 0, 0, 0),
  },
  'discard draft': {
    agent: row(0, 0, 0, 0, 0),
    supervisor: row(0, 1, 0, 0, 0),
    manager: row(1, 1, 1, 1, 0),
    admin: row(0, 0, 0, 0, 0),
  },
  'respond submitted': {
    agent: row(1, 0, 0, 0, 0),
    supervisor: row(1, 0, 0, 0, 0),
    manager: row(1, 0, 0, 0, 0),
    admin: row(0, 0, 0, 0, 0),
  },
  'respond draft': {
    agent: row(0, 0, 0, 0, 0),
    supervisor: row(0, 0, 0, 0, 0),
    manager: row(0, 0, 0, 0, 0),
    admin: row(0, 0, 0, 0, 0),
  },
  'resolve disputed': {
    agent: row(0, 0, 0, 0, 0),
    supervisor: row(0, 1, 1, 0, 0),
    manager: row(0, 1, 1, 1, 0),
    admin: row(0, 0, 0, 0, 0),
  },
};

function decide(check: string, role: Role, relation: Relation): boolean {
  const [action, status] = check.split(' ') as [string, SpotCheckStatus];
  const sc = facts(relation, status);
  return action === 'read' ? canReadSpotCheck(actor(role), sc) : canWriteSpotCheck(actor(role), action as SpotCheckAction, sc);
}

const CASES = Object.entries(EXPECTED).flatMap(([check, byRole]) =>
  Object.entries(byRole).flatMap(([role, allowed]) =>
    RELATIONS.map((relation) => ({ check, role: role as Role, relation, allowed: allowed[relation] === 1 })),
  ),
);

describe('spot check authorisation matrix', () => {
  it.each(CASES)('$role: $check, $relation → $allowed', ({ check, role, relation, allowed }) => {
    expect(decide(check, role, relation)).toBe(allowed);
  });

  it('a supervisor may not score or discard their own check of an agent outside their teams', () => {
    const moved = { ...facts('I evaluated', 'draft'), agentTeamIds: [OTHER_TEAM] };
    expect(canWriteSpotCheck(actor('supervisor'), 'put', moved)).toBe(false);
    expect(canWriteSpotCheck(actor('supervisor'), 'discard', moved)).toBe(false);
    expect(canReadSpotCheck(actor('supervisor'), moved)).toBe(true);
  });

  it('a supervisor may keep a draft with no agent chosen yet', () => {
    const noAgent = { ...facts('I evaluated', 'draft'), agentId: null, agentTeamIds: [] };
    expect(canWriteSpotCheck(actor('supervisor'), 'put', noAgent)).toBe(true);
  });
});

describe('checklist authorisation', () => {
  const ROLES: Role[] = ['agent', 'supervisor', 'manager', 'admin'];
  it.each(ROLES)('%s', (role) => {
    const manages = role === 'manager' || role === 'admin';
    const a = actor(role);
    expect(canReadChecklist(a, { orgId: ORG, status: 'approved' })).toBe(true);
    expect(canReadChecklist(a, { orgId: ORG, status: 'retired' })).toBe(true);
    expect(canReadChecklist(a, { orgId: ORG, status: 'draft' })).toBe(manages);
    expect(canWriteChecklist(a, { orgId: ORG })).toBe(manages);
    expect(canReadChecklist(a, { orgId: 'org-2', status: 'approved' })).toBe(false);
    expect(canWriteChecklist(a, { orgId: 'org-2' })).toBe(false);
  });
});

/*
 * Records about one person (notice acknowledgements), the organisation's extension set-up (rule
 * packs, notices, custom adapters, switches) and prompt events: every role against a record in every
 * relation to them. For the organisation-level rules only the organisation matters, so "me", "my
 * team" and "other team" are the actor's own organisation.
 */
describe('personal records, extension set-up and prompt events', () => {
  const ROLES: Role[] = ['agent', 'supervisor', 'manager', 'admin'];
  const WHOSE = ['me', 'my team', 'other team', 'other org'] as const;
  type Whose = (typeof WHOSE)[number];
  type Cells = Record<Whose, 0 | 1>;
  const cells = (...allowed: (0 | 1)[]): Cells => Object.fromEntries(WHOSE.map((w, i) => [w, allowed[i]])) as Cells;

  function personal(whose: Whose): PersonalFacts {
    switch (whose) {
      case 'me':
        return { orgId: ORG, userId: ME, userTeamIds: [MY_TEAM] };
      case 'my team':
        return { orgId: ORG, userId: 'colleague', userTeamIds: [OTHER_TEAM, MY_TEAM] };
      case 'other team':
        return { orgId: ORG, userId: 'colleague', userTeamIds: [OTHER_TEAM] };
      case 'other org':
        // Even a record naming the actor's own id, and a team of theirs, in another organisation.
        return { orgId: 'org-2', userId: ME, userTeamIds: [MY_TEAM] };
    }
  }
  const org = (whose: Whose) => ({ orgId: whose === 'other org' ? 'org-2' : ORG });

  const CHECKS: Record<string, (a: Actor, whose: Whose) => boolean> = {
    canReadPersonal: (a, whose) => canReadPersonal(a, personal(whose)),
    'canRead noticeAck': (a, whose) => canRead(a, { entity: 'noticeAck', ...personal(whose) }),
    canConfigureExtension: (a, whose) => canConfigureExtension(a, org(whose)),
    canPublishNotice: (a, whose) => canPublishNotice(a, org(whose)),
    canReadPromptReport: (a, whose) => canReadPromptReport(a, org(whose)),
    'canRead promptEvent': (a, whose) => canRead(a, { entity: 'promptEvent', ...org(whose) }),
    ...Object.fromEntries(
      ORGANISATION_WIDE.map((entity) => [`canRead ${entity}`, (a: Actor, whose: Whose) => canRead(a, { entity, ...org(whose) } as RecordFacts)]),
    ),
  };

  const personalRows = {
    agent: cells(1, 0, 0, 0),
    supervisor: cells(1, 1, 0, 0),
    manager: cells(1, 1, 1, 0),
    // Their own only: an admin acknowledges notices addressed to everyone, and keeps that on a new browser.
    admin: cells(1, 0, 0, 0),
  };
  const everyoneInOrg = { agent: cells(1, 1, 1, 0), supervisor: cells(1, 1, 1, 0), manager: cells(1, 1, 1, 0), admin: cells(1, 1, 1, 0) };
  //                                       whose:   me  my team  other team  other org
  const EXPECTED_ORG: Record<string, Record<Role, Cells>> = {
    canReadPersonal: personalRows,
    'canRead noticeAck': personalRows,
    canConfigureExtension: { agent: cells(0, 0, 0, 0), supervisor: cells(0, 0, 0, 0), manager: cells(1, 1, 1, 0), admin: cells(1, 1, 1, 0) },
    canPublishNotice: { agent: cells(0, 0, 0, 0), supervisor: cells(0, 0, 0, 0), manager: cells(1, 1, 1, 0), admin: cells(0, 0, 0, 0) },
    canReadPromptReport: { agent: cells(0, 0, 0, 0), supervisor: cells(1, 1, 1, 0), manager: cells(1, 1, 1, 0), admin: cells(0, 0, 0, 0) },
    'canRead promptEvent': { agent: cells(0, 0, 0, 0), supervisor: cells(0, 0, 0, 0), manager: cells(0, 0, 0, 0), admin: cells(0, 0, 0, 0) },
    'canRead orgSettings': everyoneInOrg,
    'canRead rulePack': everyoneInOrg,
    'canRead notice': everyoneInOrg,
    'canRead customAdapter': everyoneInOrg,
    'canRead adapterSwitch': everyoneInOrg,
  };

  it('covers every check and every organisation-wide entity', () => {
    expect(Object.keys(CHECKS).sort()).toEqual(Object.keys(EXPECTED_ORG).sort());
    expect([...ORGANISATION_WIDE].sort()).toEqual(['adapterSwitch', 'customAdapter', 'notice', 'orgSettings', 'rulePack']);
  });

  const cases = Object.entries(EXPECTED_ORG).flatMap(([check, byRole]) =>
    ROLES.flatMap((role) => WHOSE.map((whose) => ({ check, role, whose, allowed: byRole[role][whose] === 1 }))),
  );
  it.each(cases)('$role: $check, $whose → $allowed', ({ check, role, whose, allowed }) => {
    expect(CHECKS[check]!(actor(role), whose)).toBe(allowed);
  });

  it('a supervisor in no team reads only their own personal records', () => {
    const alone: Actor = { id: ME, orgId: ORG, role: 'supervisor', teamIds: [] };
    expect(canReadPersonal(alone, { orgId: ORG, userId: ME, userTeamIds: [] })).toBe(true);
    expect(canReadPersonal(alone, { orgId: ORG, userId: 'colleague', userTeamIds: [] })).toBe(false);
    expect(canReadPersonal(alone, { orgId: ORG, userId: 'colleague', userTeamIds: [MY_TEAM] })).toBe(false);
  });

  it('a supervisor no longer reads the records of a colleague who has left every team; a manager still does', () => {
    expect(canReadPersonal(actor('supervisor'), { orgId: ORG, userId: 'colleague', userTeamIds: [] })).toBe(false);
    expect(canReadPersonal(actor('manager'), { orgId: ORG, userId: 'colleague', userTeamIds: [] })).toBe(true);
  });
});
