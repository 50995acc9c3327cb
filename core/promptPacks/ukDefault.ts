/**
 * The built-in prompt pack for UK contact centres: a starting point each organisation reviews,
 * edits and republishes as its own. Written in our own words; criteria refer to the standards by
 * number. Plain data typed against the schema (no zod import: the content script may bundle it);
 * the tests validate it with `validateRulePack`.
 */
import type { DeadlineCondition, PromptRule, RulePack, RuleWhen, TextCondition } from '../promptRules.ts';

type WhenInput = Partial<Omit<RuleWhen, 'text' | 'deadline'>> & {
  text?: (Omit<TextCondition, 'anyOf' | 'absent'> & Partial<Pick<TextCondition, 'anyOf' | 'absent'>>)[];
  deadline?: DeadlineCondition;
};
type RuleInput = Omit<PromptRule, 'when' | 'version' | 'criteria' | 'requirementIds' | 'audience'> &
  Partial<Pick<PromptRule, 'version' | 'criteria' | 'requirementIds' | 'audience'>> & { when: WhenInput };

const rule = ({ when, ...r }: RuleInput): PromptRule => ({
  version: 1,
  criteria: [],
  requirementIds: [],
  audience: [],
  ...r,
  when: {
    channels: [],
    phases: [],
    sites: [],
    queues: [],
    urlContains: [],
    fields: [],
    guards: [],
    ...when,
    text: (when.text ?? []).map((t) => ({ anyOf: [], absent: false, ...t })),
  },
});

const WRITING = ['reply', 'send'] as const;

export const ukDefaultPack: RulePack = {
  id: 'uk-default',
  version: 1,
  title: 'UK contact centre essentials',
  rules: [
    rule({
      id: 'card-number-in-reply',
      title: 'Card number in the reply',
      level: 'block',
      requiresAcknowledgement: false,
      when: { phases: [...WRITING], guards: ['cardNumber'] },
      message: 'This reply contains what looks like a payment card number. Take it out before sending: card numbers must not travel by email or chat, nor be kept in the ticket.',
      guidance: 'If the customer needs to pay, use the secure payment route your team has for this channel. If they sent their card number to us, do not repeat it back.',
      criteria: ['CC33 3.1', 'CC33 3.3'],
      requirementIds: ['PCI DSS 4.2.2'],
    }),
    rule({
      id: 'security-code-in-reply',
      title: 'Card security code in the reply',
      level: 'block',
      requiresAcknowledgement: false,
      when: { phases: [...WRITING], guards: ['securityCode'] },
      message: 'This reply seems to contain a card security code (the three or four digits on the card). Remove it: we must never keep or pass on these digits.',
      criteria: ['CC33 3.1', 'CC33 3.3'],
      requirementIds: ['PCI DSS 3.3.1'],
    }),
    rule({
      id: 'identity-before-account-details',
      title: 'Check identity first',
      level: 'block',
      requiresAcknowledgement: true,
      when: { phases: ['accountDetails'], fields: [{ field: 'identityVerified', op: 'notEquals', value: true }] },
      message: 'Confirm who you are talking to before you open, read out or change anything on the account.',
      guidance: 'Complete the identity checks set for this channel. If the person cannot pass them, give only general information and explain how they can prove who they are. A third party needs the account holder\'s recorded consent or a legal authority.',
      criteria: ['CC33 3.1'],
      requirementIds: ['UK GDPR Art 5(1)(f)'],
    }),
    rule({
      id: 'call-recording-notice',
      title: 'Tell the caller about recording',
      level: 'info',
      requiresAcknowledgement: true,
      when: { channels: ['phone'], phases: ['contact'] },
      message: 'Let the caller know early in the call that it is being recorded and what the recording is used for.',
      guidance: 'Keep it short, for example that calls are recorded for training, quality and to keep a record of what was agreed. If the caller asks, explain how they can get a copy or find out more.',
      criteria: ['CC33 3.1'],
      requirementIds: ['UK GDPR Art 13'],
    }),
    rule({
      id: 'sounds-like-a-complaint',
      title: 'This may be a complaint',
      level: 'warn',
      requiresAcknowledgement: false,
      when: {
        phases: ['contact', 'reply'],
        text: [
          {
            in: 'conversation',
            anyOf: [
              'complain*', 'unacceptable', 'not happy', 'unhappy', 'disgusted', 'appalled', 'appalling', 'fed up',
              'ridiculous', 'disappointed', 'shocking', 'furious', 'outrageous', 'useless', 'waste of time', 'rip off',
              'escalate', 'speak to a manager', 'speak to your manager', 'ombudsman', 'take this further',
            ],
          },
        ],
      },
      message: 'The customer sounds dissatisfied. That makes it a complaint even if they never use the word: log it so the right deadline starts now.',
      guidance: 'Find out what went wrong, how it affected them and what they would like us to do. If you can put it right by the end of the third business day after it arrived, it can close as a summary resolution; otherwise it follows the full complaint process.',
      criteria: ['CC33 2.1'],
      requirementIds: ['DISP 1.3.1R'],
    }),
    rule({
      id: 'vulnerability-bereavement',
      title: 'Possible vulnerability: bereavement',
      level: 'warn',
      requiresAcknowledgement: true,
      when: {
        phases: ['contact', 'reply'],
        text: [
          {
            in: 'conversation',
            anyOf: [
              'passed away', 'bereave*', 'funeral', 'widow*', 'probate', 'executor*', 'death certificate',
              'late husband', 'late wife', 'late partner', 'late mother', 'late father', 'lost my husband', 'lost my wife',
            ],
            // "died" alone also fires on phones and routers: ask for a person.
            pattern: '\\b(?:husband|wife|partner|mum|mother|dad|father|son|daughter|brother|sister|friend) (?:has |had )?died\\b',
          },
        ],
      },
      message: 'The customer may have lost someone close. Slow down, show you have heard, and check whether they need support or more time.',
      guidance: 'Ask if they are happy for you to note their circumstances so they do not have to explain again. Follow the bereavement process: one point of contact where possible, no pressure to decide on the call, and a pause on collections if the account allows.',
      guidanceUrl: 'https://www.fca.org.uk/publications/finalised-guidance/guidance-firms-fair-treatment-vulnerable-customers',
      criteria: ['CC33 3.1'],
      requirementIds: ['FCA FG21/1'],
    }),
    rule({
      id: 'vulnerability-health',
      title: 'Possible vulnerability: health',
      level: 'warn',
      requiresAcknowledgement: true,
      when: {
        phases: ['contact', 'reply'],
        text: [
          {
            in: 'conversation',
            anyOf: [
              // Not "terminal", "diagnostics" or "disabled": payment terminals, router checks and accounts have those.
              'hospital', 'hospitalised', 'hospitalized', 'cancer', 'chemo*', 'terminally ill', 'terminal illness',
              'diagnosed', 'diagnosis', 'seriously ill', 'mental health', 'depress*', 'anxiety', 'dementia',
              'disabilit*', 'carer', 'had a stroke', 'had an operation', 'surgery',
            ],
          },
        ],
      },
      message: 'The customer mentions illness or disability. Check whether it affects how we should communicate with them or what they can manage right now.',
      guidance: 'Offer adjustments: another channel, more time, a named contact, or speaking with someone they trust (with consent). Record only what they agree to, and only what is needed to help.',
      guidanceUrl: 'https://www.fca.org.uk/publications/finalised-guidance/guidance-firms-fair-treatment-vulnerable-customers',
      criteria: ['CC33 3.1'],
      requirementIds: ['FCA FG21/1', 'Equality Act 2010 s20'],
    }),
    rule({
      id: 'vulnerability-financial',
      title: 'Possible vulnerability: financial difficulty',
      level: 'warn',
      requiresAcknowledgement: true,
      when: {
        phases: ['contact', 'reply'],
        text: [
          {
            in: 'conversation',
            anyOf: [
              "can't afford", 'cannot afford', 'can not afford', 'struggling to pay', 'struggling financially', 'arrears',
              'debt*', 'bailiff*', 'redundancy', 'made redundant', 'lost my job', 'food bank', 'payday loan*', 'bankrupt*', 'universal credit',
            ],
            // Wording the keywords miss: "no money left", "haven't any money until Friday".
            pattern: '\\b(?:no|any) money (?:left|at all|until)\\b',
          },
        ],
      },
      message: 'The customer may be in financial difficulty. Do not push for payment on this contact; find out what they can manage.',
      guidance: 'Explain the options for help with payments and where to get free, independent debt advice. Note the circumstances (with consent) so colleagues do not chase them in the meantime.',
      guidanceUrl: 'https://www.fca.org.uk/publications/finalised-guidance/guidance-firms-fair-treatment-vulnerable-customers',
      criteria: ['CC33 3.1'],
      requirementIds: ['FCA FG21/1'],
    }),
    rule({
      id: 'complaint-deadline-close',
      title: 'Complaint deadline close',
      level: 'warn',
      requiresAcknowledgement: false,
      when: { deadline: { withinHours: 48, kinds: [] } },
      message: 'A response deadline for a complaint on this contact is less than two days away, or has passed.',
      guidance: 'Send the final response now if you can. If not, send a holding reply that says why it is taking longer, when they will hear from us, and that they can take the complaint to the ombudsman once the deadline has passed.',
      criteria: ['CC33 2.4', 'CC33 3.3'],
      requirementIds: ['DISP 1.6.2R'],
    }),
    rule({
      id: 'final-response-referral-rights',
      title: 'Final response without referral rights',
      level: 'block',
      requiresAcknowledgement: false,
      when: {
        phases: [...WRITING],
        text: [
          {
            in: 'reply',
            anyOf: ['final response', 'final decision', 'final position', 'our final', 'closing your complaint', 'close your complaint'],
          },
          { in: 'reply', anyOf: ['financial ombudsman', 'ombudsman service'], absent: true },
        ],
      },
      message: 'This looks like a final response but does not tell the customer they can refer the complaint to the Financial Ombudsman Service.',
      guidance: 'Add the referral wording your organisation uses: that the customer may ask the Financial Ombudsman Service to look at the complaint, free of charge, within six months of this response, with its contact details. Say too whether we consent to it looking at a complaint brought outside the usual time limits.',
      guidanceUrl: 'https://www.financial-ombudsman.org.uk/',
      criteria: ['CC33 2.4'],
      requirementIds: ['DISP 1.6.2R', 'DISP 1 Annex 3R'],
    }),
    rule({
      id: 'promise-beyond-authority',
      title: 'Promise you may not be able to keep',
      level: 'warn',
      requiresAcknowledgement: false,
      when: {
        phases: [...WRITING],
        text: [
          {
            in: 'reply',
            anyOf: [
              'guarantee*', 'i promise', 'we promise', 'promise you', 'will definitely', 'full refund', 'compensation of',
              'goodwill payment', 'write off', 'written off', 'waive the', 'never happen again',
            ],
            pattern: "\\bwe(?:'ll| will) (?:refund|credit|reimburse|compensate|pay) you\\b",
          },
        ],
      },
      message: 'This reply commits us to an outcome or a payment. Check it is within your authority; if not, refer the complaint before promising anything.',
      guidance: 'Describe what you will do and by when, not outcomes you cannot control. Redress above your limit, or of a kind your role may not agree, goes to the person with that authority, with your reasons recorded.',
      criteria: ['CC33 1.1', 'CC33 2.3'],
    }),
  ],
};
