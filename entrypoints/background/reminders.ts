import { dueReminders } from '../../core/complaintReminders.ts';
import type { Me } from '../../core/account.ts';
import { clockOptions } from '../../core/orgSettings.ts';
import { allComplaints } from '../../storage/complaints.ts';
import type { FloorwalkerDB } from '../../storage/db.ts';
import { orgSettings } from '../../storage/sync.ts';

const SENT_KEY = 'remindersSent';
/** Keys of reminders already shown are kept for this long, then forgotten (the deadline is long past). */
const MAX_SENT = 2000;

/**
 * Tell the signed-in owner about complaint deadlines coming up or passed, once each, with a system
 * notification. Runs on an alarm; what was sent is kept in IndexedDB so a restarted worker does not
 * repeat itself.
 */
export async function remindOwner(db: FloorwalkerDB, me: Me | null, now: Date): Promise<number> {
  if (!me) return 0;
  const settings = await orgSettings(db);
  const sent = new Set(((await db.get('meta', SENT_KEY)) as string[] | undefined) ?? []);
  const complaints = (await allComplaints(db)).map((e) => e.complaint);
  const reminders = dueReminders(complaints, me.id, now, { ...clockOptions(settings), remindDaysBefore: settings.remindDaysBefore }, sent);
  for (const r of reminders) {
    await browser.notifications.create(r.key, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: r.title,
      message: r.message,
    });
    sent.add(r.key);
  }
  if (reminders.length) await db.put('meta', [...sent].slice(-MAX_SENT), SENT_KEY);
  return reminders.length;
}
