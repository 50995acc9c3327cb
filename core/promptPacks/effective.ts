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

/**
 * Does the rule hold every reply with card data, wherever and whoever? Only a block with no other
 * condition and no audience counts: a rule narrowed to a site, a channel or a role leaves the rest open.
 */
function alwaysBlocks(rule: PromptRule, guard: GuardName): boolean {
  const w = rule.when;
  const writing = w.phases.length === 0 || (w.phases.includes('reply') && w.phases.includes('send'));
  const narrowed = [w.channels, w.sites, w.queues, w.urlContains, w.text, w.fields, rule.audience].some((list) => list.length > 0) || w.deadline !== undefined;
  return rule.level === 'block' && w.guards.includes(guard) && writing && !narrowed;
}

/**
 * The organisation's published packs (validated) over the built-in UK pack: a published pack with
 * the built-in pack's id replaces it, and a published rule replaces the built-in rule of the same id
 * (a manager edits the downloaded pack and publishes it under their own name). Between published
 * packs, the first by pack id keeps a rule id. Card data is always blocked: when no rule blocks a
 * card number or a security code everywhere, the built-in rule that does is added, whatever the
 * packs say (PCI DSS: no card data in the CRM).
 */
export function effectivePack(published: readonly RulePack[]): EffectivePack {
  const own = [...published].sort((a, b) => a.id.localeCompare(b.id));
  const builtIn = own.some((p) => p.id === ukDefaultPack.id) ? undefined : ukDefaultPack;
  const packs = builtIn ? [builtIn, ...own] : own;
  const chosen = new Map<string, { rule: PromptRule; pack: RulePack }>();
  for (const pack of own) for (const rule of pack.rules) if (!chosen.has(rule.id)) chosen.set(rule.id, { rule, pack });
  // In the built-in pack's order, each rule or the organisation's own version of it; then the rest.
  const order = [...(builtIn?.rules.map((r) => r.id) ?? []), ...chosen.keys()];
  const rules: PromptRule[] = [];
  const sources: Record<string, RuleSource> = {};
  const add = (rule: PromptRule, pack: RulePack) => {
    rules.push(rule);
    sources[rule.id] = { packId: pack.id, packVersion: pack.version };
  };
  for (const id of new Set(order)) {
    const pick = chosen.get(id) ?? { rule: builtIn!.rules.find((r) => r.id === id)!, pack: builtIn! };
    add(pick.rule, pick.pack);
  }
  for (const guard of CARD_GUARDS) {
    if (rules.some((r) => alwaysBlocks(r, guard))) continue;
    const required = ukDefaultPack.rules.find((r) => alwaysBlocks(r, guard))!;
    // Under its own id when a published rule that no longer blocks everywhere took it.
    add(Object.hasOwn(sources, required.id) ? { ...required, id: `${required.id}-required` } : required, ukDefaultPack);
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
