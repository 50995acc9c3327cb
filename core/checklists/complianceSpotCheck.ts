import type { ChecklistInput } from '../checklist.ts';
import { BUILT_IN_APPROVAL, YES_NO, ZERO_TO_THREE } from './common.ts';

/**
 * A compliance-only look at a contact on any channel: the things that expose the organisation to
 * regulatory or legal risk, scored mostly yes/no so that results are comparable across supervisors.
 * Its results are the evidence for the requirements register (CC33 3.2, CFACC33 PC 13), and its
 * failures are what the non-compliance actions respond to (CC33 3.3, CFACC33 PC 14).
 */
export const complianceSpotCheck: ChecklistInput = {
  id: 'compliance-spot-check',
  ...BUILT_IN_APPROVAL,
  title: 'Compliance spot check',
  description:
    'Identity verification, notices and disclosures, data protection, card data and vulnerable customers, ' +
    'on any channel. Several items fail the whole check on their own: treat every such failure as a finding ' +
    'against the requirement it tests.',
  channels: [],
  passMark: 85,
  sections: [
    {
      id: 'identity',
      title: 'Identity verification',
      items: [
        {
          id: 'id-verified-before-disclosure',
          text: 'Identity was fully verified before any account information was discussed, disclosed or changed',
          guidance:
            'Any account-specific information given before verification was complete fails the whole check. ' +
            'N/A only when the contact involved no account information at all.',
          scale: YES_NO,
          weight: 100,
          naAllowed: true,
          critical: 'check',
          skill: 'compliance',
          requirementIds: ['UK-GDPR-ART5', 'UK-GDPR-ART32'],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CC33 3.1', 'CFACC33 PC 14'],
        },
        {
          id: 'id-method-matches-risk',
          text: 'Used the approved verification method, stepped up for higher-risk requests',
          guidance:
            'Changes of contact details, new payees, large withdrawals or lost-card reports usually need extra ' +
            'factors. Using a weaker method than the procedure requires fails this section. N/A when no ' +
            'verification was needed.',
          scale: YES_NO,
          weight: 80,
          naAllowed: true,
          critical: 'section',
          skill: 'compliance',
          requirementIds: ['UK-GDPR-ART32'],
          criteria: ['CC33 3.1', 'CC33 3.2', 'CFACC33 PC 13', 'CFACC33 K&U l'],
        },
        {
          id: 'id-no-hints',
          text: 'Did not prompt, hint at or confirm partial answers to security questions',
          guidance: 'N/A when no verification was needed.',
          scale: YES_NO,
          weight: 60,
          naAllowed: true,
          critical: 'none',
          skill: 'compliance',
          requirementIds: ['UK-GDPR-ART32'],
          criteria: ['CC33 1.1', 'CFACC33 PC 1', 'CC33 3.1'],
        },
        {
          id: 'id-failure-handled',
          text: 'When verification failed, gave nothing away and followed the failed-verification procedure',
          guidance:
            'For example offering another way to verify, flagging suspected fraud, or ending the contact ' +
            'politely. Disclosing anything after a failure fails this section. N/A when verification did not fail.',
          scale: YES_NO,
          weight: 70,
          naAllowed: true,
          critical: 'section',
          skill: 'compliance',
          requirementIds: ['UK-GDPR-ART32'],
          criteria: ['CC33 3.1', 'CFACC33 PC 14', 'CFACC33 K&U b'],
        },
      ],
    },
    {
      id: 'notices',
      title: 'Recording notice and required disclosures',
      items: [
        {
          id: 'recording-notice',
          text: 'The customer was told the contact is recorded or monitored',
          guidance:
            'On calls, the automated message or the agent; on chat, the notice shown before the chat starts. ' +
            'N/A for email and letters, where no separate notice is needed.',
          scale: YES_NO,
          weight: 80,
          naAllowed: true,
          critical: 'section',
          skill: 'compliance',
          requirementIds: ['UK-GDPR-ART13', 'FCA-SYSC-10A'],
          criteria: ['CC33 3.1', 'CFACC33 PC 12', 'CFACC33 K&U c'],
        },
        {
          id: 'privacy-information',
          text: 'When new personal data was collected, the customer was told why and where to read more',
          guidance: 'A short reason and a pointer to the privacy notice is enough. N/A when no new data was collected.',
          scale: YES_NO,
          weight: 40,
          naAllowed: true,
          critical: 'none',
          skill: 'compliance',
          requirementIds: ['UK-GDPR-ART13'],
          criteria: ['CC33 3.1', 'CC26 4.2', 'CFACC33 K&U c'],
        },
        {
          id: 'required-disclosures',
          text: 'Gave the statements the product or situation requires by regulation or policy',
          guidance:
            'For example cancellation rights on a sale, key risks of a product, or the firm\'s regulatory ' +
            'status. N/A when none applied.',
          scale: YES_NO,
          weight: 70,
          naAllowed: true,
          critical: 'none',
          skill: 'compliance',
          requirementIds: ['FCA-PRIN-2A.5'],
          criteria: ['CC33 3.1', 'CFACC33 PC 12', 'CC16 2.4', 'CC26 4.2'],
        },
      ],
    },
    {
      id: 'data-protection',
      title: 'Data protection',
      items: [
        {
          id: 'dp-no-unauthorised-disclosure',
          text: 'Disclosed nothing to a third party without authority on record',
          guidance:
            'Relatives, friends, employers and other callers may only be told what a power of attorney, mandate ' +
            'or recorded consent allows. An unauthorised disclosure fails the whole check and is reported as a ' +
            'possible data breach. N/A when no third party was involved.',
          scale: YES_NO,
          weight: 100,
          naAllowed: true,
          critical: 'check',
          skill: 'compliance',
          requirementIds: ['UK-GDPR-ART5', 'UK-GDPR-ART6', 'UK-GDPR-ART32'],
          criteria: ['CC33 3.1', 'CC33 3.2', 'CFACC33 PC 13', 'CFACC33 PC 14'],
        },
        {
          id: 'dp-minimum-data',
          text: 'Asked for, used and repeated only the personal data the task needed',
          guidance:
            '0 = collected or read out sensitive data with no need; 1 = several unnecessary details; ' +
            '2 = one minor excess; 3 = only what the task required.',
          scale: ZERO_TO_THREE,
          weight: 70,
          naAllowed: false,
          critical: 'none',
          skill: 'compliance',
          requirementIds: ['UK-GDPR-ART5'],
          criteria: ['CC33 1.1', 'CC33 3.1', 'CFACC33 K&U c'],
        },
        {
          id: 'dp-sent-to-verified-details',
          text: 'Sent personal data only to contact details already verified on the account, by a secure route',
          guidance:
            'No for sending documents to a new email address given in the same contact, or using personal ' +
            'email or messaging. N/A when nothing was sent.',
          scale: YES_NO,
          weight: 70,
          naAllowed: true,
          critical: 'section',
          skill: 'compliance',
          requirementIds: ['UK-GDPR-ART32'],
          criteria: ['CC33 3.1', 'CFACC33 PC 14', 'CFACC33 K&U l'],
        },
        {
          id: 'dp-changes-accurate',
          text: 'Recorded any change to personal data accurately and confirmed it with the customer',
          guidance: 'N/A when no personal data changed.',
          scale: YES_NO,
          weight: 50,
          naAllowed: true,
          critical: 'none',
          skill: 'process',
          requirementIds: ['UK-GDPR-ART5'],
          criteria: ['CC33 3.1', 'CC33 4.5', 'CFACC33 K&U j'],
        },
        {
          id: 'dp-rights-request-routed',
          text: 'Recognised a data rights request (access, erasure, objection and so on) and routed it as the procedure says',
          guidance:
            'Such requests need not name the law; a customer asking for "everything you hold on me" is one. ' +
            'N/A when no such request was made.',
          scale: YES_NO,
          weight: 50,
          naAllowed: true,
          critical: 'none',
          skill: 'process',
          requirementIds: ['UK-GDPR-ART12', 'UK-GDPR-ART15'],
          criteria: ['CC33 3.1', 'CFACC33 PC 12', 'CFACC33 K&U b'],
        },
      ],
    },
    {
      id: 'card-data',
      title: 'Card data',
      items: [
        {
          id: 'card-not-requested-in-writing',
          text: 'Never asked for a card number or security code by chat, email, social media or text message',
          guidance: 'Any such request fails the whole check. N/A for phone contacts.',
          scale: YES_NO,
          weight: 100,
          naAllowed: true,
          critical: 'check',
          skill: 'compliance',
          requirementIds: ['PCI-DSS-4.2.2', 'PCI-DSS-3.3.1'],
          criteria: ['CC33 3.1', 'CC33 3.3', 'CFACC33 PC 14', 'CC16 2.4'],
        },
        {
          id: 'card-not-in-records',
          text: 'No card number, security code or PIN was written in notes, ticket fields or attachments',
          guidance:
            'Search the notes, the ticket and any attachments. Anything found fails the whole check and must be ' +
            'reported for removal straight away.',
          scale: YES_NO,
          weight: 100,
          naAllowed: false,
          critical: 'check',
          skill: 'compliance',
          requirementIds: ['PCI-DSS-3.3.1', 'PCI-DSS-3.5.1'],
          criteria: ['CC33 3.1', 'CC33 3.3', 'CFACC33 PC 14'],
        },
        {
          id: 'card-compliant-payment-route',
          text: 'Took any card payment only through the approved secure payment route',
          guidance:
            'Keypad entry with masking, a secure payment IVR, a payment link or the payment page. Card digits ' +
            'read aloud to the agent and keyed in by hand fail the whole check unless the procedure allows it. ' +
            'N/A when no payment was taken.',
          scale: YES_NO,
          weight: 100,
          naAllowed: true,
          critical: 'check',
          skill: 'compliance',
          requirementIds: ['PCI-DSS-3.3.1', 'PCI-DSS-3.4.1'],
          criteria: ['CC33 3.1', 'CC33 3.2', 'CFACC33 PC 13', 'CFACC33 PC 14'],
        },
        {
          id: 'card-recording-protected',
          text: 'Where card details were spoken, call recording was paused or masked and then resumed',
          guidance:
            'Check the recording: the digits must not be audible, and recording must resume afterwards. ' +
            'N/A when no card details were spoken.',
          scale: YES_NO,
          weight: 80,
          naAllowed: true,
          critical: 'section',
          skill: 'compliance',
          requirementIds: ['PCI-DSS-3.3.1'],
          criteria: ['CC33 3.1', 'CC33 3.3', 'CFACC33 K&U l'],
        },
        {
          id: 'card-volunteered-redacted',
          text: 'When a customer sent card details unprompted, they were redacted and the customer warned',
          guidance: 'N/A when no card details were volunteered.',
          scale: YES_NO,
          weight: 70,
          naAllowed: true,
          critical: 'section',
          skill: 'compliance',
          requirementIds: ['PCI-DSS-3.2.1', 'PCI-DSS-3.5.1'],
          criteria: ['CC33 3.1', 'CC33 3.3', 'CFACC33 PC 14'],
        },
      ],
    },
    {
      id: 'vulnerability',
      title: 'Vulnerable customers',
      items: [
        {
          id: 'vuln-signs-recognised',
          text: 'Recognised signs that the customer might be vulnerable',
          guidance:
            'Signs may relate to health, life events, resilience or capability. 0 = clear signs missed ' +
            '(fails this section); 1 = noticed but not acted on; 2 = noticed and partly explored; ' +
            '3 = noticed and sensitively explored. N/A when there were no signs.',
          scale: ZERO_TO_THREE,
          weight: 80,
          naAllowed: true,
          critical: 'section',
          skill: 'empathy',
          requirementIds: ['FCA-FG21-1', 'FCA-PRIN-2A.6'],
          criteria: ['CC33 1.1', 'CC33 3.1', 'CFACC33 K&U c'],
        },
        {
          id: 'vuln-procedure-followed',
          text: 'Followed the vulnerable customer procedure',
          guidance:
            'Adjusting how the contact was handled, referring to a specialist team, offering breathing space ' +
            'or forbearance where the product calls for it, and never pressing for a decision. ' +
            'N/A when there were no signs of vulnerability.',
          scale: YES_NO,
          weight: 80,
          naAllowed: true,
          critical: 'none',
          skill: 'process',
          requirementIds: ['FCA-FG21-1', 'FCA-CONC-7.3.4R'],
          criteria: ['CC33 3.1', 'CFACC33 PC 14', 'CFACC33 K&U b'],
        },
        {
          id: 'vuln-recorded-with-consent',
          text: "Recorded the vulnerability and the customer's needs factually, with their consent, in the right place",
          guidance:
            'Health details are special category data: record them only with explicit consent, in the field the ' +
            'procedure names, and without opinion. Recording health information without consent fails this ' +
            'section. N/A when nothing needed recording.',
          scale: YES_NO,
          weight: 70,
          naAllowed: true,
          critical: 'section',
          skill: 'compliance',
          requirementIds: ['UK-GDPR-ART9', 'UK-GDPR-ART5'],
          criteria: ['CC33 3.1', 'CC33 4.5', 'CFACC33 K&U j'],
        },
        {
          id: 'vuln-understanding-checked',
          text: 'Checked the customer understood anything agreed before it was acted on',
          guidance: 'N/A when nothing was agreed.',
          scale: YES_NO,
          weight: 50,
          naAllowed: true,
          critical: 'none',
          skill: 'communication',
          requirementIds: ['FCA-PRIN-2A.5'],
          criteria: ['CC33 1.1', 'CC33 3.1', 'CC26 4.2'],
        },
      ],
    },
  ],
};
