import { describe, expect, it } from 'vitest';
import { holidayCalendar } from './bankHolidays.ts';
import { History, PEOPLE, closure } from './complaintFixtures.ts';
import { dueReminders } from './complaintReminders.ts';

const options = { calendar: holidayCalendar('englandAndWales'), remindDaysBefore: 2 };

describe('deadline reminders for a complaint owner', () => {
  // Received Monday 2 March 2026: the DISP 8-week deadline is Monday 27 April 2026.
  const history = new History();
  const complaint = history.log(PEOPLE.agent);

  it.each([
    ['weeks before the deadline', '2026-03-20T10:00:00Z', []],
    ['inside the regime warning week', '2026-04-21T10:00:00Z', ['dueSoon']],
    ['after the last day', '2026-04-28T10:00:00Z', ['overdue']],
  ])('%s', (_, now, states) => {
    const reminders = dueReminders([complaint], PEOPLE.agent.id, new Date(now), options, new Set());
    expect(reminders.map((r) => r.key.split(':').at(-1))).toEqual(states);
    for (const r of reminders) expect(r.title).toContain(complaint.reference);
  });

  it('says each reminder once', () => {
    const now = new Date('2026-04-28T10:00:00Z');
    const first = dueReminders([complaint], PEOPLE.agent.id, now, options, new Set());
    expect(first).toHaveLength(1);
    expect(dueReminders([complaint], PEOPLE.agent.id, now, options, new Set(first.map((r) => r.key)))).toEqual([]);
  });

  it('reminds only the owner, and nobody once the complaint is closed', () => {
    const now = new Date('2026-04-28T10:00:00Z');
    expect(dueReminders([complaint], PEOPLE.supervisor.id, now, options, new Set())).toEqual([]);
    const closing = new History();
    closing.log(PEOPLE.agent);
    const closed = closing.apply('closed', PEOPLE.agent, { closure: closure('2026-03-03'), authority: closing.authority(PEOPLE.agent) }, '2026-03-03T12:00:00Z');
    expect(dueReminders([closed], PEOPLE.agent.id, now, options, new Set())).toEqual([]);
  });
});
