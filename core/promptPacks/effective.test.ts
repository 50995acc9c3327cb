import { describe, expect, it } from 'vitest';
import { type PromptRule, type RulePack, validateRulePack } from '../promptRules.ts';
import { effectivePack } from './effective.ts';
import { ukDefaultPack } from './ukDefault.ts';

const rule = (id: string, extra: Partial<PromptRule> = {}): PromptRule => ({
  id,
  version: 1,
  title: id,
  level: 'info',
  requiresAcknowledgement: false,
  message: `about ${id}`,
  criteria: [],
  requirementIds: [],
  audience: [],
  when: { channels: [], phases: [], sites: [], queues: [], urlContains: [], text: [], fields: [], guards: [] },
  ...extra,
});
const pack = (id: string, version: number, rules: PromptRule[]): RulePack => ({ id, version, title: `Pack ${id}`, rules });
const ids = (p: RulePack) => p.rules.map((r) => r.id);
const blocksCards = (p: RulePack) => p.rules.some((r) => r.level === 'block' && r.when.guards.includes('cardNumber'));

describe('effectivePack', () => {
  it('is the built-in pack when the organisation published none', () => {
    const { pack: p, sources } = effectivePack([]);
    expect(p).toEqual(ukDefaultPack);
    expect(Object.values(sources).every((s) => s.packId === 'uk-default' && s.packVersion === ukDefaultPack.version)).toBe(true);
  });

  it('adds published packs after the built-in one and names each rule source', () => {
    const { pack: p, sources } = effectivePack([pack('refunds', 3, [rule('refund-limit')])]);
    expect(ids(p)).toEqual([...ids(ukDefaultPack), 'refund-limit']);
    expect(sources['refund-limit']).toEqual({ packId: 'refunds', packVersion: 3 });
    expect(sources['card-number-in-reply']).toEqual({ packId: 'uk-default', packVersion: ukDefaultPack.version });
    expect(validateRulePack(p).ok).toBe(true);
  });

  it("replaces the built-in pack by the organisation's version of it", () => {
    const own = pack('uk-default', 2, [...ukDefaultPack.rules.slice(0, 2), rule('greeting')]);
    const { pack: p, sources } = effectivePack([own]);
    expect(ids(p)).toEqual(['card-number-in-reply', 'security-code-in-reply', 'greeting']);
    expect(sources.greeting).toEqual({ packId: 'uk-default', packVersion: 2 });
    expect(p.version).toBe(2);
  });

  it('keeps the first of two rules with one id, packs in order of id', () => {
    const { pack: p, sources } = effectivePack([pack('b-pack', 1, [rule('same', { title: 'from b' })]), pack('a-pack', 1, [rule('same', { title: 'from a' })])]);
    expect(p.rules.filter((r) => r.id === 'same')).toEqual([expect.objectContaining({ title: 'from a' })]);
    expect(sources.same?.packId).toBe('a-pack');
  });

  it("lets the organisation's rule replace the built-in rule of the same id, in its place", () => {
    const edited = { ...ukDefaultPack.rules[2]!, message: 'Our own wording.' };
    const { pack: p, sources } = effectivePack([pack('acme', 1, [edited, rule('greeting')])]);
    expect(ids(p)).toEqual([...ids(ukDefaultPack), 'greeting']);
    expect(p.rules[2]!.message).toBe('Our own wording.');
    expect(sources[edited.id]).toEqual({ packId: 'acme', packVersion: 1 });
  });

  it.each([
    ['a card rule narrowed to one site', { sites: ['nowhere'] }],
    ['a card rule for one channel', { channels: ['chat' as const] }],
    ['a card rule only when words appear', { text: [{ in: 'reply' as const, anyOf: ['never'], absent: false }] }],
    ['a card rule only before sending', { phases: ['reply' as const] }],
  ])('does not count %s as blocking card data everywhere', (_name, narrowing) => {
    const narrowed = { ...ukDefaultPack.rules[0]!, when: { ...ukDefaultPack.rules[0]!.when, ...narrowing } };
    const { pack: p } = effectivePack([pack('acme', 1, [narrowed])]);
    const required = p.rules.find((r) => r.id === 'card-number-in-reply-required');
    expect(required).toMatchObject({ level: 'block', when: { guards: ['cardNumber'], sites: [], channels: [] } });
  });

  it('does not count a card rule shown to one role only', () => {
    const { pack: p } = effectivePack([pack('acme', 1, [{ ...ukDefaultPack.rules[0]!, audience: ['admin'] }])]);
    expect(ids(p)).toContain('card-number-in-reply-required');
  });

  it.each([
    ['an override without card rules', [pack('uk-default', 2, [rule('greeting')])]],
    ['an override that turns the card rule into a warning', [pack('uk-default', 2, [{ ...ukDefaultPack.rules[0]!, level: 'warn' as const }, rule('x')])]],
  ])('always blocks card data: %s', (_name, published) => {
    const { pack: p, sources } = effectivePack(published);
    expect(blocksCards(p)).toBe(true);
    expect(p.rules.some((r) => r.level === 'block' && r.when.guards.includes('securityCode'))).toBe(true);
    const cardRule = p.rules.find((r) => r.level === 'block' && r.when.guards.includes('cardNumber'))!;
    expect(sources[cardRule.id]?.packId).toBe('uk-default');
    expect(new Set(ids(p)).size).toBe(p.rules.length);
  });
});
