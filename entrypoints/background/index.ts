import '../../core/zodMessages.ts';
import { ContactReference } from '../../core/contact.ts';
import { messageMap, type Handlers } from '../../core/messages.ts';
import { createClient, dispatch } from '../../core/messaging.ts';
import { pageMessages } from '../../core/pageMessages.ts';
import { openFloorwalkerDB, type FloorwalkerDB } from '../../storage/db.ts';
import { spotCheckHandlers } from './service.ts';

export default defineBackground(() => {
  // Opened lazily and once per worker lifetime; the worker may be stopped and restarted at any time.
  let dbPromise: Promise<FloorwalkerDB> | undefined;
  const db = () => (dbPromise ??= openFloorwalkerDB());

  const handlers: Handlers<unknown> = {
    ...spotCheckHandlers(db),
    'contact:get': async ({ tabId }) => readContactInTab(tabId),
    // The panel listens for these too; the worker only acknowledges them.
    'contact:changed': () => ({}),
  };

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    // Only our own pages and content scripts may talk to the worker.
    if (sender.id !== browser.runtime.id) return undefined;
    return dispatch(messageMap, handlers, message, sender);
  });

  // The toolbar button opens the panel: Chrome's side panel, Firefox's sidebar.
  if (import.meta.env.FIREFOX) {
    // sidebarAction is Firefox-only, so it is missing from the Chrome-shaped types.
    const firefox = browser as unknown as { sidebarAction: { toggle(): Promise<void> } };
    browser.action.onClicked.addListener(() => void firefox.sidebarAction.toggle());
  } else {
    void browser.sidePanel.setPanelBehavior({ openPanelOnActionClick: true });
  }
});

/** Ask the tab's content script what contact it shows; null when the tab has no content script. */
async function readContactInTab(tabId: number): Promise<ContactReference | null> {
  const call = createClient(pageMessages, (envelope) => browser.tabs.sendMessage(tabId, envelope));
  try {
    return await call('page:readContact', {});
  } catch {
    // Restricted pages (browser settings, the web store) and tabs loaded before the extension
    // have no content script; the panel then offers manual entry.
    return null;
  }
}
