import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adapters } from './registry.ts';
import { adaptersFor, adaptersOfSet, adapterScript, CUSTOM_SCRIPT, offerAdapter, offerAdapters, offeredAdapters, pageAdapterSet } from './pageAdapters.ts';

const ids = (origin: string) => adaptersFor(origin, adapters).map((a) => a.id);

describe('the adapters a site gets', () => {
  it('a self-hosted CRM on any host: Request Tracker, Zammad and the guesser', () => {
    expect(ids('http://127.0.0.1:8971')).toEqual(['request-tracker', 'zammad', 'generic']);
    expect(ids('https://helpdesk.example.org')).toEqual(['request-tracker', 'zammad', 'generic']);
  });

  it("a vendor's host: that vendor's adapter and the guesser", () => {
    expect(ids('https://acme.zendesk.com')).toEqual(['zendesk', 'generic']);
    expect(ids('https://acme.lightning.force.com')).toEqual(['salesforce-service-cloud', 'generic']);
    expect(ids('https://acme.service-now.com')).toEqual(['servicenow', 'generic']);
    expect(ids('https://acme.zammad.com')).toEqual(['zammad', 'generic']);
    expect(ids('https://app.hubspot.com')).toEqual(['hubspot', 'generic']);
  });

  it('a look-alike host is not the vendor', () => {
    expect(ids('https://zendesk.com.evil.example')).toEqual(['request-tracker', 'zammad', 'generic']);
  });
});

describe('adapter page scripts', () => {
  it.each(adapters.map((a) => [a.id]))('%s has its page script, which offers it', (id) => {
    const file = new URL(`../entrypoints/crm-${id}.ts`, import.meta.url);
    expect(adapterScript(id)).toBe(`/crm-${id}.js`);
    expect(existsSync(file), `entrypoints/crm-${id}.ts`).toBe(true);
    expect(readFileSync(file, 'utf8')).toMatch(/defineUnlistedScript\(\(\) => offerAdapter\(\w+\)\)/);
  });

  it("the custom adapters' page script exists", () => {
    expect(CUSTOM_SCRIPT).toBe('/crm-custom.js');
    expect(existsSync(new URL('../entrypoints/crm-custom.ts', import.meta.url))).toBe(true);
  });

  it('an adapter offered twice (a page injected twice) is kept once, in order', () => {
    const [a, b] = adapters;
    offerAdapter(a!);
    offerAdapter(b!);
    offerAdapter(a!);
    expect(offeredAdapters()).toEqual([a, b]);
  });
});

describe('the adapter set for a page: custom adapters first, versions switched off left out', () => {
  const definition = (id: string, over: Partial<{ version: number; matches: string[]; disabled: boolean }> = {}) => ({
    id,
    version: 2,
    matches: ['https://casework.example.org/casework/*'],
    disabled: false,
    ...over,
  });
  const casework = definition('casework');
  const elsewhere = definition('elsewhere', { matches: ['https://other.example.org/*'] });
  const off = (adapterId: string, adapterVersion: number, disabled = true) => ({ adapterId, adapterVersion, disabled });
  const zendesk = adapters.find((a) => a.id === 'zendesk')!;

  it('the custom adapters whose patterns cover the origin take it over: they and the guesser', () => {
    expect(pageAdapterSet('https://casework.example.org', adapters, [casework, elsewhere], [])).toMatchObject({
      custom: [casework],
      scripts: ['/crm-generic.js'],
    });
    expect(pageAdapterSet('https://other.example.org', adapters, [casework], []).scripts).toEqual(['/crm-request-tracker.js', '/crm-zammad.js', '/crm-generic.js']);
  });

  it('a custom adapter turned off, or its version switched off, is left out (the site gets its built-in adapters again); another version of it is not', () => {
    expect(pageAdapterSet('https://casework.example.org', adapters, [{ ...casework, disabled: true }], [])).toMatchObject({
      custom: [],
      scripts: ['/crm-request-tracker.js', '/crm-zammad.js', '/crm-generic.js'],
    });
    expect(pageAdapterSet('https://casework.example.org', adapters, [casework], [off('custom-casework', 2)]).custom).toEqual([]);
    expect(pageAdapterSet('https://casework.example.org', adapters, [casework], [off('custom-casework', 1)]).custom).toEqual([casework]);
    expect(pageAdapterSet('https://casework.example.org', adapters, [casework], [off('custom-casework', 2, false)]).custom).toEqual([casework]);
  });

  it("a built-in version switched off leaves its site to the guesser; the vendor's next version is not affected", () => {
    expect(pageAdapterSet('https://acme.zendesk.com', adapters, [], [off('zendesk', zendesk.version)]).scripts).toEqual(['/crm-generic.js']);
    expect(pageAdapterSet('https://acme.zendesk.com', adapters, [], [off('zendesk', zendesk.version + 1)]).scripts).toEqual([
      '/crm-zendesk.js',
      '/crm-generic.js',
    ]);
  });

  it('a page without an origin gets the guesser only', () => {
    expect(pageAdapterSet('null', adapters, [definition('any', { matches: ['*://*/*'] })], [])).toMatchObject({ custom: [], scripts: ['/crm-generic.js'] });
  });

  it('the set is named by what it holds, so a page holding an older one can be told apart', () => {
    const key = (defs: (typeof casework)[], switches: ReturnType<typeof off>[] = []) => pageAdapterSet('https://casework.example.org', adapters, defs, switches).key;
    expect(key([casework])).toBe(key([{ ...casework }]));
    expect(key([casework])).not.toBe(key([{ ...casework, version: 3 }]));
    expect(key([casework])).not.toBe(key([casework], [off('custom-casework', 2)]));
    const guesser = adapters.find((a) => a.id === 'generic')!;
    expect(key([casework])).not.toBe(key([casework], [off('generic', guesser.version)]));
  });
});

describe('offering adapters', () => {
  it('custom adapters go ahead of those offered before; each id once', () => {
    const [a, b, c] = adapters;
    offerAdapters([a!, b!]);
    offerAdapters([c!, a!], { first: true });
    expect(offeredAdapters().map((x) => x.id)).toEqual([c!.id, a!.id, b!.id]);
  });
});

describe('the adapters of a set, from those in the page', () => {
  const rt = adapters.find((a) => a.id === 'request-tracker')!;
  const generic = adapters.find((a) => a.id === 'generic')!;
  const custom = (version: number) => ({ ...generic, id: 'custom-casework', version });
  const key = (customs: string[], scripts: string[]) => JSON.stringify([customs, scripts]);

  it("in the set's order, leaving out adapters handed over for another set", () => {
    const found = adaptersOfSet(key(['casework@2'], ['/crm-generic.js']), [rt, generic, custom(2)]);
    expect(found?.map((a) => [a.id, a.version])).toEqual([['custom-casework', 2], ['generic', generic.version]]);
  });

  it.each([
    ['a built-in adapter not in the page yet', key([], ['/crm-request-tracker.js', '/crm-generic.js']), [generic]],
    ['a custom adapter at another version', key(['casework@3'], ['/crm-generic.js']), [generic, custom(2)]],
    ['a key that is not one', 'nonsense', [generic]],
  ])('is null for %s', (_name, k, offered) => {
    expect(adaptersOfSet(k, offered)).toBeNull();
  });
});
