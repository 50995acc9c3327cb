import { fakeBrowser } from 'wxt/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { addEnabledSite, ENABLED_SITES_KEY, loadEnabledSites, matchPatternFor, MAX_SITES, removeEnabledSite, siteOrigin } from './sites.ts';

beforeEach(() => fakeBrowser.reset());

describe('siteOrigin', () => {
  it.each([
    ['https://support.example.com/Ticket/Display.html?id=4', 'https://support.example.com'],
    ['  http://127.0.0.1:8971/ ', 'http://127.0.0.1:8971'],
    ['https://acme.zendesk.com', 'https://acme.zendesk.com'],
  ])('%s -> %s', (input, origin) => {
    expect(siteOrigin(input)).toEqual({ ok: true, origin });
  });

  it.each(['support.example.com', 'file:///tmp/x.html', 'chrome://extensions', ''])('refuses %j with a reason', (input) => {
    const checked = siteOrigin(input);
    expect(checked.ok).toBe(false);
    expect(checked.ok ? '' : checked.reason).toMatch(/\w/);
  });
});

describe('matchPatternFor', () => {
  it("keeps the port in Chrome's pattern; Firefox's patterns cannot name one", () => {
    expect(matchPatternFor('http://127.0.0.1:8971', false)).toBe('http://127.0.0.1:8971/*');
    expect(matchPatternFor('http://127.0.0.1:8971', true)).toBe('http://127.0.0.1/*');
    expect(matchPatternFor('https://acme.zendesk.com', false)).toBe('https://acme.zendesk.com/*');
  });
});

describe('the enabled list', () => {
  it('adds once, sorted, and removes', async () => {
    expect(await loadEnabledSites()).toEqual([]);
    await addEnabledSite('https://b.example.com');
    await addEnabledSite('https://a.example.com');
    expect(await addEnabledSite('https://b.example.com')).toEqual(['https://a.example.com', 'https://b.example.com']);
    expect(await removeEnabledSite('https://b.example.com')).toEqual(['https://a.example.com']);
    expect(await removeEnabledSite('https://nowhere.example.com')).toEqual(['https://a.example.com']);
  });

  it('a damaged list enables nothing; entries that are not bare origins are dropped', async () => {
    await fakeBrowser.storage.local.set({ [ENABLED_SITES_KEY]: 'https://a.example.com' });
    expect(await loadEnabledSites()).toEqual([]);
    await fakeBrowser.storage.local.set({ [ENABLED_SITES_KEY]: ['https://a.example.com', 'https://b.example.com/path', 'nonsense'] });
    expect(await loadEnabledSites()).toEqual(['https://a.example.com']);
  });

  it(`holds at most ${MAX_SITES} sites`, async () => {
    await fakeBrowser.storage.local.set({ [ENABLED_SITES_KEY]: Array.from({ length: MAX_SITES }, (_, i) => `https://s${i}.example.com`) });
    await expect(addEnabledSite('https://one-more.example.com')).rejects.toThrow(/At most/);
  });
});
