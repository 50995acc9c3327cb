import { contactKey } from '../../core/contactKey.ts';
import { redact, scanReply } from '../../core/guards.ts';
import { uuidv7 } from '../../core/ids.ts';
import { QuickLogIntent, type Handlers } from '../../core/messages.ts';
import { checkedPatterns } from '../../core/promptEval.ts';
import { type EffectivePack, effectivePack } from '../../core/promptPacks/effective.ts';
import { pickContact } from '../../sites/pick.ts';
import { adapters } from '../../sites/registry.ts';
import type { FloorwalkerDB } from '../../storage/db.ts';
import { countPromptEvents, recordPromptEvent } from '../../storage/promptEvents.ts';
import { loadSession } from '../../storage/session.ts';
import {
  addEnabledSite,
  ENABLED_SITES_KEY,
  loadEnabledSites,
  matchPatternFor,
  removeEnabledSite,
  siteOrigin,
} from '../../storage/sites.ts';
import { sharedValues } from '../../storage/shared.ts';
import { allComplaints } from '../../storage/complaints.ts';
import { clientId, orgSettings } from '../../storage/sync.ts';
import { runningDeadlines } from '../../core/complaintClocks.ts';
import { clockOptions } from '../../core/orgSettings.ts';
import { pageAdapterSet } from '../../sites/pageAdapters.ts';
import { adapterSetFor, injectAdapters, orgAdapters, type OrgAdapters, type ScriptFiles } from './adapterInjection.ts';

/**
 * The in-page guard (entrypoints/guard): where it runs and what it reports.
 *
 * It is registered at run time with scripting.registerContentScripts for the enabled origins only, so
 * nothing of Floorwalker runs on a site nobody enabled. Host access is optional (wxt.config.ts): the
 * panel asks the browser for the one origin when someone turns the guard on there, and `hostAccess`
 * checks it before registering; access withdrawn in the browser's settings drops the site.
 */
/** Registered scripts are named after their origin under this prefix: one registration per site. */
export const GUARD_SCRIPT_PREFIX = 'floorwalker-guard-';
const GUARD_FILE = '/guard.js';
const QUICK_LOG_INTENT_KEY = 'quickLogIntent';
const FIREFOX = import.meta.env.FIREFOX;

type Sender = { url?: string; frameId?: number; tab?: { id?: number; windowId?: number } };
type DB = () => Promise<FloorwalkerDB>;
const orgAdaptersIn = async (db: DB) => orgAdapters(await db());
const NONE: OrgAdapters = { custom: [], switches: [] };

export const guardScriptId = (origin: string) => GUARD_SCRIPT_PREFIX + origin.replace(/[^a-z0-9]+/gi, '-');

/**
 * What runs in a site's pages, in order: the built-in adapters the site gets (pageAdapterSet: none
 * but the guesser where the organisation's custom adapters take the site over, no version switched
 * off), then the guard. The custom adapters themselves join at guard:config.
 */
export function guardFiles(origin: string, org: OrgAdapters = NONE): string[] {
  return [...pageAdapterSet(origin, adapters, org.custom, org.switches).scripts, GUARD_FILE];
}

function guardScript(origin: string, org: OrgAdapters) {
  return {
    id: guardScriptId(origin),
    js: guardFiles(origin, org) as ScriptFiles,
    matches: [matchPatternFor(origin, FIREFOX)],
    // Every frame of the page, so reply boxes in frames of the CRM's own origin are guarded too.
    // Editors in about:blank frames (CKEditor 4, TinyMCE) are reached from the frame holding them,
    // so the script need not run inside them (matchOriginAsFallback stays off).
    allFrames: true,
    runAt: 'document_end' as const,
    persistAcrossSessions: true,
  };
}

/**
 * What a registration does, to compare the browser's with ours: Chromium and Firefox both give the
 * files back without the leading "/" they were registered with.
 */
const registration = (s: { js?: readonly string[]; matches?: readonly string[]; allFrames?: boolean; runAt?: string }) =>
  JSON.stringify([s.js?.map((file) => file.replace(/^\//, '')), s.matches, s.allFrames, s.runAt]);

/** Registers the guard for exactly `origins`, one registration each; others of ours are removed. Idempotent. */
export async function registerGuard(origins: readonly string[], org: OrgAdapters = NONE): Promise<void> {
  const ours = (await browser.scripting.getRegisteredContentScripts()).filter((s) => s.id.startsWith(GUARD_SCRIPT_PREFIX));
  const wanted = new Map(origins.map((o) => [guardScriptId(o), guardScript(o, org)]));
  const stale = ours.filter((s) => !wanted.has(s.id)).map((s) => s.id);
  if (stale.length) await browser.scripting.unregisterContentScripts({ ids: stale });
  // The worker restarts often and re-registers each time: leave registrations that are already right.
  const have = new Map(ours.map((s) => [s.id, registration(s)]));
  const update = [...wanted.values()].filter((s) => have.has(s.id) && have.get(s.id) !== registration(s));
  const add = [...wanted.values()].filter((s) => !have.has(s.id));
  if (update.length) await browser.scripting.updateContentScripts(update);
  if (add.length) await browser.scripting.registerContentScripts(add);
}

/** Has the user let the extension into the origin's pages? */
async function hostAccess(origin: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [matchPatternFor(origin, FIREFOX)] });
}

/** Starts the guard in tabs already open on a newly enabled origin (new pages get it by registration). */
async function injectIntoOpenTabs(origin: string, org: OrgAdapters): Promise<void> {
  const tabs = await browser.tabs.query({ url: matchPatternFor(origin, FIREFOX) });
  await Promise.all(
    tabs.map((tab) =>
      tab.id === undefined || !tab.url || new URL(tab.url).origin !== origin
        ? undefined
        : browser.scripting
            .executeScript({ target: { tabId: tab.id, allFrames: true }, files: guardFiles(origin, org) as ScriptFiles })
            .catch(() => undefined),
    ),
  );
}

/** Changes to the list run one after another, so two quick clicks cannot lose one. */
let queue: Promise<unknown> = Promise.resolve();
function serially<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

export async function enableSite(input: string, db: DB): Promise<string[]> {
  const checked = siteOrigin(input);
  if (!checked.ok) throw new Error(checked.reason);
  const { origin } = checked;
  if (!(await hostAccess(origin))) throw new Error(`Floorwalker has not been allowed into ${origin} yet.`);
  const org = await orgAdaptersIn(db);
  const list = await serially(async () => {
    const next = await addEnabledSite(origin);
    await registerGuard(next, org);
    return next;
  });
  await injectIntoOpenTabs(origin, org);
  return list;
}

export function disableSite(input: string, db: DB): Promise<string[]> {
  const checked = siteOrigin(input);
  if (!checked.ok) return Promise.reject(new Error(checked.reason));
  // Guards already running on the site see the list change and stop (entrypoints/guard/index.ts).
  return serially(async () => {
    const next = await removeEnabledSite(checked.origin);
    await registerGuard(next, await orgAdaptersIn(db));
    return next;
  });
}

/**
 * At every worker start, and after a sync that changed the organisation's adapters: register what
 * the stored list and those adapters say. Registrations persist across sessions, but an update or a
 * damaged profile can lose them; the list is the source of truth. An origin whose host access was
 * withdrawn is dropped. Pages already open keep the adapters they started with until they load again.
 */
export function restoreGuard(db: DB): Promise<void> {
  return serially(async () => {
    const list = await loadEnabledSites();
    const allowed: string[] = [];
    for (const origin of list) if (await hostAccess(origin)) allowed.push(origin);
    if (allowed.length !== list.length) await browser.storage.local.set({ [ENABLED_SITES_KEY]: allowed });
    await registerGuard(allowed, await orgAdaptersIn(db));
  });
}

/** The sender's page origin when it is an enabled site, otherwise null. */
async function enabledOrigin(sender: Sender): Promise<string | null> {
  if (!sender.url) return null;
  let origin: string;
  try {
    origin = new URL(sender.url).origin;
  } catch {
    return null;
  }
  return (await loadEnabledSites()).includes(origin) ? origin : null;
}

let lastPack: { key: string; effective: EffectivePack; patterns: ReturnType<typeof checkedPatterns> } | undefined;
/**
 * What the guard evaluates: the packs the organisation published (validated when they arrived,
 * storage/shared.ts) over the built-in UK pack, as one pack, with its patterns checked. Every frame
 * of every guarded page asks, and every prompt event too: the work is done again only when a sync
 * brought other pack versions.
 */
async function guardPack(db: FloorwalkerDB) {
  const published = await sharedValues(db, 'rulePack');
  const key = JSON.stringify(published.map((p) => [p.id, p.version]));
  if (lastPack?.key !== key) {
    const effective = effectivePack(published);
    lastPack = { key, effective, patterns: checkedPatterns(effective.pack) };
  }
  return lastPack;
}

/**
 * The organisation's custom adapters for the site, put into the guard's frame before it hears its
 * config (registered scripts cannot carry data; crm-custom.js puts them ahead of the built-in ones).
 * Without them the guard still reads the page with the built-in adapters.
 */
async function offerCustomAdapters(db: FloorwalkerDB, origin: string, sender: Sender): Promise<void> {
  const tabId = sender.tab?.id;
  if (tabId === undefined) return;
  const set = await adapterSetFor(db, origin);
  if (!set.custom.length) return;
  await injectAdapters({ tabId, frameIds: [sender.frameId ?? 0] }, set, []).catch((err: unknown) =>
    console.warn('Floorwalker: could not give the page guard its custom adapters.', err),
  );
}

/** Card numbers and security codes masked: what may be kept of words taken from a page. */
export const maskCards = (text: string) => redact(text, scanReply(text));

interface Deps {
  db: () => Promise<FloorwalkerDB>;
  now: () => Date;
  /** Something was queued for the server. */
  changed?: () => void;
}

/** Messages from extension pages (the panel): which sites have the guard, and the event count. */
export function siteHandlers({ db }: Deps): Handlers<unknown> {
  return {
    'sites:list': () => loadEnabledSites(),
    'sites:enable': ({ origin }) => enableSite(origin, db),
    'sites:disable': ({ origin }) => disableSite(origin, db),
    'prompts:count': async () => ({ count: await countPromptEvents(await db()) }),
  };
}

/** Messages from the guard in CRM pages. Each checks that the page's site is enabled. */
export function guardHandlers({ db, now, changed }: Deps): Handlers<unknown> {
  return {
    'guard:config': async (_body, ctx) => {
      const sender = ctx as Sender;
      const origin = await enabledOrigin(sender);
      if (!origin) return { enabled: false };
      const d = await db();
      await offerCustomAdapters(d, origin, sender);
      const role = (await loadSession(d))?.user.role;
      const { effective, patterns } = await guardPack(d);
      return { enabled: true, pack: effective.pack, patterns, ...(role && { role }) };
    },

    'guard:event': async (body, ctx) => {
      const origin = await enabledOrigin(ctx as Sender);
      if (!origin) throw new Error('Floorwalker is not enabled on this site');
      // Only rules of the pack the guard was given; their versions are the packs', not the page's word.
      const d = await db();
      const { pack, sources } = (await guardPack(d)).effective;
      const rule = pack.rules.find((r) => r.id === body.ruleId);
      if (!rule) throw new Error(`No prompt rule ${body.ruleId}`);
      const contact = pickContact(body.candidates);
      const user = (await loadSession(d))?.user;
      await recordPromptEvent(d, {
        id: uuidv7(now().getTime()),
        ruleId: rule.id,
        ruleVersion: rule.version,
        ...sources[rule.id],
        action: body.action,
        ...(body.reason !== undefined && { reason: body.reason }),
        // The contact's key names the CRM, origin and ticket id; a page without a contact, its site.
        contactKey: contact ? contactKey(contact) : `site:${origin}`,
        // Until someone signs in, events belong to this browser (its sync client id) and stay in it.
        userId: user?.id ?? (await clientId(d)),
        at: now().toISOString(),
      }, { sync: user !== undefined });
      if (user) changed?.();
      return {};
    },

    'guard:deadlines': async (body, ctx) => {
      if (!(await enabledOrigin(ctx as Sender))) throw new Error('Floorwalker is not enabled on this site');
      const contact = pickContact(body.candidates);
      if (!contact) return { deadlines: [] };
      const d = await db();
      const key = contactKey(contact);
      const options = clockOptions(await orgSettings(d));
      const about = (await allComplaints(d)).filter((e) => contactKey(e.complaint.contact) === key);
      return { deadlines: about.flatMap((e) => runningDeadlines(e.complaint, now(), options)) };
    },

    'guard:quickLog': (body, ctx) => {
      const sender = ctx as Sender;
      // Called before anything is awaited, while Chrome may still count the click in the page as
      // the user's gesture; sidePanel.open refuses without one.
      const opening = openPanel(sender.tab?.id, sender.tab?.windowId);
      return (async () => {
        if (!(await enabledOrigin(sender))) throw new Error('Floorwalker is not enabled on this site');
        const words = body.customerWords === undefined ? '' : maskCards(body.customerWords).trim().slice(0, 5000);
        const intent = QuickLogIntent.parse({
          ...(sender.tab?.id !== undefined && { tabId: sender.tab.id }),
          ...(words && { customerWords: words }),
          at: now().toISOString(),
        });
        await browser.storage.session.set({ [QUICK_LOG_INTENT_KEY]: intent });
        return { opened: await opening };
      })();
    },
  };
}

/** Opens the side panel (Chrome) or the sidebar (Firefox); false when the browser refuses. */
function openPanel(tabId: number | undefined, windowId: number | undefined): Promise<boolean> {
  try {
    if (FIREFOX) {
      const sidebar = (browser as unknown as { sidebarAction: { open(): Promise<void> } }).sidebarAction;
      return sidebar.open().then(() => true, () => false);
    }
    if (tabId !== undefined) return browser.sidePanel.open({ tabId }).then(() => true, () => false);
    if (windowId !== undefined) return browser.sidePanel.open({ windowId }).then(() => true, () => false);
  } catch {
    // A browser without the API.
  }
  return Promise.resolve(false);
}
