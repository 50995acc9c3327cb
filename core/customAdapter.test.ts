import { describe, expect, it } from 'vitest';
import { CustomAdapterPut, MatchPattern, Selector } from './customAdapter.ts';

describe('MatchPattern', () => {
  it.each([
    ['https://crm.example.com/tickets/*', true],
    ['http://127.0.0.1:8123/cases/*', true],
    ['*://desk.example.co.uk/*', true],
    ['https://*.example.com/*', true],
    ['https://*.com/*', false],
    ['https://*/*', false],
    ['<all_urls>', false],
    ['crm.example.com/*', false],
    ['ftp://crm.example.com/*', false],
  ])('%s → %s', (pattern, ok) => {
    expect(MatchPattern.safeParse(pattern).success).toBe(ok);
  });
});

describe('Selector', () => {
  it.each([
    ['h2.case-title', true],
    ['main[data-screen="case"] .msg', true],
    ['div:has(> p)', false],
    ['a { color: red }', false],
    ['   ', false],
  ])('%s → %s', (selector, ok) => {
    expect(Selector.safeParse(selector).success).toBe(ok);
  });
});

describe('CustomAdapterPut', () => {
  const put = { id: 'casework', name: 'Casework', matches: ['https://crm.example.com/cases/*'], contactId: { from: 'url', pattern: '/cases/(\\d{1,12})' }, fields: {} };

  it('accepts a definition and is on unless said otherwise', () => {
    expect(CustomAdapterPut.parse(put).disabled).toBe(false);
  });

  it.each([
    ['an id pattern without a capture group', { contactId: { from: 'url', pattern: '/cases/\\d{1,12}' } }, 'contactId.pattern'],
    ['an unbounded id pattern', { contactId: { from: 'url', pattern: '/cases/(\\d+)' } }, 'contactId.pattern'],
    ['no page pattern', { matches: [] }, 'matches'],
    ['an unknown field', { fields: { colour: 'p' } }, 'fields'],
  ])('refuses %s', (_name, change, path) => {
    const result = CustomAdapterPut.safeParse({ ...put, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});
