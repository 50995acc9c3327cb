import type { ContactReference } from '../core/contact.ts';
import { dispatch, type HandlersFor } from '../core/messaging.ts';
import { pageMessages } from '../core/pageMessages.ts';
import { readContact, watchContact } from '../sites/registry.ts';

/**
 * Reads the contact off a CRM page through a site adapter. Nothing is injected when a page loads:
 * the background worker injects this script the first time the panel asks about a tab, so pages
 * where Floorwalker is not open pay nothing. It then watches for single-page CRMs swapping tickets.
 *
 * It talks to the extension through the browser's own API rather than the polyfill, which would
 * cost the host page several milliseconds to set up.
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
    watchContact(document, window, watch.signal, (contact: ContactReference | null) => {
      // The first emission is the answer the panel already has.
      if (first) return void (first = false);
      void Promise.resolve(runtime.sendMessage({ name: 'contact:changed', body: { contact } })).catch(() => watch.abort());
    });
  }

  const handlers: HandlersFor<typeof pageMessages, unknown> = {
    'page:readContact': () => {
      startWatching();
      return readContact(document, new URL(location.href), new Date());
    },
  };
  runtime.onMessage.addListener((message, _sender, respond) => {
    if ((message as { name?: unknown })?.name !== 'page:readContact') return undefined;
    void dispatch(pageMessages, handlers, message, undefined).then(respond);
    return true; // the reply is sent asynchronously
  });
});
