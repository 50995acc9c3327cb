import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../core/ids.ts';
import { PromptReport } from '../../core/promptReport.ts';
import type { PromptAction, PromptEvent } from '../../core/promptRecords.ts';
import { DATABASE_KINDS } from '../testing/databases.ts';
import { START, call, useTestServer } from '../testing/harness.ts';
import { syncClient } from '../testing/syncClient.ts';
import type { Person } from '../testing/world.ts';

const DAY = 86_400_000;

const event = (userId: string, ruleId: string, action: PromptAction, daysAgo = 0): PromptEvent => ({
  id: uuidv7(),
  ruleId,
  ruleVersion: 1,
  packId: 'uk-default',
  packVersion: 1,
  action,
  ...(action === 'dismissed' || action === 'overridden' ? { reason: 'Already done on the call' } : {}),
  contactKey: 'rt.example.com:ticket:1042',
  userId,
  at: new Date(START.getTime() - daysAgo * DAY).toISOString(),
});

describe.each(DATABASE_KINDS)('GET /api/reports/prompts on %s', (kind) => {
  const t = useTestServer(kind);
  const report = async (who: Person, query = '') => call(t.app, 'GET', `/api/reports/prompts${query}`, { token: who.token });

  async function record(who: Person, ...events: PromptEvent[]) {
    const results = await syncClient(t, who).push(...events.map((e) => ({ name: 'promptEvent.record' as const, recordId: e.id, baseVersion: 0, args: e })));
    expect(results.map((r) => r.status)).toEqual(events.map(() => 'applied'));
  }

  it('counts per rule and requirement: supervisors their teams, managers everyone; nobody else reads it', async () => {
    const { a1, a2, b1, supA, supB, manager, admin, otherManager } = t.world.people;
    await record(a1, event(a1.id, 'card-number-in-reply', 'shown'), event(a1.id, 'card-number-in-reply', 'overridden'), event(a1.id, 'sounds-like-a-complaint', 'shown'));
    await record(a2, event(a2.id, 'sounds-like-a-complaint', 'shown'), event(a2.id, 'sounds-like-a-complaint', 'dismissed'));
    await record(b1, event(b1.id, 'card-number-in-reply', 'shown'));
    // Outside the default 30 days: not counted.
    await record(b1, event(b1.id, 'card-number-in-reply', 'shown', 45));

    const teamA = await report(supA);
    expect(teamA.status).toBe(200);
    const a = PromptReport.parse(teamA.body);
    expect(a).toMatchObject({ from: '2026-01-31', to: '2026-03-02', people: 3 });
    expect(a.rules.map((r) => [r.ruleId, r.shown, r.dismissed, r.overridden])).toEqual([
      ['sounds-like-a-complaint', 2, 1, 0],
      ['card-number-in-reply', 1, 0, 1],
    ]);
    expect(a.rules[1]).toMatchObject({ title: 'Card number in the reply', requirementIds: ['PCI DSS 4.2.2'] });
    expect(a.requirements).toEqual([
      { requirementId: 'DISP 1.3.1R', shown: 2, acknowledged: 0, dismissed: 1, overridden: 0 },
      { requirementId: 'PCI DSS 4.2.2', shown: 1, acknowledged: 0, dismissed: 0, overridden: 1 },
    ]);

    const teamB = PromptReport.parse((await report(supB)).body);
    expect(teamB.rules.map((r) => [r.ruleId, r.shown])).toEqual([['card-number-in-reply', 1]]);

    const all = PromptReport.parse((await report(manager)).body);
    expect(all.people).toBe(7);
    expect(all.rules.map((r) => [r.ruleId, r.shown])).toEqual([
      ['card-number-in-reply', 2],
      ['sounds-like-a-complaint', 2],
    ]);
    const longer = PromptReport.parse((await report(manager, '?from=2026-01-01&to=2026-03-02')).body);
    expect(longer.rules.find((r) => r.ruleId === 'card-number-in-reply')?.shown).toBe(3);

    // Another organisation's manager sees none of Acme's events.
    expect(PromptReport.parse((await report(otherManager)).body).rules).toEqual([]);
    for (const who of [a1, admin]) {
      const refused = await report(who);
      expect(refused.status).toBe(403);
      expect(refused.body).toEqual({ error: 'only supervisors and managers can read the prompt report' });
    }
  });

  it.each([
    ['?from=yesterday', 400],
    ['?from=2026-03-02&to=2026-03-01', 400],
    ['?to=2026-02-30T00:00', 400],
    ['?colour=blue', 400],
    ['?from=2024-01-01&to=2026-03-02', 400],
  ])('refuses %s', async (query, status) => {
    const response = await report(t.world.people.manager, query);
    expect(response.status).toBe(status);
    expect(typeof (response.body as { error: string }).error).toBe('string');
  });

  it('asks for a token', async () => {
    expect((await call(t.app, 'GET', '/api/reports/prompts')).status).toBe(401);
  });
});
