/**
 * When does an agent send, and should that send be held? Pure decisions over elements and prompts,
 * so they can be tested without a browser.
 */
import type { Prompt } from '../../core/promptEval.ts';

/**
 * Words a send control is labelled with, alone or with what it sends ("Send reply", "Update ticket",
 * "Add note", Zendesk's "Submit as Solved"). Checked only for controls that do not submit a form by
 * themselves: single-page CRMs send from plain buttons.
 */
const SEND_LABEL =
  /^(?:send|submit|reply|respond|post|comment|update|add (?:reply|note|comment)|save and send)(?:\s+(?:reply|response|ticket|message|email|note|comment|now|and \w+|as \w+))?$/i;

const labelOf = (el: Element) =>
  (el.getAttribute('aria-label') || (el.tagName === 'INPUT' ? (el as HTMLInputElement).value : el.textContent) || el.getAttribute('title') || '')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The control a click sends with, or null: a button that submits its form (RT's "Update Ticket" is
 * `input[name=SubmitTicket]`), or a button or role=button whose label says it sends.
 */
export function sendControl(target: EventTarget | null): HTMLElement | null {
  const start = target as Element | null;
  if (!start || typeof start.closest !== 'function') return null;
  const el = start.closest<HTMLElement>('button, input[type="submit"], input[type="image"], input[type="button"], [role="button"]');
  if (!el || el.hasAttribute('disabled') || el.getAttribute('aria-disabled') === 'true') return null;
  const type = (el.getAttribute('type') ?? (el.tagName === 'BUTTON' ? 'submit' : '')).toLowerCase();
  const inForm = (el as HTMLButtonElement).form != null;
  if ((el.tagName === 'BUTTON' || el.tagName === 'INPUT') && (type === 'submit' || type === 'image') && inForm) return el;
  const label = labelOf(el);
  return label.length <= 40 && SEND_LABEL.test(label) ? el : null;
}

export interface KeyLike {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey?: boolean;
  isComposing?: boolean;
}

/**
 * Is this key press a send to hold? Ctrl+Enter and Cmd+Enter send in most CRMs, and are held for
 * anything that holds a send. Plain Enter sends in chat boxes but starts a new line in email editors,
 * and the page cannot tell us which: it is held only while card data is in the reply (`cardData`),
 * where a lost new line costs little. Shift+Enter is always a new line; Enter while composing (IME)
 * is never a send.
 */
export function isSendKey(e: KeyLike, cardData: boolean): boolean {
  if (e.key !== 'Enter' || e.isComposing) return false;
  if (e.ctrlKey || e.metaKey) return true;
  if (e.shiftKey || e.altKey) return false;
  return cardData;
}

/** Could this key press be a send at all? A cheap test before anything is read or evaluated. */
export const mightSend = (e: KeyLike) => e.key === 'Enter' && !e.isComposing && !e.shiftKey && !e.altKey;

/** What the agent has already settled for the contact: warnings accepted, blocks sent past with a reason. */
export interface Settled {
  acknowledged: ReadonlySet<string>;
  overridden: ReadonlySet<string>;
}

/** A block that only removing the card data clears: it may never be sent past. */
export const isCardBlock = (p: Prompt) => p.guardMatches.length > 0;

/**
 * The prompts that hold a send: every block (card data always; other blocks until overridden with a
 * reason), and warnings about the reply itself (rules that name the send phase) until acknowledged.
 * Information never holds.
 */
export function holding(prompts: readonly Prompt[], guardsSend: (ruleId: string) => boolean, settled: Settled): Prompt[] {
  return prompts.filter((p) => {
    if (p.level === 'block') return isCardBlock(p) || !settled.overridden.has(p.ruleId);
    if (p.level === 'warn') return guardsSend(p.ruleId) && !settled.acknowledged.has(p.ruleId) && !settled.overridden.has(p.ruleId);
    return false;
  });
}
