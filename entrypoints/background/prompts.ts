import type { Handlers } from '../../core/messages.ts';
import { MessageError } from '../../core/messaging.ts';
import { effectivePack } from '../../core/promptPacks/effective.ts';
import { ukDefaultPack } from '../../core/promptPacks/ukDefault.ts';
import { validateRulePack } from '../../core/promptRules.ts';
import { configuresExtension } from '../../core/roles.ts';
import type { Me } from '../../core/account.ts';
import type { FloorwalkerDB } from '../../storage/db.ts';
import { queueSharedChange, sharedValues } from '../../storage/shared.ts';

interface Deps {
  db(): Promise<FloorwalkerDB>;
  now(): Date;
  signedIn(): Promise<Me | null>;
  /** Something was queued for the server. */
  changed(): void;
}

/** The prompt rules in effect, and publishing a pack (managers and admins), for the panel. */
export function promptPackHandlers({ db, now, signedIn, changed }: Deps): Handlers<unknown> {
  return {
    'prompts:packs': async () => {
      const published = await sharedValues(await db(), 'rulePack');
      const { pack, sources } = effectivePack(published);
      return {
        rules: pack.rules.map((r) => ({ id: r.id, title: r.title, level: r.level, ...sources[r.id]! })),
        published: published.map((p) => ({ id: p.id, version: p.version, title: p.title, rules: p.rules.length })),
        builtIn: JSON.stringify(ukDefaultPack, null, 2),
      };
    },

    'prompts:publish': async ({ pack }) => {
      const me = await signedIn();
      if (!me) throw new MessageError('Sign in to publish prompt rules.');
      if (!configuresExtension(me.role)) throw new MessageError('Only managers and admins publish prompt rules.');
      const checked = validateRulePack(pack);
      if (!checked.ok) return { ok: false as const, errors: checked.errors };
      const d = await db();
      const { id, version } = checked.pack;
      // The server refuses a version already published: say so here, where the file is at hand.
      const stored = (await sharedValues(d, 'rulePack')).find((p) => p.id === id);
      const published = stored?.version ?? (id === ukDefaultPack.id ? ukDefaultPack.version : 0);
      if (version <= published) {
        return { ok: false as const, errors: [{ rule: null, path: 'version', message: `version ${published} of "${id}" is already published: publish this as version ${published + 1}` }] };
      }
      await queueSharedChange(d, { entity: 'rulePack', name: 'rulePack.put', recordId: id, args: checked.pack }, now(), {
        whilePending: 'Your last version of this pack has not reached the server yet; sync, then publish again.',
      });
      changed();
      return { ok: true as const, id, version };
    },
  };
}
