import { describe, expect, it } from 'vitest';
import { COMPLAINT_EVENT_TYPES, type ComplaintEventType, DEFAULT_COMPLAINT_CATEGORIES, FCA_DISP, OFCOM } from '../core/complaint.ts';
import { CONTACT, closure, type EventBody, History, option, PEOPLE } from '../core/complaintFixtures.ts';
import { complaintTimeline, describeComplaintEvent } from './complaintTimeline.ts';

const history = new History();
const ev = <T extends ComplaintEventType>(type: T, body: EventBody<T>, by = PEOPLE.agent) => history.make(type, by, body, '2026-03-02T10:00:00Z');
const categories = DEFAULT_COMPLAINT_CATEGORIES;
const options = new Map([['option-1', 'Refund the duplicate charge']]);
const describeIt = (e: ReturnType<typeof ev>) => describeComplaintEvent(e, { categories, options });

/** One example of every event type, and what the timeline should say about it. */
const EXAMPLES: { [T in ComplaintEventType]: [EventBody<T>, string] } = {
  logged: [
    {
      reference: 'C-20260302-ABC123',
      receivedAt: '2026-03-01T23:30:00Z',
      receivedVia: 'email',
      contact: CONTACT,
      category: 'billing',
      nature: { whatHappened: 'Charged twice.' },
      flags: ['vulnerable', 'highRisk'],
      regime: FCA_DISP,
      ownerAuthority: history.authority(PEOPLE.agent),
    },
    'Logged complaint C-20260302-ABC123 (Charges, billing and payments), received by email on Sun 1 Mar 2026. ' +
      'Flagged vulnerable customer and high risk. Clocks: FCA DISP.',
  ],
  detailsCorrected: [
    { reference: 'C-2', receivedVia: 'phone', customerRef: 'cust-9', reason: 'Typed the wrong customer' },
    'Corrected the reference to C-2; how it arrived to phone; the customer to cust-9. Reason: Typed the wrong customer',
  ],
  natureRecorded: [
    { nature: { whatHappened: 'Charged twice.', impact: 'Overdrawn', customerWants: 'A refund' } },
    'Recorded what happened, its impact and what the customer wants.',
  ],
  flagsSet: [{ flags: [], reason: 'Not vulnerable after all' }, 'Cleared the flags. Reason: Not vulnerable after all'],
  categorySet: [{ category: 'delay' }, 'Moved the complaint to “Delay or missed commitment”.'],
  regimeSet: [{ regime: OFCOM, reason: 'A broadband complaint' }, 'Changed the clocks to Ofcom (communications providers). Reason: A broadband complaint'],
  optionAdded: [
    { option: { ...option('option-2', 1250, 'Refund and apologise'), otherRedress: 'a written apology' } },
    'Added option “Refund and apologise”: redress £12.50 and a written apology, costing £27.50.',
  ],
  optionWithdrawn: [{ optionId: 'option-1', reason: 'Customer declined' }, 'Withdrew option “Refund the duplicate charge”. Reason: Customer declined'],
  optionAgreed: [
    { optionId: 'option-1', authority: history.authority(PEOPLE.agent), note: 'Agreed on the phone' },
    'Agreed option “Refund the duplicate charge” with the customer. Agreed on the phone.',
  ],
  agreementCancelled: [{ reason: 'Customer changed their mind' }, 'Cancelled the agreed option. Reason: Customer changed their mind'],
  actionTaken: [{ description: 'Refunded £12.50' }, 'Action taken: Refunded £12.50.'],
  responseSent: [
    { kind: 'holding', sentOn: '2026-03-05', referralRightsGiven: true },
    'Sent a holding response on Thu 5 Mar 2026, telling the customer of their referral rights.',
  ],
  referred: [
    { to: PEOPLE.supervisor, toAuthority: history.authority(PEOPLE.supervisor), reason: 'Over my limit', optionId: 'option-1' },
    'Referred the complaint to Cy Supervisor (supervisor) to agree option “Refund the duplicate charge”. Reason: Over my limit',
  ],
  closed: [
    { closure: closure('2026-03-06', 'partlyUpheld', 1250), authority: history.authority(PEOPLE.agent) },
    'Closed: Partly upheld on Fri 6 Mar 2026, with redress £12.50. The customer was told of their referral rights.',
  ],
  closureCorrected: [
    { closure: { ...closure('2026-03-06', 'notUpheld'), referralRightsGiven: false }, authority: history.authority(PEOPLE.agent), reason: 'Wrong outcome' },
    'Corrected the closure: Not upheld on Fri 6 Mar 2026, with no money redress. Referral rights were not given. Reason: Wrong outcome',
  ],
  reopened: [{ reason: 'The refund bounced' }, 'Reopened the complaint. Reason: The refund bounced'],
  reviewed: [
    {
      review: {
        rootCause: { id: 'process-gap', label: 'Gap in a process' },
        learningPoints: ['Check for duplicate charges'],
        preventiveActions: [
          { description: 'Add a duplicate check', owner: { name: 'Eli' }, dueOn: '2026-04-01' },
          { description: 'Brief the team', owner: { name: 'Cy' }, dueOn: '2026-04-01' },
        ],
      },
    },
    'Reviewed the complaint: root cause “Gap in a process”, 1 learning point, 2 preventive actions.',
  ],
  noteAdded: [{ text: 'Customer prefers email' }, 'Note: Customer prefers email.'],
};

describe('describeComplaintEvent', () => {
  it('has an example for every event type', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual([...COMPLAINT_EVENT_TYPES].sort());
  });

  it.each(COMPLAINT_EVENT_TYPES.map((type) => [type]))('describes %s', (type) => {
    const [body, expected] = EXAMPLES[type] as [EventBody<typeof type>, string];
    expect(describeIt(ev(type, body))).toBe(expected);
  });

  it('names an option by its id when its summary is unknown', () => {
    expect(describeComplaintEvent(ev('optionAgreed', { optionId: 'option-9', authority: history.authority(PEOPLE.agent) }))).toBe(
      'Agreed option option-9 with the customer.',
    );
  });

  it('names a category by its id when the category is unknown, and sets flags by name', () => {
    expect(describeComplaintEvent(ev('categorySet', { category: 'gone' }))).toBe('Moved the complaint to “gone”.');
    expect(describeIt(ev('flagsSet', { flags: ['vulnerable', 'highProfile', 'highRisk'] }))).toBe(
      'Set the flags to vulnerable customer, high-profile customer and high risk.',
    );
  });

  it('an acknowledgement without referral rights, with a note', () => {
    expect(describeIt(ev('responseSent', { kind: 'acknowledgement', sentOn: '2026-03-02', note: 'By email' }))).toBe(
      'Sent an acknowledgement on Mon 2 Mar 2026. By email.',
    );
  });
});

describe('complaintTimeline', () => {
  it('lists the history oldest first with who and when, naming options as they were added', () => {
    const h = new History();
    h.log(PEOPLE.agent);
    h.apply('optionAdded', PEOPLE.agent, { option: option('a', 2000, 'Refund £20') });
    h.apply('referred', PEOPLE.agent, { to: PEOPLE.supervisor, toAuthority: h.authority(PEOPLE.supervisor), reason: 'Needs a supervisor', optionId: 'a' });
    h.apply('optionAgreed', PEOPLE.supervisor, { optionId: 'a', authority: h.authority(PEOPLE.supervisor) });
    const timeline = complaintTimeline([...h.events].reverse(), categories);
    expect(timeline.map((t) => t.seq)).toEqual([1, 2, 3, 4]);
    expect(timeline[0]!.who).toBe('Ash Agent (agent)');
    expect(timeline[0]!.at).toBe('2026-03-02T09:00:00.000Z');
    expect(timeline[3]).toMatchObject({ who: 'Cy Supervisor (supervisor)', what: 'Agreed option “Refund £20” with the customer.' });
    expect(timeline[2]!.what).toBe('Referred the complaint to Cy Supervisor (supervisor) to agree option “Refund £20”. Reason: Needs a supervisor');
  });
});
