/**
 * Test helper: an adapter's fixture table (which page each saved or reconstructed fixture stands for,
 * and how many elements each selector matches on it) and the tests every adapter runs on it. Each
 * adapter keeps its table in `sites/<crm>/fixtures.ts` so the meta-test (adapters.meta.test.ts) can
 * check every registered adapter has one and that each selector is exercised.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { loadFixture, type TestPage } from './testPage.ts';
import type { SiteAdapter } from './types.ts';

export interface FixtureTable<Selectors extends Readonly<Record<string, string>> = Readonly<Record<string, string>>, Page extends string = string> {
  adapter: SiteAdapter;
  /** The adapter's selectors object (the same object as adapter.selectors). */
  selectors: Selectors;
  /** The fixtures folder: `new URL('./fixtures/', import.meta.url)`. */
  dir: URL;
  /** Each fixture (`<name>.html`) and the URL it stands for. */
  pages: Readonly<Record<Page, string>>;
  /** How many elements each selector matches on each fixture. */
  counts: { readonly [S in keyof Selectors]: Readonly<Record<Page, number>> };
  /** What the provenance comment at the top of every fixture must say. */
  provenance: RegExp;
}

export function defineFixtures<Selectors extends Readonly<Record<string, string>>, Page extends string>(
  table: FixtureTable<Selectors, Page>,
): FixtureTable<Selectors, Page> {
  return table;
}

export const fixtureFile = (table: FixtureTable, name: string) => new URL(`${name}.html`, table.dir);

export function openFixture(table: FixtureTable, name: string, url = table.pages[name]!): TestPage {
  return loadFixture(fixtureFile(table, name), url);
}

/** The HTML files in the fixtures folder, by name. */
export function fixtureNames(table: FixtureTable): string[] {
  return readdirSync(fileURLToPath(table.dir))
    .filter((file) => file.endsWith('.html'))
    .map((file) => file.slice(0, -'.html'.length))
    .sort();
}

/** The tests every adapter runs on its fixtures: selector counts, the table's completeness, provenance. */
export function describeFixtures(table: FixtureTable): void {
  describe(`${table.adapter.name}: selectors on the fixtures`, () => {
    // Parsed once per fixture: these tests only read.
    const parsed = new Map<string, TestPage>();
    const parse = (name: string) => parsed.get(name) ?? parsed.set(name, openFixture(table, name)).get(name)!;
    afterAll(async () => {
      await Promise.all([...parsed.values()].map((page) => page.close()));
    });

    const rows = Object.entries(table.counts).flatMap(([selector, counts]) =>
      Object.entries(counts as Record<string, number>).map(([name, count]) => ({ selector, name, count })),
    );
    test.each(rows)('$selector matches $count on $name', ({ selector, name, count }) => {
      expect(parse(name).doc.querySelectorAll(table.selectors[selector]!)).toHaveLength(count);
    });

    test('every selector is in the table, with a count for every fixture', () => {
      expect(Object.keys(table.counts).sort()).toEqual(Object.keys(table.selectors).sort());
      for (const counts of Object.values(table.counts)) {
        expect(Object.keys(counts as Record<string, number>).sort()).toEqual(Object.keys(table.pages).sort());
      }
    });

    test('every fixture in the folder is in the table', () => {
      expect(fixtureNames(table)).toEqual(Object.keys(table.pages).sort());
    });

    test.each(Object.keys(table.pages))('%s starts with a comment stating where it came from', (name) => {
      const html = readFileSync(fixtureFile(table, name), 'utf8');
      const comment = /^<!--([^]*?)-->\n<!DOCTYPE html>/i.exec(html);
      expect(comment, 'a provenance comment, then the doctype').not.toBeNull();
      expect(comment![1]).toMatch(table.provenance);
    });
  });
}

/** Does a WebExtension match pattern cover this URL? (Enough of the syntax for the adapters' patterns.) */
export function matchPatternCovers(pattern: string, href: string): boolean {
  if (pattern === '<all_urls>') return /^(?:https?|wss?|file|ftp):/.test(href);
  const parts = /^(\*|https?|wss?|file|ftp):\/\/(\*|\*\.[^/*]+|[^/*]*)(\/.*)$/.exec(pattern);
  if (!parts) throw new Error(`not a match pattern: ${pattern}`);
  const [, scheme, host, path] = parts as unknown as [string, string, string, string];
  const url = new URL(href);
  const urlScheme = url.protocol.slice(0, -1);
  if (scheme === '*' ? !['http', 'https', 'ws', 'wss'].includes(urlScheme) : scheme !== urlScheme) return false;
  if (host !== '*') {
    if (host.startsWith('*.')) {
      const domain = host.slice(2);
      if (url.hostname !== domain && !url.hostname.endsWith(`.${domain}`)) return false;
    } else if (url.hostname !== host) return false;
  }
  const glob = new RegExp(`^${path.split('*').map((piece) => piece.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return glob.test(url.pathname + url.search);
}

/**
 * The provenance every reconstructed fixture states: the product, that it was rebuilt by hand (not
 * saved from a live instance), from what public material, and the page URL it stands for.
 */
export function reconstructedFrom(product: string): RegExp {
  const escaped = product.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${escaped}[^]*RECONSTRUCTED, not saved from a live[^]*public (?:documentation|source)[^]*Page URL: (?:https?://|\\(none\\))`);
}
