import { describe, expect, it } from 'vitest';
import { CLOCK_LEEWAY_MS } from '../../core/complaintLifecycle.ts';
import { uuidv7 } from '../../core/ids.ts';
import { ukDefaultPack } from '../../core/promptPacks/ukDefault.ts';
import { type PromptRuleInput, type RulePack, type RulePackInput, validateRulePack } from '../../core/promptRules.ts';
import { type NoticeAcknowledgement, type NoticePutInput, type ProcedureNotice, type PromptEvent, noticeAckKey } from '../../core/promptRecords.ts';
import type { Entity, MutationResult, SyncRecord } from '../../core/sync.ts';
import { DATABASE_KINDS } from '../testing/databases.ts';
import { call, START, useTestServer } from '../testing/harness.ts';
import { type Unsent, newClientId } from '../testing/spotChecks.ts';
import { syncClient } from '../testing/syncClient.ts';
import type { Person, PersonKey } from '../testing/world.ts';

/*
 * Rule packs, procedure notices, their acknowledgements and prompt events through the sync routes:
 * who may write each, what the server stores and adds, and who pulls it.
 */

const rule = (over: Partial<PromptRuleInput> = {}): PromptRuleInput => ({
  id: 'check-refund',
  version: 1,
  title: 'Refund promised',
  level: 'warn',
  requiresAcknowledgement: false,
  when: { text: [{ in: 'reply', anyOf: ['refund*'] }] },
  message: 'Check the refund is within your authority before promising it.',
  ...over,
});
const pack = (id: string, version: number, rules: unknown[] = [rule()]): RulePackInput => ({
  id,
  version,
  title: `Pack ${id}`,
  rules: rules as PromptRuleInput[],
});
const putPack = (args: RulePackInput, baseVersion = 0, recordId: string = args.id): Unsent => ({
  name: 'rulePack.put',
  recordId,
  baseVersion,
  args,
});
/** The pack as the server stores it: parsed, its defaults filled. */
const parsed = (args: RulePackInput): RulePack => {
  const checked = validateRulePack(args);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.pack;
};

const noticeArgs = (over: Partial<NoticePutInput> = {}): NoticePutInput => ({
  id: uuidv7(),
  title: 'Refunds over £50 go to a supervisor',
  whatChanged: 'From Monday, refer every refund above £50 to your supervisor before agreeing it.',
  effectiveFrom: '2026-03-09',
  audience: { roles: [], teamIds: [] },
  requiresAcknowledgement: true,
  ...over,
});
const putNotice = (args: NoticePutInput, baseVersion = 0): Unsent => ({ name: 'notice.put', recordId: args.id, baseVersion, args: args as never });
const ack = (noticeId: string, noticeVersion: number, userId: string): Unsent => ({
  name: 'noticeAck.put',
  recordId: noticeAckKey({ noticeId, noticeVersion, userId }),
  baseVersion: 0,
  args: { noticeId, noticeVersion },
});

const promptEvent = (userId: string, over: Partial<PromptEvent> = {}): PromptEvent => ({
  id: uuidv7(),
  ruleId: 'check-refund',
  ruleVersion: 1,
  packId: 'acme-pack',
  packVersion: 1,
  action: 'overridden',
  reason: 'The customer is owed this under the goodwill policy',
  contactKey: 'rt.example.com:ticket:1042',
  userId,
  at: START.toISOString(),
  ...over,
});
const record = (event: PromptEvent): Unsent => ({ name: 'promptEvent.record', recordId: event.id, baseVersion: 0, args: event });

const statusOf = (results: MutationResult[]) => results.map((r) => r.status);
const ofEntity = (records: SyncRecord[], entity: Entity) => records.filter((r) => r.entity === entity);

const ACME: PersonKey[] = ['a1', 'a2', 'b1', 'supA', 'supB', 'manager', 'admin'];
const OTHERS: PersonKey[] = ['otherManager', 'otherSup', 'otherAgent'];

describe.each(DATABASE_KINDS)('prompt rules, notices and prompt events through sync on %s', (kind) => {
  const t = useTestServer(kind);
  const as = (p: Person) => syncClient(t, p);
  const rows = (entity: Entity, id?: string) => {
    let query = t.database.db.selectFrom('records').select(['org_id', 'id', 'version', 'seq', 'agent_id', 'status', 'data']).where('entity', '=', entity);
    if (id !== undefined) query = query.where('id', '=', id);
    return query.orderBy('id').execute();
  };
  const changeSeq = async () =>
    (await t.database.db.selectFrom('organisations').select('change_seq').where('id', '=', t.world.orgs.acme).executeTakeFirstOrThrow()).change_seq;
  const audited = async (recordId: string) =>
    (await t.database.db.selectFrom('audit_log').select(['action', 'user_id']).where('record_id', '=', recordId).execute()).map((a) => [a.action, a.user_id]);

  describe('rule packs', () => {
    it('a manager publishes a pack and everyone in the organisation pulls it, nobody outside it; an admin may publish the next version', async () => {
      const { manager, admin } = t.world.people;
      const args = pack('acme-refunds', 1);
      const [published] = await as(manager).push(putPack(args));
      expect(published).toEqual({
        id: 1,
        status: 'applied',
        record: { entity: 'rulePack', id: 'acme-refunds', version: 1, deleted: false, data: parsed(args) },
      });
      // Defaults are filled in by the server's parse: what is stored is the full rule.
      expect((published!.record!.data as RulePack).rules[0]).toMatchObject({ criteria: [], audience: [], when: { phases: [], guards: [] } });

      for (const key of ACME) {
        const packs = ofEntity((await as(t.world.people[key]).pullAll()).records, 'rulePack');
        expect(packs.map((r) => [r.id, r.version, r.data]), key).toContainEqual(['acme-refunds', 1, parsed(args)]);
      }
      for (const key of OTHERS) {
        const packs = ofEntity((await as(t.world.people[key]).pullAll()).records, 'rulePack');
        expect(packs.map((r) => r.id), key).not.toContain('acme-refunds');
      }

      const next = pack('acme-refunds', 2, [rule(), rule({ id: 'promise-callback', message: 'Give a time for the call back.' })]);
      const [byAdmin] = await as(admin).push(putPack(next, 1));
      expect(byAdmin).toMatchObject({ status: 'applied', record: { id: 'acme-refunds', version: 2, data: parsed(next) } });
      expect(await audited('acme-refunds')).toEqual([
        ['rulePack.put', manager.id],
        ['rulePack.put', admin.id],
      ]);
      const [stored] = await rows('rulePack', 'acme-refunds');
      expect(stored).toMatchObject({ org_id: t.world.orgs.acme, version: 2, status: 'published', agent_id: null });
    });

    it('a bad pack is refused naming each rule and field at fault, and nothing is written', async () => {
      const { manager } = t.world.people;
      const before = await as(manager).pullAll();
      const seqBefore = await changeSeq();

      const unsafe = pack('acme-bad', 1, [
        rule({ id: 'fine' }),
        rule({ id: 'slow', when: { text: [{ in: 'reply', pattern: '(a+)+' }] } }),
        rule({ id: 'quiet', message: undefined }),
      ]);
      const [bad] = await as(manager).push(putPack(unsafe));
      expect(bad).toEqual({
        id: 1,
        status: 'rejected',
        reason: [
          'the rule pack was not published:',
          "rule slow when.text.0.pattern: unbounded repetition '+' (character 3) can make a pattern very slow on long text: give a limit, for example {1,20}",
          'rule quiet message: Invalid input: expected string, received undefined',
        ].join('\n'),
      });

      const duplicated = pack('acme-bad', 1, [rule({ id: 'twice' }), rule({ id: 'other' }), rule({ id: 'twice', title: 'Again' })]);
      const [dup] = await as(manager).push(putPack(duplicated));
      expect(dup).toEqual({
        id: 1,
        status: 'rejected',
        reason: 'the rule pack was not published:\nrule twice id: the id "twice" is used by more than one rule',
      });

      // A rule whose id is itself wrong is named by its place in the pack.
      const [unnamed] = await as(manager).push(putPack(pack('acme-bad', 1, [rule(), rule({ id: 'Not A Slug' })])));
      expect(unnamed!.status).toBe('rejected');
      expect(unnamed!.reason).toBe('the rule pack was not published:\nrule #2 id: use lower-case letters, digits and dashes');

      // The record id must be the pack's id.
      const [misfiled] = await as(manager).push(putPack(pack('acme-bad', 1), 0, 'something-else'));
      expect(misfiled).toEqual({ id: 1, status: 'rejected', reason: 'a rule pack\'s record id is its id: expected "acme-bad"' });

      expect(await rows('rulePack', 'acme-bad')).toEqual([]);
      expect(await rows('rulePack', 'something-else')).toEqual([]);
      expect(await changeSeq()).toBe(seqBefore);
      const after = await as(manager).pullAll(before.cursor);
      expect(after.records).toEqual([]);
      expect(after.cursor).toBe(before.cursor);
    });

    it('agents and supervisors cannot publish a pack', async () => {
      const seqBefore = await changeSeq();
      for (const key of ['a1', 'supA', 'supB'] as const) {
        const [r] = await as(t.world.people[key]).push(putPack(pack('acme-by-staff', 1)));
        expect(r, key).toEqual({ id: 1, status: 'rejected', reason: 'only managers and admins can publish prompt rules' });
      }
      expect(await rows('rulePack', 'acme-by-staff')).toEqual([]);
      expect(await changeSeq()).toBe(seqBefore);
    });

    it('a pack\'s version only grows; the built-in pack is replaced only by a later version', async () => {
      const { manager } = t.world.people;
      const client = as(manager);
      expect(statusOf(await client.push(putPack(pack('acme-versions', 3))))).toEqual(['applied']);

      const [same] = await client.push(putPack(pack('acme-versions', 3), 1));
      expect(same).toMatchObject({
        status: 'rejected',
        reason: 'version 3 of the rule pack "acme-versions" is already published: publish it as version 4',
        record: { id: 'acme-versions', version: 1, data: { version: 3 } },
      });
      const [lower] = await client.push(putPack(pack('acme-versions', 2), 1));
      expect(lower).toMatchObject({ status: 'rejected', reason: 'version 3 of the rule pack "acme-versions" is already published: publish it as version 4' });

      // Published from a browser that had not seen version 3: a conflict, not an overwrite.
      const [stale] = await client.push(putPack(pack('acme-versions', 4), 0));
      expect(stale).toMatchObject({ status: 'conflict', reason: 'a record with this id already exists on the server', record: { version: 1 } });
      const [next] = await client.push(putPack(pack('acme-versions', 4), 1));
      expect(next).toMatchObject({ status: 'applied', record: { version: 2, data: { version: 4 } } });
      const [stored] = await rows('rulePack', 'acme-versions');
      expect(stored!.version).toBe(2);
      expect(JSON.parse(stored!.data!).version).toBe(4);

      // The organisation's own copy of the built-in pack must come after the shipped version.
      expect(ukDefaultPack.version).toBe(1);
      const ownUk = { ...ukDefaultPack, title: 'Acme UK essentials' };
      const [notAfter] = await client.push(putPack({ ...ownUk, version: 1 }));
      expect(notAfter).toEqual({
        id: 6,
        status: 'rejected',
        reason: 'version 1 of the rule pack "uk-default" is already published: publish it as version 2',
      });
      expect(await rows('rulePack', 'uk-default')).toEqual([]);
      const [replaced] = await client.push(putPack({ ...ownUk, version: 2 }));
      expect(replaced).toMatchObject({ status: 'applied', record: { id: 'uk-default', version: 1, data: { ...ownUk, version: 2 } } });
    });
  });

  describe('procedure notices', () => {
    it('a manager publishes and revises a notice: the server numbers the version and records who and when', async () => {
      const { manager, a1 } = t.world.people;
      const args = noticeArgs();
      const [published] = await as(manager).push(putNotice(args));
      const first: ProcedureNotice = {
        ...args,
        criteria: [],
        requirementIds: [],
        version: 1,
        publishedBy: manager.id,
        publishedAt: t.clock().toISOString(),
      } as ProcedureNotice;
      expect(published).toEqual({ id: 1, status: 'applied', record: { entity: 'notice', id: args.id, version: 1, deleted: false, data: first } });

      t.clock.advance(60_000);
      const revised = { ...args, whatChanged: 'From Monday, refer every refund above £40 to your supervisor.' };
      const [second] = await as(manager).push(putNotice(revised, 1));
      expect(second).toMatchObject({
        status: 'applied',
        record: { version: 2, data: { version: 2, whatChanged: revised.whatChanged, publishedBy: manager.id, publishedAt: t.clock().toISOString() } },
      });
      const [stale] = await as(manager).push(putNotice({ ...args, title: 'Edited on an old copy' }, 1));
      expect(stale).toMatchObject({
        status: 'conflict',
        reason: 'changed on the server since you last saw it (server version 2, yours 1)',
        record: { version: 2, data: { title: args.title } },
      });

      const agentsCopy = ofEntity((await as(a1).pullAll()).records, 'notice').find((r) => r.id === args.id);
      expect(agentsCopy).toMatchObject({ version: 2, data: { version: 2, publishedBy: manager.id } });
      for (const key of OTHERS) {
        expect(ofEntity((await as(t.world.people[key]).pullAll()).records, 'notice').map((r) => r.id), key).not.toContain(args.id);
      }
    });

    it('only managers publish notices; the client cannot name the publisher or the version', async () => {
      const args = noticeArgs();
      for (const key of ['a1', 'supA', 'admin'] as const) {
        const [r] = await as(t.world.people[key]).push(putNotice(args));
        expect(r, key).toEqual({ id: 1, status: 'rejected', reason: 'only managers can publish procedure notices' });
      }
      const [misfiled] = await as(t.world.people.manager).push({ ...putNotice(args), recordId: uuidv7() });
      expect(misfiled).toMatchObject({ status: 'rejected', reason: `a notice's record id is its id: expected "${args.id}"` });
      expect(await rows('notice', args.id)).toEqual([]);

      const forged = { ...args, publishedBy: t.world.people.a1.id, version: 7 };
      const response = await call(t.app, 'POST', '/api/sync/push', {
        token: t.world.people.manager.token,
        json: { clientId: newClientId(), mutations: [{ ...putNotice(forged as never), id: 1 }] },
      });
      expect(response.status).toBe(400);
      expect(response.body.issues.map((i: { path: string; message: string }) => `${i.path}: ${i.message}`).sort()).toEqual([
        'mutations.0.args.publishedBy: unknown field',
        'mutations.0.args.version: unknown field',
      ]);
      expect(await rows('notice', args.id)).toEqual([]);
    });
  });

  describe('notice acknowledgements', () => {
    const publish = async (over: Partial<NoticePutInput> = {}) => {
      const args = noticeArgs(over);
      const [r] = await as(t.world.people.manager).push(putNotice(args));
      expect(r!.status).toBe('applied');
      return args.id;
    };

    it('an agent acknowledges a notice once: a repeat from another browser changes nothing', async () => {
      const { a1 } = t.world.people;
      const noticeId = await publish();
      const key = noticeAckKey({ noticeId, noticeVersion: 1, userId: a1.id });
      expect(key).toBe(`${noticeId}@1:${a1.id}`);
      const at = t.clock().toISOString();
      const [first] = await as(a1).push(ack(noticeId, 1, a1.id));
      const expected: NoticeAcknowledgement = { noticeId, noticeVersion: 1, userId: a1.id, at };
      expect(first).toEqual({ id: 1, status: 'applied', record: { entity: 'noticeAck', id: key, version: 1, deleted: false, data: expected } });
      const [before] = await rows('noticeAck', key);
      expect(before).toMatchObject({ version: 1, agent_id: a1.id, status: 'acknowledged' });

      t.clock.advance(30_000);
      const [again] = await as(a1).push(ack(noticeId, 1, a1.id));
      expect(again).toEqual({ id: 1, status: 'applied', record: { entity: 'noticeAck', id: key, version: 1, deleted: false, data: expected } });
      expect(await rows('noticeAck', key)).toEqual([before]);
      expect(await audited(key)).toEqual([['noticeAck.put', a1.id]]);
    });

    it('a revised notice is acknowledged again, per version', async () => {
      const { a1, manager } = t.world.people;
      const args = noticeArgs();
      await as(manager).push(putNotice(args));
      await as(a1).push(ack(args.id, 1, a1.id));
      await as(manager).push(putNotice({ ...args, title: 'Revised' }, 1));
      const [second] = await as(a1).push(ack(args.id, 2, a1.id));
      expect(second).toMatchObject({ status: 'applied', record: { id: `${args.id}@2:${a1.id}`, version: 1, data: { noticeVersion: 2 } } });
      // An earlier version, once published, may still be acknowledged (a browser that was offline).
      const [older] = await as(t.world.people.a2).push(ack(args.id, 1, t.world.people.a2.id));
      expect(older).toMatchObject({ status: 'applied', record: { data: { noticeVersion: 1 } } });
      expect((await rows('noticeAck')).filter((r) => r.id.startsWith(args.id)).map((r) => r.id)).toEqual(
        [`${args.id}@1:${a1.id}`, `${args.id}@1:${t.world.people.a2.id}`, `${args.id}@2:${a1.id}`].sort(),
      );
    });

    it('acknowledging a notice not addressed to you is refused', async () => {
      const { a1, b1, supA } = t.world.people;
      const forSupervisors = await publish({ audience: { roles: ['supervisor'], teamIds: [] } });
      const forTeamB = await publish({ audience: { roles: [], teamIds: [t.world.teams.B] } });
      const forTeamBAgents = await publish({ audience: { roles: ['agent'], teamIds: [t.world.teams.B] } });

      const refused = await as(a1).push(ack(forSupervisors, 1, a1.id), ack(forTeamB, 1, a1.id), ack(forTeamBAgents, 1, a1.id));
      expect(refused).toEqual([1, 2, 3].map((id) => ({ id, status: 'rejected', reason: 'this notice is not addressed to you' })));
      const [supOfB] = await as(t.world.people.supB).push(ack(forTeamBAgents, 1, t.world.people.supB.id));
      expect(supOfB).toMatchObject({ status: 'rejected', reason: 'this notice is not addressed to you' });

      expect(statusOf(await as(supA).push(ack(forSupervisors, 1, supA.id)))).toEqual(['applied']);
      expect(statusOf(await as(b1).push(ack(forTeamB, 1, b1.id), ack(forTeamBAgents, 1, b1.id)))).toEqual(['applied', 'applied']);

      const stored = (await rows('noticeAck')).filter((r) => [forSupervisors, forTeamB, forTeamBAgents].some((n) => r.id.startsWith(n)));
      expect(stored.map((r) => r.id).sort()).toEqual(
        [noticeAckKey({ noticeId: forSupervisors, noticeVersion: 1, userId: supA.id }), noticeAckKey({ noticeId: forTeamB, noticeVersion: 1, userId: b1.id }), noticeAckKey({ noticeId: forTeamBAgents, noticeVersion: 1, userId: b1.id })].sort(),
      );
    });

    it('acknowledging a version that was never published, or a notice that does not exist, is refused', async () => {
      const { a1, otherManager, otherAgent } = t.world.people;
      const noticeId = await publish();
      const missing = uuidv7();
      const results = await as(a1).push(ack(noticeId, 2, a1.id), ack(missing, 1, a1.id));
      expect(results).toEqual([1, 2].map((id) => ({ id, status: 'rejected', reason: 'there is no such notice version to acknowledge' })));

      // Another organisation's notice is not there for Acme's people.
      const theirs = noticeArgs();
      await as(otherManager).push(putNotice(theirs));
      const [across] = await as(a1).push(ack(theirs.id, 1, a1.id));
      expect(across).toMatchObject({ status: 'rejected', reason: 'there is no such notice version to acknowledge' });
      expect(statusOf(await as(otherAgent).push(ack(theirs.id, 1, otherAgent.id)))).toEqual(['applied']);

      const keys = (await rows('noticeAck')).map((r) => r.id);
      expect(keys).not.toContain(noticeAckKey({ noticeId, noticeVersion: 2, userId: a1.id }));
      expect(keys).not.toContain(noticeAckKey({ noticeId: missing, noticeVersion: 1, userId: a1.id }));
      expect(keys).not.toContain(noticeAckKey({ noticeId: theirs.id, noticeVersion: 1, userId: a1.id }));
    });

    it('an acknowledgement in someone else\'s name is refused', async () => {
      const { a1, a2, supA } = t.world.people;
      const noticeId = await publish();
      const mine = noticeAckKey({ noticeId, noticeVersion: 1, userId: a1.id });
      const [forged] = await as(a1).push(ack(noticeId, 1, a2.id));
      expect(forged).toEqual({
        id: 1,
        status: 'rejected',
        reason: `an acknowledgement's record id is "<notice>@<version>:<your user id>": expected "${mine}"`,
      });
      // Not even a supervisor for their team.
      const [bySup] = await as(supA).push(ack(noticeId, 1, a1.id));
      expect(bySup!.status).toBe('rejected');
      expect((await rows('noticeAck')).filter((r) => r.id.startsWith(noticeId))).toEqual([]);
    });

    it('acknowledgements are read by the person, their team\'s supervisors and managers; not other supervisors; admins only their own', async () => {
      const p = t.world.people;
      const noticeId = await publish();
      const ackers = [p.a1, p.a2, p.b1, p.supA, p.manager];
      for (const person of ackers) expect(statusOf(await as(person).push(ack(noticeId, 1, person.id)))).toEqual(['applied']);
      const key = (person: Person) => noticeAckKey({ noticeId, noticeVersion: 1, userId: person.id });

      const expected: Record<PersonKey, Person[]> = {
        a1: [p.a1],
        a2: [p.a2],
        b1: [p.b1],
        supA: [p.a1, p.a2, p.supA],
        supB: [p.b1],
        manager: ackers,
        admin: [],
        otherManager: [],
        otherSup: [],
        otherAgent: [],
      };
      for (const [who, visible] of Object.entries(expected) as [PersonKey, Person[]][]) {
        const pulled = ofEntity((await as(p[who]).pullAll()).records, 'noticeAck')
          .filter((r) => r.id.startsWith(noticeId))
          .map((r) => r.id)
          .sort();
        expect(pulled, who).toEqual(visible.map(key).sort());
      }

      // An admin acknowledges a notice addressed to everyone and gets their own back (a new browser
      // must not ask again), but still reads nobody else's.
      const [adminAck] = await as(p.admin).push(ack(noticeId, 1, p.admin.id));
      expect(adminAck).toMatchObject({ id: 1, status: 'applied', record: { entity: 'noticeAck', id: key(p.admin) } });
      const adminPulls = ofEntity((await as(p.admin).pullAll()).records, 'noticeAck').map((r) => r.id);
      expect(adminPulls).toEqual([key(p.admin)]);
    });
  });

  describe('prompt events', () => {
    const count = async (id: string) => (await rows('promptEvent', id)).length;

    it('an event is recorded once, as sent, and nobody gets it back: not in the push answer, not by pull', async () => {
      const { a1, manager } = t.world.people;
      const event = promptEvent(a1.id);
      const [first] = await as(a1).push(record(event));
      expect(first).toEqual({ id: 1, status: 'applied' });
      const [again] = await as(a1).push(record(event));
      expect(again).toEqual({ id: 1, status: 'applied' });
      const stored = await rows('promptEvent', event.id);
      expect(stored).toEqual([
        expect.objectContaining({ org_id: t.world.orgs.acme, version: 1, agent_id: a1.id, status: 'overridden' }),
      ]);
      expect(JSON.parse(stored[0]!.data!)).toEqual(event);
      expect(await audited(event.id)).toEqual([['promptEvent.record', a1.id]]);

      const mine = promptEvent(manager.id, { action: 'shown', reason: undefined });
      delete (mine as Partial<PromptEvent>).reason;
      expect(await as(manager).push(record(mine))).toEqual([{ id: 1, status: 'applied' }]);

      for (const key of [...ACME, ...OTHERS]) {
        const pulled = (await as(t.world.people[key]).pullAll()).records;
        expect(ofEntity(pulled, 'promptEvent'), key).toEqual([]);
      }
    });

    it('an event in another person\'s name, or with an id someone else used, is refused', async () => {
      const { a1, a2, supA } = t.world.people;
      const forA2 = promptEvent(a2.id);
      for (const person of [a1, supA]) {
        const [r] = await as(person).push(record(forA2));
        expect(r).toEqual({ id: 1, status: 'rejected', reason: 'prompt events are recorded by the person they happened to' });
      }
      expect(await count(forA2.id)).toBe(0);

      const taken = promptEvent(a1.id);
      await as(a1).push(record(taken));
      const [reused] = await as(a2).push(record({ ...taken, userId: a2.id }));
      expect(reused).toEqual({ id: 1, status: 'rejected', reason: 'an event with this id was recorded by someone else' });
      expect((await rows('promptEvent', taken.id)).map((r) => r.agent_id)).toEqual([a1.id]);

      const [misfiled] = await as(a1).push({ ...record(promptEvent(a1.id)), recordId: uuidv7() });
      expect(misfiled!.status).toBe('rejected');
      expect(misfiled!.reason).toMatch(/^a prompt event's record id is its id: expected "/);
    });

    it('an event dated after the server\'s time (beyond the leeway) is refused', async () => {
      const { a1 } = t.world.people;
      const now = t.clock().getTime();
      const ahead = promptEvent(a1.id, { at: new Date(now + CLOCK_LEEWAY_MS + 1000).toISOString() });
      const [r] = await as(a1).push(record(ahead));
      expect(r).toEqual({
        id: 1,
        status: 'rejected',
        reason: `this event is dated ${ahead.at}, after the server's time ${new Date(now).toISOString()}: check the computer's clock`,
      });
      expect(await count(ahead.id)).toBe(0);

      const withinLeeway = promptEvent(a1.id, { at: new Date(now + CLOCK_LEEWAY_MS - 1000).toISOString() });
      expect(await as(a1).push(record(withinLeeway))).toEqual([{ id: 1, status: 'applied' }]);
      expect(await count(withinLeeway.id)).toBe(1);
    });

    it('a reason holding a card number is refused by the schema: the whole push is a 400 and nothing is stored', async () => {
      const { a1 } = t.world.people;
      const fine = promptEvent(a1.id);
      const leaky = promptEvent(a1.id, { reason: 'customer read out 4111 1111 1111 1111 so I sent it' });
      const seqBefore = await changeSeq();
      const response = await call(t.app, 'POST', '/api/sync/push', {
        token: a1.token,
        json: { clientId: newClientId(), mutations: [{ ...record(fine), id: 1 }, { ...record(leaky), id: 2 }] },
      });
      expect(response.status).toBe(400);
      expect(response.body.issues).toContainEqual({ path: 'mutations.1.args.reason', message: 'the reason must not contain a card number' });
      expect(JSON.stringify(response.body)).not.toContain('4111');
      expect(await count(fine.id)).toBe(0);
      expect(await count(leaky.id)).toBe(0);
      expect(await changeSeq()).toBe(seqBefore);

      // A dismissal without a reason is refused the same way.
      const silent = promptEvent(a1.id, { action: 'dismissed' });
      delete (silent as Partial<PromptEvent>).reason;
      const noReason = await call(t.app, 'POST', '/api/sync/push', {
        token: a1.token,
        json: { clientId: newClientId(), mutations: [{ ...record(silent), id: 1 }] },
      });
      expect(noReason.status).toBe(400);
      expect(noReason.body.issues).toContainEqual({ path: 'mutations.0.args.reason', message: 'a dismissed or overridden prompt needs a reason' });
      expect(await count(silent.id)).toBe(0);
    });
  });
});
