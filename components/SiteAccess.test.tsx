// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { hasSiteAccess } from './siteAccess.ts';
import { SiteAccess } from './SiteAccess.tsx';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('SiteAccess', () => {
  it('asks the browser for the one site beside the panel and reads again when allowed', async () => {
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    const onGranted = vi.fn();
    render(<SiteAccess pageUrl="https://crm.example.com:8443/tickets/7?x=1" onGranted={onGranted} />);
    fireEvent.click(screen.getByRole('button', { name: 'Allow on crm.example.com:8443' }));
    await waitFor(() => expect(onGranted).toHaveBeenCalledTimes(1));
    expect(request).toHaveBeenCalledWith({ origins: ['https://crm.example.com:8443/*'] });
  });

  it('says so when the user declines, and does not read', async () => {
    vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(false);
    const onGranted = vi.fn();
    render(<SiteAccess pageUrl="https://crm.example.com/t/1" onGranted={onGranted} />);
    fireEvent.click(screen.getByRole('button', { name: 'Allow on crm.example.com' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Access to crm.example.com was not granted');
    expect(onGranted).not.toHaveBeenCalled();
  });

  it('shows nothing beside a page that is not a web page', () => {
    const { container } = render(<SiteAccess pageUrl="chrome://extensions" onGranted={() => undefined} />);
    expect(container.innerHTML).toBe('');
  });

  it('checks access by the site pattern', async () => {
    const contains = vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(false);
    expect(await hasSiteAccess('http://127.0.0.1:9000/a')).toBe(false);
    expect(contains).toHaveBeenCalledWith({ origins: ['http://127.0.0.1:9000/*'] });
    expect(await hasSiteAccess('about:blank')).toBeUndefined();
  });
});
