import type { Complaint } from './complaint.ts';
import { type ClockOptions, complaintClocks } from './complaintClocks.ts';

/** A notification owed to a complaint's owner about one of its deadlines. */
export interface Reminder {
  /** Stable for the complaint, milestone and state, so each is sent once. */
  key: string;
  complaintId: string;
  title: string;
  message: string;
}

/**
 * The reminders owed to `ownerId` at `now`: each open deadline of their complaints that is within
 * `remindDaysBefore` business days of its last day (or inside the regime's own warning period), and
 * again once it is overdue. Windows (summary resolution) are chances, not duties: no reminder.
 * Keys already in `sent` are left out.
 */
export function dueReminders(
  complaints: readonly Complaint[],
  ownerId: string,
  now: Date,
  options: ClockOptions & { remindDaysBefore: number },
  sent: ReadonlySet<string>,
): Reminder[] {
  const reminders: Reminder[] = [];
  for (const complaint of complaints) {
    if (complaint.owner.id !== ownerId || complaint.status === 'closed' || complaint.status === 'reviewed') continue;
    for (const clock of complaintClocks(complaint, now, options)) {
      if (clock.milestone.kind !== 'deadline') continue;
      const soon = clock.state === 'dueSoon' || (clock.state === 'ok' && clock.businessDaysLeft <= options.remindDaysBefore);
      const state = clock.state === 'overdue' ? 'overdue' : soon ? 'dueSoon' : undefined;
      if (!state) continue;
      const key = `${complaint.id}:${clock.milestone.id}:${state}`;
      if (sent.has(key)) continue;
      reminders.push({
        key,
        complaintId: complaint.id,
        title: state === 'overdue' ? `Overdue: complaint ${complaint.reference}` : `Due soon: complaint ${complaint.reference}`,
        message:
          state === 'overdue'
            ? `${clock.milestone.label} was due by ${clock.dueOn}.`
            : `${clock.milestone.label} is due by ${clock.dueOn} (${plural(clock.businessDaysLeft, 'business day')} left).`,
      });
    }
  }
  return reminders;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
