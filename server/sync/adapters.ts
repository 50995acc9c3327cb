import { type AdapterSwitch, type CustomAdapter, adapterSwitchKey } from '../../core/customAdapter.ts';
import type { Mutation } from '../../core/sync.ts';
import { canConfigureExtension } from '../authz.ts';
import { type Outcome, applied, rejected, versionConflict } from './outcome.ts';
import type { PushContext } from './pushContext.ts';

type MutationNamed<N extends Mutation['name']> = Extract<Mutation, { name: N }>;

/** Publish a custom site adapter, or a new version of one; every extension in the organisation gets it by pull. */
export async function putCustomAdapter(ctx: PushContext, m: MutationNamed<'customAdapter.put'>): Promise<Outcome> {
  const { actor } = ctx;
  if (!canConfigureExtension(actor, { orgId: actor.orgId })) return rejected('only admins and managers can publish site adapters');
  if (m.recordId !== m.args.id) return rejected(`a custom adapter's record id is its id: expected "${m.args.id}"`);
  const stored = await ctx.read('customAdapter', m.args.id);
  const conflict = versionConflict(stored, m.baseVersion);
  if (conflict) return conflict;
  const adapter: CustomAdapter = {
    ...m.args,
    version: (stored?.version ?? 0) + 1,
    publishedBy: actor.name,
    publishedAt: ctx.now.toISOString(),
  };
  const status = adapter.disabled ? 'disabled' : 'published';
  return applied(await ctx.write(m, stored, { entity: 'customAdapter', id: adapter.id, deleted: false, data: adapter, agentId: null, evaluatorId: null, status }));
}

/**
 * The kill switch: turn one version of an adapter off for the organisation (its pages fall back to
 * the heuristics) or on again. Last write wins: it is a switch, not a document people edit together.
 */
export async function putAdapterSwitch(ctx: PushContext, m: MutationNamed<'adapterSwitch.put'>): Promise<Outcome> {
  const { actor } = ctx;
  if (!canConfigureExtension(actor, { orgId: actor.orgId })) return rejected('only admins and managers can switch site adapters off or on');
  const key = adapterSwitchKey(m.args);
  if (m.recordId !== key) return rejected(`an adapter switch's record id is "<adapter>@<version>": expected "${key}"`);
  const stored = await ctx.read('adapterSwitch', key);
  const data: AdapterSwitch = { ...m.args, setBy: actor.name, setAt: ctx.now.toISOString() };
  const status = data.disabled ? 'disabled' : 'enabled';
  return applied(await ctx.write(m, stored, { entity: 'adapterSwitch', id: key, deleted: false, data, agentId: null, evaluatorId: null, status }));
}
