import type { Me, RosterEntry } from '../../core/account.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Handlers } from '../../core/messages.ts';
import { MessageError } from '../../core/messaging.ts';
import { type NoticeBoard, SIGNED_OUT_BOARD, checkNotice, formatNoticeErrors, noticeBoard } from '../../core/notices.ts';
import { publishesNotices } from '../../core/roles.ts';
import { noticeAddresses } from '../../core/promptRecords.ts';
import type { FloorwalkerDB } from '../../storage/db.ts';
import { acknowledgeNotice, queueSharedChange, sharedValues, sharedVersion } from '../../storage/shared.ts';
import { roster } from '../../storage/sync.ts';

export interface NoticeServiceDeps {
  db(): Promise<FloorwalkerDB>;
  now(): Date;
  signedIn(): Promise<Me | null>;
  /** Something changed locally that the server should hear about. */
  changed(): void;
}

/** The roster comes with every pull, so its role and teams are newer than the sign-in's. */
const viewerIn = (people: readonly RosterEntry[], me: Me) => people.find((p) => p.id === me.id) ?? me;

/**
 * The background worker's answers about procedure notices, from what the last sync brought. An
 * acknowledgement counts at once in this browser; a publication reaches people (and this list)
 * once the server has numbered it.
 */
export function noticeHandlers({ db, now, signedIn, changed }: NoticeServiceDeps): Handlers<unknown> {
  async function person(): Promise<Me> {
    const me = await signedIn();
    if (!me) throw new MessageError('Sign in (under Account) to read and acknowledge procedure notices: each acknowledgement is recorded in your name.');
    return me;
  }

  async function board(d: FloorwalkerDB, me: Me): Promise<NoticeBoard> {
    const [{ roster: people, teams }, notices, acks] = await Promise.all([roster(d), sharedValues(d, 'notice'), sharedValues(d, 'noticeAck')]);
    const viewer = viewerIn(people, me);
    return { role: viewer.role, canPublish: publishesNotices(viewer.role), teams, ...noticeBoard(notices, people, acks, viewer) };
  }

  return {
    'notices:list': async () => {
      const me = await signedIn();
      return me ? board(await db(), me) : SIGNED_OUT_BOARD;
    },
    'notices:publish': async ({ id, draft }) => {
      const me = await person();
      const d = await db();
      if (!publishesNotices(viewerIn((await roster(d)).roster, me).role)) throw new MessageError('Only managers can publish procedure notices.');
      const checked = checkNotice(draft);
      if (!checked.ok) throw new MessageError(`The notice was not published. ${formatNoticeErrors(checked.errors)}`);
      if (id && (await sharedVersion(d, 'notice', id)) === 0) throw new MessageError('This notice is not in this browser yet; sync and try again.');
      const noticeId = id ?? uuidv7();
      await queueSharedChange(d, { entity: 'notice', name: 'notice.put', recordId: noticeId, args: { ...checked.draft, id: noticeId } }, now(), {
        whilePending: 'Your last change to this notice has not reached the server yet; sync, then revise it again.',
      });
      changed();
      return { id: noticeId };
    },
    'notices:acknowledge': async ({ noticeId, noticeVersion }) => {
      const me = await person();
      const d = await db();
      const notice = (await sharedValues(d, 'notice')).find((n) => n.id === noticeId);
      if (!notice) throw new MessageError('This notice is not in this browser; sync and try again.');
      if (notice.version !== noticeVersion) throw new MessageError('This notice has been revised since: read the new version and acknowledge that.');
      if (!noticeAddresses(notice, viewerIn((await roster(d)).roster, me))) throw new MessageError('This notice is not addressed to you.');
      await acknowledgeNotice(d, { noticeId, noticeVersion, userId: me.id }, now());
      changed();
      return board(d, me);
    },
  };
}

/**
 * The toolbar button shows how many notices wait for the signed-in person's acknowledgement, so an
 * agent sees a new one without opening the panel. Updated after every sync and acknowledgement.
 */
export async function showNoticesToRead(d: FloorwalkerDB, me: Me | null): Promise<void> {
  let count = 0;
  if (me) {
    const [{ roster: people }, notices, acks] = await Promise.all([roster(d), sharedValues(d, 'notice'), sharedValues(d, 'noticeAck')]);
    count = noticeBoard(notices, people, acks, viewerIn(people, me)).toRead;
  }
  // Firefox's Manifest V2 build has browserAction where Chrome has action.
  const button = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  await button.setBadgeText({ text: count ? String(count) : '' });
  await button.setTitle({ title: count ? `Open Floorwalker: ${count} procedure notice${count === 1 ? '' : 's'} to read` : 'Open Floorwalker' });
}
