/** People, a team and a notice for tests of procedure notices (core, background and panel alike). */
import type { RosterEntry } from './account.ts';
import type { ProcedureNotice } from './promptRecords.ts';

export const fixtureId = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
export const BILLING = fixtureId(901);

const person = (n: number, name: string, role: RosterEntry['role']): RosterEntry => ({
  id: fixtureId(n),
  name,
  role,
  teamIds: role === 'manager' ? [] : [BILLING],
  crmNames: [],
});

export const NOTICE_PEOPLE = {
  alex: person(1, 'Alex Agent', 'agent'),
  blake: person(2, 'Blake Agent', 'agent'),
  sam: person(3, 'Sam Supervisor', 'supervisor'),
  mo: person(4, 'Mo Manager', 'manager'),
};

/** Addressed to agents, acknowledgement required. */
export const REFUNDS_NOTICE: ProcedureNotice = {
  id: fixtureId(100),
  version: 1,
  title: 'Refunds over £50 need a second check',
  whatChanged: 'Ask a supervisor to check any refund over £50 before agreeing it.',
  effectiveFrom: '2026-04-01',
  audience: { roles: ['agent'], teamIds: [] },
  requiresAcknowledgement: true,
  criteria: [],
  requirementIds: [],
  publishedBy: NOTICE_PEOPLE.mo.id,
  publishedAt: '2026-03-20T09:00:00.000Z',
};
