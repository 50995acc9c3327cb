/**
 * The sync server's figures, on SQLite (a file in a temp dir) and on PostgreSQL (a throwaway
 * cluster), each on its own fresh databases:
 * - push ingest: SPOT_CHECKS realistic spot checks through the real push path (POST /api/sync/push
 *   on the Hono app via app.request(): authentication, body validation, push, the JSON answer) in
 *   batches of MAX_MUTATIONS_PER_PUSH, against raw Kysely batch inserts, in batches of the same
 *   size into fresh databases of the kind, of the rows push wrote: its `records` rows alone, and
 *   all of them (records, stored answers, audit entries);
 * - pull: all of them from cursor 0, page by page, as the manager who may read them all;
 * - latency: CLIENTS evaluators, each with its own session and client id, over real HTTP to a
 *   listening @hono/node-server on 127.0.0.1, each pushing a small batch and then pulling what
 *   changed, round after round. The clients run in a worker thread so their own work (fetch, JSON)
 *   does not queue on the server's event loop.
 *
 * `tsx test/bench/server.ts` runs this part alone and prints its JSON.
 */
import '../../core/zodMessages.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { serve } from '@hono/node-server';
import type { SpotCheck } from '../../core/spotCheck.ts';
import { MAX_MUTATIONS_PER_PUSH, Mutation, PushResponse, type SpotCheckPut } from '../../core/sync.ts';
import { loginRateLimiter } from '../../server/accounts/loginRateLimit.ts';
import { createOrganisation, createTeam, createUser } from '../../server/accounts/directory.ts';
import { hashPassword } from '../../server/accounts/passwords.ts';
import { createSession } from '../../server/accounts/sessions.ts';
import { type App, createApp } from '../../server/app.ts';
import { systemClock } from '../../server/clock.ts';
import { migrate } from '../../server/db/migrations.ts';
import { type Database, type DatabaseKind, openDatabase } from '../../server/db/open.ts';
import { jsonLogger } from '../../server/log.ts';
import { FAST_SCRYPT } from '../../server/testing/world.ts';
import { startPostgres, type PostgresCluster } from '../system/postgres.ts';
import { generateSpotChecks } from './seed.ts';
import { log, median, ms, percentile, within } from './util.ts';

export const SPOT_CHECKS = 5000;
const TEAMS = 10;
const AGENTS_PER_TEAM = 4;
const SUPERVISORS_PER_TEAM = 5;
/** One evaluator per concurrent client: TEAMS × SUPERVISORS_PER_TEAM. */
export const CLIENTS = TEAMS * SUPERVISORS_PER_TEAM;
/** Mutations per push in the latency run: a panel's outbox after a few checks. */
const SMALL_BATCH = 5;
/** How long the clients run; FW_BENCH_LATENCY_MS overrides it for a quick look. */
const LATENCY_RUN_MS = Number(process.env.FW_BENCH_LATENCY_MS) || 8000;
/** A cap on rounds per client, in case the machine is much faster than expected. */
const MAX_ROUNDS = 400;
/** Generous: the machine is shared, and a stuck step must still end the run. */
const KIND_TIMEOUT_MS = 2 * 60_000;

const round = (value: number, digits = 0) => Math.round(value * 10 ** digits) / 10 ** digits;
const perSecond = (count: number, elapsedMs: number) => Math.round((count / elapsedMs) * 1000);

/** Where a kind's databases live: fresh, migrated ones on demand, all removed by dispose(). */
interface DatabaseFactory {
  kind: DatabaseKind;
  open(name: string): Promise<Database>;
  dispose(): Promise<void>;
}

function sqliteFactory(): DatabaseFactory {
  const dir = mkdtempSync(join(tmpdir(), 'fw-bench-sqlite-'));
  const opened: Database[] = [];
  return {
    kind: 'sqlite',
    async open(name) {
      const database = openDatabase({ sqliteFile: join(dir, `${name}.sqlite`) });
      opened.push(database);
      await migrate(database);
      return database;
    },
    async dispose() {
      for (const database of opened) await database.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresFactory(cluster: PostgresCluster): DatabaseFactory {
  const opened: Database[] = [];
  return {
    kind: 'postgres',
    async open(name) {
      const database = openDatabase({ postgresUrl: await cluster.createDatabase(`fw_bench_${name}`) });
      opened.push(database);
      await migrate(database);
      return database;
    },
    async dispose() {
      for (const database of opened) await database.close().catch(() => undefined);
    },
  };
}

interface Person {
  id: string;
  token: string;
}

interface BenchOrg {
  orgId: string;
  manager: Person;
  agentIds: string[];
  /** Each with the agents of their team. */
  supervisors: (Person & { agentIds: string[] })[];
}

/** One organisation: TEAMS teams of agents and supervisors, and a manager, each with a live session. */
async function seedOrganisation(database: Database, now: Date): Promise<BenchOrg> {
  const { db } = database;
  const passwordHash = await hashPassword('bench-password', FAST_SCRYPT);
  const org = await createOrganisation(db, 'Bench Contact Centre', now);
  const person = async (name: string, role: 'agent' | 'supervisor' | 'manager', teamIds: string[]): Promise<Person> => {
    const email = `${name}@bench.example`;
    const user = await createUser(db, { orgId: org.id, email, name, role, passwordHash, teamIds, crmNames: [name] }, null, now);
    return { id: user.id, token: (await createSession(db, user.id, now, 24)).token };
  };
  const manager = await person('manager', 'manager', []);
  const agentIds: string[] = [];
  const supervisors: BenchOrg['supervisors'] = [];
  for (let t = 1; t <= TEAMS; t++) {
    const team = await createTeam(db, org.id, `Team ${t}`, null, now);
    const agents: string[] = [];
    for (let a = 1; a <= AGENTS_PER_TEAM; a++) agents.push((await person(`agent.${t}.${a}`, 'agent', [team.id])).id);
    agentIds.push(...agents);
    for (let s = 1; s <= SUPERVISORS_PER_TEAM; s++) {
      supervisors.push({ ...(await person(`supervisor.${t}.${s}`, 'supervisor', [team.id])), agentIds: agents });
    }
  }
  return { orgId: org.id, manager, agentIds, supervisors };
}

/** A stored spot check as the panel would put it: the evaluator's work, without what the server derives. */
function toPut(sc: SpotCheck, agentId: string): SpotCheckPut {
  const {
    result: _result,
    version: _version,
    evaluatorId: _evaluatorId,
    agentComment: _comment,
    respondedAt: _respondedAt,
    resolution: _resolution,
    resolvedAt: _resolvedAt,
    submittedAt: _submittedAt,
    status,
    ...content
  } = sc;
  return { ...content, agentId, status: status === 'draft' ? 'draft' : 'submitted' };
}

/** SPOT_CHECKS puts about the organisation's agents, numbered from 1 and validated as the server will. */
function ingestMutations(agentIds: readonly string[]): Mutation[] {
  return generateSpotChecks(SPOT_CHECKS).map((sc, i) =>
    Mutation.parse({ id: i + 1, name: 'spotCheck.put', recordId: sc.id, baseVersion: 0, args: toPut(sc, agentIds[i % agentIds.length]!) }),
  );
}

function benchApp(database: Database): App {
  return createApp({
    database,
    clock: systemClock,
    // The request log is built as in production; only the writing is left out.
    logger: jsonLogger('info', () => undefined),
    loginLimiter: loginRateLimiter(systemClock),
    sessionTtlHours: 24,
  });
}

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * Push every mutation as the manager, MAX_MUTATIONS_PER_PUSH at a time. The bodies are serialised
 * before the clock starts and the answers parsed after it stops: that is the client's work.
 */
async function measurePush(app: App, manager: Person, mutations: readonly Mutation[]) {
  const clientId = crypto.randomUUID();
  const bodies: string[] = [];
  for (let i = 0; i < mutations.length; i += MAX_MUTATIONS_PER_PUSH) {
    bodies.push(JSON.stringify({ clientId, mutations: mutations.slice(i, i + MAX_MUTATIONS_PER_PUSH) }));
  }
  const headers = { ...auth(manager.token), 'content-type': 'application/json' };
  const batchMs: number[] = [];
  const answers: { status: number; text: string }[] = [];
  const started = performance.now();
  for (const body of bodies) {
    const t = performance.now();
    const response = await app.request('/api/sync/push', { method: 'POST', headers, body });
    answers.push({ status: response.status, text: await response.text() });
    batchMs.push(performance.now() - t);
  }
  const elapsed = performance.now() - started;
  const failed = answers.find((a) => a.status !== 200);
  if (failed) throw new Error(`push answered ${failed.status}: ${failed.text.slice(0, 500)}`);
  const results = answers.flatMap((a) => PushResponse.parse(JSON.parse(a.text)).results);
  const notApplied = results.filter((r) => r.status !== 'applied');
  if (results.length !== mutations.length || notApplied.length) {
    throw new Error(`${notApplied.length} of ${mutations.length} mutations were not applied, e.g. ${JSON.stringify(notApplied[0])}`);
  }
  return {
    clientId,
    results,
    figures: {
      batches: bodies.length,
      mutationsPerBatch: MAX_MUTATIONS_PER_PUSH,
      requestBytesMedian: median(bodies.map((b) => Buffer.byteLength(b))),
      responseBytesMedian: median(answers.map((a) => Buffer.byteLength(a.text))),
      elapsedMs: ms(elapsed),
      batchMs: { median: ms(median(batchMs)), max: ms(Math.max(...batchMs)) },
      pushRecordsPerSecond: perSecond(mutations.length, elapsed),
    },
  };
}

/**
 * The floors push is compared with, each on a fresh database of the kind holding only the
 * organisation, the pushing user and its client: the rows push wrote, read back from its database
 * (the stored answers rebuilt from the answers it gave, as push stores each one), inserted by Kysely
 * in batches of the push size.
 * - records: only the `records` rows, the data itself;
 * - all tables: the same `records`, `mutation_results` and `audit_log` rows push wrote, one
 *   transaction per batch as push uses.
 */
async function measureRawInserts(factory: DatabaseFactory, pushed: Database, orgId: string, userId: string, push: Awaited<ReturnType<typeof measurePush>>) {
  const { db } = pushed;
  const org = await db.selectFrom('organisations').selectAll().where('id', '=', orgId).executeTakeFirstOrThrow();
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
  const records = await db.selectFrom('records').selectAll().where('org_id', '=', orgId).orderBy('seq').execute();
  const audit = await db
    .selectFrom('audit_log')
    .select(['org_id', 'user_id', 'at', 'action', 'entity', 'record_id', 'detail'])
    .where('org_id', '=', orgId)
    .where('action', '=', 'spotCheck.put')
    .orderBy('id')
    .execute();
  const results = push.results.map((r) => ({ client_id: push.clientId, mutation_id: r.id, result: JSON.stringify(r) }));
  if (records.length !== results.length || audit.length !== results.length) {
    throw new Error(`push stored ${records.length} records and ${audit.length} audit entries for ${results.length} mutations`);
  }
  const fresh = async (name: string) => {
    const database = await factory.open(name);
    await database.db.insertInto('organisations').values({ ...org, change_seq: 0 }).execute();
    await database.db.insertInto('users').values(user).execute();
    await database.db.insertInto('clients').values({ client_id: push.clientId, user_id: userId, last_mutation_id: 0 }).execute();
    return database.db;
  };
  const batches = <T>(rows: readonly T[]) =>
    Array.from({ length: Math.ceil(rows.length / MAX_MUTATIONS_PER_PUSH) }, (_, i) => rows.slice(i * MAX_MUTATIONS_PER_PUSH, (i + 1) * MAX_MUTATIONS_PER_PUSH));

  const recordsOnly = await fresh('raw_records');
  let started = performance.now();
  for (const batch of batches(records)) await recordsOnly.insertInto('records').values(batch).execute();
  const recordsMs = performance.now() - started;

  const allTables = await fresh('raw_all');
  const [recordBatches, resultBatches, auditBatches] = [batches(records), batches(results), batches(audit)];
  started = performance.now();
  for (let i = 0; i < recordBatches.length; i++) {
    await allTables.transaction().execute(async (trx) => {
      await trx.insertInto('records').values(recordBatches[i]!).execute();
      await trx.insertInto('mutation_results').values(resultBatches[i]!).execute();
      await trx.insertInto('audit_log').values(auditBatches[i]!).execute();
    });
  }
  const allMs = performance.now() - started;
  return {
    rows: records.length,
    rawInsertRecordsPerSecond: perSecond(records.length, recordsMs),
    rawInsertAllTablesRecordsPerSecond: perSecond(records.length, allMs),
  };
}

/** Every record from cursor 0, as the manager (who may read all of them). */
async function measurePull(app: App, manager: Person, expected: number) {
  const pageMs: number[] = [];
  let cursor = 0;
  let records = 0;
  const started = performance.now();
  for (;;) {
    const t = performance.now();
    const response = await app.request(`/api/sync/pull?cursor=${cursor}`, { headers: auth(manager.token) });
    const page = (await response.json()) as { cursor: number; records: unknown[]; hasMore: boolean };
    pageMs.push(performance.now() - t);
    if (response.status !== 200) throw new Error(`pull answered ${response.status}: ${JSON.stringify(page).slice(0, 500)}`);
    records += page.records.length;
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  const elapsed = performance.now() - started;
  if (records !== expected) throw new Error(`pulled ${records} records, expected ${expected}`);
  return {
    records,
    pages: pageMs.length,
    elapsedMs: ms(elapsed),
    pageMs: { median: ms(median(pageMs)), max: ms(Math.max(...pageMs)) },
    pullRecordsPerSecond: perSecond(records, elapsed),
  };
}

interface WorkerClient {
  token: string;
  clientId: string;
  cursor: number;
  agentIds: string[];
}

interface WorkerResult {
  pushMs: number[];
  pullMs: number[];
  rounds: number;
  mutations: number;
  pulledRecords: number;
  elapsedMs: number;
  error?: string;
}

/*
 * The clients, as plain JavaScript in a worker thread. Each warms its connection with one pull, then
 * all start together: push SMALL_BATCH new checks (all must be applied), pull until hasMore is
 * false, repeat until the time or the round cap is up.
 */
const CLIENTS_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { baseUrl, clients, template, batchSize, durationMs, maxRounds } = workerData;
const pushMs = [], pullMs = [];
let rounds = 0, mutations = 0, pulledRecords = 0;
async function request(list, path, token, body) {
  const init = body === undefined
    ? { headers: { authorization: 'Bearer ' + token } }
    : { method: 'POST', headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' }, body };
  const t = performance.now();
  const response = await fetch(baseUrl + path, init);
  const text = await response.text();
  if (list) list.push(performance.now() - t);
  if (response.status !== 200) throw new Error(path + ' answered ' + response.status + ': ' + text.slice(0, 300));
  return JSON.parse(text);
}
async function pullAll(client, list) {
  for (;;) {
    const page = await request(list, '/api/sync/pull?cursor=' + client.cursor, client.token);
    client.cursor = page.cursor;
    if (list) pulledRecords += page.records.length;
    if (!page.hasMore) return;
  }
}
async function run(client, deadline) {
  let nextId = 1;
  for (let r = 0; r < maxRounds && performance.now() < deadline; r++) {
    const batch = [];
    for (let i = 0; i < batchSize; i++) {
      const id = crypto.randomUUID();
      const args = { ...template, id, agentId: client.agentIds[(r * batchSize + i) % client.agentIds.length] };
      batch.push({ id: nextId++, name: 'spotCheck.put', recordId: id, baseVersion: 0, args });
    }
    const answer = await request(pushMs, '/api/sync/push', client.token, JSON.stringify({ clientId: client.clientId, mutations: batch }));
    const refused = answer.results.find((result) => result.status !== 'applied');
    if (refused) throw new Error('a mutation was not applied: ' + JSON.stringify(refused).slice(0, 300));
    mutations += batch.length;
    await pullAll(client, pullMs);
    rounds++;
  }
}
(async () => {
  await Promise.all(clients.map((client) => pullAll(client, null)));
  const started = performance.now();
  await Promise.all(clients.map((client) => run(client, started + durationMs)));
  return performance.now() - started;
})().then(
  (elapsedMs) => parentPort.postMessage({ pushMs, pullMs, rounds, mutations, pulledRecords, elapsedMs }),
  (error) => parentPort.postMessage({ pushMs, pullMs, rounds, mutations, pulledRecords, elapsedMs: 0, error: String(error && error.stack || error) }),
);
`;

function runClients(data: { baseUrl: string; clients: WorkerClient[]; template: SpotCheckPut }): Promise<WorkerResult> {
  const worker = new Worker(CLIENTS_WORKER, {
    eval: true,
    workerData: { ...data, batchSize: SMALL_BATCH, durationMs: LATENCY_RUN_MS, maxRounds: MAX_ROUNDS },
  });
  const result = new Promise<WorkerResult>((resolve, reject) => {
    worker.once('message', (message: WorkerResult) => (message.error ? reject(new Error(`a client failed: ${message.error}`)) : resolve(message)));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the clients' worker exited (${code}) without an answer`)));
  });
  return within(result, LATENCY_RUN_MS + 30_000, 'the concurrent clients').finally(() => worker.terminate());
}

const latency = (values: readonly number[]) => ({
  p50: ms(percentile(values, 50)),
  p99: ms(percentile(values, 99)),
  max: ms(Math.max(...values)),
});

/** CLIENTS supervisors over real HTTP, each starting in sync (cursor at the organisation's head). */
async function measureConcurrent(database: Database, org: BenchOrg, template: SpotCheckPut) {
  const app = benchApp(database);
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve, reject) => {
    if (server.listening) resolve();
    server.once('listening', resolve);
    server.once('error', reject);
  });
  try {
    const { port } = server.address() as AddressInfo;
    const { change_seq: head } = await database.db
      .selectFrom('organisations')
      .select('change_seq')
      .where('id', '=', org.orgId)
      .executeTakeFirstOrThrow();
    const clients = org.supervisors.map((s) => ({ token: s.token, clientId: crypto.randomUUID(), cursor: head, agentIds: s.agentIds }));
    const r = await runClients({ baseUrl: `http://127.0.0.1:${port}`, clients, template });
    const all = [...r.pushMs, ...r.pullMs];
    return {
      clients: clients.length,
      mutationsPerPush: SMALL_BATCH,
      elapsedMs: ms(r.elapsedMs),
      rounds: r.rounds,
      pushes: r.pushMs.length,
      pulls: r.pullMs.length,
      mutationsPushed: r.mutations,
      recordsPulled: r.pulledRecords,
      requestsPerSecond: perSecond(all.length, r.elapsedMs),
      pushLatencyMs: latency(r.pushMs),
      pullLatencyMs: latency(r.pullMs),
      requestLatencyMs: latency(all),
    };
  } finally {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      if ('closeAllConnections' in server) server.closeAllConnections();
    });
  }
}

async function measureKind(factory: DatabaseFactory) {
  const started = performance.now();
  const pushDb = await factory.open('push');
  const now = new Date();
  const org = await seedOrganisation(pushDb, now);
  const mutations = ingestMutations(org.agentIds);
  const app = benchApp(pushDb);

  log(`server (${factory.kind}): pushing ${mutations.length} spot checks`);
  const pushed = await measurePush(app, org.manager, mutations);
  const raw = await measureRawInserts(factory, pushDb, org.orgId, org.manager.id, pushed);
  log(`server (${factory.kind}): pulling them`);
  const pull = await measurePull(app, org.manager, mutations.length);

  log(`server (${factory.kind}): ${CLIENTS} concurrent clients for ${LATENCY_RUN_MS / 1000} s`);
  const submitted = mutations.find((m): m is Extract<Mutation, { name: 'spotCheck.put' }> => m.name === 'spotCheck.put' && m.args.status === 'submitted');
  if (!submitted) throw new Error('no submitted spot check to use as the template');
  const concurrent = await measureConcurrent(pushDb, org, submitted.args);

  return {
    records: mutations.length,
    push: {
      ...pushed.figures,
      rawInsertRecordsPerSecond: raw.rawInsertRecordsPerSecond,
      rawInsertAllTablesRecordsPerSecond: raw.rawInsertAllTablesRecordsPerSecond,
      /** Against inserting only the `records` rows. */
      pushToRawRecordsRatio: round(pushed.figures.pushRecordsPerSecond / raw.rawInsertRecordsPerSecond, 3),
      /** Against inserting every row push writes (records, stored answers, audit): the goal is at least 0.5. */
      pushToRawAllTablesRatio: round(pushed.figures.pushRecordsPerSecond / raw.rawInsertAllTablesRecordsPerSecond, 3),
    },
    pull,
    concurrent,
    durationS: round((performance.now() - started) / 1000, 1),
  };
}

export type KindFigures = Awaited<ReturnType<typeof measureKind>>;

/** Both databases, one after the other; every database and the cluster are removed afterwards. */
export async function measureServer() {
  const started = performance.now();
  const loadAverageBefore = loadavg().map((l) => round(l, 2));
  const sqliteDbs = sqliteFactory();
  let sqlite: KindFigures;
  try {
    sqlite = await within(measureKind(sqliteDbs), KIND_TIMEOUT_MS, 'the SQLite server benchmark');
  } finally {
    await sqliteDbs.dispose();
  }

  log('server: starting a PostgreSQL cluster');
  const cluster = await startPostgres();
  let postgres: KindFigures;
  try {
    const postgresDbs = postgresFactory(cluster);
    try {
      postgres = await within(measureKind(postgresDbs), KIND_TIMEOUT_MS, 'the PostgreSQL server benchmark');
    } finally {
      await postgresDbs.dispose();
    }
  } finally {
    await cluster.stop();
  }
  return {
    // The machine is shared: the load around the run says how far the figures can be trusted.
    loadAverage: { before: loadAverageBefore, after: loadavg().map((l) => round(l, 2)) },
    sqlite,
    postgres,
    durationS: round((performance.now() - started) / 1000, 1),
  };
}

export type ServerFigures = Awaited<ReturnType<typeof measureServer>>;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  measureServer().then(
    (figures) => {
      process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
      process.exit(0);
    },
    (error: Error) => {
      log(`failed: ${error.stack ?? error.message}`);
      process.exit(1);
    },
  );
}
