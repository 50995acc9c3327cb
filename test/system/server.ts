/**
 * The real sync server as a separate process, for end-to-end tests: started on a free port with its
 * own SQLite file (or a PostgreSQL URL), seeded through the admin command line, stopped gently or
 * killed outright to test crash recovery.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
// The server runs in node itself with tsx as a loader, not under the tsx command: that command runs
// node as a child and cannot pass SIGKILL on, so killing it left the real server running.
const SERVER_COMMAND = [process.execPath, '--import', 'tsx', 'server/main.ts'] as const;

export interface ServerProcess {
  url: string;
  env: NodeJS.ProcessEnv;
  /** Run the admin command line against this server's database; resolves with its output. */
  cli(...args: string[]): Promise<string>;
  /** Stop with SIGTERM (graceful) or SIGKILL (a crash), then start again on the same port and data. */
  restart(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  kill(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  start(): Promise<void>;
  /** Stop and remove the data directory. */
  dispose(): Promise<void>;
  /** What the server wrote to stdout and stderr, for checking logs. */
  output(): string;
}

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

export async function startServer(extraEnv: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'fw-server-'));
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info', ...extraEnv };
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let log = '';

  async function answers(): Promise<boolean> {
    try {
      return (await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) })).ok;
    } catch {
      return false; // not listening, or not answering
    }
  }

  async function start(): Promise<void> {
    // Otherwise the health check below could be answered by a server that should have gone.
    if (await answers()) throw new Error(`Something already answers on ${url}: is an old server still running?`);
    const [node, ...args] = SERVER_COMMAND;
    child = spawn(node, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d) => (log += d));
    child.stderr!.on('data', (d) => (log += d));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}):\n${log}`);
      if (await answers()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`The server did not answer /api/health within 30 s:\n${log}`);
  }

  async function kill(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    const running = child;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((r) => running.once('exit', r));
    running.kill(signal);
    await exited;
  }

  await start();
  return {
    url,
    env,
    cli: (...args) =>
      new Promise((done, fail) =>
        execFile(TSX, ['server/cli.ts', ...args], { cwd: ROOT, env }, (err, stdout, stderr) =>
          err ? fail(new Error(`cli ${args[0]} failed: ${stderr || err.message}`)) : done(stdout),
        ),
      ),
    start,
    kill,
    async restart(signal = 'SIGTERM') {
      await kill(signal);
      await start();
    },
    async dispose() {
      await kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
    output: () => log,
  };
}
