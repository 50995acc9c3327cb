// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { Prompt } from '../../core/promptEval.ts';
import { holding, isCardBlock, isSendKey, mightSend, sendControl } from './intercept.ts';

afterEach(() => {
  document.body.innerHTML = '';
});

const $ = (selector: string) => document.querySelector<HTMLElement>(selector)!;

describe('send controls', () => {
  it("a form's submit buttons send: RT's input[name=SubmitTicket], a button without a type, a click on its icon", () => {
    document.body.innerHTML = `<form><input type="submit" name="SubmitTicket" value="Update Ticket">
      <button id="plain"><span id="icon">→</span></button><button type="button" id="preview">Preview</button>
      <button type="reset" id="reset">Clear</button><input type="text" id="subject"></form>`;
    expect(sendControl($('input[name=SubmitTicket]'))).toBe($('input[name=SubmitTicket]'));
    expect(sendControl($('#icon'))).toBe($('#plain'));
    expect(sendControl($('#preview'))).toBeNull();
    expect(sendControl($('#reset'))).toBeNull();
    expect(sendControl($('#subject'))).toBeNull();
  });

  it('outside a form, a control sends when its label says so', () => {
    document.body.innerHTML = `<button id="a">Send</button><div role="button" id="b" aria-label="Send reply"></div>
      <button id="c">Submit as Solved</button><button id="d">Add note</button><button id="e">Settings</button>
      <button id="f">Send me a copy of the quarterly report please</button><a href="#" id="g">Reply</a>`;
    expect(sendControl($('#a'))).toBe($('#a'));
    expect(sendControl($('#b'))).toBe($('#b'));
    expect(sendControl($('#d'))).toBe($('#d'));
    expect(sendControl($('#c'))).toBe($('#c')); // Zendesk's send button
    expect(sendControl($('#e'))).toBeNull();
    expect(sendControl($('#f'))).toBeNull();
    expect(sendControl($('#g'))).toBeNull();
  });

  it('disabled controls do not send', () => {
    document.body.innerHTML = '<form><button id="a" disabled>Send</button></form><button id="b" aria-disabled="true">Send</button>';
    expect(sendControl($('#a'))).toBeNull();
    expect(sendControl($('#b'))).toBeNull();
  });
});

describe('send keys', () => {
  const key = (over: Partial<Parameters<typeof isSendKey>[0]> = {}) => ({ key: 'Enter', shiftKey: false, ctrlKey: false, metaKey: false, ...over });

  it('Ctrl+Enter and Cmd+Enter are held for anything that holds a send', () => {
    expect(isSendKey(key({ ctrlKey: true }), false)).toBe(true);
    expect(isSendKey(key({ metaKey: true }), false)).toBe(true);
  });

  it('plain Enter is held only while card data is in the reply; Shift+Enter and composing never', () => {
    expect(isSendKey(key(), true)).toBe(true);
    expect(isSendKey(key(), false)).toBe(false);
    expect(isSendKey(key({ shiftKey: true }), true)).toBe(false);
    expect(isSendKey(key({ isComposing: true, ctrlKey: true }), true)).toBe(false);
    expect(isSendKey(key({ key: 'a', ctrlKey: true }), true)).toBe(false);
  });

  it('mightSend lets every other key through without reading anything', () => {
    expect(mightSend(key())).toBe(true);
    expect(mightSend(key({ ctrlKey: true }))).toBe(true);
    expect(mightSend(key({ shiftKey: true }))).toBe(false);
    expect(mightSend(key({ key: 'x' }))).toBe(false);
  });
});

describe('what holds a send', () => {
  const prompt = (ruleId: string, level: Prompt['level'], card = false): Prompt => ({
    ruleId,
    ruleVersion: 1,
    title: ruleId,
    level,
    requiresAcknowledgement: false,
    message: '',
    criteria: [],
    requirementIds: [],
    replyRanges: [],
    guardMatches: card ? [{ kind: 'cardNumber', start: 0, end: 16 }] : [],
  });
  const sendRules = new Set(['card', 'final', 'promise']);
  const guardsSend = (id: string) => sendRules.has(id);
  const none = { acknowledged: new Set<string>(), overridden: new Set<string>() };
  const ids = (ps: Prompt[]) => ps.map((p) => p.ruleId);

  it('card data always; other blocks and warnings about the reply; information never', () => {
    const prompts = [prompt('card', 'block', true), prompt('final', 'block'), prompt('promise', 'warn'), prompt('deadline', 'warn'), prompt('note', 'info')];
    expect(ids(holding(prompts, guardsSend, none))).toEqual(['card', 'final', 'promise']);
    expect(isCardBlock(prompts[0]!)).toBe(true);
    expect(isCardBlock(prompts[1]!)).toBe(false);
  });

  it('an acknowledged warning and an overridden block no longer hold; card data cannot be overridden', () => {
    const prompts = [prompt('card', 'block', true), prompt('final', 'block'), prompt('promise', 'warn')];
    const settled = { acknowledged: new Set(['promise']), overridden: new Set(['final', 'card']) };
    expect(ids(holding(prompts, guardsSend, settled))).toEqual(['card']);
  });

  it('acknowledging a block does not clear it: only a reason does', () => {
    const settled = { acknowledged: new Set(['final']), overridden: new Set<string>() };
    expect(ids(holding([prompt('final', 'block')], guardsSend, settled))).toEqual(['final']);
  });
});
