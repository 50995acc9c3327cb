/**
 * Checks every registered site adapter against the house rules in sites/README.md: metadata, fixtures
 * with their provenance, selectors exercised on fixtures, a README section, registration, and a
 * registry that stays light enough for the CRM page (no zod).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { fixtureNames, matchPatternCovers, openFixture, type FixtureTable } from './fixtureTesting.ts';
import { pickContact } from './pick.ts';
import { adapters, readCandidates } from './registry.ts';
import type { TestPage } from './testPage.ts';
import type { SiteAdapter } from './types.ts';

const SITES = fileURLToPath(new URL('./', import.meta.url));
const NOW = new Date('2026-03-02T09:30:00.000Z');

/** Adapter folders: sites/<crm>/ with an index.ts. */
const folders = readdirSync(SITES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(SITES, entry.name, 'index.ts')))
  .map((entry) => entry.name)
  .sort();

const tables = new Map<string, FixtureTable>();
beforeAll(async () => {
  for (const folder of folders) {
    const file = join(SITES, folder, 'fixtures.ts');
    if (!existsSync(file)) continue;
    const module = (await import(pathToFileURL(file).href)) as { fixtures: FixtureTable };
    tables.set(folder, module.fixtures);
  }
});

function folderOf(adapter: SiteAdapter): string {
  const found = [...tables].find(([, table]) => table.adapter === adapter);
  if (!found) throw new Error(`no sites/<crm>/fixtures.ts names adapter ${adapter.id}`);
  return found[0];
}
const tableOf = (adapter: SiteAdapter) => tables.get(folderOf(adapter))!;

/** Every fixture of every adapter, parsed once. */
const parsed = new Map<string, TestPage>();
function fixturePage(adapter: SiteAdapter, name: string): TestPage {
  const key = `${adapter.id}/${name}`;
  return parsed.get(key) ?? parsed.set(key, openFixture(tableOf(adapter), name)).get(key)!;
}
afterAll(async () => {
  await Promise.all([...parsed.values()].map((page) => page.close()));
});

/** What the adapter itself reads off a fixture: a contact, or null when it does not claim it or finds none. */
function ownReading(adapter: SiteAdapter, name: string) {
  const { doc, url } = fixturePage(adapter, name);
  return adapter.claims(doc, url) ? adapter.extract(doc, url) : null;
}

describe('registration', () => {
  test('every adapter folder has a fixture table and its adapter is registered; nothing else is', () => {
    expect([...tables.keys()].sort()).toEqual(folders);
    expect([...tables.values()].map((table) => table.adapter).sort(byId)).toEqual([...adapters].sort(byId));
  });
});

const byId = (a: SiteAdapter, b: SiteAdapter) => a.id.localeCompare(b.id);

describe.each(adapters.map((adapter) => [adapter.id, adapter] as const))('%s', (_, adapter) => {
  test('metadata: id, name, version, match patterns, selectors', () => {
    // adapterId and crm are stored with every contact, within ContactReference's limits.
    expect(adapter.id).toMatch(/^[a-z][a-z0-9-]{0,59}$/);
    expect(adapter.name.trim()).not.toBe('');
    expect(adapter.name.length).toBeLessThanOrEqual(80);
    expect(Number.isInteger(adapter.version) && adapter.version >= 1).toBe(true);
    expect(adapter.matches.length).toBeGreaterThan(0);
    for (const pattern of adapter.matches) expect(() => matchPatternCovers(pattern, 'https://example.com/'), pattern).not.toThrow();
    expect(Object.keys(adapter.selectors).length).toBeGreaterThan(0);
    for (const selector of Object.values(adapter.selectors)) expect(selector.trim()).not.toBe('');
  });

  test('fixtures: at least two, all in the table, a page with a contact and a page without', () => {
    const table = tableOf(adapter);
    expect(table.selectors).toBe(adapter.selectors);
    expect(fixtureNames(table)).toEqual(Object.keys(table.pages).sort());
    expect(fixtureNames(table).length).toBeGreaterThanOrEqual(2);
    const readings = Object.keys(table.pages).map((name) => ownReading(adapter, name));
    expect(readings.some((contact) => contact !== null), 'a fixture with a contact').toBe(true);
    expect(readings.some((contact) => contact === null), 'a fixture without one').toBe(true);
  });

  test("every fixture the adapter claims is at a URL its match patterns cover", () => {
    for (const [name, url] of Object.entries(tableOf(adapter).pages)) {
      const { doc } = fixturePage(adapter, name);
      if (!adapter.claims(doc, new URL(url))) continue;
      expect(adapter.matches.some((pattern) => matchPatternCovers(pattern, url)), `${name}: ${url}`).toBe(true);
    }
  });

  test('each fixture with a contact is read through the registry by this adapter, and passes the schema', () => {
    for (const name of Object.keys(tableOf(adapter).pages)) {
      if (!ownReading(adapter, name)) continue;
      const { doc, url } = fixturePage(adapter, name);
      expect(readCandidates(doc, url, NOW)[0]?.adapterId, name).toBe(adapter.id);
      expect(pickContact(readCandidates(doc, url, NOW))?.adapterId, name).toBe(adapter.id);
    }
  });

  test('every selector is exercised: counted on every fixture by its test, matching on at least one', () => {
    const table = tableOf(adapter);
    expect(Object.keys(table.counts).sort()).toEqual(Object.keys(adapter.selectors).sort());
    for (const [selector, counts] of Object.entries(table.counts)) {
      const total = Object.values(counts as Record<string, number>).reduce((sum, count) => sum + count, 0);
      expect(total, `${selector} matches nothing on any fixture`).toBeGreaterThan(0);
    }
    const testFile = join(SITES, folderOf(adapter), 'index.test.ts');
    expect(existsSync(testFile), 'an index.test.ts').toBe(true);
    // describeAdapter() runs describeFixtures() and the adapter's table-driven cases.
    expect(readFileSync(testFile, 'utf8')).toMatch(/describe(?:Fixtures|Adapter)\(fixtures\b/);
  });

  test('its optional readers find something on some fixture', () => {
    const names = Object.keys(tableOf(adapter).pages);
    const read = <T>(reader: (doc: Document, url: URL) => T) =>
      names.map((name) => {
        const { doc, url } = fixturePage(adapter, name);
        return adapter.claims(doc, url) ? reader(doc, url) : null;
      });
    if (adapter.readConversation) expect(read(adapter.readConversation).some((messages) => (messages?.length ?? 0) > 0)).toBe(true);
    if (adapter.readStatus) expect(read(adapter.readStatus).some((status) => !!status)).toBe(true);
    if (adapter.replyEditor) {
      const editors = read(adapter.replyEditor).filter((editor) => editor !== null);
      expect(editors.length).toBeGreaterThan(0);
      for (const editor of editors) {
        expect(editor!.tagName === 'TEXTAREA' || editor!.getAttribute('contenteditable') === 'true').toBe(true);
      }
    }
  });

  test('a section in sites/README.md, and its folder in the README tree', () => {
    const readme = readFileSync(join(SITES, 'README.md'), 'utf8');
    const headings = readme.split('\n').filter((line) => line.startsWith('## '));
    expect(headings.some((heading) => heading.startsWith(`## ${adapter.name}`)), `## ${adapter.name} …`).toBe(true);
    expect(readme).toMatch(new RegExp(`^\\s+${folderOf(adapter)}/\\s`, 'm'));
  });
});

describe('the registry stays light for the CRM page', () => {
  /** The modules a file loads at run time: value imports and re-exports, not `import type`. */
  function runtimeImports(file: string): string[] {
    const source = readFileSync(file, 'utf8');
    const specifiers = [...source.matchAll(/^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
    return specifiers;
  }

  test('nothing reached from registry.ts, the custom adapters or the element picker loads zod (or a module that does)', () => {
    const seen = new Set<string>();
    const queue = ['registry.ts', 'custom.ts', 'selectorFor.ts', 'pageAdapters.ts'].map((file) => resolve(SITES, file));
    const offenders: string[] = [];
    while (queue.length) {
      const file = queue.shift()!;
      if (seen.has(file)) continue;
      seen.add(file);
      for (const specifier of runtimeImports(file)) {
        if (!specifier.startsWith('.')) {
          if (specifier === 'zod' || specifier.startsWith('zod/')) offenders.push(`${relative(SITES, file)} imports ${specifier}`);
          continue;
        }
        const target = resolve(dirname(file), specifier);
        if (/[/\\]core[/\\](?:z|contact)\.ts$/.test(target)) offenders.push(`${relative(SITES, file)} imports ${specifier}`);
        queue.push(target);
      }
    }
    expect(offenders).toEqual([]);
    // Sanity: the walk did reach the adapters.
    expect([...seen].some((file) => file.endsWith(join('zendesk', 'index.ts')))).toBe(true);
  });
});
