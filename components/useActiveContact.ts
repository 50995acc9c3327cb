import { useCallback, useEffect, useState } from 'preact/hooks';
import { ContactReference } from '../core/contact.ts';
import { Envelope } from '../core/messaging.ts';
import { call } from './client.ts';

export interface ActiveContact {
  /** The CRM tab the panel follows; undefined when the panel is not beside a web page. */
  tabId: number | undefined;
  /** That tab's address, kept with a contact typed by hand. */
  pageUrl: string | undefined;
  contact: ContactReference | null;
  loading: boolean;
  refresh(): void;
}

/**
 * Follows the active tab of the panel's window: switching tabs, loading a page, or a single-page
 * CRM swapping tickets (reported by the content script) all update the contact shown.
 */
export function useActiveContact(): ActiveContact {
  const [tabId, setTabId] = useState<number>();
  const [pageUrl, setPageUrl] = useState<string>();
  const [contact, setContact] = useState<ContactReference | null>(null);
  const [loading, setLoading] = useState(true);

  const refresh = useCallback(async () => {
    setLoading(true);
    try {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      const isPage = tab?.id !== undefined && /^https?:/.test(tab.url ?? '');
      setTabId(isPage ? tab.id : undefined);
      setPageUrl(isPage ? tab.url : undefined);
      setContact(isPage ? await call('contact:get', { tabId: tab.id! }) : null);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void refresh();
    const onActivated = () => void refresh();
    const onUpdated = (id: number, change: { status?: string; url?: string }) => {
      if (id === tabId && (change.status === 'complete' || change.url)) void refresh();
    };
    // Sync listener: it must not answer messages meant for the background worker.
    const onMessage = (message: unknown, sender: { tab?: { id?: number } }) => {
      const env = Envelope.safeParse(message);
      if (!env.success || env.data.name !== 'contact:changed' || sender.tab?.id !== tabId) return undefined;
      const body = env.data.body as { contact?: unknown };
      const next = ContactReference.safeParse(body?.contact);
      setContact(next.success ? next.data : null);
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
  }, [refresh, tabId]);

  return { tabId, pageUrl, contact, loading, refresh: () => void refresh() };
}
