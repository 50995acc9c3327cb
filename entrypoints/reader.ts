import { readCandidates, watchContact, type ContactCandidate } from '../sites/registry.ts';

/**
 * Reads the contact off a CRM page through the site adapters. Nothing is injected when a page
 * loads: the background worker injects this script the first time the panel asks about a tab, so
 * pages where Floorwalker is not open pay nothing. It then watches for single-page CRMs swapping
 * tickets.
 *
 * To keep its cost to the page small it bundles neither the polyfill nor zod: it answers with the
 * adapters' raw candidates, and the extension validates them (core/pageMessages.ts).
 */
interface Runtime {
  sendMessage(message: unknown): Promise<unknown> | void;
  onMessage: { addListener(fn: (message: unknown, sender: unknown, respond: (reply: unknown) => void) => boolean | undefined): void };
}
type Extensions = { browser?: { runtime: Runtime }; chrome?: { runtime: Runtime }; floorwalkerReader?: true };

export default defineUnlistedScript(() => {
  const scope = globalThis as typeof globalThis & Extensions;
  // Injected again after the extension updates, or by a second request racing the first.
  if (scope.floorwalkerReader) return;
  scope.floorwalkerReader = true;
  const runtime = (scope.browser ?? scope.chrome)!.runtime;

  const watch = new AbortController();
  let watching = false;
  function startWatching(): void {
    if (watching) return;
    watching = true;
    let first = true;
    watchContact(document, window, watch.signal, (candidates: ContactCandidate[]) => {
      // The first emission is the answer the panel already has.
      if (first) return void (first = false);
      void Promise.resolve(runtime.sendMessage({ name: 'contact:changed', body: { candidates } })).catch(() => watch.abort());
    });
  }

  runtime.onMessage.addListener((message, _sender, respond) => {
    if ((message as { name?: unknown } | null)?.name !== 'page:readContact') return undefined;
    try {
      startWatching();
      respond({ ok: true, body: readCandidates(document, new URL(location.href), new Date()) });
    } catch (err) {
      respond({ ok: false, error: String(err) });
    }
    return undefined;
  });
});
