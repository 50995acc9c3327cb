/**
 * Realistic stored spot checks for the panel benchmark: generated in Node against the built-in
 * checklists, scored by the real scoring code, validated by the SpotCheck schema, then written into
 * the extension's own IndexedDB from one of its pages.
 */
import '../../core/zodMessages.ts';
import type { Page } from 'playwright-core';
import { scaleBounds, type Checklist } from '../../core/checklist.ts';
import { builtInChecklists } from '../../core/checklists/index.ts';
import type { Channel } from '../../core/contact.ts';
import { uuidv7 } from '../../core/ids.ts';
import { scoreSpotCheck } from '../../core/scoring.ts';
import { SpotCheck, type Answers, type SpotCheckStatus } from '../../core/spotCheck.ts';
import { DB_NAME, DB_VERSION } from '../../storage/db.ts';
import type { ExtensionBrowser } from '../e2e/chromium.ts';
import { log, type ExtensionGlobals } from './util.ts';

/** mulberry32: a seeded generator, so every run stores the same mix of checks. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AGENTS = Array.from({ length: 40 }, (_, i) => `agent.${String(i + 1).padStart(2, '0')}`);
const EVALUATORS = ['Sam Supervisor', 'Priya Patel', 'Jordan Lee', 'Morgan Quality', 'Chris Team Lead', 'Alex Coach'];
const SUBJECTS = [
  'Charged twice for my March bill',
  'Router keeps dropping the connection',
  'Cannot log in to my account',
  'Refund for cancelled order not received',
  'Complaint about the engineer visit',
  'Change of address',
  'Direct debit taken on the wrong date',
  'Parcel marked delivered but not received',
];
const QUEUES = ['General', 'Billing', 'Technical', 'Complaints'];
const DAY_MS = 86_400_000;

/** Most checks are submitted; a few are drafts in progress or moved on by the agent or a supervisor. */
function pickStatus(r: number): SpotCheckStatus {
  if (r < 0.02) return 'draft';
  if (r < 0.87) return 'submitted';
  if (r < 0.95) return 'acknowledged';
  return r < 0.98 ? 'disputed' : 'resolved';
}

/** Answers as supervisors give them: mostly good, some N/A, rare critical misses, a few notes. */
function answer(checklist: Checklist, rnd: () => number, answeredShare: number): Answers {
  const answers: Answers = {};
  const items = checklist.sections.flatMap((s) => s.items);
  for (const item of items.slice(0, Math.ceil(items.length * answeredShare))) {
    if (item.naAllowed && rnd() < 0.08) {
      answers[item.id] = { value: 'na' };
      continue;
    }
    const { min, max } = scaleBounds(item.scale);
    // Critical items sit at the bottom of their scale rarely (2%), others now and then (8%).
    const bottom = rnd() < (item.critical === 'none' ? 0.08 : 0.02);
    const value = bottom ? min : max - Math.floor(rnd() * rnd() * (max - min));
    answers[item.id] = rnd() < 0.05 ? { value, note: 'Discussed with the agent at the weekly one-to-one.' } : { value };
  }
  return answers;
}

export function generateSpotChecks(count: number, now = Date.now()): SpotCheck[] {
  const rnd = random(20240601);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const checklist = pick(builtInChecklists);
    const channel: Channel = checklist.channels.length ? pick(checklist.channels) : pick(['phone', 'email', 'chat'] as const);
    const created = now - Math.floor(rnd() * 365 * DAY_MS);
    const updated = created + Math.floor(rnd() * 3 * DAY_MS);
    const status = pickStatus(rnd());
    const answers = answer(checklist, rnd, status === 'draft' ? rnd() : 1);
    const ticket = 10_000 + i;
    const agent = pick(AGENTS);
    return SpotCheck.parse({
      id: uuidv7(created),
      checklistId: checklist.id,
      checklistVersion: checklist.version,
      checklistTitle: checklist.title,
      contact: {
        adapterId: 'request-tracker',
        crm: 'Request Tracker',
        url: `https://rt.example.net/Ticket/Display.html?id=${ticket}`,
        ticketId: String(ticket),
        channel,
        agent,
        customerRef: String(1000 + Math.floor(rnd() * 9000)),
        subject: pick(SUBJECTS),
        queue: pick(QUEUES),
        source: 'adapter',
        capturedAt: new Date(created).toISOString(),
      },
      evaluator: pick(EVALUATORS),
      agent,
      answers,
      ...(rnd() < 0.2 ? { note: 'Good call overall; follow-up on the refund process agreed.' } : {}),
      result: scoreSpotCheck(checklist, answers),
      status,
      ...(status === 'disputed' || status === 'resolved' ? { agentComment: 'The customer had already been verified by phone.' } : {}),
      createdAt: new Date(created).toISOString(),
      updatedAt: new Date(updated).toISOString(),
      // Submitted checks have been synced (version set, nothing in the outbox); drafts stay local.
      ...(status === 'draft' ? {} : { submittedAt: new Date(updated).toISOString(), version: 1 }),
    });
  });
}

/**
 * Write the checks into the extension's database from one of its pages; returns how many are
 * stored. The worker opens the database first, so it exists at DB_VERSION and this page never runs
 * a migration of its own; the records then go in a few big transactions.
 */
export async function storeSpotChecks(b: ExtensionBrowser, records: readonly SpotCheck[]): Promise<number> {
  const page = await b.context.newPage();
  try {
    await page.goto(`chrome-extension://${b.extensionId}/report.html`);
    log(`storing ${records.length} spot checks in the extension's IndexedDB`);
    return await writeSpotChecks(page, records);
  } finally {
    await page.close();
  }
}

async function writeSpotChecks(page: Page, records: readonly SpotCheck[]): Promise<number> {
  await page.evaluate(async () => {
    const { chrome } = globalThis as unknown as ExtensionGlobals;
    const reply = (await chrome.runtime.sendMessage({ name: 'spotChecks:list', body: { limit: 1 } })) as { ok: boolean };
    if (!reply?.ok) throw new Error(`the worker did not open its database: ${JSON.stringify(reply)}`);
  });
  const CHUNK = 2000;
  for (let start = 0; start < records.length; start += CHUNK) {
    await page.evaluate(
      ({ name, version, chunk }) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open(name, version);
          // The worker already created the database: an upgrade here means the build is older than
          // the source (rebuild with npm run build).
          open.onupgradeneeded = () => {
            open.transaction?.abort();
            reject(new Error(`the built extension's database is older than version ${version}: run npm run build`));
          };
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction('spotChecks', 'readwrite');
            for (const record of chunk) tx.objectStore('spotChecks').put(record);
            tx.oncomplete = () => (db.close(), resolve());
            tx.onerror = tx.onabort = () => (db.close(), reject(tx.error));
          };
        }),
      { name: DB_NAME, version: DB_VERSION, chunk: records.slice(start, start + CHUNK) },
    );
  }
  return page.evaluate(
    ({ name }) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const count = open.result.transaction('spotChecks').objectStore('spotChecks').count();
          count.onsuccess = () => (open.result.close(), resolve(count.result));
          count.onerror = () => reject(count.error);
        };
      }),
    { name: DB_NAME },
  );
}
