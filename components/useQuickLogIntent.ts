import { useEffect, useRef } from 'preact/hooks';
import { QuickLogIntent } from '../core/messages.ts';

export const QUICK_LOG_INTENT_KEY = 'quickLogIntent';
/** An intent older than this was meant for a panel that never opened; it is cleared, not acted on. */
export const QUICK_LOG_INTENT_TTL_MS = 2 * 60_000;

/**
 * Opens the quick log when the background asks (the keyboard command, or "Log a complaint" on
 * selected text): it leaves a QuickLogIntent in session storage, which the panel takes, on load or
 * when it changes, and clears. An intent for a tab other than the one beside this panel (another
 * window's panel) is left for that panel.
 */
export function useQuickLogIntent(onIntent: (intent: QuickLogIntent) => void, now: () => number = Date.now): void {
  const latest = useRef(onIntent);
  latest.current = onIntent;
  useEffect(() => {
    let live = true;
    let taken: string | undefined;
    async function take(value: unknown) {
      if (value === undefined) return;
      const parsed = QuickLogIntent.safeParse(value);
      const age = parsed.success ? now() - Date.parse(parsed.data.at) : NaN;
      if (!parsed.success || !(age < QUICK_LOG_INTENT_TTL_MS)) {
        await browser.storage.session.remove(QUICK_LOG_INTENT_KEY);
        return;
      }
      const intent = parsed.data;
      if (intent.tabId !== undefined) {
        const [tab] = await browser.tabs.query({ active: true, currentWindow: true }).catch(() => []);
        if (tab?.id !== undefined && tab.id !== intent.tabId) return;
      }
      // The same intent can arrive twice: read on load and announced as a change.
      if (!live || taken === intent.at) return;
      taken = intent.at;
      await browser.storage.session.remove(QUICK_LOG_INTENT_KEY);
      latest.current(intent);
    }
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'session' && changes[QUICK_LOG_INTENT_KEY]) void take(changes[QUICK_LOG_INTENT_KEY].newValue).catch(() => undefined);
    };
    browser.storage.onChanged.addListener(onChanged);
    void browser.storage.session
      .get(QUICK_LOG_INTENT_KEY)
      .then((got) => take(got[QUICK_LOG_INTENT_KEY]))
      .catch(() => undefined);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);
}
