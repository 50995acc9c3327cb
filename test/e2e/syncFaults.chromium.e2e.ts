/**
 * Sync under faults, with real processes: a supervisor's and an agent's Chromium against the real
 * server process on one SQLite file.
 *  1. SIGKILL while a push is inside the server, before it commits; then SIGKILL again after the
 *     retried push committed but before its answer reached the browser. The backoff alarm retries,
 *     the server answers the repeat from its stored results, and applies nothing twice.
 *  2. The service worker stopped (CDP ServiceWorker.stopAllWorkers) while its push is inside the
 *     server; the server commits it for nobody; opening the panel wakes the worker, which finishes.
 *  3. The server down while the supervisor scores in the panel (pausing half way, as people do):
 *     the checks queue, the panel says why, and they land when the server is back.
 * Afterwards every spot check exists exactly once on the server and in both browsers, the server
 * applied each change once, and nothing is left in either outbox.
 *
 * How a push is caught inside the server without test code in it: the test takes SQLite's write lock
 * (BEGIN IMMEDIATE on the server's database file), so the push's transaction waits for it inside the
 * server, whose event loop is then blocked (better-sqlite3 waits synchronously): /api/health stops
 * answering. Playwright has seen the service worker send the push and the server holds it: that is
 * when it is killed, or the worker stopped. The lock is released before anything else goes on.
 */
import Database from 'better-sqlite3';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checklistItems, scaleBounds } from '../../core/checklist.ts';
import { builtInChecklist } from '../../core/checklists/index.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { SpotCheckDraft } from '../../core/messages.ts';
import { runCli } from '../../server/cli.ts';
import { startServer, type ServerProcess } from '../system/server.ts';
import { launchWithExtension, openSidePanel, type ExtensionBrowser } from './chromium.ts';
import { callBackground, countInExtension, keysInExtension, scoreAllTop, signIn, syncStatus, syncUntilSynced } from './panelDriver.ts';

const SUPERVISOR = { email: 'sam@faults.test', password: 'sam-supervisor-pass' };
const AGENT = { email: 'alex@faults.test', password: 'alex-agent-password' };
const ORG = 'Faulty Contact Centre';
/** More than one push batch (100, entrypoints/background/syncEngine.ts), so more waits behind the first. */
const FIRST_WAVE = 150;
const SECOND_WAVE = 40;
const PUSH_BATCH = 100;

let server: ServerProcess;
let crm: Server;
let crmBase: string;
let supervisor: ExtensionBrowser;
let agent: ExtensionBrowser;
let crmTab: Page;
let supervisorPanel: Page;
let agentPanel: Page;
let agentId: string;
/** Every spot check the supervisor submitted, by wave. */
const made = { killed: [] as string[], workerStopped: [] as string[], serverDown: [] as string[] };

// A stand-in CRM: any /tickets/N page, recognised by the generic adapter.
const ticketPage = (n: string) =>
  `<!doctype html><html><head><title>Ticket #${n}: Refund query · In-house desk</title></head><body><h1>Ticket #${n}: Refund query</h1><p>Customer wants a refund.</p></body></html>`;

beforeAll(async () => {
  crm = createServer((req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(ticketPage(/\/tickets\/(\d+)/.exec(req.url ?? '')?.[1] ?? '0'));
  });
  await new Promise<void>((r) => crm.listen(0, '127.0.0.1', r));
  crmBase = `http://127.0.0.1:${(crm.address() as AddressInfo).port}`;

  const browsers = Promise.all([launchWithExtension(), launchWithExtension()]);
  server = await startServer();
  await admin('create-org', '--name', ORG);
  await admin('create-team', '--org', ORG, '--name', 'Billing');
  await admin('create-user', '--org', ORG, '--email', SUPERVISOR.email, '--name', 'Sam Supervisor', '--role', 'supervisor', '--team', 'Billing', '--password', SUPERVISOR.password);
  await admin('create-user', '--org', ORG, '--email', AGENT.email, '--name', 'Alex Agent', '--role', 'agent', '--team', 'Billing', '--crm-name', 'alex.agent', '--password', AGENT.password);
  agentId = readServer((db) => (db.prepare('select id from users where email = ?').get(AGENT.email) as { id: string }).id);
  [supervisor, agent] = await browsers;

  crmTab = supervisor.context.pages()[0] ?? (await supervisor.context.newPage());
  await crmTab.goto(`${crmBase}/tickets/1000`);
  supervisorPanel = await openSidePanel(supervisor, crmTab);
  agentPanel = await agent.context.newPage();
  await agentPanel.goto(`chrome-extension://${agent.extensionId}/sidepanel.html`);
});

afterAll(async () => {
  await Promise.all([supervisor?.close({ removeProfile: true }), agent?.close({ removeProfile: true })]);
  await server?.dispose();
  await new Promise((r) => crm?.close(r));
});

/**
 * The admin command line (server/cli.ts) against the server's database, run in this process: the
 * same code as `server.cli()` without starting tsx four times, which is most of a slow start-up.
 */
async function admin(...args: string[]): Promise<void> {
  const said: string[] = [];
  const status = await runCli(args, { env: server.env, out: (line) => said.push(line), err: (line) => said.push(line) });
  if (status !== 0) throw new Error(`${args[0]} failed (${status}): ${said.join('\n')}`);
}

// ---- the server's database, read (and locked) from the test ----

function readServer<T>(read: (db: Database.Database) => T): T {
  const db = new Database(join(server.env.DATA_DIR!, 'floorwalker.sqlite'), { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

interface StoredCheck {
  id: string;
  version: number;
  status: string;
  deleted: number;
}
const serverChecks = (): StoredCheck[] =>
  readServer((db) => db.prepare("select id, version, status, deleted from records where entity = 'spotCheck' order by id").all() as StoredCheck[]);
const serverIds = () => serverChecks().map((r) => r.id);

/** Take SQLite's write lock, as another writer would; the server's next write transaction waits for it. */
function lockServerDatabase(): () => void {
  const db = new Database(join(server.env.DATA_DIR!, 'floorwalker.sqlite'));
  db.exec('BEGIN IMMEDIATE');
  return () => {
    db.exec('ROLLBACK');
    db.close();
  };
}

async function serverAnswers(): Promise<boolean> {
  try {
    return (await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(400) })).ok;
  } catch {
    return false;
  }
}

/** The pushes the supervisor's service worker sends. */
function watchPushes(b: ExtensionBrowser) {
  const sent: Request[] = [];
  b.context.on('request', (r) => {
    if (r.url() === `${server.url}/api/sync/push`) sent.push(r);
  });
  return {
    /**
     * Resolves once a push is sent and the server is stuck inside it, waiting for the write lock:
     * three health checks in a row unanswered (a busy machine may be slow once, not for that long).
     * The server gives up waiting after its busy timeout (5 s, server/db/open.ts), well after this.
     */
    async heldInServer(timeout = 10_000): Promise<Request> {
      const from = sent.length;
      await expect.poll(() => sent.length, { timeout, interval: 50 }).toBeGreaterThan(from);
      let unanswered = 0;
      await expect
        .poll(async () => (unanswered = (await serverAnswers()) ? 0 : unanswered + 1), { timeout: 4000, interval: 20 })
        .toBeGreaterThanOrEqual(3);
      return sent[from]!;
    },
  };
}
let pushes: ReturnType<typeof watchPushes>;

/** What a push carried: its mutation ids and the records they change. */
interface Pushed {
  ids: number[];
  records: string[];
}
function pushed(request: Request): Pushed {
  const { mutations } = request.postDataJSON() as { mutations: { id: number; recordId: string }[] };
  return { ids: mutations.map((m) => m.id), records: mutations.map((m) => m.recordId) };
}

// ---- making spot checks ----

const checklist = builtInChecklist('written-contact-quality')!;

/** Submitted spot checks about the agent, every item at the top of its scale, as the panel sends them. */
function drafts(n: number, firstTicket: number): SpotCheckDraft[] {
  const answers = Object.fromEntries(checklistItems(checklist).map((item) => [item.id, { value: scaleBounds(item.scale).max }]));
  return Array.from({ length: n }, (_, i) => ({
    id: uuidv7(),
    checklistId: checklist.id,
    checklistVersion: checklist.version,
    contact: {
      adapterId: 'generic',
      crm: 'In-house desk',
      url: `${crmBase}/tickets/${firstTicket + i}`,
      ticketId: String(firstTicket + i),
      channel: 'email',
      source: 'manual',
      capturedAt: new Date().toISOString(),
    },
    evaluator: 'Sam Supervisor',
    agent: 'Alex Agent',
    agentId,
    answers,
  }));
}

/** Submit many checks through the background worker at once, as if scored in quick succession. */
async function submitMany(n: number, firstTicket: number): Promise<string[]> {
  const replies = await callBackground(
    supervisorPanel,
    drafts(n, firstTicket).map((body) => ({ name: 'spotChecks:submit', body })),
  );
  return replies.map((r) => (r as { id: string }).id);
}

/** The outbox's highest key, and how far the last push attempt reached (storage/outbox.ts IN_FLIGHT). */
const outboxProgress = (panel: Page) =>
  panel.evaluate(
    () =>
      new Promise<{ last: number; attempted: number }>((done, fail) => {
        const open = indexedDB.open('floorwalker');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['outbox', 'meta']);
          const keys = tx.objectStore('outbox').getAllKeys();
          const mark = tx.objectStore('meta').get('inFlightUpTo');
          tx.oncomplete = () => {
            done({ last: Math.max(0, ...(keys.result as number[])), attempted: (mark.result as number | undefined) ?? 0 });
            open.result.close();
          };
          tx.onerror = () => fail(tx.error);
        };
      }),
  );

/** The names of a record's pending mutations, oldest first. */
const outboxFor = (panel: Page, recordId: string) =>
  panel.evaluate(
    (id) =>
      new Promise<string[]>((done, fail) => {
        const open = indexedDB.open('floorwalker');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('outbox').objectStore('outbox').getAll();
          req.onsuccess = () => {
            done((req.result as { recordId: string; name: string }[]).filter((m) => m.recordId === id).map((m) => m.name));
            open.result.close();
          };
          req.onerror = () => fail(req.error);
        };
      }),
    recordId,
  );

/**
 * Score the ticket open beside the panel, from the keyboard, and submit; resolves with the check's id.
 * With `pause`, the supervisor stops half way long enough for the saved draft to be pushed (and,
 * with the server down, fail), then adds a note and submits.
 */
async function scoreInPanel(ticket: number, { pause = false } = {}): Promise<string> {
  await crmTab.goto(`${crmBase}/tickets/${ticket}`);
  const card = supervisorPanel.getByRole('region', { name: 'Contact', exact: true });
  await expect.poll(() => card.textContent(), { timeout: 15_000 }).toContain(String(ticket));
  await supervisorPanel.getByRole('button', { name: 'Score', exact: true }).click();
  await supervisorPanel.getByRole('button', { name: /Email and chat/i }).first().click();
  await supervisorPanel.getByRole('combobox', { name: /^Agent/ }).selectOption({ label: 'Alex Agent' });
  await scoreAllTop(supervisorPanel);
  if (pause) {
    await expect.poll(() => supervisorPanel.getByText('Draft saved').count()).toBe(1);
    await expect.poll(async () => {
      const { last, attempted } = await outboxProgress(supervisorPanel);
      return attempted >= last;
    }, { timeout: 10_000 }).toBe(true);
    await supervisorPanel.getByLabel('Overall note').fill('Good ownership of the refund.');
    await expect.poll(() => supervisorPanel.getByText('Draft saved').count()).toBe(1);
  }
  await supervisorPanel.getByRole('button', { name: /^Submit spot check/ }).click();
  await supervisorPanel.getByRole('heading', { name: 'Spot check submitted' }).waitFor();
  const href = await supervisorPanel.getByRole('link', { name: 'Printable report' }).getAttribute('href');
  return new URL(href!, 'chrome-extension://x').searchParams.get('id')!;
}

/** The extension's service workers running now, as the browser lists its targets. */
async function runningWorkers(b: ExtensionBrowser): Promise<number> {
  const session = await (await b.cdp()).newBrowserCDPSession();
  try {
    const { targetInfos } = await session.send('Target.getTargets');
    return targetInfos.filter((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${b.extensionId}/`)).length;
  } finally {
    await session.detach();
  }
}

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, fail) => (timer = setTimeout(() => fail(new Error(`${what} within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

const unsynced = async (panel: Page) =>
  Object.fromEntries(await Promise.all(['outbox', 'parked', 'conflicts'].map(async (s) => [s, await countInExtension(panel, s)])));

describe('sync survives faults', () => {
  it('supervisor and agent sign in, with nothing on the server yet', async () => {
    await Promise.all([
      signIn(supervisorPanel, server.url, SUPERVISOR.email, SUPERVISOR.password).then(() => syncUntilSynced(supervisorPanel)),
      signIn(agentPanel, server.url, AGENT.email, AGENT.password).then(() => syncUntilSynced(agentPanel)),
    ]);
    expect(serverIds()).toEqual([]);
  });

  it('SIGKILL while a push is inside the server: nothing half-applied, and the backoff retry delivers it', async () => {
    pushes = watchPushes(supervisor);
    const release = lockServerDatabase();
    let held: Pushed;
    try {
      made.killed = await submitMany(FIRST_WAVE, 2000);
      held = pushed(await pushes.heldInServer());
      await server.kill('SIGKILL');
    } finally {
      release();
    }
    // The push the server was holding (a full batch, unless a periodic sync cut in) died with it,
    // before its transaction committed: none of it is there, and the browser still has all of it.
    expect(held.ids.length).toBeGreaterThan(0);
    expect(held.ids.length).toBeLessThanOrEqual(PUSH_BATCH);
    expect(held.records.every((id) => made.killed.includes(id))).toBe(true);
    expect(serverIds()).toEqual([]);
    expect(await countInExtension(supervisorPanel, 'outbox')).toBe(FIRST_WAVE);
    await expect
      .poll(() => syncStatus(supervisorPanel))
      .toMatch(new RegExp(`^Sync error: The server at .* could not be reached.* · ${FIRST_WAVE} pending$`));

    // SIGKILL again, this time after the server committed the retried push but before its answer
    // reached the browser: the route forwards the push, then kills the server and drops the answer.
    const pushUrl = `${server.url}/api/sync/push`;
    const answered = new Promise<{ retried: Pushed; results: { status: string }[] }>((resolve) => {
      void supervisor.context.route(pushUrl, async (route) => {
        let response;
        try {
          response = await route.fetch();
        } catch {
          return route.abort('connectionrefused'); // not back yet: the browser backs off and retries
        }
        const { results } = (await response.json()) as { results: { status: string }[] };
        await server.kill('SIGKILL');
        await route.abort('connectionreset');
        await supervisor.context.unroute(pushUrl);
        resolve({ retried: pushed(route.request()), results });
      });
    });
    await server.start();
    // Nobody presses anything: the retry alarm set by the failure sends the push again, the same one.
    const { retried, results } = await withTimeout(answered, 40_000, 'the backoff alarm did not retry the push');
    expect(retried).toEqual(held);
    expect(results.map((r) => r.status)).toEqual(held.ids.map(() => 'applied'));
    expect(serverIds()).toEqual([...held.records].sort());
    // The browser never heard: it still holds everything, and will push those again.
    expect(await countInExtension(supervisorPanel, 'outbox')).toBe(FIRST_WAVE);

    await server.start();
    await syncUntilSynced(supervisorPanel);
    expect(serverIds()).toEqual([...made.killed].sort());
    // Pushed two or three times, applied once: every check is at version 1.
    expect(serverChecks().filter((r) => r.version !== 1)).toEqual([]);
    expect(await unsynced(supervisorPanel)).toEqual({ outbox: 0, parked: 0, conflicts: 0 });

    await syncUntilSynced(agentPanel);
    expect(await countInExtension(agentPanel, 'spotChecks')).toBe(FIRST_WAVE);
  });

  it('the service worker stopped while its push is inside the server: woken, it finishes the sync', async () => {
    expect(await runningWorkers(supervisor)).toBe(1);
    const release = lockServerDatabase();
    let held: Pushed;
    try {
      made.workerStopped = await submitMany(SECOND_WAVE, 3000);
      held = pushed(await pushes.heldInServer());
      const cdp = await supervisor.context.newCDPSession(crmTab);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
      await expect.poll(() => runningWorkers(supervisor)).toBe(0);
    } finally {
      release();
    }
    // The server, no longer waiting, commits the push whose sender is gone...
    expect(held.records.every((id) => made.workerStopped.includes(id))).toBe(true);
    await expect.poll(serverIds, { timeout: 10_000 }).toEqual([...made.killed, ...held.records].sort());
    // ...while the browser, its worker stopped mid-sync, still has every change queued.
    expect(await runningWorkers(supervisor)).toBe(0);
    expect(await countInExtension(supervisorPanel, 'outbox')).toBe(SECOND_WAVE);

    // Opening the panel wakes the worker, which syncs on start: no button pressed.
    await supervisorPanel.reload();
    await expect.poll(() => runningWorkers(supervisor), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => syncStatus(supervisorPanel), { timeout: 20_000 }).toMatch(/^Synced$/);
    expect(await unsynced(supervisorPanel)).toEqual({ outbox: 0, parked: 0, conflicts: 0 });
    expect(serverIds()).toEqual([...made.killed, ...made.workerStopped].sort());
    expect(serverChecks().filter((r) => r.version !== 1)).toEqual([]);
  });

  it('the server down for a while: checks scored meanwhile queue, show why, and land when it is back', async () => {
    await server.kill('SIGTERM');
    await agentPanel.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => syncStatus(agentPanel)).toMatch(/^Sync error: The server at .* could not be reached/);

    made.serverDown = [await scoreInPanel(7001, { pause: true })];
    // The draft's failed push left its put in flight, so the submission queued behind it: two
    // changes to one check, both made before the server ever saw it.
    expect(await outboxFor(supervisorPanel, made.serverDown[0]!)).toEqual(['spotCheck.put', 'spotCheck.put']);
    made.serverDown.push(await scoreInPanel(7002));
    const pending = await countInExtension(supervisorPanel, 'outbox');
    expect(pending).toBeGreaterThanOrEqual(2);
    await expect
      .poll(() => syncStatus(supervisorPanel), { timeout: 10_000 })
      .toMatch(new RegExp(`^Sync error: The server at .* could not be reached.* · ${pending} pending$`));
    expect(serverIds()).toHaveLength(FIRST_WAVE + SECOND_WAVE);

    await server.start();
    await syncUntilSynced(supervisorPanel);
    // "Synced" alone: not "Synced · 1 needs attention", which a submission taken for a conflict gives.
    expect(await syncStatus(supervisorPanel)).toBe('Synced');
    expect(await unsynced(supervisorPanel)).toEqual({ outbox: 0, parked: 0, conflicts: 0 });
    await syncUntilSynced(agentPanel);
  });

  it('every spot check exists exactly once on the server and in both browsers, applied once, nothing left over', async () => {
    const all = [...made.killed, ...made.workerStopped, ...made.serverDown].sort();
    expect(all).toHaveLength(FIRST_WAVE + SECOND_WAVE + 2);
    expect(new Set(all).size).toBe(all.length);

    const stored = serverChecks();
    expect(stored.map((r) => r.id)).toEqual(all);
    expect(stored.filter((r) => r.status !== 'submitted' || r.deleted !== 0)).toEqual([]);
    expect((await keysInExtension(supervisorPanel, 'spotChecks')).sort()).toEqual(all);
    expect((await keysInExtension(agentPanel, 'spotChecks')).sort()).toEqual(all);
    expect(await countInExtension(supervisorPanel, 'spotChecks')).toBe(all.length);
    expect(await countInExtension(agentPanel, 'spotChecks')).toBe(all.length);
    expect(await unsynced(supervisorPanel)).toEqual({ outbox: 0, parked: 0, conflicts: 0 });
    expect(await unsynced(agentPanel)).toEqual({ outbox: 0, parked: 0, conflicts: 0 });

    // Applied exactly once: one audited write per version, one submission per check, and no
    // mutation of any client applied twice.
    const audit = readServer(
      (db) =>
        db.prepare("select record_id as id, detail from audit_log where entity = 'spotCheck'").all() as { id: string; detail: string }[],
    ).map((a) => ({ id: a.id, ...(JSON.parse(a.detail) as { clientId: string; mutationId: number; version: number; status: string }) }));
    for (const check of stored) {
      const writes = audit.filter((a) => a.id === check.id);
      expect(writes.map((w) => w.version).sort((a, b) => a - b), check.id).toEqual(Array.from({ length: check.version }, (_, i) => i + 1));
      expect(writes.filter((w) => w.status === 'submitted'), check.id).toHaveLength(1);
    }
    const mutations = audit.map((a) => `${a.clientId}#${a.mutationId}`);
    expect(new Set(mutations).size).toBe(mutations.length);
    expect(await syncStatus(supervisorPanel)).toBe('Synced');
    expect(await syncStatus(agentPanel)).toBe('Synced');
  });
});
