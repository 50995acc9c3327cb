import type { SyncState } from '../core/syncState.ts';
import { call } from './client.ts';

interface Props {
  state: SyncState | null;
  onState(s: SyncState): void;
  onOpenAccount(): void;
}

function describe(s: SyncState): string {
  switch (s.status) {
    case 'signedOut':
      return s.pending ? `Not signed in · ${s.pending} saved only here` : 'Not signed in';
    case 'syncing':
      return 'Syncing…';
    case 'synced':
      return 'Synced';
    case 'pending':
      return `${s.pending} pending`;
    case 'error':
      return `Sync error: ${s.error ?? 'unknown'}${s.pending ? ` · ${s.pending} pending` : ''}`;
  }
}

/** Always-visible sync status, with "Sync now" and the way to the account view. */
export function SyncBar({ state, onState, onOpenAccount }: Props) {
  if (!state) return null;
  const problems = state.parked + state.conflicts;
  return (
    <div class={`syncbar ${state.status}`}>
      <span role="status" aria-live="polite" data-testid="sync-status">
        {describe(state)}
        {problems > 0 && ` · ${problems} need${problems === 1 ? 's' : ''} attention`}
      </span>
      {state.status === 'signedOut' ? (
        <button type="button" class="link" onClick={onOpenAccount}>
          Sign in
        </button>
      ) : (
        <>
          <button type="button" class="link" onClick={() => void call('sync:now', {}).then(onState)} disabled={state.status === 'syncing'}>
            Sync now
          </button>
          <button type="button" class="link" onClick={onOpenAccount} aria-label={`Account: ${state.user?.name ?? ''}`}>
            {state.user?.name}
          </button>
        </>
      )}
    </div>
  );
}
