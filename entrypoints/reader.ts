import { offeredAdapters } from '../sites/pageAdapters.ts';
import { readCandidates, type ContactCandidate } from '../sites/read.ts';
import { watchContact } from '../sites/watch.ts';

/**
 * Reads the contact off a CRM page through the site adapters. Nothing is injected when a page
 * loads: the background worker injects this script the first time the panel asks about a tab, so
 * pages where Floorwalker is not open pay nothing. It then watches for single-page CRMs swapping
 * tickets.
 *
 * To keep its cost to the page small it bundles neither the polyfill, nor zod, nor any site adapter:
 * the background runs the page scripts of only the adapters that can run on the site just before it
 * (sites/pageAdapters.ts), naming the set in `floorwalkerAdapterSet`. It answers with the adapters'
 * raw candidates, and the extension validates them (core/pageMessages.ts).
 */
interface Runtime {
  sendMessage(message: unknown): Promise<unknown> | void;
  onMessage: { addListener(fn: (message: unknown, sender: unknown, respond: (reply: unknown) => void) => boolean | undefined): void };
}
type Extensions = { browser?: { runtime: Runtime }; chrome?: { runtime: Runtime }; floorwalkerReader?: true; floorwalkerAdapterSet?: string };

export default defineUnlistedScript(() => {
  const scope = globalThis as typeof globalThis & Extensions;
  // Injected again after the extension updates, or by a second request racing the first.
  if (scope.floorwalkerReader) return;
  scope.floorwalkerReader = true;
  const runtime = (scope.browser ?? scope.chrome)!.runtime;

  let watch: AbortController | undefined;
  /** The adapter set the watcher reads with: a new set (injected after a sync) restarts it. */
  let watching: string | undefined;
  function startWatching(): void {
    if (watch && watching === scope.floorwalkerAdapterSet) return;
    watch?.abort();
    const current = (watch = new AbortController());
    watching = scope.floorwalkerAdapterSet;
    let first = true;
    watchContact(document, window, current.signal, (candidates: ContactCandidate[]) => {
      // The first emission is the answer the panel already has.
      if (first) return void (first = false);
      void Promise.resolve(runtime.sendMessage({ name: 'contact:changed', body: { candidates } })).catch(() => current.abort());
    }, offeredAdapters());
  }

  runtime.onMessage.addListener((message, _sender, respond) => {
    const { name, body } = (message ?? {}) as { name?: unknown; body?: { adapters?: unknown } };
    if (name !== 'page:readContact') return undefined;
    // The background now chooses other adapters for this page (a sync brought a custom adapter or
    // switched one off): it injects the new set and asks again.
    if (body?.adapters !== scope.floorwalkerAdapterSet) return void respond({ ok: false, error: 'another adapter set' });
    try {
      respond({ ok: true, body: readCandidates(document, new URL(location.href), new Date(), offeredAdapters()) });
    } catch (err) {
      respond({ ok: false, error: String(err) });
    }
    // Watching for ticket swaps can wait until the page is idle: the panel has its answer.
    requestIdleCallback(startWatching, { timeout: 2000 });
    return undefined;
  });
});
