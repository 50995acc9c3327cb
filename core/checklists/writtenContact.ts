import type { ChecklistInput } from '../checklist.ts';
import { BUILT_IN_APPROVAL, ONE_TO_FIVE, YES_NO, ZERO_TO_THREE } from './common.ts';

/**
 * Quality of one email thread or chat conversation, scored from the ticket. Items that only make sense
 * in one of the two channels allow N/A. Asking for a card number in writing fails the whole check.
 */
export const writtenContact: ChecklistInput = {
  id: 'written-contact-quality',
  ...BUILT_IN_APPROVAL,
  title: 'Email and chat contact quality',
  description:
    'A spot check of a written reply or chat: understanding the query, getting the answer right, clear ' +
    'writing, the right template and disclosures, security, timeliness and the ticket left behind.',
  channels: ['email', 'chat'],
  passMark: 80,
  sections: [
    {
      id: 'greeting',
      title: 'Greeting and personalisation',
      items: [
        {
          id: 'greeting-personal',
          text: 'Greeted the customer by name in a way that suits the channel',
          guidance:
            'Use the name and form of address the customer uses themselves. A generic "Dear customer" when the ' +
            'name was known counts as No.',
          scale: YES_NO,
          weight: 30,
          naAllowed: false,
          critical: 'none',
          skill: 'communication',
          requirementIds: [],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CC26 2.2'],
        },
        {
          id: 'greeting-context',
          text: "Wrote to this customer's situation, using the thread and account history",
          guidance:
            '1 = a generic reply that ignores earlier messages; 3 = relevant but impersonal; ' +
            '5 = clearly aware of the history, so the customer did not have to repeat themselves.',
          scale: ONE_TO_FIVE,
          weight: 40,
          naAllowed: false,
          critical: 'none',
          skill: 'communication',
          requirementIds: [],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CC26 3.1'],
        },
        {
          id: 'greeting-chat-opening',
          text: 'Opened the chat promptly, introduced themselves and invited the customer to explain',
          guidance: 'Chat only; N/A for email.',
          scale: YES_NO,
          weight: 20,
          naAllowed: true,
          critical: 'none',
          skill: 'communication',
          requirementIds: [],
          criteria: ['CC33 1.1', 'CFACC33 PC 1'],
        },
      ],
    },
    {
      id: 'understanding',
      title: 'Understanding the query',
      items: [
        {
          id: 'understanding-all-points',
          text: 'Dealt with every question and point the customer raised',
          guidance:
            '0 = missed the main point; 1 = answered the main point but missed others that matter; ' +
            '2 = a minor point left out; 3 = everything covered, including points in attachments or earlier ' +
            'messages in the thread.',
          scale: ZERO_TO_THREE,
          weight: 80,
          naAllowed: false,
          critical: 'none',
          skill: 'communication',
          requirementIds: ['FCA-PRIN-2A.6'],
          criteria: ['CC33 1.1', 'CFACC33 PC 1'],
        },
        {
          id: 'understanding-clarified',
          text: 'Where the query was unclear, asked for everything needed in one message',
          guidance:
            'No for guessing instead of asking, or for drip-feeding questions across several replies. ' +
            'N/A when the query was clear.',
          scale: YES_NO,
          weight: 40,
          naAllowed: true,
          critical: 'none',
          skill: 'process',
          requirementIds: [],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CFACC33 K&U b'],
        },
        {
          id: 'understanding-underlying-need',
          text: 'Recognised the need behind the question, not only its literal wording',
          guidance:
            '1 = answered the words and missed the point; 5 = anticipated the obvious follow-up and dealt with it.',
          scale: ONE_TO_FIVE,
          weight: 40,
          naAllowed: false,
          critical: 'none',
          skill: 'communication',
          requirementIds: [],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CC26 3.1'],
        },
      ],
    },
    {
      id: 'answer',
      title: 'Accurate and complete answer',
      items: [
        {
          id: 'answer-accurate',
          text: 'The information given was correct and matched current products, prices and policy',
          guidance:
            '0 = wrong or misleading on something that matters (fails this section); 1 = right in substance ' +
            'but with an error the customer could act on; 2 = a minor slip; 3 = fully correct.',
          scale: ZERO_TO_THREE,
          weight: 100,
          naAllowed: false,
          critical: 'section',
          skill: 'productKnowledge',
          requirementIds: ['FCA-PRIN-2A.5'],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CFACC33 K&U a', 'CC26 4.1'],
        },
        {
          id: 'answer-complete',
          text: 'The reply was complete enough that the customer should not need to write back',
          guidance:
            '1 = the customer must come back to get anywhere; 3 = resolved with some effort left to the ' +
            'customer; 5 = resolved, or everything the customer needs to do is set out in one place.',
          scale: ONE_TO_FIVE,
          weight: 70,
          naAllowed: false,
          critical: 'none',
          skill: 'ownership',
          requirementIds: ['FCA-PRIN-2A.6'],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CC16 2.3'],
        },
        {
          id: 'answer-ownership',
          text: 'Kept ownership instead of sending the customer to another channel or team without need',
          guidance: 'No for "please call us" or "contact another department" when the agent could have acted.',
          scale: YES_NO,
          weight: 50,
          naAllowed: false,
          critical: 'none',
          skill: 'ownership',
          requirementIds: ['FCA-PRIN-2A.6'],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CFACC33 K&U i'],
        },
        {
          id: 'answer-links-attachments',
          text: 'Links and attachments were the right ones, worked and were explained',
          guidance: 'N/A when none were sent.',
          scale: YES_NO,
          weight: 30,
          naAllowed: true,
          critical: 'none',
          skill: 'productKnowledge',
          requirementIds: [],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CFACC33 K&U a'],
        },
      ],
    },
    {
      id: 'language',
      title: 'Plain language, tone and accuracy of writing',
      items: [
        {
          id: 'language-plain',
          text: 'Wrote in plain language, well organised and free of jargon',
          guidance:
            '1 = hard to follow, internal terms, walls of text; 3 = clear with some jargon or clutter; ' +
            '5 = short sentences, the answer first, steps in a list where that helps.',
          scale: ONE_TO_FIVE,
          weight: 60,
          naAllowed: false,
          critical: 'none',
          skill: 'communication',
          requirementIds: ['FCA-PRIN-2A.5'],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CC26 3.1', 'CC26 2.2'],
        },
        {
          id: 'language-tone',
          text: "Used a tone that was warm, respectful and matched to the customer's mood",
          guidance:
            '1 = curt, defensive or blaming; 3 = polite but cold; 5 = human and reassuring without being over-familiar.',
          scale: ONE_TO_FIVE,
          weight: 60,
          naAllowed: false,
          critical: 'none',
          skill: 'empathy',
          requirementIds: [],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CC26 3.1'],
        },
        {
          id: 'language-feelings-acknowledged',
          text: 'Acknowledged frustration, worry or distress the customer expressed',
          guidance: 'N/A when the customer expressed none.',
          scale: YES_NO,
          weight: 40,
          naAllowed: true,
          critical: 'none',
          skill: 'empathy',
          requirementIds: [],
          criteria: ['CC33 1.1', 'CFACC33 PC 1'],
        },
        {
          id: 'language-spelling-grammar',
          text: 'Spelling, grammar and punctuation were correct',
          guidance:
            '0 = errors that change the meaning or run throughout; 1 = several noticeable errors; ' +
            '2 = one or two small slips; 3 = none. In chat, judge by the standard set in the style guide.',
          scale: ZERO_TO_THREE,
          weight: 40,
          naAllowed: false,
          critical: 'none',
          skill: 'communication',
          requirementIds: [],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CC26 3.1'],
        },
      ],
    },
    {
      id: 'templates',
      title: 'Templates and disclosures',
      items: [
        {
          id: 'template-correct',
          text: 'Used the right approved template and adapted it to the customer',
          guidance:
            'No for the wrong template, leftover placeholders, or paragraphs that do not apply. ' +
            'N/A when no template exists for the situation.',
          scale: YES_NO,
          weight: 50,
          naAllowed: true,
          critical: 'none',
          skill: 'process',
          requirementIds: [],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CFACC33 K&U b', 'CC26 2.2'],
        },
        {
          id: 'template-disclosures',
          text: 'Included every statement or disclosure the situation requires',
          guidance:
            'For example complaint acknowledgement wording, cancellation rights, or the firm\'s regulatory status. ' +
            'A missing required disclosure fails this section. N/A when none was required.',
          scale: YES_NO,
          weight: 80,
          naAllowed: true,
          critical: 'section',
          skill: 'compliance',
          requirementIds: ['FCA-PRIN-2A.5', 'DISP-1.6.1R'],
          criteria: ['CC33 1.1', 'CC33 3.1', 'CFACC33 PC 12', 'CC26 4.2'],
        },
        {
          id: 'template-sign-off',
          text: 'Signed off with their name and any reference number the customer needs',
          scale: YES_NO,
          weight: 20,
          naAllowed: false,
          critical: 'none',
          skill: 'process',
          requirementIds: [],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CFACC33 K&U b'],
        },
      ],
    },
    {
      id: 'security',
      title: 'Security of the conversation',
      items: [
        {
          id: 'security-sender-verified',
          text: 'Confirmed the customer was who they claimed before discussing the account',
          guidance:
            'An authenticated chat, a reply from the email address on record, or the verification steps the ' +
            'procedure sets for the channel. Account details sent to an unverified sender fail the whole check. ' +
            'N/A when no account information was involved.',
          scale: YES_NO,
          weight: 100,
          naAllowed: true,
          critical: 'check',
          skill: 'compliance',
          requirementIds: ['UK-GDPR-ART5', 'UK-GDPR-ART32'],
          criteria: ['CC33 1.1', 'CC33 3.1', 'CFACC33 PC 14', 'CC16 2.4'],
        },
        {
          id: 'security-no-card-request',
          text: 'Never asked for, or repeated back, a card number or security code in the conversation',
          guidance:
            'Payments must go through the approved secure route (payment link, secure page or phone IVR). ' +
            'Any request for card details in writing fails the whole check.',
          scale: YES_NO,
          weight: 100,
          naAllowed: false,
          critical: 'check',
          skill: 'compliance',
          requirementIds: ['PCI-DSS-4.2.2', 'PCI-DSS-3.3.1'],
          criteria: ['CC33 1.1', 'CC33 3.1', 'CC33 3.3', 'CFACC33 PC 14'],
        },
        {
          id: 'security-volunteered-data-handled',
          text: 'When the customer sent card or other sensitive details unprompted, removed them and told the customer not to',
          guidance:
            'Look for the redaction or masking step in the ticket and a gentle warning in the reply. ' +
            'Leaving the details in place fails this section. N/A when nothing sensitive was volunteered.',
          scale: YES_NO,
          weight: 70,
          naAllowed: true,
          critical: 'section',
          skill: 'compliance',
          requirementIds: ['PCI-DSS-3.2.1', 'UK-GDPR-ART32'],
          criteria: ['CC33 1.1', 'CC33 3.3', 'CFACC33 PC 14'],
        },
        {
          id: 'security-minimum-data',
          text: 'Included only the personal data the reply needed, masked where the procedure says',
          guidance:
            'No for full account numbers, dates of birth or other details written out when a partial reference ' +
            'would do, or for copying in people who should not see them.',
          scale: YES_NO,
          weight: 60,
          naAllowed: false,
          critical: 'none',
          skill: 'compliance',
          requirementIds: ['UK-GDPR-ART5', 'UK-GDPR-ART32'],
          criteria: ['CC33 1.1', 'CC33 3.1', 'CFACC33 PC 12', 'CFACC33 K&U c'],
        },
      ],
    },
    {
      id: 'timeliness',
      title: 'Timeliness',
      items: [
        {
          id: 'timeliness-service-level',
          text: 'Responded within the service level for the channel',
          guidance:
            'Use the service level in force for the queue (for example first reply to email within one working ' +
            'day, chat answered within the target wait). The ticket timestamps are the evidence.',
          scale: YES_NO,
          weight: 60,
          naAllowed: false,
          critical: 'none',
          skill: 'process',
          requirementIds: ['FCA-PRIN-2A.6'],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CC16 2.3', 'CFACC33 PC 3'],
        },
        {
          id: 'timeliness-chat-flow',
          text: 'Kept the chat moving, with no long unexplained gaps',
          guidance:
            'Chat only. 1 = the customer was left waiting repeatedly without word; 3 = some gaps, some updates; ' +
            '5 = replies came promptly, and any wait was explained first. N/A for email.',
          scale: ONE_TO_FIVE,
          weight: 40,
          naAllowed: true,
          critical: 'none',
          skill: 'communication',
          requirementIds: [],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CC16 2.3'],
        },
        {
          id: 'timeliness-follow-up-kept',
          text: 'Any follow-up the agent promised was sent by the time given',
          guidance: 'N/A when nothing was promised or the promised date has not yet passed.',
          scale: YES_NO,
          weight: 40,
          naAllowed: true,
          critical: 'none',
          skill: 'ownership',
          requirementIds: [],
          criteria: ['CC33 1.1', 'CFACC33 PC 1'],
        },
      ],
    },
    {
      id: 'closing',
      title: 'Next steps, tagging and notes',
      items: [
        {
          id: 'closing-next-steps',
          text: 'Set out the next steps: who will do what, by when, and what the customer must do',
          guidance:
            '0 = none, or a promise that cannot be kept; 1 = vague; 2 = clear but missing a timescale or the ' +
            "customer's part; 3 = specific and realistic, or a clear statement that the matter is closed.",
          scale: ZERO_TO_THREE,
          weight: 60,
          naAllowed: false,
          critical: 'none',
          skill: 'ownership',
          requirementIds: ['FCA-PRIN-2A.6'],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CFACC33 K&U b'],
        },
        {
          id: 'closing-tagging',
          text: 'Tagged the ticket correctly and left it in the right status',
          guidance:
            'Category, contact reason and status (pending, on hold, solved) feed the reports and queues. No for ' +
            'a missing or wrong tag, or a ticket marked solved while work is outstanding.',
          scale: YES_NO,
          weight: 40,
          naAllowed: false,
          critical: 'none',
          skill: 'process',
          requirementIds: [],
          criteria: ['CC33 1.1', 'CC16 2.3', 'CC33 4.5'],
        },
        {
          id: 'closing-internal-notes',
          text: 'Left internal notes that let a colleague continue without re-reading everything',
          guidance:
            '0 = none where they were needed; 1 = present but unhelpful; 2 = useful with gaps; 3 = what was ' +
            'found, done and promised, stated as fact. Use 3 when the thread itself says it all and the ' +
            'procedure asks for no note.',
          scale: ZERO_TO_THREE,
          weight: 50,
          naAllowed: false,
          critical: 'none',
          skill: 'process',
          requirementIds: ['UK-GDPR-ART5'],
          criteria: ['CC33 1.1', 'CC33 4.5', 'CFACC33 K&U j'],
        },
        {
          id: 'closing-complaint-recognised',
          text: 'Treated any expression of dissatisfaction as a complaint and logged it',
          guidance:
            'The customer need not use the word "complaint". N/A when the customer voiced no dissatisfaction.',
          scale: YES_NO,
          weight: 60,
          naAllowed: true,
          critical: 'none',
          skill: 'process',
          requirementIds: ['DISP-1.3.1R'],
          criteria: ['CC33 1.1', 'CFACC33 K&U h', 'CC33 2.1'],
        },
      ],
    },
  ],
};
