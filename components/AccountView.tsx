import { useEffect, useState } from 'preact/hooks';
import type { SyncProblem } from '../core/messages.ts';
import type { SyncState } from '../core/syncState.ts';
import { configuresExtension } from '../core/roles.ts';
import { call } from './client.ts';
import { CustomAdapters } from './CustomAdapters.tsx';
import { PromptRules } from './PromptRules.tsx';
import { SiteGuards } from './SiteGuards.tsx';

interface Props {
  state: SyncState | null;
  onState(s: SyncState): void;
  /** The page beside the panel, whose site the guard can be turned on for. */
  pageUrl?: string;
}

const DEFAULT_SERVER = 'http://127.0.0.1:8787';

/** Sign in or out, and deal with what sync could not do on its own. */
export function AccountView({ state, onState, pageUrl }: Props) {
  if (!state) return null;
  return (
    <>
      {state.status === 'signedOut' ? <SignInForm onState={onState} /> : <SignedIn state={state} onState={onState} />}
      {state.parked + state.conflicts > 0 && <SyncProblems onState={onState} />}
      <SiteGuards pageUrl={pageUrl} />
      {configuresExtension(state.user?.role) && <CustomAdapters pageUrl={pageUrl} lastSyncAt={state.lastSyncAt} />}
      {state.status !== 'signedOut' && <PromptRules role={state.user?.role} />}
    </>
  );
}

function SignInForm({ onState }: { onState(s: SyncState): void }) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  async function submit(e: Event) {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    setError('');
    try {
      onState(
        await call('auth:signIn', {
          serverUrl: String(data.get('serverUrl')).trim(),
          email: String(data.get('email')).trim(),
          password: String(data.get('password')),
        }),
      );
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="card" onSubmit={submit} aria-labelledby="signin-heading">
      <h2 id="signin-heading">Sign in</h2>
      <p class="muted">Sign in to share spot checks with your team. Without it, work stays in this browser.</p>
      <label>
        Server address
        <input name="serverUrl" type="url" required defaultValue={DEFAULT_SERVER} />
      </label>
      <label>
        Email
        <input name="email" type="email" required autoComplete="username" />
      </label>
      <label>
        Password
        <input name="password" type="password" required autoComplete="current-password" />
      </label>
      {error && <p class="error" role="alert">{error}</p>}
      <button type="submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}

function SignedIn({ state, onState }: { state: SyncState; onState(s: SyncState): void }) {
  return (
    <section class="card" aria-labelledby="account-heading">
      <h2 id="account-heading">Signed in</h2>
      <p>
        {state.user?.name} ({state.user?.role}) · {state.user?.orgName}
      </p>
      <p class="muted">
        {state.serverUrl}
        {state.lastSyncAt && ` · last synced ${new Date(state.lastSyncAt).toLocaleTimeString()}`}
      </p>
      <button type="button" class="secondary" onClick={() => void call('auth:signOut', {}).then(onState)}>
        Sign out
      </button>
    </section>
  );
}

function SyncProblems({ onState }: { onState(s: SyncState): void }) {
  const [problems, setProblems] = useState<SyncProblem[]>([]);
  const load = () => void call('sync:problems', {}).then(setProblems);
  useEffect(load, []);
  const act = (p: Promise<SyncState>) => void p.then((s) => (onState(s), load()));
  return (
    <section class="card" aria-labelledby="problems-heading">
      <h2 id="problems-heading">Changes that need you</h2>
      <ul class="problems">
        {problems.map((p) => (
          <li key={p.seq}>
            <strong>{p.what}</strong> ({p.recordId.slice(-8)}): {p.reason}
            <div class="row">
              {p.kind === 'conflict' ? (
                <>
                  <button type="button" onClick={() => act(call('sync:resolveConflict', { seq: p.seq, keep: 'mine' }))}>
                    Keep mine
                  </button>
                  <button type="button" class="secondary" onClick={() => act(call('sync:resolveConflict', { seq: p.seq, keep: 'server' }))}>
                    Use the server's
                  </button>
                </>
              ) : (
                <button type="button" class="secondary" onClick={() => act(call('sync:dismissParked', { seq: p.seq }))}>
                  Dismiss
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
