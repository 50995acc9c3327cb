import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ContactReference } from '../core/contact.ts';
import { pickContact } from '../sites/pick.ts';
import { ADAPTERS_CHANGED } from '../core/customAdapter.ts';
import { Envelope } from '../core/messaging.ts';
import { call } from './client.ts';
import { hasSiteAccess } from './siteAccess.ts';

export interface ActiveContact {
  /** The CRM tab the panel follows; undefined when the panel is not beside a web page. */
  tabId: number | undefined;
  /** That tab's address, kept with a contact typed by hand. */
  pageUrl: string | undefined;
  contact: ContactReference | null;
  /** False when the page could not be read because its site was never allowed (see SiteAccess). */
  access: boolean | undefined;
  loading: boolean;
  refresh(): void;
}

/** What one read of the active tab found; set as one, so a contact never shows beside another tab's id. */
interface Snapshot {
  tabId: number | undefined;
  pageUrl: string | undefined;
  contact: ContactReference | null;
  access: boolean | undefined;
}

const NOTHING: Snapshot = { tabId: undefined, pageUrl: undefined, contact: null, access: undefined };

/**
 * Follows the active tab of the panel's window: switching tabs, loading a page, or a single-page
 * CRM swapping tickets (reported by the content script) all update the contact shown.
 */
export function useActiveContact(): ActiveContact {
  const [snapshot, setSnapshot] = useState<Snapshot>(NOTHING);
  const [loading, setLoading] = useState(true);
  /** Numbers each read; only the latest one started may apply its result. */
  const latestRequest = useRef(0);
  /** For the listeners (subscribed once, so they cannot close over state): the tab whose contact is
   * shown, and the active tab even when it is not a web page (a new tab that goes on to load one). */
  const shownTab = useRef<number | undefined>(undefined);
  const activeTab = useRef<number | undefined>(undefined);

  const refresh = useCallback(async () => {
    const request = ++latestRequest.current;
    setLoading(true);
    let next = NOTHING;
    let active: number | undefined;
    try {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      active = tab?.id;
      if (tab?.id !== undefined && /^https?:/.test(tab.url ?? '')) {
        let contact: ContactReference | null = null;
        try {
          contact = await call('contact:get', { tabId: tab.id });
        } catch {
          // No content script (a page loaded before install, a restricted page): no contact, rather
          // than the previous tab's. The user can still type one.
        }
        // Nothing read: say whether that is because the site was never allowed.
        const access = contact ? true : await hasSiteAccess(tab.url);
        next = { tabId: tab.id, pageUrl: tab.url, contact, access };
      }
    } catch {
      // The tab could not be read at all: show nothing rather than a stale contact.
    }
    if (request !== latestRequest.current) return; // a later read started: it decides
    shownTab.current = next.tabId;
    activeTab.current = active;
    setSnapshot(next);
    setLoading(false);
  }, []);

  // The first read.
  useEffect(() => {
    void refresh();
    return () => {
      latestRequest.current++; // a read still in flight after unmount applies nothing
    };
  }, [refresh]);

  // Changes that call for a new read; subscribed once, so a tab change reads the tab once.
  useEffect(() => {
    // The panel's own window: tabs activated in other windows are not beside this panel.
    let panelWindow: number | undefined;
    void browser.windows
      .getCurrent()
      .then((w) => (panelWindow = w.id))
      .catch(() => undefined);

    const onActivated = (info: { tabId: number; windowId: number }) => {
      if (panelWindow !== undefined && info.windowId !== panelWindow) return;
      void refresh();
    };
    const onUpdated = (id: number, change: { status?: string; url?: string }) => {
      if (id === activeTab.current && (change.status === 'complete' || change.url)) void refresh();
    };
    // Sync listener: it must not answer messages meant for the background worker.
    const onMessage = (message: unknown, sender: { tab?: { id?: number } }) => {
      const env = Envelope.safeParse(message);
      // A sync brought other site adapters (a custom one, a kill switch): the page may read otherwise now.
      if (env.success && env.data.name === ADAPTERS_CHANGED) return void refresh();
      const from = sender.tab?.id;
      if (!env.success || env.data.name !== 'contact:changed' || from === undefined || from !== shownTab.current) {
        return undefined;
      }
      // The page's word is checked here, as everywhere it enters the extension.
      const contact = pickContact((env.data.body as { candidates?: unknown } | undefined)?.candidates);
      // Checked again on apply: a tab switch may have landed since.
      setSnapshot((s) => (s.tabId === from ? { ...s, contact } : s));
      return undefined;
    };
    browser.tabs.onActivated.addListener(onActivated);
    browser.tabs.onUpdated.addListener(onUpdated);
    browser.runtime.onMessage.addListener(onMessage);
    return () => {
      browser.tabs.onActivated.removeListener(onActivated);
      browser.tabs.onUpdated.removeListener(onUpdated);
      browser.runtime.onMessage.removeListener(onMessage);
    };
  }, [refresh]);

  return { ...snapshot, loading, refresh: () => void refresh() };
}
