import '../../core/zodMessages.ts';
import { messageMap, type Handlers } from '../../core/messages.ts';
import { dispatch } from '../../core/messaging.ts';
import { openFloorwalkerDB, type FloorwalkerDB } from '../../storage/db.ts';
import { clearSession, loadSession } from '../../storage/session.ts';
import { complaintHandlers } from './complaints.ts';
import { adaptersPulled, customAdapterHandlers, pickerHandlers } from './customAdapters.ts';
import { guardHandlers, restoreGuard, siteHandlers } from './guardSites.ts';
import { readContactInTab } from './adapterInjection.ts';
import { promptPackHandlers } from './prompts.ts';
import { noticeHandlers, showNoticesToRead } from './notices.ts';
import { registerQuickLogEntrances } from './quickLog.ts';
import { remindOwner } from './reminders.ts';
import { spotCheckHandlers } from './service.ts';
import { createSyncEngine } from './syncEngine.ts';
import { syncHandlers } from './syncHandlers.ts';

const RETRY_ALARM = 'sync-retry';
const PERIODIC_ALARM = 'sync-periodic';
const REMINDER_ALARM = 'complaint-reminders';
/** Local changes are pushed shortly after the last one, not on every keystroke of a draft. */
const PUSH_DEBOUNCE_MS = 1500;

export default defineBackground(() => {
  // Opened lazily and once per worker lifetime; the worker may be stopped and restarted at any time.
  let dbPromise: Promise<FloorwalkerDB> | undefined;
  const forget = () => {
    dbPromise = undefined;
  };
  const db = () =>
    (dbPromise ??= openFloorwalkerDB({ onClose: forget }).catch((err: unknown) => {
      forget(); // a failed open is retried on the next message, not cached for the worker's life
      throw err;
    }));

  const registerGuard = () => void restoreGuard(db).catch((err: unknown) => console.warn('Floorwalker: could not register the page guard.', err));

  const engine = createSyncEngine({
    db,
    fetch: (input, init) => fetch(input, init),
    loadSession: async () => loadSession(await db()),
    endSession: async () => clearSession(await db()),
    loadAttempts: async () => Number((await browser.storage.local.get('syncAttempts')).syncAttempts ?? 0),
    saveAttempts: (n) => browser.storage.local.set({ syncAttempts: n }),
    scheduleRetry: async (at) => {
      if (at) browser.alarms.create(RETRY_ALARM, { when: at.getTime() });
      else await browser.alarms.clear(RETRY_ALARM);
    },
    // Session storage: only extension pages read it, never content scripts on CRM pages.
    publish: async (state) => {
      await browser.storage.session.set({ syncState: state });
      // A pull may bring notices, an acknowledgement may settle one: the toolbar count follows.
      await showNoticesToRead(await db(), await signedIn()).catch(() => undefined);
    },
    now: () => new Date(),
    random: Math.random,
    pulled: (entities) => adaptersPulled(entities, registerGuard),
  });
  let pushTimer: ReturnType<typeof setTimeout> | undefined;
  const syncSoon = () => {
    void engine.announce();
    clearTimeout(pushTimer);
    pushTimer = setTimeout(() => void engine.sync(), PUSH_DEBOUNCE_MS);
  };

  // The panel listens for contact changes too; the worker only acknowledges them. The in-page guard
  // asks for its pack and reports prompt events (each handler checks the site is enabled).
  const pageHandlers: Handlers<unknown> = { 'contact:changed': () => ({}), ...guardHandlers({ db, now: () => new Date(), changed: syncSoon }), ...pickerHandlers() };
  const signedIn = async () => (await loadSession(await db()))?.user ?? null;
  const recordDeps = { db, now: () => new Date(), signedIn, changed: syncSoon };
  const handlers: Handlers<unknown> = {
    ...spotCheckHandlers(recordDeps),
    ...complaintHandlers(recordDeps),
    ...noticeHandlers(recordDeps),
    ...syncHandlers({
      db,
      engine,
      fetch: (input, init) => fetch(input, init),
      personChanged: () => {
        adaptersPulled(new Set(['customAdapter', 'adapterSwitch']), registerGuard);
        void (async () => showNoticesToRead(await db(), await signedIn()))().catch(() => undefined);
      },
    }),
    'contact:get': async ({ tabId }) => readContactInTab(await db(), tabId),
    ...customAdapterHandlers(recordDeps),
    ...siteHandlers({ db, now: () => new Date() }),
    ...promptPackHandlers(recordDeps),
    ...pageHandlers,
  };

  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (sender.id !== browser.runtime.id) return undefined;
    // A content script runs inside CRM pages (its sender URL is the page's): it may only report
    // the contact, nothing else. Extension pages, in the panel or in a tab, may ask for anything.
    const fromExtensionPage = (sender.url ?? '').startsWith(browser.runtime.getURL('/'));
    return dispatch(messageMap, fromExtensionPage ? handlers : pageHandlers, message, sender);
  });

  // Sync when the worker starts, when the network returns, on retry and periodic alarms (which
  // outlive the worker), so results reach agents without anyone pressing a button.
  void engine.sync();
  addEventListener('online', () => void engine.sync());
  browser.alarms.create(PERIODIC_ALARM, { periodInMinutes: 1 });
  browser.alarms.create(REMINDER_ALARM, { delayInMinutes: 1, periodInMinutes: 15 });
  browser.alarms.onAlarm.addListener(async (alarm) => {
    if (alarm.name === RETRY_ALARM) return void engine.sync();
    if (alarm.name === REMINDER_ALARM) {
      return void (await remindOwner(await db(), await signedIn(), new Date()));
    }
    // While backing off after a failure, the periodic sync waits for the retry.
    if (alarm.name === PERIODIC_ALARM && !(await browser.alarms.get(RETRY_ALARM))) void engine.sync();
  });

  registerQuickLogEntrances();
  // Access to a site withdrawn in the browser's settings: the guard leaves it at once, not at the next start.
  browser.permissions.onRemoved.addListener(() => registerGuard());
  // The in-page guard runs on the enabled CRM sites only: register it for them on every start.
  registerGuard();

  // The toolbar button opens the panel: Chrome's side panel, Firefox's sidebar.
  if (import.meta.env.FIREFOX) {
    // sidebarAction is Firefox-only, so it is missing from the Chrome-shaped types.
    const firefox = browser as unknown as { sidebarAction: { toggle(): Promise<void> } };
    // The Firefox build is Manifest V2, where the toolbar button is browserAction.
    const button = (browser as unknown as { browserAction: typeof browser.action }).browserAction;
    button.onClicked.addListener(() => void firefox.sidebarAction.toggle());
  } else {
    void browser.sidePanel.setPanelBehavior({ openPanelOnActionClick: true });
  }
});
