import type { ChecklistInput } from '../checklist.ts';
import { BUILT_IN_APPROVAL, ONE_TO_FIVE, YES_NO, ZERO_TO_THREE } from './common.ts';

/**
 * How one complaint was handled, on any channel, scored from the contact and the complaint record.
 * Missing the complaint altogether, or leaving out referral rights where they are due, fails the check.
 * The items follow the complaint's life: recognise, understand, consider the customer, decide within
 * authority, tell the customer, record.
 */
export const complaintHandling: ChecklistInput = {
  id: 'complaint-handling',
  ...BUILT_IN_APPROVAL,
  title: 'Complaint handling',
  description:
    'A spot check of how a complaint was recognised, investigated, resolved or referred, communicated ' +
    'and recorded. Score it from the contact where the complaint was made together with the complaint record.',
  channels: [],
  passMark: 80,
  sections: [
    {
      id: 'recognition',
      title: 'Recognising and logging the complaint',
      items: [
        {
          id: 'recognised-as-complaint',
          text: 'Recognised the expression of dissatisfaction as a complaint',
          guidance:
            'Any dissatisfaction, justified or not and however it is worded, counts under the organisation\'s ' +
            'definition. Treating it as a routine query, or talking the customer out of complaining, fails ' +
            'the whole check because nothing after it can be right.',
          scale: YES_NO,
          weight: 100,
          naAllowed: false,
          critical: 'check',
          skill: 'process',
          requirementIds: ['DISP-1.3.1R'],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CFACC33 K&U h', 'CC33 2.1'],
        },
        {
          id: 'logged',
          text: 'Logged it in the complaints system with when and how it was received',
          guidance:
            'The received date and channel start the regulatory clocks, so a late or missing log fails this ' +
            'section. Complaints resolved on the spot are logged too.',
          scale: YES_NO,
          weight: 80,
          naAllowed: false,
          critical: 'section',
          skill: 'process',
          requirementIds: ['DISP-1.9.1R', 'DISP-1.10.1R'],
          criteria: ['CC33 4.5', 'CFACC33 K&U j', 'CC33 2.1', 'CC33 2.5'],
        },
        {
          id: 'categorised',
          text: 'Chose the right category and the regime whose deadlines apply',
          guidance:
            'A wrong category hides trends from the learning review; a wrong regime sets the wrong deadlines.',
          scale: YES_NO,
          weight: 50,
          naAllowed: false,
          critical: 'none',
          skill: 'process',
          requirementIds: ['DISP-1.6.2R'],
          criteria: ['CC33 2.5', 'CFACC33 PC 11', 'CC33 4.5'],
        },
        {
          id: 'acknowledgement-sent',
          text: 'Sent a prompt acknowledgement with a reference and the name of whoever is handling it',
          guidance: 'N/A when the complaint was resolved in the first contact and the customer was told so.',
          scale: YES_NO,
          weight: 50,
          naAllowed: true,
          critical: 'none',
          skill: 'communication',
          requirementIds: ['DISP-1.6.1R'],
          criteria: ['CC33 2.1', 'CFACC33 PC 7', 'CFACC33 K&U b'],
        },
      ],
    },
    {
      id: 'nature',
      title: 'Establishing the nature of the complaint',
      items: [
        {
          id: 'acknowledged-and-apologised',
          text: "Acknowledged how the customer felt and apologised where that was appropriate",
          guidance:
            '1 = dismissive or defensive; 3 = a stock apology; 5 = sincere, specific to what went wrong, ' +
            'and without conceding points not yet investigated.',
          scale: ONE_TO_FIVE,
          weight: 60,
          naAllowed: false,
          critical: 'none',
          skill: 'empathy',
          requirementIds: [],
          criteria: ['CC33 2.1', 'CFACC33 PC 7', 'CC26 3.1'],
        },
        {
          id: 'nature-what-happened',
          text: 'Established the facts of what happened, checking records rather than assuming',
          guidance:
            '0 = took no steps to find out; 1 = relied on the customer\'s or the agent\'s account alone; ' +
            '2 = checked the main records; 3 = built a clear timeline from the records, calls and messages.',
          scale: ZERO_TO_THREE,
          weight: 80,
          naAllowed: false,
          critical: 'none',
          skill: 'process',
          requirementIds: ['DISP-1.4.1R'],
          criteria: ['CC33 2.1', 'CFACC33 PC 7'],
        },
        {
          id: 'nature-impact',
          text: 'Found out the impact on the customer: money lost, distress, inconvenience',
          guidance:
            '0 = not explored; 1 = assumed; 2 = asked but not quantified where it could be; 3 = understood ' +
            'and recorded, with amounts where there was a financial loss.',
          scale: ZERO_TO_THREE,
          weight: 60,
          naAllowed: false,
          critical: 'none',
          skill: 'empathy',
          requirementIds: ['DISP-1.4.1R'],
          criteria: ['CC33 2.1', 'CFACC33 PC 7'],
        },
        {
          id: 'nature-outcome-sought',
          text: 'Asked what the customer wants to happen to put things right',
          scale: YES_NO,
          weight: 60,
          naAllowed: false,
          critical: 'none',
          skill: 'communication',
          requirementIds: [],
          criteria: ['CC33 2.1', 'CFACC33 PC 7', 'CC33 2.3'],
        },
        {
          id: 'nature-confirmed',
          text: 'Played the complaint back and agreed with the customer which points will be looked into',
          guidance: 'Missing a point here is the usual reason a complaint is reopened.',
          scale: YES_NO,
          weight: 40,
          naAllowed: false,
          critical: 'none',
          skill: 'communication',
          requirementIds: [],
          criteria: ['CC33 2.1', 'CFACC33 PC 7'],
        },
      ],
    },
    {
      id: 'circumstances',
      title: "The customer's circumstances",
      items: [
        {
          id: 'vulnerability-checked',
          text: 'Considered whether the customer might be vulnerable and adjusted the handling',
          guidance:
            'Complaints often arise from, or cause, difficult circumstances. Yes when the handler looked for ' +
            'signs and, where present, slowed down, offered support or followed the vulnerability procedure.',
          scale: YES_NO,
          weight: 70,
          naAllowed: false,
          critical: 'none',
          skill: 'empathy',
          requirementIds: ['FCA-FG21-1', 'FCA-PRIN-2A.6'],
          criteria: ['CC33 2.1', 'CC33 3.1', 'CFACC33 PC 7'],
        },
        {
          id: 'flags-set',
          text: 'Flagged the complaint as vulnerable, high-profile or high-risk where that applies',
          guidance:
            'Flags decide who may handle the complaint. Health information is recorded only with the ' +
            "customer's agreement. N/A when no flag applies.",
          scale: YES_NO,
          weight: 50,
          naAllowed: true,
          critical: 'none',
          skill: 'process',
          requirementIds: ['UK-GDPR-ART9'],
          criteria: ['CC16 1.2', 'CFACC33 K&U i', 'CC33 4.5'],
        },
        {
          id: 'adjustments-offered',
          text: 'Offered adjustments the customer needed, such as another channel, format or a representative',
          guidance: 'N/A when no need for an adjustment was apparent.',
          scale: YES_NO,
          weight: 40,
          naAllowed: true,
          critical: 'none',
          skill: 'empathy',
          requirementIds: ['UK-EQA-2010-S20'],
          criteria: ['CC33 2.3', 'CC33 3.1'],
        },
      ],
    },
    {
      id: 'options',
      title: 'Options, authority and referral',
      items: [
        {
          id: 'options-identified',
          text: 'Identified the realistic options and weighed them for the customer and for the organisation',
          guidance:
            '0 = went straight to one answer; 1 = more than one option but no weighing; 2 = options weighed ' +
            'for one side only; 3 = each option weighed for both sides, including cost or redress.',
          scale: ZERO_TO_THREE,
          weight: 70,
          naAllowed: false,
          critical: 'none',
          skill: 'ownership',
          requirementIds: ['DISP-1.4.1R'],
          criteria: ['CC33 2.2', 'CFACC33 PC 8', 'CC33 4.6', 'CFACC33 K&U k'],
        },
        {
          id: 'options-explained',
          text: 'Explained the options to the customer clearly, including the drawbacks for them',
          guidance: '1 = no explanation or one-sided; 3 = explained but hard to compare; 5 = the customer could choose knowingly.',
          scale: ONE_TO_FIVE,
          weight: 50,
          naAllowed: true,
          critical: 'none',
          skill: 'communication',
          requirementIds: ['FCA-PRIN-2A.5'],
          criteria: ['CC33 2.2', 'CFACC33 PC 8'],
        },
        {
          id: 'option-agreed',
          text: "Agreed an option that meets the customer's needs, and followed it through",
          guidance:
            'Where agreement was not possible, the record should say what was offered and why it was declined. ' +
            'N/A while the complaint is still under investigation.',
          scale: YES_NO,
          weight: 60,
          naAllowed: true,
          critical: 'none',
          skill: 'ownership',
          requirementIds: ['DISP-1.4.1R'],
          criteria: ['CC33 2.3', 'CFACC33 PC 9'],
        },
        {
          id: 'within-authority',
          text: "Offered nothing beyond the handler's authority: amount, category and flags",
          guidance:
            'Compare any redress or exception with the authority boundary for the handler\'s role. Going beyond ' +
            'it fails this section even if the customer was pleased.',
          scale: YES_NO,
          weight: 80,
          naAllowed: false,
          critical: 'section',
          skill: 'compliance',
          requirementIds: [],
          criteria: ['CC16 1.1', 'CFACC33 K&U i', 'CC16 1.2'],
        },
        {
          id: 'referred-when-beyond-authority',
          text: 'Referred promptly to the right person when the complaint went beyond their authority, with the reason recorded',
          guidance:
            'The customer should be told who now has it and when they will hear. Holding on to a complaint ' +
            'that needed referral fails this section. N/A when no referral was needed.',
          scale: YES_NO,
          weight: 80,
          naAllowed: true,
          critical: 'section',
          skill: 'process',
          requirementIds: ['DISP-1.3.1R'],
          criteria: ['CFACC33 PC 6', 'CC33 4.4', 'CC16 1.2', 'CFACC33 K&U i'],
        },
      ],
    },
    {
      id: 'communication',
      title: 'Timescales, outcome and referral rights',
      items: [
        {
          id: 'timescales-explained',
          text: 'Told the customer how long it should take and when they will next hear',
          scale: YES_NO,
          weight: 60,
          naAllowed: false,
          critical: 'none',
          skill: 'communication',
          requirementIds: ['DISP-1.6.1R', 'DISP-1.6.2R'],
          criteria: ['CC33 2.3', 'CC33 3.1', 'CFACC33 K&U b'],
        },
        {
          id: 'deadline-met',
          text: 'Sent the final or holding response within the deadline of the regime that applies',
          guidance:
            'Use the complaint clock: for example eight weeks under DISP, fifteen business days for payment ' +
            'services. N/A while the deadline has not yet passed.',
          scale: YES_NO,
          weight: 70,
          naAllowed: true,
          critical: 'none',
          skill: 'compliance',
          requirementIds: ['DISP-1.6.2R', 'DISP-1.6.2AR'],
          criteria: ['CC33 3.1', 'CFACC33 PC 12', 'CC16 2.4'],
        },
        {
          id: 'outcome-explained',
          text: 'Explained the decision and the reasons for it in terms the customer can follow',
          guidance:
            '0 = no reasons; 1 = reasons that do not address the points raised; 2 = clear with gaps; ' +
            '3 = each point answered, with what will be done and any redress. N/A until a decision is made.',
          scale: ZERO_TO_THREE,
          weight: 70,
          naAllowed: true,
          critical: 'none',
          skill: 'communication',
          requirementIds: ['DISP-1.4.1R', 'FCA-PRIN-2A.5'],
          criteria: ['CC33 2.3', 'CFACC33 PC 9', 'CC26 3.1'],
        },
        {
          id: 'referral-rights-given',
          text: 'Gave the customer their right to take the complaint to the ombudsman or ADR scheme, with the time limit',
          guidance:
            'Due in a final response, a summary resolution where the rules require it, and when the regime\'s ' +
            'waiting period has run out. Leaving it out where it is due fails the whole check. ' +
            'N/A when no such point has been reached.',
          scale: YES_NO,
          weight: 100,
          naAllowed: true,
          critical: 'check',
          skill: 'compliance',
          requirementIds: ['DISP-1.6.2R', 'DISP-1.5.4R', 'OFCOM-GC-C4'],
          criteria: ['CC33 3.1', 'CFACC33 PC 12', 'CC33 2.4', 'CFACC33 K&U c'],
        },
      ],
    },
    {
      id: 'records',
      title: 'Records, closure and learning',
      items: [
        {
          id: 'record-accurate',
          text: 'Kept a complaint record that is accurate, factual and complete',
          guidance:
            '0 = missing or misleading; 1 = gaps that would stop a colleague or the ombudsman following it; ' +
            '2 = minor gaps; 3 = nature, evidence, contacts, options, decisions and actions all there.',
          scale: ZERO_TO_THREE,
          weight: 80,
          naAllowed: false,
          critical: 'none',
          skill: 'process',
          requirementIds: ['DISP-1.9.1R', 'UK-GDPR-ART5'],
          criteria: ['CC33 4.5', 'CFACC33 K&U j', 'CC33 2.4', 'CFACC33 PC 10'],
        },
        {
          id: 'closure-recorded',
          text: 'Recorded the closure: date, outcome, redress and whether referral rights were given',
          guidance: 'N/A while the complaint is open.',
          scale: YES_NO,
          weight: 60,
          naAllowed: true,
          critical: 'none',
          skill: 'process',
          requirementIds: ['DISP-1.9.1R'],
          criteria: ['CC33 2.4', 'CFACC33 PC 10'],
        },
        {
          id: 'root-cause-recorded',
          text: 'Recorded the root cause and any learning point or preventive action',
          guidance:
            'Short is fine as long as it names a cause, not just a symptom. N/A while the complaint is open.',
          scale: YES_NO,
          weight: 40,
          naAllowed: true,
          critical: 'none',
          skill: 'ownership',
          requirementIds: ['DISP-1.3.3R'],
          criteria: ['CC33 2.5', 'CFACC33 PC 11', 'CC16 1.3'],
        },
      ],
    },
  ],
};
