import { beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../testing/databases.ts';
import { useTestServer } from '../testing/harness.ts';
import {
  type Unsent,
  customChecklist,
  discard,
  put,
  putChecklist,
  resolve,
  respond,
  spotCheckPut,
  submittedPut,
} from '../testing/spotChecks.ts';
import { syncClient } from '../testing/syncClient.ts';
import type { PersonKey } from '../testing/world.ts';

/*
 * The authorisation matrix through the routes (server/authz.test.ts has it for the rules alone):
 * what each person pulls, and whether each person's push of each kind of change is applied.
 * People: agents a1, a2 (team A) and b1 (team B); supervisors supA (A) and supB (B); manager; admin;
 * and otherManager, otherSup, otherAgent in another organisation.
 */

const PEOPLE: PersonKey[] = ['a1', 'a2', 'b1', 'supA', 'supB', 'manager', 'admin', 'otherManager', 'otherSup', 'otherAgent'];

//                        a1 a2 b1 supA supB mgr admin | oMgr oSup oAgent
const READS: Record<string, number[]> = {
  'submitted, supA of a1': [1, 0, 0, 1, 0, 1, 0, 0, 0, 0],
  'draft, supA of a1': [0, 0, 0, 1, 0, 1, 0, 0, 0, 0],
  'submitted, manager of a2': [0, 1, 0, 1, 0, 1, 0, 0, 0, 0],
  'draft, manager of a2': [0, 0, 0, 0, 0, 1, 0, 0, 0, 0],
  'submitted, supB of b1': [0, 0, 1, 0, 1, 1, 0, 0, 0, 0],
  'draft, supB of b1': [0, 0, 0, 0, 1, 1, 0, 0, 0, 0],
  'submitted, other org': [0, 0, 0, 0, 0, 0, 0, 1, 1, 1],
  'checklist approved': [1, 1, 1, 1, 1, 1, 1, 0, 0, 0],
  'checklist draft': [0, 0, 0, 0, 0, 1, 1, 0, 0, 0],
  'checklist approved, other org': [0, 0, 0, 0, 0, 0, 0, 1, 1, 1],
};

/** applied; rejected; or (another organisation) nothing of Acme's changes, whatever the answer. */
type Expected = 'applied' | 'rejected' | 'untouched';

/** Each write scenario: who owns the target and how it is made, and the mutation to try on it. */
interface Scenario {
  target(): Promise<{ entity: 'spotCheck' | 'checklist'; id: string; version: number }>;
  mutation(id: string, version: number): Unsent;
}

const WRITES: [string, Partial<Record<PersonKey, Expected>>][] = [
  ['update draft, supA of a1', { supA: 'applied', manager: 'applied', supB: 'rejected', admin: 'rejected', a1: 'rejected', a2: 'rejected', otherManager: 'untouched' }],
  ['create, about a1', { supA: 'applied', manager: 'applied', supB: 'rejected', admin: 'rejected', a1: 'rejected', a2: 'rejected', otherManager: 'rejected', otherSup: 'rejected' }],
  ['create, about b1', { supB: 'applied', manager: 'applied', supA: 'rejected', admin: 'rejected', b1: 'rejected' }],
  ['discard draft, supA of a1', { supA: 'applied', manager: 'applied', supB: 'rejected', admin: 'rejected', a1: 'rejected', otherManager: 'untouched' }],
  ['acknowledge, supA of a1', { a1: 'applied', a2: 'rejected', b1: 'rejected', supA: 'rejected', supB: 'rejected', manager: 'rejected', admin: 'rejected', otherAgent: 'untouched' }],
  ['resolve dispute, supA of a1', { supA: 'applied', manager: 'applied', supB: 'rejected', a1: 'rejected', a2: 'rejected', admin: 'rejected', otherManager: 'untouched' }],
  ['resolve dispute, supB of b1', { supB: 'applied', manager: 'applied', supA: 'rejected', b1: 'rejected', admin: 'rejected' }],
  ['publish checklist', { manager: 'applied', admin: 'applied', supA: 'rejected', a1: 'rejected' }],
  ['update checklist draft', { manager: 'applied', admin: 'applied', supA: 'rejected', a1: 'rejected', otherManager: 'untouched' }],
];

let lists = 0;

describe.each(DATABASE_KINDS)('authorisation through the routes on %s', (kind) => {
  const t = useTestServer(kind);
  const as = (key: PersonKey) => syncClient(t, t.world.people[key]);
  const recordIds: Record<string, string> = {};

  beforeAll(async () => {
    const p = t.world.people;
    const make = async (key: PersonKey, label: string, args: ReturnType<typeof spotCheckPut>) => {
      recordIds[label] = args.id;
      expect((await as(key).push(put(args)))[0]!.status).toBe('applied');
    };
    await make('supA', 'submitted, supA of a1', submittedPut(p.a1.id));
    await make('supA', 'draft, supA of a1', spotCheckPut({ agentId: p.a1.id }));
    await make('manager', 'submitted, manager of a2', submittedPut(p.a2.id));
    await make('manager', 'draft, manager of a2', spotCheckPut({ agentId: p.a2.id }));
    await make('supB', 'submitted, supB of b1', submittedPut(p.b1.id));
    await make('supB', 'draft, supB of b1', spotCheckPut({ agentId: p.b1.id }));
    await make('otherSup', 'submitted, other org', submittedPut(p.otherAgent.id));
    const publish = async (key: PersonKey, label: string, list: ReturnType<typeof customChecklist>) => {
      recordIds[label] = `${list.id}@${list.version}`;
      expect((await as(key).push(putChecklist(list)))[0]!.status).toBe('applied');
    };
    await publish('manager', 'checklist approved', customChecklist('acme-list', 1, 'approved'));
    await publish('manager', 'checklist draft', customChecklist('acme-list', 2, 'draft'));
    await publish('otherManager', 'checklist approved, other org', customChecklist('other-list', 1, 'approved'));
  });

  describe('reads (pull)', () => {
    it.each(PEOPLE)('%s pulls exactly what the matrix allows', async (key) => {
      const column = PEOPLE.indexOf(key);
      const expected = Object.entries(READS)
        .filter(([, allowed]) => allowed[column] === 1)
        .map(([label]) => recordIds[label])
        .sort();
      const pulled = (await as(key).pullAll()).records.map((r) => r.id).sort();
      expect(pulled).toEqual(expected);
    });
  });

  describe('writes (push)', () => {
    const scenarios: Record<string, Scenario> = {
      'update draft, supA of a1': {
        target: async () => {
          const args = spotCheckPut({ agentId: t.world.people.a1.id });
          await as('supA').push(put(args));
          return { entity: 'spotCheck', id: args.id, version: 1 };
        },
        mutation: (id, version) => put(spotCheckPut({ id, agentId: t.world.people.a1.id, note: 'changed' }), version),
      },
      'create, about a1': {
        target: async () => ({ entity: 'spotCheck', id: spotCheckPut().id, version: 0 }),
        mutation: (id) => put(spotCheckPut({ id, agentId: t.world.people.a1.id })),
      },
      'create, about b1': {
        target: async () => ({ entity: 'spotCheck', id: spotCheckPut().id, version: 0 }),
        mutation: (id) => put(spotCheckPut({ id, agentId: t.world.people.b1.id })),
      },
      'discard draft, supA of a1': {
        target: async () => {
          const args = spotCheckPut({ agentId: t.world.people.a1.id });
          await as('supA').push(put(args));
          return { entity: 'spotCheck', id: args.id, version: 1 };
        },
        mutation: (id, version) => discard(id, version),
      },
      'acknowledge, supA of a1': {
        target: async () => {
          const args = submittedPut(t.world.people.a1.id);
          await as('supA').push(put(args));
          return { entity: 'spotCheck', id: args.id, version: 1 };
        },
        mutation: (id, version) => respond(id, version, 'acknowledge'),
      },
      'resolve dispute, supA of a1': {
        target: async () => {
          const args = submittedPut(t.world.people.a1.id);
          await as('supA').push(put(args));
          await as('a1').push(respond(args.id, 1, 'dispute', 'not me'));
          return { entity: 'spotCheck', id: args.id, version: 2 };
        },
        mutation: (id, version) => resolve(id, version),
      },
      'resolve dispute, supB of b1': {
        target: async () => {
          const args = submittedPut(t.world.people.b1.id);
          await as('supB').push(put(args));
          await as('b1').push(respond(args.id, 1, 'dispute', 'not me'));
          return { entity: 'spotCheck', id: args.id, version: 2 };
        },
        mutation: (id, version) => resolve(id, version),
      },
      'publish checklist': {
        target: async () => ({ entity: 'checklist', id: `published-${++lists}@1`, version: 0 }),
        mutation: (id) => putChecklist(customChecklist(id.split('@')[0]!, 1, 'draft')),
      },
      'update checklist draft': {
        target: async () => {
          const list = customChecklist(`draft-${++lists}`, 1, 'draft');
          await as('manager').push(putChecklist(list));
          return { entity: 'checklist', id: `${list.id}@1`, version: 1 };
        },
        mutation: (id, version) => putChecklist({ ...customChecklist(id.split('@')[0]!, 1, 'draft'), passMark: 60 }, version),
      },
    };

    const cases = WRITES.flatMap(([scenario, byPerson]) =>
      Object.entries(byPerson).map(([person, expected]) => ({ scenario, person: person as PersonKey, expected: expected! })),
    );

    it.each(cases)('$person: $scenario → $expected', async ({ scenario, person, expected }) => {
      const { target, mutation } = scenarios[scenario]!;
      const before = await target();
      const [result] = await as(person).push(mutation(before.id, before.version));
      const acmeOrg = t.world.orgs.acme;
      const stored = await t.database.db
        .selectFrom('records')
        .select('version')
        .where('org_id', '=', acmeOrg)
        .where('entity', '=', before.entity)
        .where('id', '=', before.id)
        .executeTakeFirst();
      if (expected === 'applied') {
        expect(result, JSON.stringify(result)).toMatchObject({ status: 'applied', record: { version: before.version + 1 } });
        expect(stored?.version).toBe(before.version + 1);
      } else {
        if (expected === 'rejected') expect(result!.status, JSON.stringify(result)).toBe('rejected');
        else expect(result!.record).toBeUndefined();
        expect(stored?.version).toBe(before.version === 0 ? undefined : before.version);
      }
    });
  });
});
