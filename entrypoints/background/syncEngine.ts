import { ApiFailure, createApi } from '../../core/api.ts';
import type { Mutation } from '../../core/sync.ts';
import type { SyncState } from '../../core/syncState.ts';
import type { FloorwalkerDB } from '../../storage/db.ts';
import type { Session } from '../../storage/session.ts';
import { applyPull, applyPushResults, clientId, nextBatch, parkMutation, pullCursor, syncCounts } from '../../storage/sync.ts';

export interface SyncEngineDeps {
  db(): Promise<FloorwalkerDB>;
  fetch(input: string, init?: RequestInit): Promise<Response>;
  loadSession(): Promise<Session | null>;
  /** The server no longer accepts the session (expired, revoked): forget it. */
  endSession(): Promise<void>;
  /** Persist the retry count, so backoff survives the worker being stopped. */
  loadAttempts(): Promise<number>;
  saveAttempts(n: number): Promise<void>;
  /** Ask to be woken at `at` (an alarm), or cancel the wake-up with null. */
  scheduleRetry(at: Date | null): Promise<void>;
  publish(state: SyncState): Promise<void>;
  now(): Date;
  random(): number;
  /** After a sync that pulled records, with their entities (site adapters follow a change to the custom ones or their switches). */
  pulled?(entities: ReadonlySet<string>): void;
}

const PUSH_BATCH = 100;
const MAX_PULL_PAGES = 200;
const BACKOFF_BASE_MS = 5_000;
const BACKOFF_MAX_MS = 10 * 60_000;

/** Exponential backoff with jitter: 5 s, 10 s, 20 s… up to 10 minutes, each scaled by 0.5–1. */
export function backoffDelay(attempts: number, random: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** attempts) * (0.5 + random / 2);
}

/**
 * Push the outbox, then pull, as one sync. One runs at a time; a request during a run queues one
 * more run. Everything it needs to resume (outbox, cursor, retry count) is stored, so the worker
 * may be stopped at any point: a push whose answer was lost is pushed again and the server, which
 * applies each mutation once, answers it the same way.
 */
export function createSyncEngine(deps: SyncEngineDeps) {
  let running: Promise<SyncState> | null = null;
  let again = false;
  let lastSyncAt: string | undefined;

  async function state(extra: Partial<SyncState> = {}): Promise<SyncState> {
    const session = await deps.loadSession();
    const counts = await syncCounts(await deps.db());
    if (!session) return { status: 'signedOut', ...counts, ...extra };
    const status = extra.error ? 'error' : counts.pending > 0 ? 'pending' : 'synced';
    return { status, user: session.user, serverUrl: session.serverUrl, ...counts, ...(lastSyncAt ? { lastSyncAt } : {}), ...extra };
  }

  async function push(db: FloorwalkerDB, api: ReturnType<typeof createApi>, client: string): Promise<void> {
    for (let batch = await nextBatch(db, PUSH_BATCH); batch.length; batch = await nextBatch(db, PUSH_BATCH)) {
      await pushBatch(db, api, client, batch);
      // A server that leaves a mutation unanswered must not make us push the same batch forever.
      const [first] = await db.getAllKeys('outbox', null, 1);
      if (first === batch[0]!.id) {
        throw new ApiFailure('server', 'The server did not answer every change; will try again later.');
      }
    }
  }

  /** A 4xx for a whole batch is narrowed down by pushing one at a time; the culprit is parked. */
  async function pushBatch(db: FloorwalkerDB, api: ReturnType<typeof createApi>, client: string, batch: Mutation[]): Promise<void> {
    try {
      const { results } = await api.push({ clientId: client, mutations: batch });
      await applyPushResults(db, results, deps.now());
    } catch (err) {
      if (!(err instanceof ApiFailure) || err.kind !== 'client' || err.retryable) throw err;
      if (batch.length === 1) return parkMutation(db, batch[0]!.id, err.message, deps.now());
      for (const single of batch) await pushBatch(db, api, client, [single]);
    }
  }

  async function run(): Promise<SyncState> {
    const session = await deps.loadSession();
    if (!session) return state();
    const db = await deps.db();
    const api = createApi(session.serverUrl, deps.fetch, session.token);
    await deps.publish(await state({ status: 'syncing' }));
    try {
      await push(db, api, await clientId(db));
      const entities = new Set<string>();
      for (let page = 0; page < MAX_PULL_PAGES; page++) {
        const pulled = await api.pull(await pullCursor(db));
        await applyPull(db, pulled);
        for (const record of pulled.records) entities.add(record.entity);
        if (!pulled.hasMore) break;
      }
      if (entities.size) deps.pulled?.(entities);
      lastSyncAt = deps.now().toISOString();
      await deps.saveAttempts(0);
      await deps.scheduleRetry(null);
      return state();
    } catch (err) {
      if (err instanceof ApiFailure && err.kind === 'auth') {
        await deps.endSession();
        return state({ error: `Signed out: ${err.message}` });
      }
      const message = err instanceof Error ? err.message : String(err);
      if (err instanceof ApiFailure && !err.retryable) return state({ error: message });
      const attempts = await deps.loadAttempts();
      const retryAt = new Date(deps.now().getTime() + backoffDelay(attempts, deps.random()));
      await deps.saveAttempts(attempts + 1);
      await deps.scheduleRetry(retryAt);
      return state({ error: message, retryAt: retryAt.toISOString() });
    }
  }

  async function sync(): Promise<SyncState> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let result: SyncState;
      do {
        again = false;
        result = await run();
      } while (again && !result.error);
      return result;
    })().finally(() => {
      running = null;
    });
    const result = await running;
    await deps.publish(result);
    return result;
  }

  /** Tell the panel at once that there is something to push, before the push itself. */
  async function announce(): Promise<void> {
    if (!running) await deps.publish(await state());
  }

  return { sync, state, announce };
}
export type SyncEngine = ReturnType<typeof createSyncEngine>;
