/**
 * The names of site adapter versions, shared by the extension's pages, the page scripts and the
 * server. No zod here: the CRM page carries it (see sites/custom.ts, sites/pageAdapters.ts).
 */

/** Custom adapters' ids carry this prefix in the page, so they never collide with a built-in one. */
export const customAdapterId = (id: string) => `custom-${id}`;

interface AdapterVersion {
  adapterId: string;
  adapterVersion: number;
}

/** The record id of a kill switch: "<adapterId>@<version>". */
export const adapterSwitchKey = (s: AdapterVersion) => `${s.adapterId}@${s.adapterVersion}`;

/** Is this adapter version switched off? */
export function isSwitchedOff(switches: readonly (AdapterVersion & { disabled: boolean })[], adapter: { id: string; version: number }): boolean {
  return switches.some((s) => s.disabled && s.adapterId === adapter.id && s.adapterVersion === adapter.version);
}

