import { describe, expect, it } from 'vitest';
import type { Role } from '../core/account.ts';
import type { SpotCheckStatus } from '../core/spotCheck.ts';
import {
  type Actor,
  type SpotCheckAction,
  type SpotCheckFacts,
  canReadChecklist,
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
