/**
 * How fast the side panel becomes usable with many stored spot checks: open sidepanel.html as a tab
 * (the same document the side panel shows) and time, in the page, (a) navigation start to the first
 * render of the Score view's form or checklist picker and (b) the click on "Recent and export" to
 * the first rendered row of the list.
 */
import type { ExtensionBrowser } from '../e2e/chromium.ts';
import { log, median, ms } from './util.ts';

const RUNS = 5;

interface Marks {
  score?: number;
  click?: number;
  recent?: number;
}
type BenchWindow = Window & { __fwBench?: Marks };

/**
 * Runs before the panel's own scripts. performance.now() counts from navigation start; a
 * MutationObserver callback runs right after the DOM change that made the element appear. A string,
 * so the bundler's helpers never leak into it.
 */
const MARKS = `(() => {
  const marks = (window.__fwBench = {});
  const check = () => {
    const now = performance.now();
    if (marks.score === undefined && document.querySelector('input[name=ticketId], ul.picker')) marks.score = now;
    if (marks.click !== undefined && marks.recent === undefined && document.querySelector('table.list tbody tr')) marks.recent = now;
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
  addEventListener('click', () => { marks.click ??= performance.now(); }, true);
})()`;

/** Median of RUNS fresh tabs: open to interactive, and the click to the first row of the list. */
export async function measurePanel(b: ExtensionBrowser) {
  const score: number[] = [];
  const recent: number[] = [];
  let rowsShown = 0;
  for (let run = 0; run < RUNS; run++) {
    const page = await b.context.newPage();
    try {
      await page.addInitScript(MARKS);
      await page.goto(`chrome-extension://${b.extensionId}/sidepanel.html`, { waitUntil: 'commit' });
      // Functions, not strings: the extension's CSP forbids the eval a string predicate needs.
      await page.waitForFunction(() => (window as BenchWindow).__fwBench?.score !== undefined, null, { timeout: 10_000 });
      await page.getByRole('button', { name: 'Recent and export' }).click();
      await page.waitForFunction(() => (window as BenchWindow).__fwBench?.recent !== undefined, null, { timeout: 10_000 });
      const marks = (await page.evaluate(() => (window as BenchWindow).__fwBench)) as Required<Marks>;
      score.push(marks.score);
      recent.push(marks.recent - marks.click);
      rowsShown = await page.locator('table.list tbody tr').count();
    } finally {
      await page.close();
    }
  }
  log(`panel: score view ${score.map(ms).join(', ')} ms; recent list ${recent.map(ms).join(', ')} ms`);
  return {
    runs: RUNS,
    openToInteractiveMs: { median: ms(median(score)), runs: score.map(ms) },
    recentListMs: { median: ms(median(recent)), runs: recent.map(ms), rowsShown },
  };
}
