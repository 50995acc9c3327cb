// Makes sure the programs the test suite drives are on this machine: Debian's Chromium and
// Firefox ESR, PostgreSQL 15, and Request Tracker. As root it installs what is missing with apt; otherwise it
// stops at once and prints the exact command to run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const PACKAGES = [
  { package: 'chromium', binary: '/usr/bin/chromium' },
  { package: 'firefox-esr', binary: '/usr/bin/firefox-esr' },
  { package: 'postgresql-15', binary: '/usr/lib/postgresql/15/bin/initdb' },
];
const isRoot = process.getuid?.() === 0;

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

export function ensureSystem() {
  const missing = PACKAGES.filter((b) => !existsSync(b.binary)).map((b) => b.package);
  if (missing.length) {
    const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
    if (!isRoot) {
      console.error(`The tests need ${missing.join(' and ')}. As root, run:\n  ${command}`);
      return false;
    }
    console.log(`Installing ${missing.join(', ')} with apt…`);
    const env = { DEBIAN_FRONTEND: 'noninteractive' };
    if (run('apt-get', ['-o', 'DPkg::Lock::Timeout=120', 'update', '-qq'], env) !== 0) return false;
    const status = run(
      'apt-get',
      ['-o', 'DPkg::Lock::Timeout=120', 'install', '-y', '-qq', '--no-install-recommends', ...missing],
      env,
    );
    if (status !== 0) return false;
  }
  // rt.sh installs Request Tracker (or says how) and is a no-op when it is there.
  return run('bash', [join(here, 'rt.sh'), 'install']) === 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exit(ensureSystem() ? 0 : 1);
}

export const chromiumPath = '/usr/bin/chromium';
export const firefoxPath = '/usr/bin/firefox-esr';
