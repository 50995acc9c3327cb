import type { ContactReference } from '../../core/contact.ts';
import { createClient, dispatch, type Handlers } from '../../core/messages.ts';
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
    const call = createClient((envelope) => browser.runtime.sendMessage(envelope));
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

    const handlers: Handlers<unknown> = {
      'page:readContact': () => {
        startWatching();
        return readContact(document, new URL(location.href), new Date());
      },
    };
    const listener = (message: unknown) => dispatch(handlers, message, undefined);
    browser.runtime.onMessage.addListener(listener);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(listener));
  },
});
