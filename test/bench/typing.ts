/**
 * What the in-page guard costs an agent typing a reply: the guard is turned on for the page's site
 * (as a user does under Account), a 5,000-character reply is pasted into the page's reply box and
 * then typed on, key by key, and the long tasks (50 ms and over) the page has meanwhile are counted,
 * against the same typing in a browser without the extension. Budget: none added. A card number is
 * typed last, and the guard must show its prompt for it: proof it was running all along.
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { ExtensionBrowser } from '../e2e/chromium.ts';
import { callBackground } from '../e2e/panelDriver.ts';
import { HOST_TAG } from '../../entrypoints/guard/panel.ts';
import { log } from './util.ts';

const KEYSTROKES = 200;
const BASE_REPLY = 'Thank you for your patience while we look into the duplicate payment on your March bill. '.repeat(60).slice(0, 5000);
const CARD = ' 4111 1111 1111 1111';

export interface TypingFigures {
  keystrokes: number;
  replyChars: number;
  longTasks: { withExtension: number; without: number; added: number };
  /** The guard showed its prompt for the card number typed at the end. */
  guardRan: boolean;
}

const COUNT_LONG_TASKS = `(() => {
  window.__fwTypingLongTasks = 0;
  new PerformanceObserver((list) => { window.__fwTypingLongTasks += list.getEntries().length; }).observe({ type: 'longtask' });
})()`;
type BenchWindow = Window & { __fwTypingLongTasks?: number };

/** Type into the page's reply box; the long tasks counted from the first key to a second after the last. */
async function typeReply(context: BrowserContext, url: string): Promise<{ page: Page; longTasks: number }> {
  const page = await context.newPage();
  await page.goto(url);
  // Let the page and anything injected into it settle, then count from here.
  await page.waitForTimeout(1500);
  await page.evaluate(COUNT_LONG_TASKS);
  const box = page.locator('textarea[name=reply]');
  await box.fill(BASE_REPLY);
  await box.press('End');
  for (let i = 0; i < KEYSTROKES; i++) await page.keyboard.type('abcdefghij'[i % 10]!);
  await page.keyboard.type(CARD);
  await page.waitForTimeout(1000);
  const longTasks = await page.evaluate(() => (window as BenchWindow).__fwTypingLongTasks ?? 0);
  return { page, longTasks };
}

export async function measureTyping(ext: ExtensionBrowser, plain: BrowserContext, url: string): Promise<TypingFigures> {
  const origin = new URL(url).origin;
  const helper = await ext.context.newPage();
  await helper.goto(`chrome-extension://${ext.extensionId}/report.html`);
  await callBackground(helper, [{ name: 'sites:enable', body: { origin } }]);
  try {
    log(`typing ${KEYSTROKES} keys into a ${BASE_REPLY.length}-character reply, with and without the guard`);
    const withExt = await typeReply(ext.context, url);
    const guardRan = (await withExt.page.locator(HOST_TAG).count()) > 0;
    await withExt.page.close();
    const without = await typeReply(plain, url);
    await without.page.close();
    return {
      keystrokes: KEYSTROKES,
      replyChars: BASE_REPLY.length,
      longTasks: { withExtension: withExt.longTasks, without: without.longTasks, added: Math.max(0, withExt.longTasks - without.longTasks) },
      guardRan,
    };
  } finally {
    await callBackground(helper, [{ name: 'sites:disable', body: { origin } }]).catch(() => undefined);
    await helper.close();
  }
}
