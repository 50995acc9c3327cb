/**
 * The one pack the in-page guard evaluates, from what the organisation published. No zod here: the
 * background hands the result to the content script, which bundles neither.
 */
import type { GuardName, PromptRule, RulePack } from '../promptRules.ts';
import { ukDefaultPack } from './ukDefault.ts';

/** Where a rule of the effective pack came from, for the compliance record. */
export interface RuleSource {
  packId: string;
  packVersion: number;
}

export interface EffectivePack {
  pack: RulePack;
  /** By rule id. */
  sources: Readonly<Record<string, RuleSource>>;
}

const CARD_GUARDS: readonly GuardName[] = ['cardNumber', 'securityCode'];
const blocks = (rule: PromptRule, guard: GuardName) => rule.level === 'block' && rule.when.guards.includes(guard);

/**
 * The organisation's published packs (validated), in order of id, with the built-in UK pack first
 * unless the organisation published its own version of it. A rule id already taken by an earlier
 * pack is left out. Card data is always blocked: when no published rule blocks a card number or a
 * security code, the built-in rule that does is kept, whatever the packs say (PCI DSS: no card data
 * in the CRM).
 */
export function effectivePack(published: readonly RulePack[]): EffectivePack {
  const ordered = [...published].sort((a, b) => a.id.localeCompare(b.id));
  const packs = ordered.some((p) => p.id === ukDefaultPack.id)
    ? [...ordered.filter((p) => p.id === ukDefaultPack.id), ...ordered.filter((p) => p.id !== ukDefaultPack.id)]
    : [ukDefaultPack, ...ordered];
  const rules: PromptRule[] = [];
  const sources: Record<string, RuleSource> = {};
  const add = (rule: PromptRule, pack: RulePack) => {
    if (Object.hasOwn(sources, rule.id)) return;
    rules.push(rule);
    sources[rule.id] = { packId: pack.id, packVersion: pack.version };
  };
  for (const pack of packs) for (const rule of pack.rules) add(rule, pack);
  for (const guard of CARD_GUARDS) {
    if (rules.some((r) => blocks(r, guard))) continue;
    const builtIn = ukDefaultPack.rules.find((r) => blocks(r, guard));
    if (builtIn && !Object.hasOwn(sources, builtIn.id)) add(builtIn, ukDefaultPack);
    else if (builtIn) {
      // The id is taken by a published rule that no longer blocks: the built-in one goes in under its own name.
      const id = `${builtIn.id}-required`;
      rules.push({ ...builtIn, id });
      sources[id] = { packId: ukDefaultPack.id, packVersion: ukDefaultPack.version };
    }
  }
  const only = packs.length === 1 ? packs[0]! : undefined;
  const pack: RulePack = {
    id: only?.id ?? 'organisation',
    version: only?.version ?? 1,
    title: only?.title ?? packs.map((p) => p.title).join(' + '),
    rules,
  };
  return { pack, sources };
}
