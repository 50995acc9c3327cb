import { describe, expect, it } from 'vitest';
import { scoreSpotCheck } from '../../core/scoring.ts';
import type { SpotCheck } from '../../core/spotCheck.ts';
import { type PushRequest, PushResponse } from '../../core/sync.ts';
import { DATABASE_KINDS } from '../testing/databases.ts';
import { type TestServer, call, useTestServer } from '../testing/harness.ts';
import {
  PHONE,
  answerAll,
  customChecklist,
  discard,
  newClientId,
  numbered,
  put,
  putChecklist,
  resolve,
  respond,
  spotCheckPut,
  submittedPut,
} from '../testing/spotChecks.ts';
import { syncClient } from '../testing/syncClient.ts';
import type { Person } from '../testing/world.ts';

async function rawPush(t: TestServer, person: Person, body: unknown) {
  return call(t.app, 'POST', '/api/sync/push', { token: person.token, json: body });
}

async function snapshot(t: TestServer) {
  const { db } = t.database;
  return {
    records: await db.selectFrom('records').selectAll().orderBy('seq').execute(),
    audit: (await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
    clients: await db.selectFrom('clients').selectAll().orderBy('client_id').execute(),
    orgs: await db.selectFrom('organisations').select(['id', 'change_seq']).orderBy('id').execute(),
  };
}

describe.each(DATABASE_KINDS)('push on %s', (kind) => {
  const t = useTestServer(kind);

  describe('derived values', () => {
    it('scores a check itself and sets who evaluated it, whatever the client says', async () => {
      const { supA, a1 } = t.world.people;
      const answers = { ...answerAll(PHONE, 'top'), 'opening-greeting': { value: 0 } };
      const args = spotCheckPut({ agentId: a1.id, answers });
      const [result] = await syncClient(t, supA).push(put(args));
      expect(result).toMatchObject({ id: 1, status: 'applied', record: { entity: 'spotCheck', id: args.id, version: 1, deleted: false } });
      const data = result!.record!.data as SpotCheck;
      expect(data.result).toEqual(scoreSpotCheck(PHONE, answers));
      expect(data.result.score).toBeLessThan(100);
      expect(data).toMatchObject({ evaluator: supA.name, evaluatorId: supA.id, checklistTitle: PHONE.title, version: 1, status: 'draft' });
      expect(data.updatedAt).toBe(t.clock().toISOString());
    });

    it('refuses a client-sent result by schema: 400 naming the field, nothing written', async () => {
      const before = await snapshot(t);
      const args = { ...spotCheckPut(), result: scoreSpotCheck(PHONE, answerAll(PHONE, 'top')) };
      const response = await rawPush(t, t.world.people.supA, { clientId: newClientId(), mutations: [{ ...put(args as never), id: 1 }] });
      expect(response.status).toBe(400);
      expect(response.body.issues).toContainEqual({ path: 'mutations.0.args.result', message: 'unknown field' });
      expect(response.body.error).toMatch(/mutations\.0\.args\.result: unknown field/);
      expect(await snapshot(t)).toEqual(before);
    });

    it('sets submittedAt and the outcome when a complete check is submitted', async () => {
      const { supA, a1 } = t.world.people;
      const [result] = await syncClient(t, supA).push(put(submittedPut(a1.id, { submittedAt: '2000-01-01T00:00:00.000Z' })));
      const data = result!.record!.data as SpotCheck;
      expect(data).toMatchObject({ status: 'submitted', submittedAt: t.clock().toISOString() });
      expect(data.result).toMatchObject({ score: 100, outcome: 'pass', complete: true });
    });
  });

  describe('status rules', () => {
    it('refuses to submit an incomplete check, or one without an agent', async () => {
      const { supA, a1 } = t.world.people;
      const [incomplete, noAgent] = await syncClient(t, supA).push(
        put(spotCheckPut({ agentId: a1.id, status: 'submitted' })),
        put(spotCheckPut({ answers: answerAll(PHONE, 'top'), status: 'submitted' })),
      );
      expect(incomplete).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/^cannot submit yet: \d+ items not answered/) });
      expect(noAgent).toMatchObject({ status: 'rejected', reason: 'choose the agent the check is about before submitting' });
    });

    it('refuses answers off the scale, unknown checklists and checklists that are not approved', async () => {
      const { supA, manager } = t.world.people;
      const [draftList] = await syncClient(t, manager).push(putChecklist(customChecklist('acme-draft', 1, 'draft')));
      expect(draftList!.status).toBe('applied');
      const results = await syncClient(t, supA).push(
        put(spotCheckPut({ answers: { 'opening-greeting': { value: 7 } } })),
        put(spotCheckPut({ checklistId: 'no-such-list' })),
        put(spotCheckPut({ checklistVersion: 2 })),
        put(spotCheckPut({ checklistId: 'acme-draft', checklistVersion: 1 })),
      );
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
      expect(results[0]!.reason).toMatch(/invalid answers: .*answer 7 is outside its scale/);
      expect(results[3]!.reason).toBe('checklist "acme-draft" version 1 is not an approved checklist of your organisation');
    });

    it('scores with an approved checklist of the organisation', async () => {
      const { supA, manager } = t.world.people;
      const list = customChecklist('acme-phone', 1, 'approved');
      expect((await syncClient(t, manager).push(putChecklist(list)))[0]!.status).toBe('applied');
      const answers = answerAll(list, 'bottom');
      const [result] = await syncClient(t, supA).push(put(spotCheckPut({ checklistId: 'acme-phone', answers })));
      expect(result!.status).toBe('applied');
      expect((result!.record!.data as SpotCheck).result).toEqual(scoreSpotCheck(list, answers));
      expect((result!.record!.data as SpotCheck).checklistTitle).toBe('Checklist acme-phone');
    });

    it('never changes a submitted check again, nor puts it back to draft', async () => {
      const { supA, a1 } = t.world.people;
      const client = syncClient(t, supA);
      const args = submittedPut(a1.id);
      await client.push(put(args));
      const [again, toDraft] = await client.push(put(args, 1), put({ ...args, status: 'draft' }, 1));
      for (const r of [again, toDraft]) {
        expect(r).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/is submitted: once submitted it cannot be changed/) });
        expect(r!.record).toMatchObject({ version: 1 });
      }
    });
  });

  describe('versions and conflicts', () => {
    it('detects a change made elsewhere and answers with the server copy', async () => {
      const { supA, a1 } = t.world.people;
      const laptop = syncClient(t, supA);
      const desktop = syncClient(t, supA);
      const args = spotCheckPut({ agentId: a1.id, note: 'first' });
      await laptop.push(put(args));
      const [fromDesktop] = await desktop.push(put({ ...args, note: 'desktop' }, 1));
      expect(fromDesktop).toMatchObject({ status: 'applied', record: { version: 2 } });
      const [fromLaptop] = await laptop.push(put({ ...args, note: 'laptop' }, 1));
      expect(fromLaptop).toMatchObject({
        status: 'conflict',
        reason: 'changed on the server since you last saw it (server version 2, yours 1)',
        record: { version: 2, data: { note: 'desktop' } },
      });
    });

    it('treats creating an id that exists as a conflict', async () => {
      const { supA } = t.world.people;
      const args = spotCheckPut();
      await syncClient(t, supA).push(put(args));
      const [again] = await syncClient(t, supA).push(put({ ...args, note: 'other' }, 0));
      expect(again).toMatchObject({ status: 'conflict', reason: 'a record with this id already exists on the server', record: { version: 1 } });
    });

    it('refuses an update of a record the server never had', async () => {
      const [result] = await syncClient(t, t.world.people.supA).push(put(spotCheckPut(), 3));
      expect(result).toMatchObject({ status: 'rejected', reason: 'the server has no such record (the change was based on version 3)' });
      expect(result!.record).toBeUndefined();
    });
  });

  describe('idempotency and order', () => {
    it('answers a repeated push the same and changes nothing', async () => {
      const { supA, a1 } = t.world.people;
      const draft = spotCheckPut({ agentId: a1.id });
      const body: PushRequest = {
        clientId: newClientId(),
        mutations: numbered(1, [put(draft), put({ ...draft, note: 'more' }, 1), put(spotCheckPut(), 5), discard(draft.id, 2)]),
      };
      const first = await rawPush(t, supA, body);
      expect(PushResponse.parse(first.body).results.map((r) => r.status)).toEqual(['applied', 'applied', 'rejected', 'applied']);
      const before = await snapshot(t);
      const second = await rawPush(t, supA, body);
      expect(second.status).toBe(200);
      expect(second.body).toEqual(first.body);
      expect(await snapshot(t)).toEqual(before);
    });

    it('applies only the new part of an overlapping push', async () => {
      const { supA } = t.world.people;
      const clientId = newClientId();
      const [a, b, c] = [spotCheckPut(), spotCheckPut(), spotCheckPut()];
      const first = await rawPush(t, supA, { clientId, mutations: numbered(1, [put(a), put(b)]) });
      const second = await rawPush(t, supA, { clientId, mutations: numbered(2, [put(b), put(c)]) });
      expect(second.body.results[0]).toEqual(first.body.results[1]);
      expect(second.body.results[1]).toMatchObject({ id: 3, status: 'applied', record: { version: 1 } });
    });

    it('refuses ids that do not increase within a push, writing nothing', async () => {
      const before = await snapshot(t);
      for (const ids of [[2, 1], [3, 3]]) {
        const mutations = ids.map((id) => ({ ...put(spotCheckPut()), id }));
        const response = await rawPush(t, t.world.people.supA, { clientId: newClientId(), mutations });
        expect(response.status).toBe(400);
        expect(response.body.issues).toEqual([{ path: 'mutations.1.id', message: `mutation ids must increase within a push: ${ids[1]} follows ${ids[0]}` }]);
      }
      expect(await snapshot(t)).toEqual(before);
    });

    it('answers an id older than the last batch without applying it', async () => {
      const { supA } = t.world.people;
      const clientId = newClientId();
      await rawPush(t, supA, { clientId, mutations: numbered(5, [put(spotCheckPut())]) });
      await rawPush(t, supA, { clientId, mutations: numbered(6, [put(spotCheckPut())]) });
      const before = await snapshot(t);
      const late = await rawPush(t, supA, { clientId, mutations: numbered(3, [put(spotCheckPut())]) });
      expect(late.body.results).toEqual([
        { id: 3, status: 'rejected', reason: 'this client already sent mutations up to 6, and mutation 3 was answered before: it is not applied again' },
      ]);
      expect(await snapshot(t)).toEqual(before);
    });

    it('answers a rejected mutation once: a repeat gets the same answer and the client moves on', async () => {
      const { a1 } = t.world.people;
      const client = syncClient(t, a1);
      const body = { clientId: client.clientId, mutations: numbered(1, [put(spotCheckPut())]) };
      const first = await rawPush(t, a1, body);
      expect(first.body.results).toEqual([{ id: 1, status: 'rejected', reason: 'a agent cannot score spot checks' }]);
      const auditBefore = (await snapshot(t)).audit;
      expect((await rawPush(t, a1, body)).body).toEqual(first.body);
      const last = await t.database.db.selectFrom('clients').select('last_mutation_id').where('client_id', '=', client.clientId).executeTakeFirstOrThrow();
      expect(last.last_mutation_id).toBe(1);
      expect((await snapshot(t)).audit).toBe(auditBefore);
    });

    it('refuses a client id that belongs to someone else, writing nothing', async () => {
      const { supA, supB } = t.world.people;
      const clientId = newClientId();
      await rawPush(t, supA, { clientId, mutations: numbered(1, [put(spotCheckPut())]) });
      const before = await snapshot(t);
      const response = await rawPush(t, supB, { clientId, mutations: numbered(2, [put(spotCheckPut())]) });
      expect(response.status).toBe(403);
      expect(response.body.error).toMatch(/this client id belongs to another user/);
      expect(await snapshot(t)).toEqual(before);
    });

    it('rolls back the whole push when the database fails part-way', async () => {
      const { supA } = t.world.people;
      const clientId = newClientId();
      const before = await snapshot(t);
      // The audit insert comes after the records are written: take its table away to fail there.
      await t.database.db.schema.alterTable('audit_log').renameTo('audit_log_away').execute();
      try {
        const response = await rawPush(t, supA, { clientId, mutations: numbered(1, [put(spotCheckPut()), put(spotCheckPut())]) });
        expect(response.status).toBe(500);
        expect(response.body.error).toMatch(/^internal error \(reference [\w-]+\)$/);
        const reference = /reference ([\w-]+)/.exec(response.body.error)![1];
        expect(t.logs).toContainEqual(expect.objectContaining({ level: 'error', msg: 'unexpected error', requestId: reference }));
      } finally {
        await t.database.db.schema.alterTable('audit_log_away').renameTo('audit_log').execute();
      }
      expect(await snapshot(t)).toEqual(before);
      const retry = await rawPush(t, supA, { clientId, mutations: numbered(1, [put(spotCheckPut())]) });
      expect(retry.body.results[0].status).toBe('applied');
    });
  });

  describe('responses and disputes', () => {
    it('lets the agent acknowledge or dispute, and a supervisor resolve', async () => {
      const { supA, a1 } = t.world.people;
      const supervisor = syncClient(t, supA);
      const agent = syncClient(t, a1);
      const [ack, disputed] = [submittedPut(a1.id), submittedPut(a1.id)];
      await supervisor.push(put(ack), put(disputed));

      const [acknowledged, noReason, dispute] = await agent.push(
        respond(ack.id, 1, 'acknowledge', ' fair '),
        respond(disputed.id, 1, 'dispute', '  '),
        respond(disputed.id, 1, 'dispute', 'the caller hung up first'),
      );
      expect(acknowledged).toMatchObject({ status: 'applied', record: { version: 2, data: { status: 'acknowledged', agentComment: 'fair' } } });
      expect((acknowledged!.record!.data as SpotCheck).respondedAt).toBe(t.clock().toISOString());
      expect(noReason).toMatchObject({ status: 'rejected', reason: 'Say why you dispute the result.' });
      expect(dispute).toMatchObject({ status: 'applied', record: { version: 2, data: { status: 'disputed' } } });

      const [twice] = await agent.push(respond(ack.id, 2, 'dispute', 'changed my mind'));
      expect(twice).toMatchObject({ status: 'rejected', reason: 'A acknowledged spot check cannot be responded to.' });

      const [resolved] = await supervisor.push(resolve(disputed.id, 2, 'listened again: agreed'));
      expect(resolved).toMatchObject({ status: 'applied', record: { version: 3, data: { status: 'resolved', resolution: 'listened again: agreed' } } });
    });
  });

  describe('tombstones', () => {
    it('discards a draft into a tombstone, once; a submitted check cannot be discarded', async () => {
      const { supA, a1 } = t.world.people;
      const client = syncClient(t, supA);
      const draft = spotCheckPut({ agentId: a1.id });
      const submitted = submittedPut(a1.id);
      await client.push(put(draft), put(submitted));
      const [gone, again, notDraft, revive] = await client.push(
        discard(draft.id, 1),
        discard(draft.id, 1),
        discard(submitted.id, 1),
        put(draft, 2),
      );
      expect(gone).toEqual({ id: 3, status: 'applied', record: { entity: 'spotCheck', id: draft.id, version: 2, deleted: true, data: null } });
      expect(again).toEqual({ ...gone, id: 4 });
      expect(notDraft).toMatchObject({ status: 'rejected', reason: 'this spot check is submitted: only a draft can be discarded' });
      expect(revive).toMatchObject({ status: 'conflict', reason: 'this spot check was discarded', record: { deleted: true } });

      const pulled = await client.pullAll();
      expect(pulled.records.find((r) => r.id === draft.id)).toEqual(gone!.record);
    });

    it('takes a discard of a draft the server never had as done', async () => {
      const [result] = await syncClient(t, t.world.people.supA).push(discard(spotCheckPut().id, 0));
      expect(result).toEqual({ id: 1, status: 'applied' });
    });
  });

  describe('checklists', () => {
    it('publishes drafts and approvals with the approver set by the server; approved content is fixed', async () => {
      const { manager, admin, supA } = t.world.people;
      const client = syncClient(t, manager);
      const draft = customChecklist('acme-email', 1, 'draft');
      const [created] = await client.push(putChecklist({ ...draft, builtIn: true, approvedBy: 'someone' }));
      expect(created).toMatchObject({ status: 'applied', record: { id: 'acme-email@1', version: 1 } });
      expect(created!.record!.data).not.toHaveProperty('builtIn');
      expect(created!.record!.data).not.toHaveProperty('approvedBy');

      const approved = customChecklist('acme-email', 1, 'approved');
      const [approval] = await client.push(putChecklist(approved, 1));
      expect(approval!.record!.data).toMatchObject({ status: 'approved', approvedBy: manager.name, approvedAt: t.clock().toISOString() });

      const [changed] = await client.push(putChecklist({ ...approved, passMark: 50 }, 2));
      expect(changed).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/is approved: only its status can change/) });
      const [retired] = await syncClient(t, admin).push(putChecklist({ ...approved, status: 'retired' }, 2));
      expect(retired!.record!.data).toMatchObject({ status: 'retired', approvedBy: manager.name });

      const [bySupervisor, builtIn] = await syncClient(t, supA).push(
        putChecklist(customChecklist('sup-list', 1, 'draft')),
        putChecklist(customChecklist(PHONE.id, 2, 'draft')),
      );
      expect(bySupervisor).toMatchObject({ status: 'rejected', reason: 'only managers and admins can publish checklists' });
      expect(builtIn).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/is a built-in checklist/) });
    });

    it('requires the record id to be <id>@<version>', async () => {
      const list = customChecklist('acme-chat', 1, 'draft');
      const [result] = await syncClient(t, t.world.people.manager).push({ ...putChecklist(list), recordId: 'acme-chat' });
      expect(result).toMatchObject({ status: 'rejected', reason: `a checklist's record id is "<id>@<version>": expected "acme-chat@1"` });
    });
  });

  describe('audit log', () => {
    it('has one row per applied write, with the mutation and ids but no free text', async () => {
      const { supA, a1 } = t.world.people;
      const client = syncClient(t, supA);
      const args = spotCheckPut({ agentId: a1.id, note: 'private words about the call' });
      const results = await client.push(put(args), put({ ...args, note: 'more private words' }, 1), put(args, 0), discard(args.id, 2));
      expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'conflict', 'applied']);
      const rows = await t.database.db.selectFrom('audit_log').selectAll().where('record_id', '=', args.id).orderBy('id').execute();
      expect(rows.map((r) => [r.action, r.user_id, r.at])).toEqual([
        ['spotCheck.put', supA.id, t.clock().toISOString()],
        ['spotCheck.put', supA.id, t.clock().toISOString()],
        ['spotCheck.discard', supA.id, t.clock().toISOString()],
      ]);
      expect(rows.map((r) => JSON.parse(r.detail!))).toEqual([
        { clientId: client.clientId, mutationId: 1, version: 1, status: 'draft' },
        { clientId: client.clientId, mutationId: 2, version: 2, status: 'draft' },
        { clientId: client.clientId, mutationId: 4, version: 3, status: 'draft' },
      ]);
      expect(JSON.stringify(rows)).not.toContain('private');
    });
  });
});
