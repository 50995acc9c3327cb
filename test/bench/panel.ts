/**
 * How fast the side panel becomes usable with many stored spot checks: open sidepanel.html as a tab
 * (the same document the side panel shows) and time, in the page, (a) navigation start to the first
 * render of the Score view's form or checklist picker and (b) the click on "Recent and export" to
 * the first rendered row of the list.
 */
import type { ExtensionBrowser } from '../e2e/chromium.ts';
import type { SpotCheck } from '../../core/spotCheck.ts';
import { seedSpotChecks } from './seed.ts';
import { log, median, ms } from './util.ts';

const RUNS = 5;

interface Marks {
  score?: number;
  click?: number;
  recent?: number;
}

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

export async function measurePanel(b: ExtensionBrowser, records: readonly SpotCheck[]) {
  const base = `chrome-extension://${b.extensionId}`;
  const helper = await b.context.newPage();
  await helper.goto(`${base}/report.html`);
  log(`storing ${records.length} spot checks in the extension's IndexedDB`);
  const stored = await seedSpotChecks(helper, records);
  await helper.close();

  const score: number[] = [];
  const recent: number[] = [];
  let rowsShown = 0;
  for (let run = 0; run < RUNS; run++) {
    const page = await b.context.newPage();
    try {
      await page.addInitScript(MARKS);
      await page.goto(`${base}/sidepanel.html`, { waitUntil: 'commit' });
      await page.waitForFunction('window.__fwBench?.score !== undefined', null, { timeout: 10_000 });
      await page.getByRole('button', { name: 'Recent and export' }).click();
      await page.waitForFunction('window.__fwBench?.recent !== undefined', null, { timeout: 10_000 });
      const marks = (await page.evaluate('window.__fwBench')) as Required<Marks>;
      score.push(marks.score);
      recent.push(marks.recent - marks.click);
      rowsShown = await page.locator('table.list tbody tr').count();
    } finally {
      await page.close();
    }
  }
  log(`panel: score view ${score.map(ms).join(', ')} ms; recent list ${recent.map(ms).join(', ')} ms`);
  return {
    storedSpotChecks: stored,
    runs: RUNS,
    openToInteractiveMs: { median: ms(median(score)), runs: score.map(ms) },
    recentListMs: { median: ms(median(recent)), runs: recent.map(ms), rowsShown },
  };
}
