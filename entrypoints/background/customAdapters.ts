import type { Me } from '../../core/account.ts';
import { ADAPTERS_CHANGED, AdapterPreview, adapterSwitchKey } from '../../core/customAdapter.ts';
import { configuresExtension } from '../../core/roles.ts';
import type { Handlers } from '../../core/messages.ts';
import { MessageError } from '../../core/messaging.ts';
import { CUSTOM_SCRIPT } from '../../sites/pageAdapters.ts';
import { pickContact } from '../../sites/pick.ts';
import { adapters } from '../../sites/registry.ts';
import type { FloorwalkerDB } from '../../storage/db.ts';
import { queueSharedChange, sharedValues, sharedVersion } from '../../storage/shared.ts';
import type { ScriptFiles } from './adapterInjection.ts';

/**
 * Custom site adapters and the kill switch, for admins and managers: publishing goes to the server
 * by sync (which checks the role again), and reaches every browser of the organisation by pull. The
 * element picker and "Try on this page" run in the tab beside the panel.
 */
export interface CustomAdapterDeps {
  db(): Promise<FloorwalkerDB>;
  now(): Date;
  signedIn(): Promise<Me | null>;
  /** Something was queued for the server. */
  changed(): void;
}

const PICKER = '/picker.js';

type Scope = Record<string, unknown>;

export function customAdapterHandlers({ db, now, signedIn, changed }: CustomAdapterDeps): Handlers<unknown> {
  async function configurer(): Promise<FloorwalkerDB> {
    if (!configuresExtension((await signedIn())?.role)) throw new MessageError('Only admins and managers can publish site adapters or switch them off.');
    return db();
  }


  return {
    'adapters:list': async () => {
      const d = await db();
      const [custom, switches] = await Promise.all([sharedValues(d, 'customAdapter'), sharedValues(d, 'adapterSwitch')]);
      return { custom, switches, builtIn: adapters.map(({ id, name, version }) => ({ id, name, version })) };
    },

    'adapters:publish': async (definition) => {
      const d = await configurer();
      await queueSharedChange(d, { entity: 'customAdapter', name: 'customAdapter.put', recordId: definition.id, args: definition }, now(), {
        whilePending: 'Your last change to this adapter has not reached the server yet; sync, then publish again.',
      });
      changed();
      return {};
    },

    'adapters:switch': async (change) => {
      const d = await configurer();
      const key = adapterSwitchKey(change);
      // The server keeps the last switch (no conflicts), so changes may queue up.
      await queueSharedChange(d, { entity: 'adapterSwitch', name: 'adapterSwitch.put', recordId: key, args: change }, now());
      changed();
      return {};
    },

    'adapters:pick': async ({ tabId, similar, label }) => {
      const target = { tabId };
      await browser.scripting.executeScript({
        target,
        func: (options: unknown) => void ((globalThis as Scope).floorwalkerPickerOptions = options),
        args: [{ similar, label }],
      });
      await browser.scripting.executeScript({ target, files: [PICKER] as ScriptFiles });
      return {};
    },

    'adapters:stopPicking': async ({ tabId }) => {
      await browser.scripting.executeScript({
        target: { tabId },
        func: () => void ((globalThis as Scope).floorwalkerPicker as { stop(): void } | undefined)?.stop(),
      });
      return {};
    },

    'adapters:preview': async ({ tabId, definition }) => {
      // Read as the version publishing it would make, so the contact shows as it will.
      const version = (await sharedVersion(await db(), 'customAdapter', definition.id)) + 1;
      const target = { tabId };
      await browser.scripting.executeScript({
        target,
        func: (draft: unknown) => void ((globalThis as Scope).floorwalkerPreview = draft),
        args: [{ ...definition, version }],
      });
      const [frame] = await browser.scripting.executeScript({ target, files: [CUSTOM_SCRIPT] as ScriptFiles });
      // The page's word, checked here like every reading.
      const { candidates, ...reading } = (frame?.result ?? {}) as { candidates?: unknown };
      const preview = AdapterPreview.safeParse({ ...reading, contact: pickContact(candidates) });
      if (!preview.success) throw new MessageError('The page could not be read with this definition.');
      return preview.data;
    },
  };
}

/**
 * From the picker in a CRM page: hands the pick to the panel. The worker does not hear its own
 * messages; the extension's pages (the panel) do.
 */
export function pickerHandlers(): Handlers<unknown> {
  return {
    'picker:done': async ({ picked }, ctx) => {
      const tabId = (ctx as { tab?: { id?: number } }).tab?.id;
      await browser.runtime.sendMessage({ name: 'picker:result', body: { ...(tabId !== undefined && { tabId }), picked } }).catch(() => undefined);
      return {};
    },
  };
}

/**
 * After a sync that changed the organisation's adapters: the guard is registered again with the
 * built-in adapter scripts the sites now get, and the panel reads its page again (the page reader
 * then gets the new set, see adapterInjection.ts).
 */
export function adaptersPulled(entities: ReadonlySet<string>, registerGuard: () => void): void {
  if (!entities.has('adapterSwitch') && !entities.has('customAdapter')) return;
  registerGuard();
  void browser.runtime.sendMessage({ name: ADAPTERS_CHANGED, body: {} }).catch(() => undefined);
}
