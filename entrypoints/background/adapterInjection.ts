import type { ContactReference } from '../../core/contact.ts';
import type { AdapterSwitch, CustomAdapter } from '../../core/customAdapter.ts';
import { createClient } from '../../core/messaging.ts';
import { pageMessages } from '../../core/pageMessages.ts';
import { CUSTOM_SCRIPT, pageAdapterSet, type PageAdapterSet } from '../../sites/pageAdapters.ts';
import { pickContact } from '../../sites/pick.ts';
import { adapters } from '../../sites/registry.ts';
import type { FloorwalkerDB } from '../../storage/db.ts';
import { sharedValues } from '../../storage/shared.ts';

/*
 * Putting a page's site adapters into it: the built-in adapters' scripts for its site and the
 * organisation's custom adapters (as definitions for crm-custom.js), leaving out versions switched
 * off, as sites/pageAdapters.ts pageAdapterSet chooses from what the last sync brought.
 */

const READER = '/reader.js';

/** WXT types file paths as the names of built files; these are built (reader.js, crm-*.js, picker.js). */
export type ScriptFiles = NonNullable<Parameters<typeof browser.scripting.executeScript>[0]['files']>;
type Target = { tabId: number; frameIds?: number[] };

export type AdapterSet = PageAdapterSet<CustomAdapter>;

/** The organisation's custom adapters and adapter switches, as the last sync brought them. */
export type OrgAdapters = { custom: readonly CustomAdapter[]; switches: readonly AdapterSwitch[] };
export async function orgAdapters(db: FloorwalkerDB): Promise<OrgAdapters> {
  const [custom, switches] = await Promise.all([sharedValues(db, 'customAdapter'), sharedValues(db, 'adapterSwitch')]);
  return { custom, switches };
}

/** The adapter set for pages of `origin` ('null' for a page without one). */
export async function adapterSetFor(db: FloorwalkerDB, origin: string): Promise<AdapterSet> {
  const { custom, switches } = await orgAdapters(db);
  return pageAdapterSet(origin, adapters, custom, switches);
}

/** Runs in the page's isolated world just before crm-custom.js (serialised, so self-contained). */
function place(custom: unknown[]): void {
  (globalThis as Record<string, unknown>).floorwalkerCustomAdapters = custom;
}

/** The set's custom adapters (crm-custom.js after their definitions), then `files`. */
export async function injectAdapters(target: Target, set: AdapterSet, files: string[]): Promise<void> {
  // Each injection costs the page a script evaluation: the definitions go in only when there are some.
  if (set.custom.length) await browser.scripting.executeScript({ target, func: place, args: [set.custom] });
  const scripts = [...(set.custom.length ? [CUSTOM_SCRIPT] : []), ...files];
  if (scripts.length) await browser.scripting.executeScript({ target, files: scripts as ScriptFiles });
}

/**
 * Ask the tab what contact it shows. The reader script is injected on first use (see
 * entrypoints/reader.ts), and again with its site's adapters when they changed since (a sync
 * brought a custom adapter or a kill switch); null when the tab cannot be read (browser pages, the
 * web store, a site Floorwalker was not let into).
 */
export async function readContactInTab(db: FloorwalkerDB, tabId: number): Promise<ContactReference | null> {
  const call = createClient(pageMessages, (envelope) => browser.tabs.sendMessage(tabId, envelope));
  try {
    const { url } = await browser.tabs.get(tabId);
    // A page without an origin of its own (a file) gets the guesser only.
    const set = await adapterSetFor(db, url ? new URL(url).origin : 'null');
    try {
      return pickContact(await call('page:readContact', { adapters: set.key }));
    } catch {
      // Not injected yet, or holding another set: inject, then ask again.
    }
    await injectAdapters({ tabId }, set, [...set.scripts, READER]);
    return pickContact(await call('page:readContact', { adapters: set.key }));
  } catch {
    return null;
  }
}
