import { adaptersOfSet, offeredAdapters } from '../sites/pageAdapters.ts';
import { readCandidates, type ContactCandidate } from '../sites/read.ts';
import type { SiteAdapter } from '../sites/types.ts';
import { watchContact } from '../sites/watch.ts';

/**
 * Reads the contact off a CRM page through the site adapters. Nothing is injected when a page
 * loads: the background worker injects this script the first time the panel asks about a tab, so
 * pages where Floorwalker is not open pay nothing. It then watches for single-page CRMs swapping
 * tickets.
 *
 * To keep its cost to the page small it bundles neither the polyfill, nor zod, nor any site adapter:
 * the background runs the page scripts of only the adapters that can run on the site just before it
 * (sites/pageAdapters.ts), and names the set in each request. The reader reads with exactly that
 * set; when one of its adapters is not in the page yet (a sync brought a custom adapter), it says
 * so, and the background puts it in and asks again. It answers with the adapters' raw candidates,
 * and the extension validates them (core/pageMessages.ts).
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

  let watch: AbortController | undefined;
  /** The adapter set the watcher reads with: another set (after a sync) restarts it. */
  let watching: string | undefined;
  function startWatching(key: string, adapters: SiteAdapter[], answered: ContactCandidate[], at: { url: string; title: string }): void {
    if (watch && watching === key) return;
    watch?.abort();
    const current = (watch = new AbortController());
    watching = key;
    // The answer just given is where the watcher starts, unless the page moved on meanwhile.
    const unchanged = location.href === at.url && document.title === at.title;
    watchContact(
      document,
      window,
      current.signal,
      (candidates: ContactCandidate[]) => {
        void Promise.resolve(runtime.sendMessage({ name: 'contact:changed', body: { candidates } })).catch(() => current.abort());
      },
      adapters,
      unchanged ? answered : undefined,
    );
  }

  runtime.onMessage.addListener((message, _sender, respond) => {
    const { name, body } = (message ?? {}) as { name?: unknown; body?: { adapters?: unknown } };
    if (name !== 'page:readContact') return undefined;
    const key = typeof body?.adapters === 'string' ? body.adapters : '';
    const adapters = adaptersOfSet(key, offeredAdapters());
    if (!adapters) return void respond({ ok: false, error: 'another adapter set' });
    let answered: ContactCandidate[];
    try {
      answered = readCandidates(document, new URL(location.href), new Date(), adapters);
      respond({ ok: true, body: answered });
    } catch (err) {
      return void respond({ ok: false, error: String(err) });
    }
    // Watching for ticket swaps can wait until the page is idle: the panel has its answer.
    const at = { url: location.href, title: document.title };
    requestIdleCallback(() => startWatching(key, adapters, answered, at), { timeout: 2000 });
    return undefined;
  });
});
