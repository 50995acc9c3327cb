import { describe, expect, it } from 'vitest';
import { type AdapterSwitch, type AdapterSwitchPut, type CustomAdapter, type CustomAdapterPutInput, adapterSwitchKey } from '../../core/customAdapter.ts';
import type { Entity, SyncRecord } from '../../core/sync.ts';
import { DATABASE_KINDS } from '../testing/databases.ts';
import { call, useTestServer } from '../testing/harness.ts';
import { type Unsent, newClientId } from '../testing/spotChecks.ts';
import { syncClient } from '../testing/syncClient.ts';
import type { Person, PersonKey } from '../testing/world.ts';

/*
 * Custom site adapters and the adapter kill switch through the sync routes: admins and managers
 * publish them, the server numbers versions and records who and when, everyone in the organisation
 * pulls them.
 */

const adapterArgs = (id: string, over: Partial<CustomAdapterPutInput> = {}): CustomAdapterPutInput => ({
  id,
  name: 'Acme Desk',
  matches: ['https://desk.acme.example/tickets/*'],
  landmark: '#ticket-view',
  contactId: { from: 'url', pattern: '/tickets/(\\d{1,12})' },
  fields: { subject: 'h1.ticket-subject', conversation: '.message', replyEditor: '#reply textarea' },
  ...over,
});
const putAdapter = (args: CustomAdapterPutInput, baseVersion = 0, recordId: string = args.id): Unsent => ({
  name: 'customAdapter.put',
  recordId,
  baseVersion,
  args: args as never,
});
const switchArgs = (over: Partial<AdapterSwitchPut> = {}): AdapterSwitchPut => ({
  adapterId: 'zendesk',
  adapterVersion: 3,
  disabled: true,
  reason: 'Zendesk redesigned the ticket page: the adapter reads the wrong customer',
  ...over,
});
const putSwitch = (args: AdapterSwitchPut, baseVersion = 0, recordId: string = adapterSwitchKey(args)): Unsent => ({
  name: 'adapterSwitch.put',
  recordId,
  baseVersion,
  args,
});

const ofEntity = (records: SyncRecord[], entity: Entity, id: string) => records.filter((r) => r.entity === entity && r.id === id);

const ACME: PersonKey[] = ['a1', 'a2', 'b1', 'supA', 'supB', 'manager', 'admin'];
const OTHERS: PersonKey[] = ['otherManager', 'otherSup', 'otherAgent'];

describe.each(DATABASE_KINDS)('custom adapters and adapter switches through sync on %s', (kind) => {
  const t = useTestServer(kind);
  const as = (p: Person) => syncClient(t, p);
  /** The stored rows of the record, in any organisation, with their data parsed. */
  const rows = async (entity: Entity, id: string) =>
    (
      await t.database.db
        .selectFrom('records')
        .select(['org_id', 'version', 'status', 'agent_id', 'evaluator_id', 'data'])
        .where('entity', '=', entity)
        .where('id', '=', id)
        .execute()
    ).map((r) => ({ ...r, data: r.data === null ? null : (JSON.parse(r.data) as unknown) }));
  const changeSeq = async () =>
    (await t.database.db.selectFrom('organisations').select('change_seq').where('id', '=', t.world.orgs.acme).executeTakeFirstOrThrow()).change_seq;

  describe('custom adapters', () => {
    it('an admin publishes an adapter and a manager revises it: versions count up, the server names the publisher and the time', async () => {
      const { admin, manager } = t.world.people;
      const args = adapterArgs('acme-desk');
      const [first] = await as(admin).push(putAdapter(args));
      const published: CustomAdapter = {
        ...(args as CustomAdapter),
        disabled: false,
        version: 1,
        publishedBy: 'admin admin',
        publishedAt: t.clock().toISOString(),
      };
      expect(admin.name).toBe('admin admin');
      expect(first).toEqual({ id: 1, status: 'applied', record: { entity: 'customAdapter', id: 'acme-desk', version: 1, deleted: false, data: published } });
      expect(await rows('customAdapter', 'acme-desk')).toEqual([
        { org_id: t.world.orgs.acme, version: 1, status: 'published', agent_id: null, evaluator_id: null, data: published },
      ]);

      t.clock.advance(5 * 60_000);
      const revision = adapterArgs('acme-desk', { matches: ['https://desk.acme.example/tickets/*', 'https://desk.acme.example/t/*'] });
      const [second] = await as(manager).push(putAdapter(revision, 1));
      expect(second).toEqual({
        id: 1,
        status: 'applied',
        record: {
          entity: 'customAdapter',
          id: 'acme-desk',
          version: 2,
          deleted: false,
          data: { ...revision, disabled: false, version: 2, publishedBy: 'manager manager', publishedAt: t.clock().toISOString() },
        },
      });

      // A revision made on an old copy is a conflict, not an overwrite.
      const [stale] = await as(admin).push(putAdapter(adapterArgs('acme-desk', { name: 'Old copy' }), 1));
      expect(stale).toMatchObject({
        status: 'conflict',
        reason: 'changed on the server since you last saw it (server version 2, yours 1)',
        record: { version: 2, data: { name: 'Acme Desk', publishedBy: 'manager manager' } },
      });

      // Switched off by its publisher: stored with the disabled status, still at the next version.
      const [off] = await as(admin).push(putAdapter({ ...revision, disabled: true }, 2));
      expect(off).toMatchObject({ status: 'applied', record: { version: 3, data: { disabled: true, version: 3, publishedBy: 'admin admin' } } });
      expect((await rows('customAdapter', 'acme-desk'))[0]).toMatchObject({ version: 3, status: 'disabled' });
    });

    it('everyone in the organisation pulls the adapter; nobody outside it does', async () => {
      const { manager } = t.world.people;
      const args = adapterArgs('acme-pull');
      await as(manager).push(putAdapter(args));
      for (const key of ACME) {
        const pulled = ofEntity((await as(t.world.people[key]).pullAll()).records, 'customAdapter', 'acme-pull');
        expect(pulled.map((r) => [r.version, (r.data as CustomAdapter).version, (r.data as CustomAdapter).publishedBy]), key).toEqual([[1, 1, 'manager manager']]);
      }
      for (const key of OTHERS) {
        expect(ofEntity((await as(t.world.people[key]).pullAll()).records, 'customAdapter', 'acme-pull'), key).toEqual([]);
      }
    });

    it('agents and supervisors cannot publish an adapter; the record id must be the adapter id', async () => {
      const seqBefore = await changeSeq();
      for (const key of ['a1', 'b1', 'supA', 'supB'] as const) {
        const [r] = await as(t.world.people[key]).push(putAdapter(adapterArgs('acme-by-staff')));
        expect(r, key).toEqual({ id: 1, status: 'rejected', reason: 'only admins and managers can publish site adapters' });
      }
      const [misfiled] = await as(t.world.people.admin).push(putAdapter(adapterArgs('acme-by-staff'), 0, 'another-id'));
      expect(misfiled).toEqual({ id: 1, status: 'rejected', reason: 'a custom adapter\'s record id is its id: expected "acme-by-staff"' });
      expect(await rows('customAdapter', 'acme-by-staff')).toEqual([]);
      expect(await rows('customAdapter', 'another-id')).toEqual([]);
      expect(await changeSeq()).toBe(seqBefore);
    });

    it('an adapter for every page, or naming its publisher, is refused by the schema and nothing is stored', async () => {
      const { admin } = t.world.people;
      const push = (args: unknown) =>
        call(t.app, 'POST', '/api/sync/push', {
          token: admin.token,
          json: { clientId: newClientId(), mutations: [{ ...putAdapter(args as CustomAdapterPutInput), id: 1 }] },
        });
      const everywhere = await push(adapterArgs('acme-everywhere', { matches: ['<all_urls>'] }));
      expect(everywhere.status).toBe(400);
      expect(everywhere.body.issues).toEqual([
        { path: 'mutations.0.args.matches.0', message: 'a match pattern is scheme://host/path, such as https://crm.example.com/tickets/*' },
      ]);
      const named = await push({ ...adapterArgs('acme-everywhere'), publishedBy: 'Someone Else' });
      expect(named.status).toBe(400);
      expect(named.body.issues).toEqual([{ path: 'mutations.0.args.publishedBy', message: 'unknown field' }]);
      expect(await rows('customAdapter', 'acme-everywhere')).toEqual([]);
    });
  });

  describe('adapter switches', () => {
    it('a manager switches an adapter version off and an admin on again: the last switch wins, with who and when', async () => {
      const { manager, admin } = t.world.people;
      const off = switchArgs();
      const key = adapterSwitchKey(off);
      expect(key).toBe('zendesk@3');
      const [first] = await as(manager).push(putSwitch(off));
      const offData: AdapterSwitch = { ...off, setBy: 'manager manager', setAt: t.clock().toISOString() };
      expect(first).toEqual({ id: 1, status: 'applied', record: { entity: 'adapterSwitch', id: key, version: 1, deleted: false, data: offData } });
      expect(await rows('adapterSwitch', key)).toEqual([
        { org_id: t.world.orgs.acme, version: 1, status: 'disabled', agent_id: null, evaluator_id: null, data: offData },
      ]);

      t.clock.advance(60 * 60_000);
      // The admin's browser had not seen the manager's switch: a switch is not merged, the last one wins.
      const on = switchArgs({ disabled: false, reason: 'Zendesk rolled the redesign back' });
      const [second] = await as(admin).push(putSwitch(on, 0));
      expect(second).toEqual({
        id: 1,
        status: 'applied',
        record: { entity: 'adapterSwitch', id: key, version: 2, deleted: false, data: { ...on, setBy: 'admin admin', setAt: t.clock().toISOString() } },
      });
      expect((await rows('adapterSwitch', key))[0]).toMatchObject({ version: 2, status: 'enabled' });

      // Another version of the same adapter has its own switch.
      const [other] = await as(manager).push(putSwitch(switchArgs({ adapterVersion: 4 })));
      expect(other).toMatchObject({ status: 'applied', record: { id: 'zendesk@4', version: 1, data: { adapterVersion: 4, disabled: true } } });
    });

    it('everyone in the organisation pulls the switches; nobody outside it does', async () => {
      const { admin } = t.world.people;
      const args = switchArgs({ adapterId: 'custom-acme-pull', adapterVersion: 1 });
      await as(admin).push(putSwitch(args));
      for (const key of ACME) {
        const pulled = ofEntity((await as(t.world.people[key]).pullAll()).records, 'adapterSwitch', 'custom-acme-pull@1');
        expect(pulled.map((r) => [r.version, (r.data as AdapterSwitch).disabled, (r.data as AdapterSwitch).setBy]), key).toEqual([[1, true, 'admin admin']]);
      }
      for (const key of OTHERS) {
        expect(ofEntity((await as(t.world.people[key]).pullAll()).records, 'adapterSwitch', 'custom-acme-pull@1'), key).toEqual([]);
      }
    });

    it('agents and supervisors cannot switch an adapter; the record id must be "<adapter>@<version>"', async () => {
      const seqBefore = await changeSeq();
      const args = switchArgs({ adapterId: 'freshdesk', adapterVersion: 2 });
      for (const key of ['a1', 'b1', 'supA', 'supB'] as const) {
        const [r] = await as(t.world.people[key]).push(putSwitch(args));
        expect(r, key).toEqual({ id: 1, status: 'rejected', reason: 'only admins and managers can switch site adapters off or on' });
      }
      const [misfiled] = await as(t.world.people.manager).push(putSwitch(args, 0, 'freshdesk@3'));
      expect(misfiled).toEqual({
        id: 1,
        status: 'rejected',
        reason: 'an adapter switch\'s record id is "<adapter>@<version>": expected "freshdesk@2"',
      });
      expect(await rows('adapterSwitch', 'freshdesk@2')).toEqual([]);
      expect(await rows('adapterSwitch', 'freshdesk@3')).toEqual([]);
      expect(await changeSeq()).toBe(seqBefore);
    });
  });
});
