/**
 * Test helper: an adapter's fixture table (which page each saved or reconstructed fixture stands for,
 * and how many elements each selector matches on it) and the tests every adapter runs on it. Each
 * adapter keeps its table in `sites/<crm>/fixtures.ts` so the meta-test (adapters.meta.test.ts) can
 * check every registered adapter has one and that each selector is exercised.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { loadFixture, loadPage, type TestPage } from './testPage.ts';
import type { PageContact, SiteAdapter } from './types.ts';

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

/**
 * Pages for a test file's own tests: each page opened is closed after the test. Call it at the top of
 * the file (or of a describe).
 */
export function fixturePages<Page extends string>(table: FixtureTable<Readonly<Record<string, string>>, Page>) {
  let opened: TestPage[] = [];
  afterEach(async () => {
    const closing = opened;
    opened = [];
    await Promise.all(closing.map((page) => page.close()));
  });
  const keep = (page: TestPage) => {
    opened.push(page);
    return page;
  };
  return {
    /** A fixture, at the URL it stands for or at another one. */
    open: (name: Page, url: string = table.pages[name]) => keep(openFixture(table, name, url)),
    /** A page of this HTML (none by default) at this URL. */
    load: (url: string, html = '') => keep(loadPage(url, html)),
  };
}

/** Does claims() take a page at this URL (an empty document)? With a third value, the ticket id extract() then reads (null: none). */
export type ClaimCase = readonly [url: string, claimed: boolean] | readonly [url: string, claimed: boolean, ticketId: string | null];

/**
 * What extract() reads off a fixture, at the URL it stands for or another one, after an optional edit
 * (the page as a live CRM may show it: an unassigned ticket, a missing link). At least one of `is`,
 * `has` and `lacks`.
 */
export interface ExtractCase<Page extends string> {
  title: string;
  page: Page;
  url?: string;
  edit?: (doc: Document) => void;
  /** The exact contact, or null for none. */
  is?: PageContact | null;
  /** Fields the contact has, with these values. */
  has?: Partial<PageContact>;
  /** Fields the contact leaves out (the contact itself is there). */
  lacks?: readonly (keyof PageContact)[];
}

/** What the optional readers find on a fixture. */
export interface Readings {
  status: string | null;
  conversation: readonly string[];
  /** The reply editor, by its text or id; null for none. */
  editor: { text?: string; id?: string } | null;
}

export interface AdapterCases<Page extends string> {
  /** claims() by URL alone, on empty documents: the CRM's pages, prefixes, look-alike hosts and paths. */
  claims: readonly ClaimCase[];
  /** claims() on fixtures, at the URL each stands for. */
  claimsFixtures?: Readonly<Partial<Record<Page, boolean>>>;
  /** The adapter's exported URL parser, and the id it reads from each URL (undefined: none). */
  urlIds?: { of: (url: URL) => string | undefined; urls: ReadonlyArray<readonly [url: string, id: string | undefined]> };
  extract?: readonly ExtractCase<Page>[];
  /** Fixtures where extract() finds no contact, at the URL each stands for or at others. */
  noContact?: ReadonlyArray<readonly [page: Page, url?: string]>;
  /** What the optional readers find on fixtures; null: nothing (no status, no messages, no editor). */
  readers?: Readonly<Partial<Record<Page, Readings | null>>>;
}

/**
 * The tests of an adapter, from its fixture table and its cases: describeFixtures(), then claims(), the
 * URL parser, extract() and the optional readers, each case a test. A test file adds the cases that do
 * not fit a table (pages built in the test, frames, several steps).
 */
export function describeAdapter<Page extends string>(table: FixtureTable<Readonly<Record<string, string>>, Page>, cases: AdapterCases<Page>): void {
  const { adapter } = table;
  describeFixtures(table);
  const { open, load } = fixturePages(table);

  describe(`${adapter.name}: claims`, () => {
    for (const [url, claimed, ticketId] of cases.claims) {
      const id = ticketId === undefined ? '' : `, ticket ${ticketId}`;
      test(`${url}: ${claimed ? 'claimed' : 'not claimed'}${id}`, () => {
        const { doc, url: pageUrl } = load(url);
        expect(adapter.claims(doc, pageUrl)).toBe(claimed);
        // extract() is only asked about pages its adapter claims.
        if (ticketId !== undefined && claimed) expect(adapter.extract(doc, pageUrl)?.ticketId ?? null).toBe(ticketId);
      });
    }
    for (const [name, claimed] of Object.entries(cases.claimsFixtures ?? {}) as [Page, boolean][]) {
      test(`the ${name} fixture: ${claimed ? 'claimed' : 'not claimed'}`, () => {
        const { doc, url } = open(name);
        expect(adapter.claims(doc, url)).toBe(claimed);
      });
    }
  });

  if (cases.urlIds) {
    const { of, urls } = cases.urlIds;
    describe(`${adapter.name}: the ticket id from the URL (${of.name})`, () => {
      test.each(urls)('%s -> %s', (url, id) => {
        expect(of(new URL(url))).toBe(id);
      });
    });
  }

  describe(`${adapter.name}: extract`, () => {
    for (const { title, page: name, url, edit, is, has, lacks } of cases.extract ?? []) {
      if (is === undefined && !has && !lacks?.length) throw new Error(`${adapter.id}: extract case "${title}" expects nothing`);
      test(title, () => {
        const page = open(name, url);
        edit?.(page.doc);
        const contact = adapter.extract(page.doc, page.url);
        if (is !== undefined) expect(contact).toEqual(is);
        if (has) expect(contact).toMatchObject(has);
        if (lacks?.length && is === undefined) expect(contact, 'a contact').not.toBeNull();
        for (const field of lacks ?? []) expect(contact).not.toHaveProperty(field);
      });
    }
    for (const [name, url = table.pages[name]] of cases.noContact ?? []) {
      test(`${name} at ${url}: no contact`, () => {
        const page = open(name, url);
        expect(adapter.extract(page.doc, page.url)).toBeNull();
      });
    }
  });

  if (cases.readers) {
    describe(`${adapter.name}: status, conversation and reply editor`, () => {
      for (const [name, readings] of Object.entries(cases.readers!) as [Page, Readings | null][]) {
        test(readings ? `on ${name}` : `nothing on ${name}`, () => {
          const { doc, url } = open(name);
          const expected = readings ?? { status: null, conversation: [], editor: null };
          expect(adapter.readStatus?.(doc, url)).toBe(expected.status);
          expect(adapter.readConversation?.(doc, url)).toEqual(expected.conversation);
          const editor = adapter.replyEditor?.(doc, url);
          if (!expected.editor) {
            expect(editor).toBeNull();
            return;
          }
          expect(editor?.tagName === 'TEXTAREA' || editor?.getAttribute('contenteditable') === 'true', 'a textarea or contenteditable').toBe(true);
          if (expected.editor.text !== undefined) expect(editor?.textContent).toBe(expected.editor.text);
          if (expected.editor.id !== undefined) expect(editor?.id).toBe(expected.editor.id);
        });
      }
    });
  }
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
