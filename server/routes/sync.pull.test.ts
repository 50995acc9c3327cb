import { describe, expect, it } from 'vitest';
import { PULL_PAGE_SIZE, type SyncRecord } from '../../core/sync.ts';
import { DATABASE_KINDS } from '../testing/databases.ts';
import { useTestServer } from '../testing/harness.ts';
import { discard, put, spotCheckPut, submittedPut } from '../testing/spotChecks.ts';
import { syncClient } from '../testing/syncClient.ts';
import { seedWorld } from '../testing/world.ts';

let worlds = 0;

describe.each(DATABASE_KINDS)('pull on %s', (kind) => {
  const t = useTestServer(kind);
  /** A separate pair of organisations, so counts are this test's alone. */
  const freshWorld = () => seedWorld(t.database.db, t.clock(), `w${++worlds}-`);

  it('pages by seq: every record once, in order, with hasMore and a cursor to continue from', async () => {
    const { people } = await freshWorld();
    const manager = syncClient(t, people.manager);
    const total = PULL_PAGE_SIZE * 2 + 37;
    const ids: string[] = [];
    while (ids.length < total) {
      const batch = Array.from({ length: Math.min(PULL_PAGE_SIZE, total - ids.length) }, () => spotCheckPut());
      ids.push(...batch.map((b) => b.id));
      await manager.push(...batch.map((b) => put(b)));
    }
    const first = await manager.pull(0);
    expect(first).toMatchObject({ hasMore: true });
    expect(first.records).toHaveLength(PULL_PAGE_SIZE);
    const second = await manager.pull(first.cursor);
    expect(second.records).toHaveLength(PULL_PAGE_SIZE);
    const third = await manager.pull(second.cursor);
    expect(third).toMatchObject({ hasMore: false, cursor: total });
    expect([...first.records, ...second.records, ...third.records].map((r) => r.id)).toEqual(ids);
    expect(await manager.pull(third.cursor)).toMatchObject({ records: [], hasMore: false, cursor: total });
  });

  it('returns changes, not history: a record changed twice comes once, at its latest version', async () => {
    const { people } = await freshWorld();
    const sup = syncClient(t, people.supA);
    const draft = spotCheckPut();
    await sup.push(put(draft), put({ ...draft, note: 'second' }, 1));
    const { records } = await sup.pullAll();
    expect(records).toEqual([expect.objectContaining({ id: draft.id, version: 2, data: expect.objectContaining({ note: 'second' }) })]);
  });

  it("moves the cursor past changes the user may not read, so they are not scanned again", async () => {
    const { people } = await freshWorld();
    await syncClient(t, people.supA).push(...Array.from({ length: 5 }, () => put(spotCheckPut({ agentId: people.a1.id }))));
    const agent = syncClient(t, people.a1);
    expect(await agent.pull(0)).toMatchObject({ records: [], hasMore: false, cursor: 5 });
    // A cursor from the future (say, a restored server) comes back to the head.
    expect((await agent.pull(99)).cursor).toBe(5);
  });

  it('sends the roster without emails, and the teams', async () => {
    const world = await freshWorld();
    const page = await syncClient(t, world.people.a1).pull(0);
    expect(page.teams.map((team) => team.name)).toEqual(['Team A', 'Team B']);
    expect(page.roster).toHaveLength(7);
    expect(page.roster).toContainEqual({ id: world.people.supA.id, name: world.people.supA.name, role: 'supervisor', teamIds: [world.teams.A], crmNames: ['supA'] });
    expect(JSON.stringify(page.roster)).not.toContain('@');
  });

  it('pulls the tombstone of a discarded draft only by those who could read the draft', async () => {
    const { people } = await freshWorld();
    const sup = syncClient(t, people.supA);
    const draft = spotCheckPut({ agentId: people.a1.id });
    await sup.push(put(draft), discard(draft.id, 1));
    expect((await sup.pullAll()).records).toEqual([{ entity: 'spotCheck', id: draft.id, version: 2, deleted: true, data: null }]);
    expect((await syncClient(t, people.manager).pullAll()).records.map((r) => r.deleted)).toEqual([true]);
    expect((await syncClient(t, people.a1).pullAll()).records).toEqual([]);
  });

  it('never skips or repeats a record while pushes run concurrently', async () => {
    const { people } = await freshWorld();
    // Six browsers: supervisors score their own team's agent, the manager anyone's.
    const pushers = [
      { person: people.supA, agentId: people.a1.id },
      { person: people.supB, agentId: people.b1.id },
      { person: people.manager, agentId: people.b1.id },
      { person: people.supA, agentId: people.a2.id },
      { person: people.manager, agentId: people.a1.id },
      { person: people.supB, agentId: people.b1.id },
    ].map(({ person, agentId }) => ({ client: syncClient(t, person), agentId }));
    const BATCHES = 6;
    const PER_BATCH = 15;
    const reader = syncClient(t, people.manager);
    const seen: SyncRecord[] = [];
    let cursor = 0;
    let pushing = true;

    const pushing$ = Promise.all(
      pushers.map(async ({ client, agentId }) => {
        for (let b = 0; b < BATCHES; b++) {
          const results = await client.push(...Array.from({ length: PER_BATCH }, () => put(submittedPut(agentId))));
          expect(results.every((r) => r.status === 'applied')).toBe(true);
        }
      }),
    ).finally(() => {
      pushing = false;
    });
    const reading$ = (async () => {
      let pulls = 0;
      while (pushing || pulls === 0) {
        const page = await reader.pull(cursor);
        seen.push(...page.records);
        cursor = page.cursor;
        pulls++;
      }
      return pulls;
    })();
    await pushing$;
    const pulls = await reading$;
    seen.push(...(await reader.pullAll(cursor)).records);

    const total = pushers.length * BATCHES * PER_BATCH;
    expect(pulls).toBeGreaterThan(1);
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((r) => r.id)).size).toBe(total);
    const orgId = people.manager.orgId;
    const { change_seq } = await t.database.db.selectFrom('organisations').select('change_seq').where('id', '=', orgId).executeTakeFirstOrThrow();
    expect(change_seq).toBe(total);
    const seqs = await t.database.db.selectFrom('records').select('seq').where('org_id', '=', orgId).orderBy('seq').execute();
    expect(seqs.map((r) => r.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  }, 60_000);
});
