import { redact, scanReply } from '../../core/guards.ts';
import type { QuickLogIntent } from '../../core/messages.ts';

const MENU_ID = 'floorwalker-log-complaint';
/** Selected text is the customer's words; more than this is not a quick log. */
const MAX_WORDS = 5000;

/**
 * Two ways into the quick log besides the panel's button: the keyboard command and the context menu
 * on selected text. Each opens the panel (both count as a user gesture, which the side panel needs)
 * and leaves an intent in session storage, which the panel picks up and clears.
 */
export function registerQuickLogEntrances(): void {
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({ id: MENU_ID, title: 'Log a complaint with this text', contexts: ['selection'] });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== MENU_ID) return;
    openQuickLog(tab?.id, tab?.windowId, info.selectionText);
  });
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'log-complaint') openQuickLog(tab?.id, tab?.windowId);
  });
}

function openQuickLog(tabId: number | undefined, windowId: number | undefined, selection?: string): void {
  // Card numbers and security codes in the selection go no further than this line.
  const selected = selection?.trim().slice(0, MAX_WORDS);
  const words = selected && redact(selected, scanReply(selected));
  const intent: QuickLogIntent = {
    ...(tabId === undefined ? {} : { tabId }),
    ...(words ? { customerWords: words } : {}),
    at: new Date().toISOString(),
  };
  // Open first, synchronously inside the gesture; the intent follows.
  openPanel(tabId, windowId);
  void browser.storage.session.set({ quickLogIntent: intent });
}

function openPanel(tabId: number | undefined, windowId: number | undefined): void {
  if (import.meta.env.FIREFOX) {
    void (browser as unknown as { sidebarAction: { open(): Promise<void> } }).sidebarAction.open();
  } else if (tabId !== undefined) {
    void browser.sidePanel.open({ tabId });
  } else if (windowId !== undefined) {
    void browser.sidePanel.open({ windowId });
  }
}
