import { Hono } from 'hono';
import { effectivePack } from '../../core/promptPacks/effective.ts';
import { type PromptReport, PromptReportQuery, summarisePrompts } from '../../core/promptReport.ts';
import type { PromptRule, RulePack } from '../../core/promptRules.ts';
import type { PromptEvent } from '../../core/promptRecords.ts';
import { canReadPromptReport } from '../authz.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { authenticate } from '../http/authenticate.ts';
import { readQuery } from '../http/body.ts';
import { Problem } from '../http/problem.ts';

const DAY_MS = 86_400_000;
/** A year and a day: longer ranges are read as several reports. */
const MAX_DAYS = 366;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Reports built from what the extensions sync; each says whose records it counts. */
export function reportRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return new Hono<AppEnv>().get('/prompts', authenticate(deps), async (c) => {
    const user = c.var.user;
    if (!canReadPromptReport(user, { orgId: user.orgId })) throw new Problem(403, 'only supervisors and managers can read the prompt report');
    const query = readQuery(c, PromptReportQuery);
    const to = query.to ?? isoDay(deps.clock().getTime());
    const from = query.from ?? isoDay(Date.parse(to) - 30 * DAY_MS);
    if (from > to) throw new Problem(400, `the report starts (${from}) after it ends (${to})`);
    if (Date.parse(to) - Date.parse(from) > MAX_DAYS * DAY_MS) throw new Problem(400, `a report covers at most ${MAX_DAYS} days`);

    // A supervisor counts the people in their teams and themselves; a manager, everyone.
    const people =
      user.role === 'manager'
        ? null
        : [
            user.id,
            ...(user.teamIds.length
              ? (await db.selectFrom('team_members').select('user_id').where('team_id', 'in', user.teamIds).execute()).map((m) => m.user_id)
              : []),
          ];
    let rows = db
      .selectFrom('records')
      .select('data')
      .where('org_id', '=', user.orgId)
      .where('entity', '=', 'promptEvent')
      // An event reaches the server after it happened (a browser may be offline for days), never before.
      .where('updated_at', '>=', new Date(Date.parse(from) - DAY_MS).toISOString());
    if (people) rows = rows.where('agent_id', 'in', [...new Set(people)]);
    const events = (await rows.execute())
      .map((r) => JSON.parse(r.data ?? 'null') as PromptEvent | null)
      .filter((e): e is PromptEvent => e !== null && e.at.slice(0, 10) >= from && e.at.slice(0, 10) <= to);

    const report: PromptReport = {
      from,
      to,
      people: people ? new Set(people).size : Number((await db.selectFrom('users').select((eb) => eb.fn.countAll().as('n')).where('org_id', '=', user.orgId).executeTakeFirstOrThrow()).n),
      ...summarisePrompts(events, await describedRules(deps, user.orgId)),
    };
    return c.json(report);
  });
}

/** What each rule id means: the rules as the extensions run them (core/promptPacks/effective.ts). */
async function describedRules({ database: { db } }: AppDeps, orgId: string): Promise<Map<string, PromptRule>> {
  const rows = await db.selectFrom('records').select('data').where('org_id', '=', orgId).where('entity', '=', 'rulePack').where('deleted', '=', 0).execute();
  const packs = rows.map((r) => JSON.parse(r.data ?? 'null') as RulePack | null).filter((p): p is RulePack => p !== null);
  return new Map(effectivePack(packs).pack.rules.map((r) => [r.id, r]));
}
