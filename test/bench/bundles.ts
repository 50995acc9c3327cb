/**
 * Gzipped sizes of what a page load costs in bytes: the page scripts a CRM page gets (the reader or
 * the in-page guard, with the adapter scripts of its site), and everything sidepanel.html loads (its
 * scripts, the chunks they import statically, its stylesheets).
 */
import { readFileSync } from 'node:fs';
import { adapterScript, adaptersFor, CUSTOM_SCRIPT, pageAdapterSet } from '../../sites/pageAdapters.ts';
import { adapters } from '../../sites/registry.ts';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

const gzipBytes = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Root-relative paths of the scripts, module preloads and stylesheets an HTML page references. */
function htmlAssets(html: string, htmlPath: string): string[] {
  const refs = [...html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
  return refs.filter((ref) => !/^[a-z]+:/i.test(ref)).map((ref) => resolve(htmlPath, ref));
}

/** Static imports of a built ES module (`import … from "./x.js"`, `import "./x.js"`, `export … from`), not import(). */
function staticImports(code: string, modulePath: string): string[] {
  const specs = [...code.matchAll(/\b(?:import|export)\s*(?:[\w${},*\s]+?\s*from\s*)?["']([^"']+)["']/g)].map((m) => m[1]!);
  return specs.filter((spec) => spec.startsWith('.') || spec.startsWith('/')).map((spec) => resolve(modulePath, spec));
}

/** A reference resolved against the file it appears in, as a path from the build root. */
function resolve(from: string, ref: string): string {
  return ref.startsWith('/') ? posix.normalize(ref.slice(1)) : posix.join(posix.dirname(from), ref);
}

/** Every file `entryHtml` loads, following static imports transitively. */
export function pageFiles(buildDir: string, entryHtml: string): string[] {
  const seen = new Set<string>();
  const queue = htmlAssets(readFileSync(join(buildDir, entryHtml), 'utf8'), entryHtml);
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (file.endsWith('.js')) queue.push(...staticImports(readFileSync(join(buildDir, file), 'utf8'), file));
  }
  return [...seen].sort();
}

export function measureBundles(buildDir: string) {
  const panelFiles = pageFiles(buildDir, 'sidepanel.html');
  const files = Object.fromEntries(panelFiles.map((file) => [file, gzipBytes(join(buildDir, file))]));
  // The heaviest site: a vendor's host (its adapter and the guesser) or a self-hosted CRM's (every
  // adapter that runs on any host).
  const sites = ['https://example.zendesk.com', 'https://example.service-now.com', 'https://rt.example.test'];
  const scriptBytes = (files: string[]) => files.reduce((sum, file) => sum + gzipBytes(join(buildDir, file.slice(1))), 0);
  // A site the organisation wrote its own adapter for gets crm-custom.js and the guesser instead (pageAdapterSet).
  const custom = pageAdapterSet('https://casework.example.org', adapters, [{ id: 'casework', version: 1, matches: ['https://casework.example.org/*'], disabled: false }], []);
  const adapterBytes = Math.max(
    scriptBytes([CUSTOM_SCRIPT, ...custom.scripts]),
    ...sites.map((site) => scriptBytes(adaptersFor(site, adapters).map((a) => adapterScript(a.id)))),
  );
  const reader = gzipBytes(join(buildDir, 'reader.js'));
  const guard = gzipBytes(join(buildDir, 'guard.js'));
  return {
    // What a CRM page carries at most: the in-page guard (on enabled sites) or the reader (injected
    // when the panel asks about the tab), with its site's adapter scripts.
    contentScriptGzipBytes: Math.max(reader, guard) + adapterBytes,
    contentScriptParts: { readerGzipBytes: reader, guardGzipBytes: guard, siteAdaptersGzipBytes: adapterBytes },
    sidePanelGzipBytes: Object.values(files).reduce((a, b) => a + b, 0),
    sidePanelFiles: files,
  };
}
