/**
 * The card guards the page script starts with, before the background has sent the prompt pack (or
 * if it never does): card numbers and security codes in a reply hold the send from the first moment.
 * Same ids as the built-in pack's rules, which replace them when the pack arrives.
 */
import type { GuardName, PromptRule, RulePack } from '../../core/promptRules.ts';

const guardRule = (id: string, guard: GuardName, title: string, message: string): PromptRule => ({
  id,
  version: 1,
  title,
  level: 'block',
  requiresAcknowledgement: false,
  message,
  criteria: [],
  requirementIds: [],
  audience: [],
  when: { channels: [], phases: ['reply', 'send'], sites: [], queues: [], urlContains: [], text: [], fields: [], guards: [guard] },
});

export const startingPack: RulePack = {
  id: 'uk-default',
  version: 1,
  title: 'Card guards',
  rules: [
    guardRule('card-number-in-reply', 'cardNumber', 'Card number in the reply', 'This reply holds what looks like a payment card number. Remove it before sending.'),
    guardRule('security-code-in-reply', 'securityCode', 'Card security code in the reply', 'This reply seems to hold a card security code. Remove it before sending.'),
  ],
};
