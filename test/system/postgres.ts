/**
 * A throwaway PostgreSQL 15 cluster for tests: initdb into a temp dir, start on a free port with
 * fsync off, stop and delete on stop(). As root it runs PostgreSQL as the `postgres` user (initdb
 * refuses root) and installs PostgreSQL 15 with apt when it is missing; otherwise a missing
 * PostgreSQL fails at once with the command to run as root.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const BIN = '/usr/lib/postgresql/15/bin';
const INSTALL = 'apt-get update && apt-get install -y --no-install-recommends postgresql-15';
const run = promisify(execFile);

export interface PostgresCluster {
  port: number;
  /** How long initdb and start took, in ms. */
  startMs: number;
  /** Creates an empty database and returns its postgres:// URL. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

function ensureInstalled(isRoot: boolean): void {
  if (existsSync(`${BIN}/initdb`)) return;
  if (!isRoot) throw new Error(`The server tests need PostgreSQL 15 (${BIN} is missing). As root, run:\n  ${INSTALL}`);
  execFileSync('sh', ['-c', INSTALL.replaceAll('apt-get ', 'apt-get -o DPkg::Lock::Timeout=120 ')], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function databaseUrl(port: number, database: string): string {
  return `postgres://postgres@127.0.0.1:${port}/${database}`;
}

/** Creates an empty database in the cluster listening on port and returns its URL. */
export async function createDatabase(port: number, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: databaseUrl(port, 'postgres') });
  await client.connect();
  try {
    await client.query(`create database "${name.replaceAll('"', '')}"`);
  } finally {
    await client.end();
  }
  return databaseUrl(port, name);
}

export async function startPostgres(): Promise<PostgresCluster> {
  const started = performance.now();
  const isRoot = process.getuid?.() === 0;
  ensureInstalled(isRoot);
  // As root, run everything as postgres; otherwise as ourselves (initdb makes us the superuser "postgres").
  const owner = isRoot
    ? { uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })) }
    : {};
  const dir = mkdtempSync(join(tmpdir(), 'floorwalker-pg-'));
  if (isRoot) chownSync(dir, owner.uid!, owner.gid!);
  const data = join(dir, 'data');
  const as = { ...owner, cwd: dir };
  await run(`${BIN}/initdb`, ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'], as);

  let port = 0;
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    try {
      await run(`${BIN}/pg_ctl`, ['-D', data, '-l', join(dir, 'log'), '-o', options, '-w', 'start'], as);
      break;
    } catch (error) {
      if (attempt === 3) throw error; // another process may have taken the port between probe and start
    }
  }
  const startMs = performance.now() - started;
  return {
    port,
    startMs,
    createDatabase: (name) => createDatabase(port, name),
    async stop() {
      await run(`${BIN}/pg_ctl`, ['-D', data, '-m', 'immediate', '-w', 'stop'], as).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
