import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me, RosterEntry } from '../../core/account.ts';
import { messageMap } from '../../core/messages.ts';
import { dispatch } from '../../core/messaging.ts';
import { type NoticeBoard, SIGNED_OUT_BOARD } from '../../core/notices.ts';
import { type ProcedureNotice, noticeAckKey } from '../../core/promptRecords.ts';
import type { SyncRecord } from '../../core/sync.ts';
import { type FloorwalkerDB, openFloorwalkerDB } from '../../storage/db.ts';
import { applyPull, applyPushResults, nextBatch } from '../../storage/sync.ts';
import { freshIndexedDB } from '../../storage/testing.ts';
import { fakeBrowser } from 'wxt/testing';
import { noticeHandlers, showNoticesToRead } from './notices.ts';
import { BILLING, NOTICE_PEOPLE, REFUNDS_NOTICE, fixtureId } from '../../core/noticeFixtures.ts';

const NOW = new Date('2026-03-21T10:00:00.000Z');
const id = fixtureId;
const { alex, blake, sam, mo } = NOTICE_PEOPLE;
const me = (p: RosterEntry): Me => ({ ...p, orgId: id(900), orgName: 'Demo', email: `${p.id}@example.test` });

const toAgents: ProcedureNotice = REFUNDS_NOTICE;
const toManagers: ProcedureNotice = { ...toAgents, id: id(101), title: 'Budget sign-off', audience: { roles: ['manager'], teamIds: [] } };
const record = (entity: SyncRecord['entity'], recordId: string, version: number, data: unknown): SyncRecord => ({ entity, id: recordId, version, deleted: false, data });

let db: FloorwalkerDB;
let changed: ReturnType<typeof vi.fn<() => void>>;
let signedIn: Me | null;
beforeEach(async () => {
  freshIndexedDB();
  db = await openFloorwalkerDB();
  changed = vi.fn<() => void>();
  signedIn = null;
  await applyPull(db, {
    cursor: 1,
    hasMore: false,
    records: [record('notice', toAgents.id, 1, toAgents), record('notice', toManagers.id, 1, toManagers)],
    roster: [alex, blake, sam, mo],
    teams: [{ id: BILLING, name: 'Billing' }],
  });
});

const handlers = () => noticeHandlers({ db: async () => db, now: () => NOW, signedIn: async () => signedIn, changed });
async function send<T = never>(name: string, body: unknown): Promise<T> {
  const reply = await dispatch(messageMap, handlers(), { name, body }, undefined);
  if (!reply) throw new Error(`unhandled ${name}`);
  if (!reply.ok) throw new Error(reply.error);
  return reply.body as T;
}
const outbox = () => db.getAll('outbox');
const draft = {
  title: 'Call recording notice',
  whatChanged: 'Read the new recording notice at the start of every call.',
  effectiveFrom: '2026-04-06',
  audience: { roles: ['agent'], teamIds: [] },
  requiresAcknowledgement: true,
};

describe('notices:list', () => {
  it('answers an empty board to nobody signed in', async () => {
    expect(await send('notices:list', {})).toEqual(SIGNED_OUT_BOARD);
  });

  it('gives an agent the notices addressed to them, none of anyone else', async () => {
    signedIn = me(alex);
    const board: NoticeBoard = await send('notices:list', {});
    expect(board).toMatchObject({ role: 'agent', canPublish: false, toRead: 1, teams: [{ id: BILLING, name: 'Billing' }] });
    expect(board.notices.map((s) => [s.notice.title, s.waiting, s.audience])).toEqual([[toAgents.title, true, null]]);
  });

  it('takes role and teams from the latest roster rather than the sign-in', async () => {
    signedIn = { ...me(alex), role: 'supervisor' };
    expect((await send<NoticeBoard>('notices:list', {})).role).toBe('agent');
  });

  it("shows a supervisor who in their team has acknowledged, from the pulled acknowledgements", async () => {
    const at = '2026-03-21T09:30:00.000Z';
    const key = noticeAckKey({ noticeId: toAgents.id, noticeVersion: 1, userId: blake.id });
    await applyPull(db, { cursor: 2, hasMore: false, records: [record('noticeAck', key, 1, { noticeId: toAgents.id, noticeVersion: 1, userId: blake.id, at })], roster: [alex, blake, sam, mo], teams: [] });
    signedIn = me(sam);
    const [status] = (await send<NoticeBoard>('notices:list', {})).notices;
    expect(status!.audience).toEqual({
      acknowledged: [{ id: blake.id, name: 'Blake Agent', role: 'agent', acknowledgedAt: at, earlier: null }],
      notYet: [{ id: alex.id, name: 'Alex Agent', role: 'agent', acknowledgedAt: null, earlier: null }],
    });
  });
});

describe('notices:acknowledge', () => {
  it('keeps the acknowledgement at once, queues it for the server and asks for a sync', async () => {
    signedIn = me(alex);
    const board: NoticeBoard = await send('notices:acknowledge', { noticeId: toAgents.id, noticeVersion: 1 });
    expect(board.toRead).toBe(0);
    expect(board.notices[0]!.mine).toEqual({ acknowledgedAt: NOW.toISOString(), earlier: null });
    const key = noticeAckKey({ noticeId: toAgents.id, noticeVersion: 1, userId: alex.id });
    expect(await outbox()).toMatchObject([{ name: 'noticeAck.put', recordId: key, baseVersion: 0, args: { noticeId: toAgents.id, noticeVersion: 1 } }]);
    expect(changed).toHaveBeenCalledOnce();
  });

  it('waits again when the server refuses the acknowledgement (the person left the audience meanwhile)', async () => {
    signedIn = me(alex);
    await send('notices:acknowledge', { noticeId: toAgents.id, noticeVersion: 1 });
    const [pushed] = await nextBatch(db, 10);
    await applyPushResults(db, [{ id: pushed!.id, status: 'rejected', reason: 'this notice is not addressed to you' }], NOW);
    expect((await send<NoticeBoard>('notices:list', {})).toRead).toBe(1);
    expect(await db.count('parked')).toBe(1);
  });

  it.each([
    ['nobody signed in', null, toAgents.id, 1, /^Sign in \(under Account\)/],
    ['a notice this browser does not have', alex, id(199), 1, /^This notice is not in this browser; sync and try again\.$/],
    ['a version since revised', alex, toAgents.id, 2, /^This notice has been revised since/],
    ['a notice for someone else', alex, toManagers.id, 1, /^This notice is not addressed to you\.$/],
  ] as const)('refuses %s, queueing nothing', async (_label, who, noticeId, noticeVersion, error) => {
    signedIn = who && me(who);
    await expect(send('notices:acknowledge', { noticeId, noticeVersion })).rejects.toThrow(error);
    expect(await outbox()).toEqual([]);
    expect(changed).not.toHaveBeenCalled();
  });
});

describe('notices:publish', () => {
  it("queues a manager's new notice with a fresh id, for the server to number", async () => {
    signedIn = me(mo);
    const { id: noticeId } = await send<{ id: string }>('notices:publish', { draft });
    expect(await outbox()).toMatchObject([
      { name: 'notice.put', recordId: noticeId, baseVersion: 0, args: { ...draft, id: noticeId, criteria: [], requirementIds: [] } },
    ]);
    expect(changed).toHaveBeenCalledOnce();
  });

  it('revises a notice on the version this browser holds; a second revision waits for the first to sync', async () => {
    signedIn = me(mo);
    const revise = () => send('notices:publish', { id: toAgents.id, draft: { ...draft, title: 'Refunds over £30 need a second check' } });
    await revise();
    expect(await outbox()).toMatchObject([{ name: 'notice.put', recordId: toAgents.id, baseVersion: 1, args: { id: toAgents.id } }]);
    await expect(revise()).rejects.toThrow('Your last change to this notice has not reached the server yet; sync, then revise it again.');

    const [pushed] = await nextBatch(db, 10);
    await applyPushResults(db, [{ id: pushed!.id, status: 'applied', record: record('notice', toAgents.id, 2, { ...toAgents, ...(pushed!.args as object), version: 2 }) }], NOW);
    await revise();
    expect(await outbox()).toMatchObject([{ name: 'notice.put', recordId: toAgents.id, baseVersion: 2 }]);
  });

  it.each([
    ['nobody signed in', null, { draft }, /^Sign in \(under Account\)/],
    ['an agent', alex, { draft }, /^Only managers can publish procedure notices\.$/],
    ['a supervisor', sam, { draft }, /^Only managers can publish procedure notices\.$/],
    [
      'a draft with faults, each named',
      mo,
      { draft: { ...draft, title: ' ', guidanceUrl: 'intranet/recording' } },
      /^The notice was not published\. Give the notice a title, of up to 200 characters\. The guidance link must be a full web address, starting https:\/\/ or http:\/\/\.$/,
    ],
    ['a revision of a notice this browser does not have', mo, { id: id(199), draft }, /^This notice is not in this browser yet; sync and try again\.$/],
  ] as const)('refuses %s, queueing nothing', async (_label, who, body, error) => {
    signedIn = who && me(who);
    await expect(send('notices:publish', body)).rejects.toThrow(error);
    expect(await outbox()).toEqual([]);
    expect(changed).not.toHaveBeenCalled();
  });
});

describe('the toolbar count', () => {
  it('shows what waits for the signed-in person, and clears once they acknowledge it or sign out', async () => {
    const badge = () => fakeBrowser.action.getBadgeText({});
    await showNoticesToRead(db, me(alex));
    expect(await badge()).toBe('1');
    expect(await fakeBrowser.action.getTitle({})).toBe('Open Floorwalker: 1 procedure notice to read');
    signedIn = me(alex);
    await send('notices:acknowledge', { noticeId: toAgents.id, noticeVersion: 1 });
    await showNoticesToRead(db, me(alex));
    expect(await badge()).toBe('');
    await showNoticesToRead(db, me(blake));
    expect(await badge()).toBe('1');
    await showNoticesToRead(db, null);
    expect(await badge()).toBe('');
    expect(await fakeBrowser.action.getTitle({})).toBe('Open Floorwalker');
  });
});
