import type { ContactReference } from '../../core/contact.ts';
import { createClient, dispatch, type HandlersFor } from '../../core/messaging.ts';
import { pageMessages } from '../../core/pageMessages.ts';
import { readContact, watchContact } from '../../sites/registry.ts';

/**
 * Reads the contact off the CRM page through a site adapter. It does nothing until the panel asks:
 * the first request starts a watch (for single-page CRMs that swap tickets without a reload), so a
 * page where Floorwalker is not in use pays only for this script being parsed.
 */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    const call = createClient(pageMessages, (envelope) => browser.runtime.sendMessage(envelope));
    let watching = false;

    function startWatching(): void {
      if (watching) return;
      watching = true;
      let first = true;
      watchContact(document, window, ctx.signal, (contact: ContactReference | null) => {
        // The first emission is the answer the panel already has.
        if (first) return void (first = false);
        call('contact:changed', { contact }).catch(() => undefined);
      });
    }

    const handlers: HandlersFor<typeof pageMessages, unknown> = {
      'page:readContact': () => {
        startWatching();
        return readContact(document, new URL(location.href), new Date());
      },
    };
    const listener = (message: unknown) => dispatch(pageMessages, handlers, message, undefined);
    browser.runtime.onMessage.addListener(listener);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));
  },
});
