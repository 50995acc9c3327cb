import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../core/ids.ts';
import type { MutationResult, SyncRecord } from '../../core/sync.ts';
import { call, useTestServer } from '../testing/harness.ts';
import { PHONE, type Unsent, answerAll, discard, newClientId, numbered, put, spotCheckPut } from '../testing/spotChecks.ts';
import { type World, seedWorld } from '../testing/world.ts';

/*
 * However a client's outbox reaches the server (in batches of any size, with answers lost and
 * batches sent again, overlapping what was already applied), the server ends in the same state and
 * gives every mutation the same answer as when the whole outbox is pushed once.
 */

type Op = { slot: number; kind: 'draft' | 'submit' | 'discard'; base: number };
const op = fc.record({ slot: fc.integer({ min: 0, max: 2 }), kind: fc.constantFrom('draft', 'submit', 'discard'), base: fc.integer({ min: 0, max: 3 }) });
/** Each delivery: how many mutations the client sends, and whether the answer is lost on the way back. */
const delivery = fc.record({ size: fc.integer({ min: 1, max: 4 }), lost: fc.boolean() });

function mutations(ops: readonly Op[], world: World, slots: readonly string[]): Unsent[] {
  return ops.map(({ slot, kind, base }) => {
    const id = slots[slot]!;
    if (kind === 'discard') return discard(id, base);
    const args = spotCheckPut({ id, agentId: world.people.a1.id, note: `slot ${slot}` });
    return put(kind === 'draft' ? args : { ...args, answers: answerAll(PHONE, 'top'), status: 'submitted' }, base);
  });
}

/** Records compared across the two organisations: the same but for who the people are. */
function comparable(records: readonly SyncRecord[]) {
  return records.map(({ data, ...rest }) => {
    if (data === null) return { ...rest, data };
    const { evaluator: _e, evaluatorId: _ei, agentId: _a, ...content } = data as Record<string, unknown>;
    return { ...rest, data: content };
  });
}
const comparableResults = (results: readonly MutationResult[]) =>
  results.map(({ record, ...rest }) => ({ ...rest, ...(record ? { record: comparable([record])[0] } : {}) }));

describe('push, whatever the deliveries (property)', () => {
  const t = useTestServer('sqlite');
  let worlds = 0;

  it('ends in the same state with the same answers as one push of the whole outbox', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 10 }), fc.array(delivery, { minLength: 30, maxLength: 30 }), async (ops, deliveries) => {
        const slots = [uuidv7(), uuidv7(), uuidv7()];
        const [once, messy] = [await seedWorld(t.database.db, t.clock(), `p${++worlds}-`), await seedWorld(t.database.db, t.clock(), `p${++worlds}-`)];
        const pushAs = async (world: World, clientId: string, batch: ReturnType<typeof numbered>) => {
          const response = await call(t.app, 'POST', '/api/sync/push', { token: world.people.supA.token, json: { clientId, mutations: batch } });
          expect(response.status).toBe(200);
          return response.body.results as MutationResult[];
        };

        const reference = await pushAs(once, newClientId(), numbered(1, mutations(ops, once, slots)));

        const outbox = numbered(1, mutations(ops, messy, slots));
        const clientId = newClientId();
        const answers = new Map<number, MutationResult[]>();
        let next = 0;
        const deliver = async (size: number, lost: boolean) => {
          const results = await pushAs(messy, clientId, outbox.slice(next, next + size));
          for (const r of results) answers.set(r.id, [...(answers.get(r.id) ?? []), r]);
          if (!lost) next += results.length;
        };
        for (const { size, lost } of deliveries) if (next < outbox.length) await deliver(size, lost);
        // Whatever deliveries were left, the client keeps going until its outbox is empty.
        while (next < outbox.length) await deliver(4, false);

        for (const expected of reference) {
          const got = answers.get(expected.id)!;
          for (const answer of got) expect(comparableResults([answer])).toEqual(comparableResults([expected]));
        }
        const state = async (world: World) =>
          comparable(
            (await t.database.db.selectFrom('records').select(['entity', 'id', 'version', 'deleted', 'data']).where('org_id', '=', world.orgs.acme).orderBy('id').execute()).map(
              (r) => ({ entity: r.entity, id: r.id, version: r.version, deleted: r.deleted === 1, data: r.data === null ? null : JSON.parse(r.data) }),
            ),
          );
        expect(await state(messy)).toEqual(await state(once));
        const writes = async (world: World) =>
          (await t.database.db.selectFrom('audit_log').select('action').where('org_id', '=', world.orgs.acme).where('action', 'like', 'spotCheck.%').execute()).length;
        expect(await writes(messy)).toBe(await writes(once));
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
