// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { CARD_MASK } from '../../core/guards.ts';
import { checkedPatterns } from '../../core/promptEval.ts';
import { ukDefaultPack } from '../../core/promptPacks/ukDefault.ts';
import type { SiteAdapter } from '../../sites/types.ts';
import { startGuard, type Guard } from './controller.ts';

const CARD = '4111 1111 1111 1111';
const DIGITS = /4111\D{0,3}1111/;

/** A CRM the guard reads through an adapter: a conversation of `.msg` elements and a `#reply` box. */
const crm: SiteAdapter = {
  id: 'fake-crm',
  name: 'Fake CRM',
  version: 1,
  matches: [],
  selectors: {},
  claims: () => true,
  extract: () => ({ ticketId: '42', channel: 'email' }),
  readConversation: (doc) => [...doc.querySelectorAll('.msg')].map((m) => m.textContent ?? ''),
  replyEditor: (doc) => doc.querySelector<HTMLElement>('#reply'),
};

let guard: Guard | undefined;
afterEach(() => {
  guard?.stop();
  guard = undefined;
  document.body.innerHTML = '';
});

interface Sent {
  name: string;
  body: Record<string, unknown>;
}

function open(markup: string, { adapters = [crm], pack = true, opened = false, deadlines = [] as { kind: string; dueAt: string }[] } = {}) {
  document.body.innerHTML = markup;
  const sent: Sent[] = [];
  const send = async (name: string, body: unknown) => {
    sent.push({ name, body: body as Record<string, unknown> });
    return name === 'guard:quickLog' ? { opened } : name === 'guard:deadlines' ? { deadlines } : {};
  };
  guard = startGuard({ doc: document, win: window, send, adapters, isPerson: () => true });
  if (pack) guard.configure({ pack: ukDefaultPack, patterns: checkedPatterns(ukDefaultPack) });
  guard.flush();
  let pageSubmits = 0;
  document.querySelector('form')?.addEventListener('submit', (e) => {
    // The CRM's own handler; the test stops the navigation a real form would make.
    e.preventDefault();
    pageSubmits++;
  });
  return { sent, submits: () => pageSubmits, g: guard };
}

const $ = <T extends HTMLElement = HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const shadow = (g: Guard) => g.panel.host?.shadowRoot ?? null;
const card = (g: Guard, ruleId: string) => shadow(g)?.querySelector<HTMLElement>(`[data-rule="${ruleId}"]`) ?? null;
const button = (g: Guard, ruleId: string, name: string) =>
  [...(card(g, ruleId)?.querySelectorAll('button') ?? [])].find((b) => b.textContent === name) ?? null;
const events = (sent: Sent[]) => sent.filter((s) => s.name === 'guard:event').map((s) => [s.body.ruleId, s.body.action, s.body.reason]);

function type(el: HTMLTextAreaElement, text: string, g: Guard): void {
  el.value = text;
  el.dispatchEvent(new Event('input', { bubbles: true }));
  g.flush();
}

const REPLY_FORM = `<form><textarea id="reply"></textarea><input type="submit" name="SubmitTicket" value="Update Ticket"></form>`;

describe('a card number in the reply', () => {
  it('is flagged while typing, stops the send before the page sees it, and is masked in one click', () => {
    const { sent, submits, g } = open(REPLY_FORM);
    type($('#reply'), `Thanks. Your card ${CARD} is noted.`, g);
    expect(card(g, 'card-number-in-reply')).not.toBeNull();

    const submit = $('input[name=SubmitTicket]');
    submit.click();
    expect(submits()).toBe(0);
    expect(card(g, 'card-number-in-reply')?.getAttribute('role')).toBe('alert');
    expect(card(g, 'card-number-in-reply')?.textContent).toContain('Nothing was sent.');
    // Card data may not be sent past, only removed.
    expect(button(g, 'card-number-in-reply', 'Send anyway')).toBeNull();

    button(g, 'card-number-in-reply', 'Remove card details')!.click();
    expect($<HTMLTextAreaElement>('#reply').value).toBe(`Thanks. Your card ${CARD_MASK} is noted.`);
    expect(card(g, 'card-number-in-reply')).toBeNull();
    expect(shadow(g)?.textContent).toContain('Card details removed');

    submit.click();
    expect(submits()).toBe(1);
    // Recorded once, by rule: nothing of the reply leaves the page.
    expect(events(sent)).toEqual([['card-number-in-reply', 'shown', undefined]]);
    expect(JSON.stringify(sent)).not.toMatch(DIGITS);
    const shownEvent = sent.find((s) => s.name === 'guard:event')!;
    expect(shownEvent.body).toMatchObject({ packId: 'uk-default', candidates: [{ adapterId: 'fake-crm', ticketId: '42' }] });
    expect(Object.keys((shownEvent.body.candidates as object[])[0]!).sort()).toEqual(['adapterId', 'capturedAt', 'crm', 'source', 'ticketId', 'url']);
  });

  it('is caught on submit too (Enter in a field, requestSubmit), and with a security code beside it', () => {
    const { submits, g } = open(REPLY_FORM);
    type($('#reply'), `card ${CARD} cvv 123`, g);
    $<HTMLFormElement>('form').requestSubmit();
    expect(submits()).toBe(0);
    expect(card(g, 'card-number-in-reply')).not.toBeNull();
    expect(card(g, 'security-code-in-reply')).not.toBeNull();
    button(g, 'security-code-in-reply', 'Remove card details')!.click();
    expect($<HTMLTextAreaElement>('#reply').value).not.toMatch(/\d/);
    $<HTMLFormElement>('form').requestSubmit();
    expect(submits()).toBe(1);
  });

  it('holds even before the pack has arrived from the background', () => {
    const { submits, g } = open(REPLY_FORM, { pack: false });
    type($('#reply'), `Card ${CARD}`, g);
    $('input[name=SubmitTicket]').click();
    expect(submits()).toBe(0);
    expect(card(g, 'card-number-in-reply')).not.toBeNull();
  });

  it('Enter in an editor holding a card is held; Shift+Enter and Enter in a clean reply are not', () => {
    const { g } = open('<div id="reply" contenteditable="true"></div>');
    const editor = $('#reply');
    const enter = (over: KeyboardEventInit = {}) => {
      const e = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true, ...over });
      editor.dispatchEvent(e);
      return e.defaultPrevented;
    };
    editor.textContent = 'No card here';
    expect(enter()).toBe(false);
    expect(enter({ ctrlKey: true })).toBe(false);
    editor.textContent = `Card ${CARD}`;
    expect(enter({ shiftKey: true })).toBe(false);
    expect(enter()).toBe(true);
    expect(enter({ ctrlKey: true })).toBe(true);
    expect(card(g, 'card-number-in-reply')?.getAttribute('role')).toBe('alert');
  });

  it('a draft with a card does not hold a search in another form', () => {
    const { g } = open(`${REPLY_FORM}<form id="search"><input type="text" name="q" value="refund"><button>Search</button></form>`);
    type($('#reply'), `Card ${CARD}`, g);
    let searched = 0;
    $('#search').addEventListener('submit', (e) => {
      e.preventDefault();
      searched++;
    });
    $('#search button').click();
    expect(searched).toBe(1);
  });
});

describe('warnings and other blocks at send', () => {
  it('a promise beyond authority holds the send until the agent sends anyway, which is recorded and sends', () => {
    const { sent, submits, g } = open(REPLY_FORM);
    type($('#reply'), 'We will refund you in full, I promise you.', g);
    $('input[name=SubmitTicket]').click();
    expect(submits()).toBe(0);
    button(g, 'promise-beyond-authority', 'Send anyway')!.click();
    expect(submits()).toBe(1);
    expect(events(sent)).toContainEqual(['promise-beyond-authority', 'acknowledged', undefined]);
    // Accepted once for this contact: the next send is not held again.
    $('input[name=SubmitTicket]').click();
    expect(submits()).toBe(2);
  });

  it('a final response without referral rights is sent past only with a reason; a card number in the reason is refused', () => {
    const { sent, submits, g } = open(REPLY_FORM);
    type($('#reply'), 'This is our final response to your complaint.', g);
    $('input[name=SubmitTicket]').click();
    expect(submits()).toBe(0);
    button(g, 'final-response-referral-rights', 'Send anyway…')!.click();
    const form = card(g, 'final-response-referral-rights')!.querySelector('form')!;
    const select = form.querySelector('select')!;
    const detail = form.querySelector('input')!;
    select.value = 'Other (say why)';
    detail.value = `customer card ${CARD}`;
    form.requestSubmit();
    expect(form.querySelector('[role=alert]')?.textContent).toMatch(/card number/);
    expect(submits()).toBe(0);
    detail.value = 'Not a regulated complaint';
    form.requestSubmit();
    expect(submits()).toBe(1);
    expect(events(sent)).toContainEqual(['final-response-referral-rights', 'overridden', 'Not a regulated complaint']);
  });
});

describe('prompts about the conversation', () => {
  const PAGE = `<div class="msg">My refund is late.</div><div class="msg">This is unacceptable, I want to complain. Card ${CARD}.</div>${REPLY_FORM}`;

  it('"this may be a complaint" offers the quick log with the customer\'s words, card data masked', async () => {
    const { sent, g } = open(PAGE);
    const prompt = card(g, 'sounds-like-a-complaint')!;
    expect(prompt).not.toBeNull();
    button(g, 'sounds-like-a-complaint', 'Log as a complaint')!.click();
    const asked = sent.find((s) => s.name === 'guard:quickLog')!;
    expect(asked.body.customerWords).toBe(`This is unacceptable, I want to complain. Card ${CARD_MASK}.`);
    expect(events(sent)).toContainEqual(['sounds-like-a-complaint', 'acknowledged', undefined]);
    await new Promise((r) => setTimeout(r, 0));
    // The background could not open the panel (no gesture): the agent is told where to go.
    expect(shadow(g)?.textContent).toContain('Open the Floorwalker panel');
  });

  it('a prompt is dismissed with a reason, recorded, and stays away for the contact', () => {
    const { sent, g } = open(PAGE);
    button(g, 'sounds-like-a-complaint', 'Dismiss…')!.click();
    const form = card(g, 'sounds-like-a-complaint')!.querySelector('form')!;
    form.requestSubmit();
    expect(events(sent)).toContainEqual(['sounds-like-a-complaint', 'dismissed', 'It does not apply to this contact']);
    expect(card(g, 'sounds-like-a-complaint')).toBeNull();
    type($('#reply'), 'Sorry to hear that.', g);
    expect(card(g, 'sounds-like-a-complaint')).toBeNull();
    expect(events(sent).filter(([id, action]) => id === 'sounds-like-a-complaint' && action === 'shown')).toHaveLength(1);
  });

  it('a prompt that needs acknowledging has no dismiss, only Acknowledge', () => {
    const { sent, g } = open(`<div class="msg">My husband passed away last month.</div>${REPLY_FORM}`);
    expect(button(g, 'vulnerability-bereavement', 'Dismiss…')).toBeNull();
    button(g, 'vulnerability-bereavement', 'Acknowledge')!.click();
    expect(card(g, 'vulnerability-bereavement')).toBeNull();
    expect(events(sent)).toContainEqual(['vulnerability-bereavement', 'acknowledged', undefined]);
  });
});

describe('the panel in the page', () => {
  it('sits in an open shadow root on the root element, fixed, and only once something is shown', () => {
    const { g } = open(REPLY_FORM);
    expect(g.panel.host).toBeNull();
    type($('#reply'), `Card ${CARD}`, g);
    const host = g.panel.host!;
    expect(host.parentElement).toBe(document.documentElement);
    expect(host.shadowRoot?.querySelector('style')?.textContent).toContain('position:fixed');
  });

  it('keys typed in it do not reach the page', () => {
    const { g } = open(`<div class="msg">I want to complain.</div>${REPLY_FORM}`);
    let pageKeys = 0;
    document.addEventListener('keydown', () => pageKeys++);
    button(g, 'sounds-like-a-complaint', 'Dismiss…')!.click();
    card(g, 'sounds-like-a-complaint')!.querySelector('input')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true, composed: true }));
    expect(pageKeys).toBe(0);
  });

  it("the page's own script cannot settle a prompt: only a person's click does", () => {
    document.body.innerHTML = REPLY_FORM;
    const sent: Sent[] = [];
    guard = startGuard({ doc: document, win: window, send: async (name, body) => void sent.push({ name, body: body as never }), adapters: [crm] });
    guard.configure({ pack: ukDefaultPack, patterns: checkedPatterns(ukDefaultPack) });
    type($('#reply'), 'We will refund you in full.', guard);
    $('input[name=SubmitTicket]').click();
    // A script's click (isTrusted false) on "Send anyway" does nothing.
    button(guard, 'promise-beyond-authority', 'Send anyway')!.click();
    expect(card(guard, 'promise-beyond-authority')).not.toBeNull();
    expect(events(sent).filter(([, action]) => action === 'acknowledged')).toEqual([]);
  });

  it('stop() takes the panel away and lets every send through', () => {
    const { submits, g } = open(REPLY_FORM);
    type($('#reply'), `Card ${CARD}`, g);
    g.stop();
    expect(document.querySelector('floorwalker-prompts')).toBeNull();
    $('input[name=SubmitTicket]').click();
    expect(submits()).toBe(1);
  });
});

describe('complaint deadlines on the contact', () => {
  const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
  const settle = async (g: Guard) => {
    await new Promise((r) => setTimeout(r, 0));
    g.flush();
  };

  it('asks the background for the contact and warns when one is close', async () => {
    const { sent, g } = open('<div class="msg">Where is my refund?</div>', { deadlines: [{ kind: 'final-response', dueAt: hoursFromNow(20) }] });
    await settle(g);
    const asked = sent.filter((s) => s.name === 'guard:deadlines');
    expect(asked).toHaveLength(1);
    expect(asked[0]!.body.candidates).toEqual([expect.objectContaining({ adapterId: 'fake-crm', ticketId: '42' })]);
    expect(card(g, 'complaint-deadline-close')).not.toBeNull();
  });

  it('stays quiet when the deadline is far off', async () => {
    const { g } = open('<div class="msg">Where is my refund?</div>', { deadlines: [{ kind: 'final-response', dueAt: hoursFromNow(24 * 20) }] });
    await settle(g);
    expect(card(g, 'complaint-deadline-close')).toBeNull();
  });
});

describe('adapters given with the config', () => {
  it("read the page from then on: the organisation's custom adapters arrive after the guard started", () => {
    const { sent, g } = open(REPLY_FORM, { adapters: [], pack: false });
    g.configure({ pack: ukDefaultPack, patterns: checkedPatterns(ukDefaultPack), adapters: [{ ...crm, id: 'custom-casework' }] });
    type($('#reply'), `Your card ${CARD}`, g);
    const shownEvent = sent.find((s) => s.name === 'guard:event')!;
    expect(shownEvent.body.candidates).toEqual([expect.objectContaining({ adapterId: 'custom-casework', ticketId: '42' })]);
  });
});
