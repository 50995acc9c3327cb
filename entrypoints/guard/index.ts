import type { RulePack } from '../../core/promptRules.ts';
import type { Prefilter } from '../../core/safeRegex.ts';
import { offeredAdapters } from '../../sites/pageAdapters.ts';
import { startGuard } from './controller.ts';

/**
 * Reply guards and prompts inside the CRM page. The background registers this script for the sites
 * the user enabled, and only those (entrypoints/background/guardSites.ts), in every frame.
 *
 * Like the page reader it bundles neither the polyfill nor zod: the background validates the pack it
 * sends and everything this script reports. The card guards work from the first moment; the full
 * pack follows from the background.
 */
interface Runtime {
  sendMessage(message: unknown): Promise<unknown>;
}
interface StorageArea {
  onChanged: { addListener(fn: (changes: Record<string, { newValue?: unknown }>, area: string) => void): void };
}
type Extensions = { browser?: { runtime: Runtime; storage: StorageArea }; chrome?: { runtime: Runtime; storage: StorageArea } };
type Reply = { ok: true; body: unknown } | { ok: false; error: string } | undefined;

const MARK = 'floorwalkerGuard';

export default defineUnlistedScript(() => {
  const scope = globalThis as typeof globalThis & Extensions & { [MARK]?: true };
  // Registered and also injected into a tab that was open when its site was enabled: run once.
  if (scope[MARK]) return;
  scope[MARK] = true;
  // A rich editor's own document (about:blank, srcdoc, a body in design mode) is guarded by the frame
  // that holds it, which reaches into it; running here too would show every prompt twice.
  if (location.protocol === 'about:' || document.designMode === 'on' || document.body?.isContentEditable) return;

  const api = (scope.browser ?? scope.chrome)!;
  const ask = async (name: string, body: unknown) => {
    const reply = (await api.runtime.sendMessage({ name, body })) as Reply;
    if (!reply) throw new Error(`${name}: no reply`);
    if (!reply.ok) throw new Error(reply.error);
    return reply.body;
  };

  // The adapters' scripts ran just before this one (see adapters.ts).
  const guard = startGuard({ doc: document, win: window, send: ask, adapters: offeredAdapters() });

  void ask('guard:config', {})
    .then((body) => {
      const config = body as { enabled?: boolean; pack?: RulePack; patterns?: Record<string, Prefilter | null>; role?: string };
      if (config.enabled === false) return guard.stop();
      // The background may have added the organisation's custom adapters meanwhile (crm-custom.js).
      guard.configure({ ...config, adapters: offeredAdapters() });
    })
    // No answer (the extension is updating): the card guards keep working on their own.
    .catch(() => undefined);

  // The site was disabled: stop at once, without waiting for a reload.
  api.storage.onChanged.addListener((changes, area) => {
    const sites = changes.enabledSites;
    if (area === 'local' && sites && !(Array.isArray(sites.newValue) && sites.newValue.includes(location.origin))) guard.stop();
  });
});
