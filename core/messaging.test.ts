import { describe, expect, it } from 'vitest';
import { messageMap, type Handlers } from './messages.ts';
import { createClient, dispatch } from './messaging.ts';

const ID = '01890a5d-ac96-774b-bcce-b302099a8057';
const handlers: Handlers<string> = {
  'spotChecks:get': (_body, ctx) => {
    if (ctx === 'boom') throw new Error('storage is unavailable');
    return null;
  },
  'checklists:list': () => [],
};

describe('dispatch', () => {
  it('answers a valid request', async () => {
    expect(await dispatch(messageMap, handlers, { name: 'spotChecks:get', body: { id: ID } }, 'ok')).toEqual({ ok: true, body: null });
  });

  it.each([
    ['not an envelope', 'hello'],
    ['an unknown name', { name: 'nope', body: {} }],
    ['a name this context does not handle', { name: 'contact:get', body: { tabId: 1 } }],
  ])('ignores %s so another listener may answer', async (_label, message) => {
    expect(await dispatch(messageMap, handlers, message, 'ok')).toBeUndefined();
  });

  it.each([
    ['a missing field', {}, /id/],
    ['a wrong type', { id: 7 }, /id/],
    ['an unknown field', { id: ID, extra: true }, /extra/],
    ['a malformed id', { id: 'x' }, /UUID/],
  ])('refuses %s with a readable error', async (_label, body, pattern) => {
    const reply = await dispatch(messageMap, handlers, { name: 'spotChecks:get', body }, 'ok');
    expect(reply).toMatchObject({ ok: false });
    expect((reply as { error: string }).error).toMatch(pattern);
    expect((reply as { error: string }).error).toMatch(/^spotChecks:get: /);
  });

  it('turns a failing handler into an error reply', async () => {
    expect(await dispatch(messageMap, handlers, { name: 'spotChecks:get', body: { id: ID } }, 'boom')).toEqual({
      ok: false,
      error: 'storage is unavailable',
    });
  });
});

describe('createClient', () => {
  it('round-trips through dispatch and validates the reply', async () => {
    const call = createClient(messageMap, (env) => dispatch(messageMap, handlers, env, 'ok'));
    expect(await call('checklists:list', {})).toEqual([]);
    await expect(call('spotChecks:get', { id: ID })).resolves.toBeNull();
  });

  it('rejects with the remote error, a missing reply, or a reply of the wrong shape', async () => {
    await expect(createClient(messageMap, async () => ({ ok: false, error: 'nope' }))('checklists:list', {})).rejects.toThrow('nope');
    await expect(createClient(messageMap, async () => undefined)('checklists:list', {})).rejects.toThrow(/no reply/);
    await expect(createClient(messageMap, async () => ({ ok: true, body: 'x' }))('checklists:list', {})).rejects.toThrow(/bad reply/);
  });
});
