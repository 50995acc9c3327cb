// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { call } from './client.ts';
import { pageOrigin } from './siteAccess.ts';
import { SiteGuards } from './SiteGuards.tsx';

vi.mock('./client.ts', () => ({ call: vi.fn() }));

const RT = 'https://rt.example.com';

beforeEach(() => {
  fakeBrowser.reset();
  vi.mocked(call).mockClear();
  let sites: string[] = [];
  vi.mocked(call).mockImplementation((async (name: string, request: { origin?: string }) => {
    if (name === 'sites:enable') sites = [...sites, request.origin!];
    if (name === 'sites:disable') sites = sites.filter((s) => s !== request.origin);
    return sites;
  }) as never);
});
afterEach(cleanup);

describe('guarded sites', () => {
  it.each([
    ['https://rt.example.com/Ticket/Display.html?id=4', RT],
    ['http://127.0.0.1:8080/x', 'http://127.0.0.1:8080'],
    ['chrome://extensions', undefined],
    ['not a url', undefined],
    [undefined, undefined],
  ])('the site of %s is %s', (url, origin) => {
    expect(pageOrigin(url)).toBe(origin);
  });

  it('turns the guard on for the page beside the panel once the browser grants access, and off again', async () => {
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    render(<SiteGuards pageUrl={`${RT}/Ticket/Display.html?id=4`} />);
    fireEvent.click(await screen.findByRole('button', { name: `Turn on for ${RT}` }));
    await screen.findByRole('button', { name: `Turn off for ${RT}` });
    expect(request).toHaveBeenCalledWith({ origins: [`${RT}/*`] });
    expect(screen.getByRole('status').textContent).toBe(`Reply guard and prompts are on for ${RT}.`);
    fireEvent.click(screen.getByRole('button', { name: `Turn off for ${RT}` }));
    await screen.findByRole('button', { name: `Turn on for ${RT}` });
  });

  it('says so, and enables nothing, when access is refused', async () => {
    vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(false);
    render(<SiteGuards pageUrl={`${RT}/`} />);
    fireEvent.click(await screen.findByRole('button', { name: `Turn on for ${RT}` }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/was not granted/));
    expect(vi.mocked(call).mock.calls.some(([name]) => name === 'sites:enable')).toBe(false);
  });
});

describe('the access asked for a site with a port', () => {
  const DEMO = 'http://127.0.0.1:8787';
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  /** The build's flag is a constant; Firefox's build is stood in for by stubbing it and importing afresh. */
  async function askedFor(firefox: boolean): Promise<unknown> {
    if (firefox) vi.stubEnv('FIREFOX', 'true');
    vi.resetModules();
    const { SiteGuards: Fresh } = await import('./SiteGuards.tsx');
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    render(<Fresh pageUrl={`${DEMO}/demo/tickets/1042`} />);
    fireEvent.click(await screen.findByRole('button', { name: `Turn on for ${DEMO}` }));
    await screen.findByRole('button', { name: `Turn off for ${DEMO}` });
    return request.mock.calls[0]![0];
  }

  it('is the origin with its port in Chrome', async () => {
    expect(await askedFor(false)).toEqual({ origins: [`${DEMO}/*`] });
  });

  // A pattern with a port is granted by Firefox but matches no page: the background's check
  // (guardSites.ts hostAccess, the host's pattern) would then refuse the site.
  it('is the host, every port, in Firefox', async () => {
    expect(await askedFor(true)).toEqual({ origins: ['http://127.0.0.1/*'] });
  });
});
