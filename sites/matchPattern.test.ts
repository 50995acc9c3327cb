import { describe, expect, it } from 'vitest';
import { matchesPattern, patternCoversOrigin } from './matchPattern.ts';

const CASES = 'https://casework.example.org/casework/cases/*';

describe('match patterns', () => {
  it.each([
    [CASES, 'https://casework.example.org/casework/cases/88123', true],
    [CASES, 'https://casework.example.org/casework/cases/88123?tab=notes#top', true],
    [CASES, 'https://casework.example.org/casework/reports', false],
    [CASES, 'http://casework.example.org/casework/cases/88123', false],
    [CASES, 'https://casework.example.org.evil.test/casework/cases/1', false],
    ['*://*.example.org/*', 'http://casework.example.org/x', true],
    ['*://*.example.org/*', 'https://example.org/', true],
    ['*://*.example.org/*', 'ftp://example.org/', false],
    ['*://*.example.org/*', 'https://notexample.org/', false],
    // A host without a port is every port; with one, that port only.
    ['http://127.0.0.1/cases/*', 'http://127.0.0.1:8123/cases/1', true],
    ['http://127.0.0.1:8123/cases/*', 'http://127.0.0.1:8123/cases/1', true],
    ['http://127.0.0.1:8123/cases/*', 'http://127.0.0.1:8124/cases/1', false],
    ['https://crm.example.com:443/*', 'https://crm.example.com/x', true],
    // The path includes the query, never the hash.
    ['https://crm.example.com/view?case=*', 'https://crm.example.com/view?case=7', true],
    ['https://crm.example.com/view*case=7', 'https://crm.example.com/view#case=7', false],
    ['<all_urls>', 'http://anything.test/', true],
    ['not a pattern', 'https://crm.example.com/', false],
  ])('%s on %s: %s', (pattern, url, expected) => {
    expect(matchesPattern(pattern, new URL(url))).toBe(expected);
  });

  it('a pattern full of stars cannot make matching slow', () => {
    const pattern = `https://crm.example.com/${'*a'.repeat(100)}`;
    const url = new URL(`https://crm.example.com/${'a'.repeat(2000)}b`);
    const start = performance.now();
    expect(matchesPattern(pattern, url)).toBe(false);
    expect(performance.now() - start).toBeLessThan(200);
  });

  it.each([
    [CASES, 'https://casework.example.org', true],
    [CASES, 'https://other.example.org', false],
    ['http://127.0.0.1:8123/*', 'http://127.0.0.1:8123', true],
    ['http://127.0.0.1:8123/*', 'http://127.0.0.1:9000', false],
  ])('%s covers the origin %s: %s', (pattern, origin, expected) => {
    expect(patternCoversOrigin(pattern, new URL(origin))).toBe(expected);
  });
});
