/**
 * What Floorwalker costs the CRM page: nothing runs at page load (checked in a CDP trace); the page
 * reader is injected when the panel first asks about the tab, and its main-thread time for that
 * (injection and first read) is what the content-script budget measures. Load time, long tasks and
 * JS heap (with the reader injected) are compared with a browser without the extension.
 */
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import type { ExtensionBrowser } from '../e2e/chromium.ts';
import { log, median, ms, within, type ExtensionGlobals } from './util.ts';

const TRACED_LOADS = 5;
const COMPARED_LOADS = 7;
/** Long tasks are counted from navigation to this long after the load event. */
const AFTER_LOAD_MS = 1000;

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string; frame?: string }; fileName?: string };
}

/** Events that run script code; nested ones (a compile inside an evaluation) count once. */
const SCRIPT_EVENTS = new Set(['EvaluateScript', 'FunctionCall', 'v8.compile', 'RunMicrotasks']);

const urlOf = (e: TraceEvent) => e.args?.data?.url ?? e.args?.fileName ?? '';

/**
 * Wall and CPU time of the top-level events `owned` picks on the main thread of the page's frame.
 * Tracing is browser-wide, so the thread is found from events that name the frame.
 */
function mainThreadTime(events: readonly TraceEvent[], frameId: string, owned: (e: TraceEvent) => boolean) {
  const thread = events.find((e) => e.args?.data?.frame === frameId);
  if (!thread) throw new Error(`the trace has no events of frame ${frameId}`);
  const own = events
    .filter((e) => e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X' && SCRIPT_EVENTS.has(e.name))
    .sort((a, b) => a.ts - b.ts);
  let wall = 0;
  let cpu = 0;
  let outerEnd = -Infinity;
  for (const e of own) {
    const nested = e.ts < outerEnd;
    outerEnd = Math.max(outerEnd, e.ts + (e.dur ?? 0));
    if (nested || !owned(e)) continue;
    wall += e.dur ?? 0;
    cpu += e.tdur ?? 0;
  }
  return { wallMs: wall / 1000, cpuMs: cpu / 1000 };
}

/** Trace the browser while `action` runs; returns the events. */
async function trace(session: CDPSession, action: () => Promise<void>): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  const collect = (payload: { value: object[] }) => events.push(...(payload.value as TraceEvent[]));
  session.on('Tracing.dataCollected', collect);
  await session.send('Tracing.start', {
    traceConfig: { includedCategories: ['devtools.timeline', 'v8.execute'] },
    transferMode: 'ReportEvents',
  });
  try {
    await action();
  } finally {
    const complete = new Promise((resolve) => session.once('Tracing.tracingComplete', resolve));
    await session.send('Tracing.end');
    await within(complete, 15_000, 'collecting the trace');
    session.off('Tracing.dataCollected', collect);
  }
  return events;
}

interface ContactRead {
  ms: number;
  /** Which adapter read the page and the ticket it found: a check that the page was understood. */
  contact: { adapterId?: string; ticketId?: string } | null;
}

/** Ask for the contact of the tab showing `url` as the panel does (the worker injects the reader). */
async function readContact(helper: Page, url: string): Promise<ContactRead> {
  const { ms: elapsed, reply } = await helper.evaluate(async (url) => {
    const { chrome } = globalThis as unknown as ExtensionGlobals;
    const tab = (await chrome.tabs.query({})).find((t) => t.url === url);
    if (tab?.id === undefined) throw new Error(`no tab shows ${url}`);
    const start = performance.now();
    const reply = await chrome.runtime.sendMessage({ name: 'contact:get', body: { tabId: tab.id } });
    return { ms: performance.now() - start, reply: reply as { ok: boolean; body?: { adapterId?: string; ticketId?: string } | null; error?: string } };
  }, url);
  if (!reply?.ok) throw new Error(`contact:get failed: ${JSON.stringify(reply)}`);
  return { ms: elapsed, contact: reply.body ? { adapterId: reply.body.adapterId, ticketId: reply.body.ticketId } : null };
}

/** Counts long tasks from the start of the document; main world, which sees the whole main thread. */
const COUNT_LONG_TASKS = `(() => {
  window.__fwLongTasks = 0;
  new PerformanceObserver((list) => { window.__fwLongTasks += list.getEntries().length; })
    .observe({ type: 'longtask', buffered: true });
})()`;
type BenchWindow = Window & { __fwLongTasks?: number };

interface LoadFigures {
  loadEventEndMs: number;
  domContentLoadedMs: number;
  longTasks: number;
  heapBytes: number;
  elements: number;
}

/**
 * Load `url` in a new tab: load time, long tasks until a second after, and JS heap after a full GC.
 * With `helper` (the extension's page), the panel's question is asked after the load, so long tasks
 * and heap include the injected reader.
 */
async function load(context: BrowserContext, url: string, helper?: Page): Promise<LoadFigures> {
  const page = await context.newPage();
  try {
    await page.addInitScript(COUNT_LONG_TASKS);
    await page.goto(url, { timeout: 30_000 });
    // loadEventEnd is set once the load handlers have returned, a moment after goto resolves.
    await page.waitForFunction(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd > 0, null, {
      timeout: 10_000,
    });
    if (helper) await readContact(helper, page.url());
    await page.waitForTimeout(AFTER_LOAD_MS);
    const { loadEventEndMs, domContentLoadedMs, longTasks, elements } = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return {
        loadEventEndMs: nav.loadEventEnd,
        domContentLoadedMs: nav.domContentLoadedEventEnd,
        longTasks: (window as BenchWindow).__fwLongTasks ?? -1,
        elements: document.getElementsByTagName('*').length,
      };
    });
    const session = await context.newCDPSession(page);
    await session.send('HeapProfiler.collectGarbage');
    await session.send('Performance.enable');
    const { metrics } = await session.send('Performance.getMetrics');
    const heapBytes = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
    return { loadEventEndMs, domContentLoadedMs, longTasks, heapBytes, elements };
  } finally {
    await page.close();
  }
}

/**
 * Measure the content script on `url` (already reachable, logged in where needed) in `ext`, against
 * the same page in `plain`, a browser without the extension.
 */
export async function measureContentScript(ext: ExtensionBrowser, plain: BrowserContext, url: string) {
  const scriptUrl = `chrome-extension://${ext.extensionId}/reader.js`;
  const fromExtension = (e: TraceEvent) => urlOf(e).startsWith(`chrome-extension://${ext.extensionId}/`);
  const helper = await ext.context.newPage();
  try {
    await helper.goto(`chrome-extension://${ext.extensionId}/report.html`);
    // Warm both browsers' caches and processes so neither pays a first load the other does not.
    await load(ext.context, url, helper);
    await load(plain, url);

    const onLoad: number[] = [];
    const onRead: number[] = [];
    const onReadCpu: number[] = [];
    const roundTrips: number[] = [];
    let contactRead: ContactRead['contact'] = null;
    for (let run = 0; run < TRACED_LOADS; run++) {
      const page = await ext.context.newPage();
      try {
        const session = await ext.context.newCDPSession(page);
        const loading = await trace(session, async () => {
          await page.goto(url, { timeout: 30_000 });
          // Long enough for anything that would run at document_idle (at most 200 ms after DOMContentLoaded).
          await page.waitForTimeout(300);
        });
        const { frameTree } = await session.send('Page.getFrameTree');
        const frameId = frameTree.frame.id;
        // Should be zero: nothing of ours runs until the panel asks.
        const atLoad = mainThreadTime(loading, frameId, fromExtension);
        let trip: ContactRead = { ms: NaN, contact: null };
        const reading = await trace(session, async () => {
          trip = await readContact(helper, page.url());
        });
        if (!reading.some((e) => e.name === 'EvaluateScript' && urlOf(e) === scriptUrl)) {
          throw new Error(`the reader was not injected into ${url}`);
        }
        // The listener is called from the extension's native messaging code, so its FunctionCall and
        // the promise continuations after it carry no script URL; the page's own scripts always do.
        // The reader and the adapter scripts injected before it (all extension URLs), and the work they start.
        const atRead = mainThreadTime(reading, frameId, (e) => fromExtension(e) || urlOf(e) === '');
        onLoad.push(atLoad.wallMs);
        onRead.push(atRead.wallMs);
        onReadCpu.push(atRead.cpuMs);
        roundTrips.push(trip.ms);
        contactRead = trip.contact;
      } finally {
        await page.close();
      }
    }

    // Interleaved, and each browser first in every other pair, so drift and a server that answers
    // the first or second request of a pair faster hit both browsers alike.
    const withExt: LoadFigures[] = [];
    const without: LoadFigures[] = [];
    for (let run = 0; run < COMPARED_LOADS; run++) {
      if (run % 2) without.push(await load(plain, url));
      withExt.push(await load(ext.context, url, helper));
      if (!(run % 2)) without.push(await load(plain, url));
    }
    const med = (list: LoadFigures[], key: keyof LoadFigures) => median(list.map((f) => f[key]));
    const sum = (list: LoadFigures[], key: keyof LoadFigures) => list.reduce((total, f) => total + f[key], 0);
    const loadWith = med(withExt, 'loadEventEndMs');
    const loadWithout = med(without, 'loadEventEndMs');
    const figures = {
      url,
      elements: withExt[0]!.elements,
      runs: { traced: TRACED_LOADS, compared: COMPARED_LOADS },
      contactRead,
      /** At page load, before anyone opens the panel. */
      atPageLoadMs: { median: ms(median(onLoad)), runs: onLoad.map(ms) },
      /** Injecting the reader and answering the panel's first question, on the page's main thread. */
      mainThreadMs: { median: ms(median(onRead)), runs: onRead.map(ms), cpuMedian: ms(median(onReadCpu)) },
      readContactMs: { roundTripMedian: ms(median(roundTrips)), roundTrips: roundTrips.map(ms) },
      loadEventEndMs: {
        withExtension: ms(loadWith),
        withoutExtension: ms(loadWithout),
        ratio: Math.round((loadWith / loadWithout) * 1000) / 1000,
        // A server-rendered page varies by tens of percent from load to load: the runs show how far
        // the ratio can be trusted.
        runsWithExtension: withExt.map((f) => ms(f.loadEventEndMs)),
        runsWithoutExtension: without.map((f) => ms(f.loadEventEndMs)),
      },
      // For reading the ratio: parsing is done by DOMContentLoaded, so a gap only after it is the
      // load event waiting for something, not the page being slower to build.
      domContentLoadedMs: { withExtension: ms(med(withExt, 'domContentLoadedMs')), withoutExtension: ms(med(without, 'domContentLoadedMs')) },
      longTasks: {
        withExtension: med(withExt, 'longTasks'),
        withoutExtension: med(without, 'longTasks'),
        added: med(withExt, 'longTasks') - med(without, 'longTasks'),
        totals: { withExtension: sum(withExt, 'longTasks'), withoutExtension: sum(without, 'longTasks') },
      },
      heapBytes: {
        withExtension: med(withExt, 'heapBytes'),
        withoutExtension: med(without, 'heapBytes'),
        added: med(withExt, 'heapBytes') - med(without, 'heapBytes'),
      },
    };
    log(`page reader on ${url}: ${JSON.stringify({ atLoad: onLoad.map(ms), onFirstRead: onRead.map(ms), load: [loadWith, loadWithout].map(ms) })}`);
    return figures;
  } finally {
    await helper.close();
  }
}
