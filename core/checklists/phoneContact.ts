import type { ChecklistInput } from '../checklist.ts';
import { BUILT_IN_APPROVAL, ONE_TO_FIVE, YES_NO, ZERO_TO_THREE } from './common.ts';

/**
 * Quality of a single phone call, scored by a supervisor listening live or to the recording.
 * Every item is evidence for the spot-check criteria (CC33 1.1, CFACC33 PC 1); the other criteria
 * listed show which part of the supervisor's wider role the item feeds.
 */
export const phoneContact: ChecklistInput = {
  id: 'phone-contact-quality',
  ...BUILT_IN_APPROVAL,
  title: 'Phone contact quality',
  description:
    'A spot check of one phone call from greeting to wrap-up: security, understanding the need, ' +
    'getting it right, tone, hold and transfer, and the record left in the CRM. ' +
    'Identity verification and card data in notes fail the whole check when missed.',
  channels: ['phone'],
  passMark: 80,
  sections: [
    {
      id: 'opening',
      title: 'Opening and identification',
      items: [
        {
          id: 'opening-greeting',
          text: 'Answered promptly and gave their own name and the organisation name',
          guidance:
            'Yes when the caller could tell within the first sentence whom they had reached and who was ' +
            'helping them. A greeting rushed or mumbled so the name is lost counts as No.',
          scale: YES_NO,
          weight: 40,
          naAllowed: false,
          critical: 'none',
          skill: 'communication',
          requirementIds: [],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CFACC33 K&U b'],
        },
        {
          id: 'opening-caller-identified',
          text: 'Found out who the caller was and how they relate to the account',
          guidance:
            'The agent should know early whether they are speaking to the account holder, a joint holder, ' +
            'a representative or someone else, because that decides what may be discussed.',
          scale: YES_NO,
          weight: 40,
          naAllowed: false,
          critical: 'none',
          skill: 'process',
          requirementIds: ['UK-GDPR-ART5'],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CC33 3.1'],
        },
        {
          id: 'opening-tone',
          text: 'Set a warm, confident and professional tone from the start',
          guidance:
            '1 = flat, hurried or off-putting; 3 = polite but scripted; 5 = natural, engaged and reassuring. ' +
            'Judge the first thirty seconds or so.',
          scale: ONE_TO_FIVE,
          weight: 30,
          naAllowed: false,
          critical: 'none',
          skill: 'communication',
          requirementIds: [],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CC26 3.1'],
        },
      ],
    },
    {
      id: 'security',
      title: 'Security and call recording',
      items: [
        {
          id: 'security-verified-before-details',
          text: 'Passed the caller through identity verification before confirming, discussing or changing anything on the account',
          guidance:
            'Follow the verification procedure in force on the call date. No if any account-specific fact ' +
            '(balance, address, recent transaction, even that an account exists) was shared before ' +
            'verification was complete. N/A only when the call stayed on general information that needs no account.',
          scale: YES_NO,
          weight: 100,
          naAllowed: true,
          critical: 'check',
          skill: 'compliance',
          requirementIds: ['UK-GDPR-ART5', 'UK-GDPR-ART32'],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CC33 3.1', 'CFACC33 PC 14'],
        },
        {
          id: 'security-no-hints',
          text: 'Asked the security questions without prompting or revealing the answers',
          guidance:
            'Phrases such as "is it the card ending 42?" or reading out part of an address turn verification ' +
            'into disclosure. Any such hint is No. N/A when verification was not needed.',
          scale: YES_NO,
          weight: 60,
          naAllowed: true,
          critical: 'section',
          skill: 'compliance',
          requirementIds: ['UK-GDPR-ART32'],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CC33 3.2', 'CFACC33 PC 13'],
        },
        {
          id: 'security-third-party-authority',
          text: 'When someone other than the account holder called, confirmed their authority on record before discussing the account',
          guidance:
            'Look for a power of attorney, third-party mandate or recorded consent, and that the agent stayed ' +
            'within what it allows. Sharing details with an unauthorised person fails the whole check. ' +
            'N/A when the account holder called.',
          scale: YES_NO,
          weight: 80,
          naAllowed: true,
          critical: 'check',
          skill: 'compliance',
          requirementIds: ['UK-GDPR-ART5', 'UK-GDPR-ART6'],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CC33 3.1', 'CFACC33 PC 12'],
        },
        {
          id: 'security-recording-notice',
          text: 'The caller was told the call is recorded',
          guidance:
            'Yes when the automated message played before the agent answered, or the agent said it themselves ' +
            '(always needed on outbound calls). If the caller objected, the agent followed the procedure for that.',
          scale: YES_NO,
          weight: 50,
          naAllowed: false,
          critical: 'section',
          skill: 'compliance',
          requirementIds: ['UK-GDPR-ART13', 'FCA-SYSC-10A'],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CC33 3.1', 'CFACC33 K&U c'],
        },
      ],
    },
    {
      id: 'understanding',
      title: 'Listening and understanding the need',
      items: [
        {
          id: 'understanding-listening',
          text: 'Listened actively and let the caller explain without being cut off',
          guidance:
            '1 = talked over the caller or jumped to an answer; 3 = listened but missed cues; ' +
            '5 = gave the caller room, used short acknowledgements and picked up on what was implied.',
          scale: ONE_TO_FIVE,
          weight: 60,
          naAllowed: false,
          critical: 'none',
          skill: 'communication',
          requirementIds: [],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CC26 3.1'],
        },
        {
          id: 'understanding-questioning',
          text: 'Used open and probing questions to reach the real need behind the request',
          guidance:
            'High scores go to agents who found what the caller actually needed, not just what they first asked, ' +
            'without making the call feel like an interrogation.',
          scale: ONE_TO_FIVE,
          weight: 60,
          naAllowed: false,
          critical: 'none',
          skill: 'communication',
          requirementIds: ['FCA-PRIN-2A.6'],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CC26 3.1'],
        },
        {
          id: 'understanding-confirmed',
          text: 'Played the need back to the caller and had it confirmed before acting on it',
          guidance: 'A short restatement the caller agrees with is enough. No if the agent acted on an assumption.',
          scale: YES_NO,
          weight: 40,
          naAllowed: false,
          critical: 'none',
          skill: 'communication',
          requirementIds: [],
          criteria: ['CC33 1.1', 'CFACC33 PC 1'],
        },
      ],
    },
    {
      id: 'resolution',
      title: 'Accuracy, ownership and resolution',
      items: [
        {
          id: 'resolution-accurate-information',
          text: 'Information and advice given were accurate, complete and current',
          guidance:
            '0 = wrong or misleading on something that matters to the caller (fails this section); ' +
            '1 = right in substance but with gaps the caller would trip on; 2 = minor omissions; 3 = fully right. ' +
            'Check against the product information and procedures in force on the call date.',
          scale: ZERO_TO_THREE,
          weight: 100,
          naAllowed: false,
          critical: 'section',
          skill: 'productKnowledge',
          requirementIds: ['FCA-PRIN-2A.5'],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CFACC33 K&U a', 'CC26 4.1'],
        },
        {
          id: 'resolution-ownership',
          text: 'Took ownership and resolved the matter on this call where that was possible',
          guidance:
            '1 = passed the caller on or left them to chase; 3 = dealt with the request but left loose ends; ' +
            '5 = resolved it, or made a specific commitment they personally own, with a date.',
          scale: ONE_TO_FIVE,
          weight: 80,
          naAllowed: false,
          critical: 'none',
          skill: 'ownership',
          requirementIds: ['FCA-PRIN-2A.6'],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CFACC33 K&U b'],
        },
        {
          id: 'resolution-complaint-recognised',
          text: 'Treated any expression of dissatisfaction as a complaint and logged it',
          guidance:
            'The caller does not have to use the word "complaint". Yes when the agent recognised it and logged ' +
            'or resolved it under the complaints procedure. N/A when the caller voiced no dissatisfaction.',
          scale: YES_NO,
          weight: 60,
          naAllowed: true,
          critical: 'none',
          skill: 'process',
          requirementIds: ['DISP-1.3.1R'],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CFACC33 K&U h', 'CC33 2.1'],
        },
        {
          id: 'resolution-within-authority',
          text: 'Stayed within their authority and referred anything beyond it to the right person',
          guidance:
            'Covers refunds, goodwill, fee waivers and exceptions. No if the agent promised something they may ' +
            'not give, or refused to refer when they should have. N/A when nothing near the limits came up.',
          scale: YES_NO,
          weight: 50,
          naAllowed: true,
          critical: 'none',
          skill: 'process',
          requirementIds: [],
          criteria: ['CC33 1.1', 'CC16 1.1', 'CFACC33 K&U i', 'CFACC33 PC 6'],
        },
      ],
    },
    {
      id: 'empathy',
      title: 'Empathy and tone',
      items: [
        {
          id: 'empathy-acknowledged',
          text: "Acknowledged the caller's feelings and situation in a genuine way",
          guidance:
            '1 = ignored obvious frustration or worry; 3 = a stock phrase; 5 = responded to this caller, ' +
            'in words that fitted what they had said.',
          scale: ONE_TO_FIVE,
          weight: 60,
          naAllowed: false,
          critical: 'none',
          skill: 'empathy',
          requirementIds: [],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CC26 3.1'],
        },
        {
          id: 'empathy-tone-and-pace',
          text: 'Kept a tone, pace and choice of words suited to the caller, avoiding jargon',
          guidance:
            'Judge whether this caller could follow easily. Internal terms, acronyms or rushing count against ' +
            'the score; so does a patronising tone.',
          scale: ONE_TO_FIVE,
          weight: 50,
          naAllowed: false,
          critical: 'none',
          skill: 'communication',
          requirementIds: ['FCA-PRIN-2A.5'],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CC26 3.1'],
        },
        {
          id: 'empathy-vulnerability',
          text: 'Noticed signs that the caller might be vulnerable and adapted the call',
          guidance:
            'Signs include health problems, bereavement, money worries, confusion or a third party prompting. ' +
            'Yes when the agent slowed down, checked understanding or used the vulnerability procedure. ' +
            'N/A when there were no signs; the compliance spot check covers the procedure in depth.',
          scale: YES_NO,
          weight: 60,
          naAllowed: true,
          critical: 'none',
          skill: 'empathy',
          requirementIds: ['FCA-FG21-1'],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CC33 3.1'],
        },
        {
          id: 'empathy-courtesy',
          text: 'Stayed courteous and professional throughout, including under pressure',
          guidance: 'No for sarcasm, arguing, blaming colleagues or the customer, or audible side conversations.',
          scale: YES_NO,
          weight: 40,
          naAllowed: false,
          critical: 'none',
          skill: 'communication',
          requirementIds: [],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CFACC33 K&U b'],
        },
      ],
    },
    {
      id: 'hold-transfer',
      title: 'Hold and transfer',
      items: [
        {
          id: 'hold-permission',
          text: 'Asked before putting the caller on hold, said why and roughly for how long',
          guidance: 'N/A when the caller was not put on hold.',
          scale: YES_NO,
          weight: 40,
          naAllowed: true,
          critical: 'none',
          skill: 'communication',
          requirementIds: [],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CFACC33 K&U b'],
        },
        {
          id: 'hold-return',
          text: 'Came back within the time given, or checked in, and thanked the caller for waiting',
          guidance: 'No when the caller was left in silence well past the estimate. N/A when there was no hold.',
          scale: YES_NO,
          weight: 30,
          naAllowed: true,
          critical: 'none',
          skill: 'communication',
          requirementIds: [],
          criteria: ['CC33 1.1', 'CFACC33 PC 1'],
        },
        {
          id: 'transfer-handover',
          text: 'Transferred only when needed, to the right place, with a warm handover',
          guidance:
            '0 = needless or wrong transfer, or a cold transfer that made the caller start again; ' +
            '1 = right place but no context passed; 2 = context passed but the caller was not told what would happen; ' +
            '3 = necessary, right team, context given to the colleague and the caller told who they would speak to. ' +
            'N/A when there was no transfer.',
          scale: ZERO_TO_THREE,
          weight: 50,
          naAllowed: true,
          critical: 'none',
          skill: 'process',
          requirementIds: [],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CFACC33 K&U i'],
        },
      ],
    },
    {
      id: 'closing',
      title: 'Summary, next steps and close',
      items: [
        {
          id: 'closing-summary',
          text: 'Summarised what had been done and agreed on the call',
          guidance: 'Yes when the caller heard a clear recap before the call ended.',
          scale: YES_NO,
          weight: 50,
          naAllowed: false,
          critical: 'none',
          skill: 'communication',
          requirementIds: [],
          criteria: ['CC33 1.1', 'CFACC33 PC 1'],
        },
        {
          id: 'closing-next-steps',
          text: 'Explained the next steps: who will do what, by when, and what the caller needs to do',
          guidance:
            '0 = none given, or a promise the organisation cannot keep; 1 = vague ("someone will be in touch"); ' +
            '2 = clear but missing a timescale or the caller\'s part; 3 = specific and realistic. ' +
            'Use 3 when the matter was fully closed and the caller was told so.',
          scale: ZERO_TO_THREE,
          weight: 60,
          naAllowed: false,
          critical: 'none',
          skill: 'ownership',
          requirementIds: ['FCA-PRIN-2A.6'],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CFACC33 K&U b'],
        },
        {
          id: 'closing-anything-else',
          text: 'Checked whether the caller needed anything else',
          scale: YES_NO,
          weight: 20,
          naAllowed: false,
          critical: 'none',
          skill: 'communication',
          requirementIds: [],
          criteria: ['CC33 1.1', 'CFACC33 PC 1'],
        },
        {
          id: 'closing-courteous',
          text: 'Ended the call courteously and let the caller hang up first',
          guidance: 'No for an abrupt ending or cutting the caller off.',
          scale: YES_NO,
          weight: 20,
          naAllowed: false,
          critical: 'none',
          skill: 'communication',
          requirementIds: [],
          criteria: ['CC33 1.1', 'CFACC33 PC 1'],
        },
      ],
    },
    {
      id: 'records',
      title: 'Records in the CRM',
      items: [
        {
          id: 'records-notes-accurate',
          text: 'Left notes in the CRM that are accurate, factual and enough for a colleague to pick up from',
          guidance:
            '0 = no notes, or notes that contradict the call; 1 = notes present but a colleague would have to ' +
            'ask the caller again; 2 = usable with small gaps; 3 = what was asked, what was done, what was ' +
            'promised and by when, without opinion about the caller.',
          scale: ZERO_TO_THREE,
          weight: 80,
          naAllowed: false,
          critical: 'none',
          skill: 'process',
          requirementIds: ['UK-GDPR-ART5'],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CC33 4.5', 'CFACC33 K&U j'],
        },
        {
          id: 'records-no-card-or-secret-data',
          text: 'Kept card numbers, security codes and passwords out of the notes and ticket fields',
          guidance:
            'Any full card number, card security code, PIN or password written anywhere in the record fails the ' +
            'whole check. Report it for removal at once, whatever the score.',
          scale: YES_NO,
          weight: 100,
          naAllowed: false,
          critical: 'check',
          skill: 'compliance',
          requirementIds: ['PCI-DSS-3.3.1', 'PCI-DSS-3.5.1', 'UK-GDPR-ART5'],
          criteria: ['CC33 1.1', 'CC33 3.1', 'CC33 3.3', 'CFACC33 PC 14'],
        },
        {
          id: 'records-outcome-code',
          text: 'Set the contact reason and outcome codes correctly',
          guidance:
            'Codes feed the KPIs and complaint reports, so a wrong code distorts what managers see. ' +
            'No if the reason or outcome chosen does not match the call.',
          scale: YES_NO,
          weight: 40,
          naAllowed: false,
          critical: 'none',
          skill: 'process',
          requirementIds: [],
          criteria: ['CC33 1.1', 'CC16 2.3', 'CC33 4.5'],
        },
        {
          id: 'records-follow-up-task',
          text: 'Set up any promised callback or follow-up as a task with an owner and due date',
          guidance: 'N/A when nothing was promised.',
          scale: YES_NO,
          weight: 40,
          naAllowed: true,
          critical: 'none',
          skill: 'ownership',
          requirementIds: [],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CFACC33 K&U b'],
        },
      ],
    },
  ],
};
