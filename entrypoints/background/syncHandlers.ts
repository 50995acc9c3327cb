import { ApiFailure, createApi } from '../../core/api.ts';
import type { Handlers, SyncProblem } from '../../core/messages.ts';
import { MessageError } from '../../core/messaging.ts';
import type { FloorwalkerDB, PendingMutation } from '../../storage/db.ts';
import { clearSession, loadSession, saveSession, serverBase } from '../../storage/session.ts';
import { claimData, dismissParked, forgetPersonalData, listConflicts, listParked, resolveConflict, roster } from '../../storage/sync.ts';
import type { SyncEngine } from './syncEngine.ts';

interface Deps {
  db(): Promise<FloorwalkerDB>;
  engine: SyncEngine;
  fetch(input: string, init?: RequestInit): Promise<Response>;
  /**
   * Another person's data (or nobody's) is in this browser now: what was set up from the last
   * person's organisation (guard registrations, the toolbar count) is set up again.
   */
  personChanged(): void;
}

const WHAT: Record<PendingMutation['name'], string> = {
  'spotCheck.put': 'Save spot check',
  'spotCheck.discard': 'Discard draft',
  'spotCheck.respond': 'Response to spot check',
  'spotCheck.resolve': 'Resolution of dispute',
  'checklist.put': 'Publish checklist',
  'complaint.event': 'Complaint update',
  'orgSettings.put': 'Organisation settings',
  'rulePack.put': 'Publish prompt rules',
  'notice.put': 'Publish procedure notice',
  'noticeAck.put': 'Notice acknowledgement',
  'promptEvent.record': 'Prompt record',
  'customAdapter.put': 'Publish site adapter',
  'adapterSwitch.put': 'Site adapter switch',
};

/** Signing in and out, sync on demand, and the problems sync found, for the panel. */
export function syncHandlers({ db, engine, fetch, personChanged }: Deps): Handlers<unknown> {
  return {
    'auth:signIn': async ({ serverUrl, email, password }) => {
      const base = serverBase(serverUrl);
      if (!base.ok) throw new MessageError(base.reason);
      let login;
      try {
        login = await createApi(base.url, fetch).login(email, password);
      } catch (err) {
        const reason = err instanceof ApiFailure && err.status === 401 ? 'Email or password not recognised.' : (err as Error).message;
        throw new MessageError(reason);
      }
      const d = await db();
      await claimData(d, login.user.id);
      await saveSession(d, { serverUrl: base.url, token: login.token, expiresAt: login.expiresAt, user: login.user });
      personChanged();
      return engine.sync();
    },
    'auth:signOut': async () => {
      const d = await db();
      const session = await loadSession(d);
      await forgetPersonalData(d);
      if (session) {
        // Revoke the token on the server too; signing out works offline all the same.
        await createApi(session.serverUrl, fetch, session.token).logout().catch(() => undefined);
      }
      await clearSession(d);
      personChanged();
      return engine.state();
    },
    'sync:state': () => engine.state(),
    'sync:now': () => engine.sync(),
    'sync:problems': async () => {
      const d = await db();
      const [parked, conflicts] = await Promise.all([listParked(d), listConflicts(d)]);
      const problems: SyncProblem[] = [
        ...conflicts.map((c) => ({ seq: c.seq, kind: 'conflict' as const, what: WHAT[c.mutation.name], recordId: c.mutation.recordId, reason: c.reason, at: c.at })),
        ...parked.map((p) => ({ seq: p.seq, kind: 'parked' as const, what: WHAT[p.mutation.name], recordId: p.mutation.recordId, reason: p.reason, at: p.at })),
      ];
      return problems;
    },
    'sync:resolveConflict': async ({ seq, keep }) => {
      await resolveConflict(await db(), seq, keep);
      return engine.sync();
    },
    'sync:dismissParked': async ({ seq }) => {
      await dismissParked(await db(), seq);
      return engine.state();
    },
    'roster:get': async () => roster(await db()),
  };
}
