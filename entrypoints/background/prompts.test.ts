import { beforeEach, describe, expect, it } from 'vitest';
import type { Me } from '../../core/account.ts';
import { messageMap } from '../../core/messages.ts';
import { dispatch } from '../../core/messaging.ts';
import { ukDefaultPack } from '../../core/promptPacks/ukDefault.ts';
import type { RulePack } from '../../core/promptRules.ts';
import { openFloorwalkerDB } from '../../storage/db.ts';
import { pendingMutations } from '../../storage/outbox.ts';
import { applyPull } from '../../storage/sync.ts';
import { freshIndexedDB } from '../../storage/testing.ts';
import { promptPackHandlers } from './prompts.ts';

const person = (role: Me['role']): Me =>
  ({ id: '0190a1b2-c3d4-7e5f-8a6b-000000000001', name: 'Sam', email: 'sam@example.com', role, orgId: '0190a1b2-c3d4-7e5f-8a6b-000000000002', orgName: 'Org', teamIds: [] }) as unknown as Me;

function setup(me: Me | null) {
  const db = openFloorwalkerDB();
  let changes = 0;
  const handlers = promptPackHandlers({ db: () => db, now: () => new Date('2026-12-01T09:00:00Z'), signedIn: async () => me, changed: () => void changes++ });
  const send = async (name: string, body: unknown) => {
    const reply = await dispatch(messageMap, handlers, { name, body }, undefined);
    if (!reply) throw new Error(`unhandled ${name}`);
    if (!reply.ok) throw new Error(reply.error);
    return reply.body as never;
  };
  return { db, send, changes: () => changes };
}

const refunds: RulePack = {
  id: 'refunds',
  version: 1,
  title: 'Refund rules',
  rules: [{ ...ukDefaultPack.rules.at(-1)!, id: 'refund-over-limit' }],
};

beforeEach(() => freshIndexedDB());

describe('prompt pack handlers', () => {
  it('checks a pack as the server will and queues nothing when a rule is bad', async () => {
    const { db, send, changes } = setup(person('manager'));
    const bad = { ...refunds, rules: [{ ...refunds.rules[0]!, when: { text: [{ in: 'reply', pattern: '(a+)+' }] } }] };
    const outcome = (await send('prompts:publish', { pack: bad })) as { ok: false; errors: { rule: string; path: string }[] };
    expect(outcome.ok).toBe(false);
    expect(outcome.errors.map((e) => [e.rule, e.path])).toEqual([['refund-over-limit', 'when.text.0.pattern']]);
    expect(await pendingMutations(await db)).toEqual([]);
    expect(changes()).toBe(0);
  });

  it("queues a good pack on the browser's copy of it", async () => {
    const { db, send, changes } = setup(person('admin'));
    expect(await send('prompts:publish', { pack: refunds })).toEqual({ ok: true, id: 'refunds', version: 1 });
    const [queued] = await pendingMutations(await db);
    expect(queued).toMatchObject({ name: 'rulePack.put', entity: 'rulePack', recordId: 'refunds', baseVersion: 0, args: refunds });
    expect(changes()).toBe(1);
  });

  it('says at once when the version is already published, and when the last one has not gone yet', async () => {
    const { db, send } = setup(person('manager'));
    const sameAsBuiltIn = (await send('prompts:publish', { pack: { ...ukDefaultPack } })) as { ok: false; errors: { path: string; message: string }[] };
    expect(sameAsBuiltIn.errors).toEqual([{ rule: null, path: 'version', message: `version ${ukDefaultPack.version} of "uk-default" is already published: publish this as version ${ukDefaultPack.version + 1}` }]);
    expect(await send('prompts:publish', { pack: refunds })).toMatchObject({ ok: true });
    await expect(send('prompts:publish', { pack: { ...refunds, version: 2 } })).rejects.toThrow('Your last version of this pack has not reached the server yet; sync, then publish again.');
    expect(await pendingMutations(await db)).toHaveLength(1);
  });

  it.each([['agent'], ['supervisor']] as const)('refuses a %s', async (role) => {
    const { db, send } = setup(person(role));
    await expect(send('prompts:publish', { pack: refunds })).rejects.toThrow('Only managers and admins publish prompt rules.');
    expect(await pendingMutations(await db)).toEqual([]);
  });

  it('lists the rules in effect with their packs once a pack is pulled', async () => {
    const { db, send } = setup(person('agent'));
    const before = (await send('prompts:packs', {})) as { rules: unknown[]; published: unknown[] };
    expect(before.rules).toHaveLength(ukDefaultPack.rules.length);
    expect(before.published).toEqual([]);
    await applyPull(await db, {
      cursor: 3,
      hasMore: false,
      roster: [],
      teams: [],
      records: [
        { entity: 'rulePack', id: 'refunds', version: 2, deleted: false, data: refunds },
        // A record that does not validate is kept out of every page.
        { entity: 'rulePack', id: 'broken', version: 1, deleted: false, data: { id: 'broken', version: 1, title: 'x', rules: [{ id: 'NOPE' }] } },
      ],
    });
    const after = (await send('prompts:packs', {})) as { rules: { id: string; packId: string }[]; published: unknown[] };
    expect(after.published).toEqual([{ id: 'refunds', version: 1, title: 'Refund rules', rules: 1 }]);
    expect(after.rules.at(-1)).toMatchObject({ id: 'refund-over-limit', packId: 'refunds' });
    expect(after.rules).toHaveLength(ukDefaultPack.rules.length + 1);
  });
});
