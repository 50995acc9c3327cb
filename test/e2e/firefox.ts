import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { buildGranting, TEST_HOSTS } from './grantHosts.ts';

export const FIREFOX_BUILD = resolve('.output/firefox-mv2');
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const ADDON_ID = 'floorwalker@floorwalker.dev';
/** A fixed moz-extension:// host, so tests know the panel's URL before installing. */
export const FIREFOX_UUID = '6f3c1d2e-8a4b-4c5d-9e6f-7a8b9c0d1e2f';

export interface FirefoxWithExtension {
  browser: Browser;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Firefox (MV2) reads granted hosts from `permissions`, where they are granted at install; the
 * add-on id stays the one in browser_specific_settings, so the fixed UUID below still applies.
 */
const granting = (hosts: readonly string[]) =>
  buildGranting(FIREFOX_BUILD, hosts, (manifest, granted) => {
    manifest.permissions = [...((manifest.permissions as string[] | undefined) ?? []), ...granted];
  });

/**
 * Firefox ESR over WebDriver BiDi with the unpacked Firefox build installed. Host access to the
 * suite's own servers is granted unless `grantHosts` says otherwise ([] for none).
 */
export async function launchFirefox({ grantHosts = TEST_HOSTS }: { grantHosts?: readonly string[] } = {}): Promise<FirefoxWithExtension> {
  const build = granting(grantHosts);
  const profile = mkdtempSync(join(tmpdir(), 'fw-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: FIREFOX_UUID }),
      'network.proxy.type': 0,
      'app.update.enabled': false,
      'browser.shell.checkDefaultBrowser': false,
    },
  });
  await browser.installExtension(build);
  return {
    browser,
    baseUrl: `moz-extension://${FIREFOX_UUID}`,
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Open an extension page. Awaiting goto on moz-extension:// hangs, so wait for content instead. */
export async function openExtensionPage(ff: FirefoxWithExtension, path: string, ready: string): Promise<Page> {
  const page = await ff.browser.newPage();
  void page.goto(`${ff.baseUrl}/${path}`).catch(() => undefined);
  await page.waitForSelector(ready, { timeout: 30_000 });
  return page;
}
