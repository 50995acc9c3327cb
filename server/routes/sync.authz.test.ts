import { beforeAll, describe, expect, it } from 'vitest';
import type { CustomAdapterPutInput } from '../../core/customAdapter.ts';
import { uuidv7 } from '../../core/ids.ts';
import { type RulePackInput } from '../../core/promptRules.ts';
import { type NoticePutInput, noticeAckKey } from '../../core/promptRecords.ts';
import type { Entity } from '../../core/sync.ts';
import type { SessionUser } from '../accounts/sessions.ts';
import { PushContext } from '../sync/pushContext.ts';
import { RECORD_COLUMNS, fromRow } from '../sync/records.ts';
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
import type { Person, PersonKey } from '../testing/world.ts';

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
  'rule pack': [1, 1, 1, 1, 1, 1, 1, 0, 0, 0],
  'rule pack, other org': [0, 0, 0, 0, 0, 0, 0, 1, 1, 1],
  notice: [1, 1, 1, 1, 1, 1, 1, 0, 0, 0],
  'notice, other org': [0, 0, 0, 0, 0, 0, 0, 1, 1, 1],
  'notice ack of a1': [1, 0, 0, 1, 0, 1, 0, 0, 0, 0],
  'notice ack of b1': [0, 0, 1, 0, 1, 1, 0, 0, 0, 0],
  'notice ack of supA': [0, 0, 0, 1, 0, 1, 0, 0, 0, 0],
  'notice ack of manager': [0, 0, 0, 0, 0, 1, 0, 0, 0, 0],
  'notice ack of otherAgent': [0, 0, 0, 0, 0, 0, 0, 1, 1, 1],
  'prompt event of a1': [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  'prompt event of manager': [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  'prompt event, other org': [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  'custom adapter': [1, 1, 1, 1, 1, 1, 1, 0, 0, 0],
  'adapter switch': [1, 1, 1, 1, 1, 1, 1, 0, 0, 0],
};

const rulePack = (id: string, version = 1): RulePackInput => ({
  id,
  version,
  title: `Pack ${id}`,
  rules: [{ id: 'r', version: 1, title: 'A rule', level: 'info', requiresAcknowledgement: false, when: {}, message: 'Something to check.' }],
});
const putRulePack = (args: RulePackInput, baseVersion = 0): Unsent => ({ name: 'rulePack.put', recordId: args.id, baseVersion, args });
const notice = (id: string = uuidv7(), title = 'New refund rules'): NoticePutInput => ({
  id,
  title,
  whatChanged: 'Refunds above £50 go to a supervisor.',
  effectiveFrom: '2026-03-09',
  audience: { roles: [], teamIds: [] },
  requiresAcknowledgement: true,
});
const putNotice = (args: NoticePutInput, baseVersion = 0): Unsent => ({ name: 'notice.put', recordId: args.id, baseVersion, args: args as never });
const ackNotice = (noticeId: string, person: Person): Unsent => ({
  name: 'noticeAck.put',
  recordId: noticeAckKey({ noticeId, noticeVersion: 1, userId: person.id }),
  baseVersion: 0,
  args: { noticeId, noticeVersion: 1 },
});
const recordEvent = (person: Person, at: Date): Unsent => {
  const id = uuidv7();
  return {
    name: 'promptEvent.record',
    recordId: id,
    baseVersion: 0,
    args: { id, ruleId: 'r', ruleVersion: 1, action: 'shown', contactKey: 'rt:1042', userId: person.id, at: at.toISOString() },
  };
};
const adapter = (id: string, name = 'Acme Desk'): CustomAdapterPutInput => ({
  id,
  name,
  matches: ['https://desk.acme.example/tickets/*'],
  contactId: { from: 'url', pattern: '/tickets/(\\d{1,12})' },
  fields: {},
});
const putAdapter = (args: CustomAdapterPutInput, baseVersion = 0): Unsent => ({ name: 'customAdapter.put', recordId: args.id, baseVersion, args: args as never });
const putSwitch = (adapterId: string, adapterVersion: number, disabled: boolean, baseVersion = 0): Unsent => ({
  name: 'adapterSwitch.put',
  recordId: `${adapterId}@${adapterVersion}`,
  baseVersion,
  args: { adapterId, adapterVersion, disabled, reason: 'the page changed' },
});

/** applied; rejected; or (another organisation) nothing of Acme's changes, whatever the answer. */
type Expected = 'applied' | 'rejected' | 'untouched';

/** Each write scenario: who owns the target and how it is made, and the mutation to try on it. */
interface Scenario {
  target(): Promise<{ entity: Entity; id: string; version: number }>;
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
  ['publish rule pack', { manager: 'applied', admin: 'applied', supA: 'rejected', supB: 'rejected', a1: 'rejected' }],
  ['revise rule pack', { manager: 'applied', admin: 'applied', supA: 'rejected', b1: 'rejected', otherManager: 'untouched' }],
  ['publish notice', { manager: 'applied', admin: 'rejected', supA: 'rejected', a1: 'rejected' }],
  ['revise notice', { manager: 'applied', admin: 'rejected', supB: 'rejected', b1: 'rejected', otherManager: 'untouched' }],
  ['publish custom adapter', { manager: 'applied', admin: 'applied', supA: 'rejected', a1: 'rejected' }],
  ['revise custom adapter', { manager: 'applied', admin: 'applied', supB: 'rejected', a2: 'rejected', otherManager: 'untouched' }],
  ['switch adapter off', { manager: 'applied', admin: 'applied', supA: 'rejected', b1: 'rejected' }],
];

let lists = 0;
let configs = 0;

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

    const applied = async (key: PersonKey, label: string, recordId: string, mutation: Unsent) => {
      recordIds[label] = recordId;
      const [result] = await as(key).push(mutation);
      expect(result, label).toMatchObject({ status: 'applied' });
    };
    await applied('manager', 'rule pack', 'acme-pack', putRulePack(rulePack('acme-pack')));
    await applied('otherManager', 'rule pack, other org', 'other-pack', putRulePack(rulePack('other-pack')));
    const acmeNotice = notice();
    await applied('manager', 'notice', acmeNotice.id, putNotice(acmeNotice));
    for (const key of ['a1', 'b1', 'supA', 'manager'] as const) {
      await applied(key, `notice ack of ${key}`, noticeAckKey({ noticeId: acmeNotice.id, noticeVersion: 1, userId: p[key].id }), ackNotice(acmeNotice.id, p[key]));
    }
    const otherNotice = notice();
    await applied('otherManager', 'notice, other org', otherNotice.id, putNotice(otherNotice));
    await applied('otherAgent', 'notice ack of otherAgent', noticeAckKey({ noticeId: otherNotice.id, noticeVersion: 1, userId: p.otherAgent.id }), ackNotice(otherNotice.id, p.otherAgent));
    for (const [key, label] of [['a1', 'prompt event of a1'], ['manager', 'prompt event of manager'], ['otherAgent', 'prompt event, other org']] as const) {
      const event = recordEvent(p[key], t.clock());
      await applied(key, label, event.recordId, event);
    }
    await applied('admin', 'custom adapter', 'acme-desk', putAdapter(adapter('acme-desk')));
    await applied('manager', 'adapter switch', 'zendesk@3', putSwitch('zendesk', 3, true));
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
      'publish rule pack': {
        target: async () => ({ entity: 'rulePack', id: `pack-${++configs}`, version: 0 }),
        mutation: (id) => putRulePack(rulePack(id)),
      },
      'revise rule pack': {
        target: async () => {
          const id = `pack-${++configs}`;
          await as('manager').push(putRulePack(rulePack(id)));
          return { entity: 'rulePack', id, version: 1 };
        },
        mutation: (id, version) => putRulePack(rulePack(id, 2), version),
      },
      'publish notice': {
        target: async () => ({ entity: 'notice', id: uuidv7(), version: 0 }),
        mutation: (id) => putNotice(notice(id)),
      },
      'revise notice': {
        target: async () => {
          const args = notice();
          await as('manager').push(putNotice(args));
          return { entity: 'notice', id: args.id, version: 1 };
        },
        mutation: (id, version) => putNotice(notice(id, 'Revised refund rules'), version),
      },
      'publish custom adapter': {
        target: async () => ({ entity: 'customAdapter', id: `adapter-${++configs}`, version: 0 }),
        mutation: (id) => putAdapter(adapter(id)),
      },
      'revise custom adapter': {
        target: async () => {
          const id = `adapter-${++configs}`;
          await as('admin').push(putAdapter(adapter(id)));
          return { entity: 'customAdapter', id, version: 1 };
        },
        mutation: (id, version) => putAdapter(adapter(id, 'Acme Desk 2'), version),
      },
      'switch adapter off': {
        target: async () => {
          const adapterId = `adapter-${++configs}`;
          await as('admin').push(putSwitch(adapterId, 1, false));
          return { entity: 'adapterSwitch', id: `${adapterId}@1`, version: 1 };
        },
        mutation: (id, version) => putSwitch(id.split('@')[0]!, 1, true, version),
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

  // Pull selects readable records in SQL (readableRecords), push decides with canRead over facts:
  // after every scenario above has left its records, the two agree on every record, for everyone.
  describe('pull and push agree on what each person may read', () => {
    it('the records cover every kind the rules distinguish', async () => {
      const entities = await t.database.db.selectFrom('records').select('entity').distinct().execute();
      const expected: Entity[] = ['adapterSwitch', 'checklist', 'customAdapter', 'notice', 'noticeAck', 'promptEvent', 'rulePack', 'spotCheck'];
      expect(entities.map((e) => e.entity).sort()).toEqual(expected);
    });

    it.each(PEOPLE)('%s', async (key) => {
      const person = t.world.people[key];
      const teams = await t.database.db.selectFrom('team_members').select('team_id').where('user_id', '=', person.id).execute();
      const actor = { id: person.id, orgId: person.orgId, role: person.role, name: person.name, teamIds: teams.map((m) => m.team_id) } as SessionUser;
      const rows = await t.database.db.selectFrom('records').select(['org_id', ...RECORD_COLUMNS]).execute();
      const byRules = await t.database.db.transaction().execute(async (trx) => {
        const ctx = new PushContext(trx, actor, `agreement-${key}`, t.clock(), 0);
        const readable: string[] = [];
        for (const row of rows) {
          if (row.org_id === actor.orgId && (await ctx.mayRead(fromRow(row)))) readable.push(`${row.entity}/${row.id}`);
        }
        return readable;
      });
      const pulled = (await as(key).pullAll()).records.map((r) => `${r.entity}/${r.id}`);
      expect(pulled.sort()).toEqual(byRules.sort());
      expect(pulled.some((id) => id.startsWith('promptEvent/'))).toBe(false);
    });
  });
});
