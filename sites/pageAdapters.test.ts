import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adapters } from './registry.ts';
import { adaptersFor, adapterScript, offerAdapter, offeredAdapters } from './pageAdapters.ts';

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

  it('an adapter offered twice (a page injected twice) is kept once, in order', () => {
    const [a, b] = adapters;
    offerAdapter(a!);
    offerAdapter(b!);
    offerAdapter(a!);
    expect(offeredAdapters()).toEqual([a, b]);
  });
});
