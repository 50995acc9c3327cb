import type { Channel } from './contact.ts';
import type { SpotCheckStatus } from './spotCheck.ts';

/** How enum values read to people, in the panel, reports and exports alike. */
export const CHANNEL_LABELS: Record<Channel, string> = {
  phone: 'Phone',
  email: 'Email',
  chat: 'Chat',
  social: 'Social media',
  letter: 'Letter',
  inPerson: 'In person',
  other: 'Other',
};

export const STATUS_LABELS: Record<SpotCheckStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  acknowledged: 'Acknowledged',
  disputed: 'Disputed',
  resolved: 'Resolved',
};

/** A check's outcome; 'none' is the filter's name for a check with no score (outcome null). */
export const OUTCOME_LABELS: Record<'pass' | 'fail' | 'none', string> = {
  pass: 'Pass',
  fail: 'Fail',
  none: 'No outcome',
};

/** The label for a result's outcome, null reading as "No outcome". */
export const outcomeLabel = (outcome: 'pass' | 'fail' | null): string => OUTCOME_LABELS[outcome ?? 'none'];
