import { useEffect, useState } from 'preact/hooks';
import { SyncState } from '../core/syncState.ts';
import { call } from './client.ts';

/** The background's sync state, kept current as it publishes changes to storage. */
export function useSyncState(): [SyncState | null, (s: SyncState) => void] {
  const [state, setState] = useState<SyncState | null>(null);
  useEffect(() => {
    void call('sync:state', {}).then(setState).catch(() => undefined);
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'session' || !changes.syncState) return;
      const next = SyncState.safeParse(changes.syncState.newValue);
      if (next.success) setState(next.data);
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);
  return [state, setState];
}
