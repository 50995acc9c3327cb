import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildGranting, TEST_HOSTS } from './grantHosts.ts';

export const CHROME_BUILD = resolve('.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Flags from TOOLCHAIN.md: without the networking ones Chromium floods the closed network.
// Exported so a browser without the extension (a baseline) can be launched the same way.
export const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--remote-debugging-port=0',
];

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  profileDir: string;
  /** Close the browser; the profile stays for a restart unless `removeProfile`. */
  close(opts?: { removeProfile?: boolean }): Promise<void>;
  /** A CDP connection that sees every target, the real side panel included. */
  cdp(): Promise<Browser>;
}

export { TEST_HOSTS };

/** Chromium (MV3) reads granted hosts from host_permissions. */
const granting = (hosts: readonly string[]) =>
  buildGranting(CHROME_BUILD, hosts, (manifest, granted) => {
    manifest.host_permissions = granted;
  });

/**
 * Launch Debian's Chromium with the built extension, in a new or an existing profile. Host access
 * to the suite's own servers is granted unless `grantHosts` says otherwise ([] for none).
 */
export async function launchWithExtension(
  profileDir = mkdtempSync(join(tmpdir(), 'fw-chrome-')),
  { grantHosts = TEST_HOSTS }: { grantHosts?: readonly string[] } = {},
): Promise<ExtensionBrowser> {
  const build = granting(grantHosts);
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [`--disable-extensions-except=${build}`, `--load-extension=${build}`, ...FLAGS],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  let over: Browser | undefined;
  return {
    context,
    extensionId,
    profileDir,
    async cdp() {
      if (over) return over;
      const [port] = readFileSync(join(profileDir, 'DevToolsActivePort'), 'utf8').split('\n');
      over = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
      return over;
    },
    async close(opts) {
      await over?.close().catch(() => undefined);
      await context.close();
      if (opts?.removeProfile) rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/**
 * Open the real side panel beside `tab`. sidePanel.open() needs a user gesture, which a CDP
 * evaluation with userGesture provides on one of the extension's own pages.
 */
export async function openSidePanel(b: ExtensionBrowser, tab: Page): Promise<Page> {
  const helper = await b.context.newPage();
  await helper.goto(`chrome-extension://${b.extensionId}/report.html`);
  const tabId = (await helper.evaluate(
    `chrome.tabs.query({}).then((tabs) => tabs.find((t) => t.url === ${JSON.stringify(tab.url())}).id)`,
  )) as number;
  const session = await b.context.newCDPSession(helper);
  const r = await session.send('Runtime.evaluate', {
    expression: `chrome.sidePanel.open({ tabId: ${tabId} }).then(() => 'opened')`,
    userGesture: true,
    awaitPromise: true,
  });
  if (r.exceptionDetails) throw new Error(`sidePanel.open failed: ${JSON.stringify(r.exceptionDetails)}`);
  await helper.close();
  await tab.bringToFront();
  return findPanel(b);
}

/** The side panel document, found over CDP (it is not one of the context's tabs). */
export async function findPanel(b: ExtensionBrowser, timeoutMs = 15_000): Promise<Page> {
  const url = `chrome-extension://${b.extensionId}/sidepanel.html`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const browser = await b.cdp();
    for (const ctx of browser.contexts()) {
      const page = ctx.pages().find((p) => p.url().startsWith(url));
      if (page) return page;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('The side panel did not open');
}
