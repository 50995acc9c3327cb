import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The origins of every page the suite serves: the test servers, Request Tracker and the bench pages. */
export const TEST_HOSTS: readonly string[] = ['http://127.0.0.1/*', 'http://localhost/*'];

type Manifest = Record<string, unknown>;
const copies = new Map<string, string>();

/**
 * A copy of the built extension `build` with host access to `hosts` already granted, as if the user
 * had clicked "Allow" in the browser's permission prompt: the shipped manifests ask for hosts only at
 * run time (optional host permissions), and that prompt is browser chrome no automation can answer
 * (microsoft/playwright#32755). `grant` writes the hosts into the manifest the way its browser reads
 * them. One copy per build and set of hosts, at a stable path for the whole run, so the extension
 * keeps its id (Chromium derives it from the path; Firefox's is in the manifest) when a profile is
 * reopened. No hosts: the build itself.
 */
export function buildGranting(build: string, hosts: readonly string[], grant: (manifest: Manifest, hosts: string[]) => void): string {
  if (hosts.length === 0) return build;
  const key = `${build}\n${hosts.join(' ')}`;
  let dir = copies.get(key);
  if (!dir) {
    dir = mkdtempSync(join(tmpdir(), 'fw-ext-'));
    cpSync(build, dir, { recursive: true });
    const path = join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    grant(manifest, [...hosts]);
    writeFileSync(path, JSON.stringify(manifest));
    copies.set(key, dir);
  }
  return dir;
}
