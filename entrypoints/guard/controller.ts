/**
 * The in-page guard: evaluates the prompt pack against what the page shows while the agent works,
 * shows the prompts, holds a reply that would send card data (or a warning not yet accepted), masks
 * card data on request, and reports every prompt shown, acknowledged, dismissed or overridden to
 * the background, by rule id only, never with the page's text.
 *
 * Sends are caught in the capture phase on the window, before any of the page's own handlers:
 * form `submit`, `click` on a send control, and Enter / Ctrl+Enter in an editor. A held send is
 * stopped (preventDefault and stopImmediatePropagation), so the CRM never sees it.
 */
import { contactKey } from '../../core/contactKey.ts';
import { redact, scanReply } from '../../core/guards.ts';
import {
  compilePackWith,
  evaluate,
  type CompiledPack,
  type ComplaintDeadline,
  type PageView,
  type PatternCompiler,
  type Prompt,
} from '../../core/promptEval.ts';
import { PATTERN_FLAGS, type Prefilter } from '../../core/safeRegex.ts';
import type { PromptRule, RulePack } from '../../core/promptRules.ts';
import type { PromptAction } from '../../core/promptRecords.ts';
import { findReplyEditor, readCandidates, readConversation, type ContactCandidate } from '../../sites/read.ts';
import type { SiteAdapter } from '../../sites/types.ts';
import { startingPack } from './builtin.ts';
import { editableFrameBody, editorAt, editorsIn, editorText, redactEditor, resolveEditor, uniqueEditors, type Editor } from './editors.ts';
import { holding, isCardBlock, isSendKey, mightSend, sendControl } from './intercept.ts';
import { createPanel, type CardView } from './panel.ts';

/** Rules whose prompt offers the quick log. */
const COMPLAINT_RULES = new Set(['sounds-like-a-complaint']);
/** The most of the customer's words handed to the quick log. */
const MAX_WORDS = 5000;

export interface GuardOptions {
  doc: Document;
  win: Window;
  /** A message to the background: resolves with the reply's body, rejects with its error. */
  send(name: string, body: unknown): Promise<unknown>;
  /** The site adapters that can run on this site (sites/pageAdapters.ts). */
  adapters: readonly SiteAdapter[];
  /** A person's click, not the page's script (see panel.ts); tests, whose clicks are all scripted, pass their own. */
  isPerson?: (e: Event) => boolean;
}

export interface Guard {
  /**
   * The pack the background validated, its patterns as the background checked them (source ->
   * prefilter; a pattern missing here never matches), and the signed-in role.
   */
  configure(config: {
    pack?: RulePack;
    patterns?: Readonly<Record<string, Prefilter | null>>;
    role?: string;
    /** The site adapters again, with the organisation's custom ones the background added meanwhile. */
    adapters?: readonly SiteAdapter[];
  }): void;
  /** Run a pending evaluation now (tests; the page script lets the browser pick an idle moment). */
  flush(): void;
  stop(): void;
  readonly panel: ReturnType<typeof createPanel>;
}

interface Held {
  prompts: Prompt[];
  editors: Editor[];
  /** Repeat the send once everything holding it is settled (a click or a form submission). */
  retry?: () => void;
}

export function startGuard({ doc, win, send, adapters: startingAdapters, isPerson }: GuardOptions): Guard {
  const abort = new AbortController();
  const { signal } = abort;

  let pack: RulePack = startingPack;
  let compiled: CompiledPack = compilePackWith(pack, () => undefined);
  let rules = new Map<string, PromptRule>(pack.rules.map((r) => [r.id, r]));
  let role: string | undefined;
  let adapters = startingAdapters;

  // What the page shows, re-read when the page (not the reply) changes.
  let pageDirty = true;
  let candidates: ContactCandidate[] = [];
  let messages: string[] = [];
  /** The messages as one text, joined once per reading (the evaluator keeps its work while it is the same). */
  let conversation = '';
  let contact = '';
  /** Deadlines running on complaints about the contact, as the background last said. */
  let deadlines: ComplaintDeadline[] = [];

  let live: Prompt[] = [];
  let held: Held | null = null;
  let notice = '';
  let lastEditor: HTMLElement | null = null;
  // Per contact: what the agent settled, and which prompts were recorded as shown.
  const acknowledged = new Set<string>();
  const overridden = new Set<string>();
  const dismissed = new Set<string>();
  const shown = new Set<string>();

  const url = () => new URL(win.location.href);

  function readPage(): void {
    if (!pageDirty) return;
    pageDirty = false;
    const here = url();
    candidates = readCandidates(doc, here, new Date(), adapters);
    messages = readConversation(doc, here, adapters) ?? [];
    conversation = messages.join('\n');
    const key = candidates[0] ? contactKey(candidates[0]) : here.origin + here.pathname;
    if (key !== contact) {
      contact = key;
      for (const set of [acknowledged, overridden, dismissed, shown]) set.clear();
      held = null;
      notice = '';
      deadlines = [];
      askDeadlines(key);
    }
  }

  function view(phase: PageView['phase'], replyText: string, conversationText = conversation): PageView {
    const c = candidates[0];
    return {
      phase,
      replyText,
      conversationText,
      url: win.location.href,
      ...(c && { site: c.adapterId }),
      ...(c?.channel && { channel: c.channel }),
      ...(c?.queue && { queue: c.queue }),
      ...(role && { role }),
      ...(deadlines.length && { complaintDeadlines: deadlines }),
    };
  }

  /** Complaint deadlines are the background's to know: ask once per contact, and look again when they come. */
  function askDeadlines(key: string): void {
    if (!candidates[0]) return;
    void send('guard:deadlines', { candidates: contactRefs() })
      .then((body) => {
        const found = (body as { deadlines?: ComplaintDeadline[] } | undefined)?.deadlines ?? [];
        if (key !== contact || found.length === 0) return;
        deadlines = found;
        schedule();
      })
      .catch(() => undefined);
  }

  /** The reply editor: the adapter's (followed into a rich editor), else the one the agent last typed in. */
  function primaryEditor(): Editor | null {
    let found: HTMLElement | null = null;
    try {
      found = findReplyEditor(doc, url(), adapters);
    } catch {
      // contained like every adapter read
    }
    const editor = found ? resolveEditor(found) : lastEditor?.isConnected ? resolveEditor(lastEditor) : null;
    if (editor) hook(editor.el);
    return editor;
  }

  // Editors in frames (CKEditor's about:blank frame) do not bubble to this document: listen on them.
  // Keyed by the element: a rich editor that rewrites its frame's document gets a new body, hooked anew.
  const hooked = new WeakSet<Element>();
  function hook(el: HTMLElement): void {
    if (el.ownerDocument === doc || hooked.has(el)) return;
    hooked.add(el);
    el.addEventListener('input', (e) => {
      lastEditor = el;
      if (e.isTrusted) notice = '';
      schedule();
    }, { signal });
    el.addEventListener('keydown', onKeydown, { capture: true, signal });
  }

  const sendRule = (ruleId: string) => rules.get(ruleId)?.when.phases.includes('send') ?? false;
  const settled = { acknowledged, overridden };

  function checkSend(editors: Editor[]): Prompt[] {
    const texts = editors.map((e) => editorText(e.el)).filter((t) => t.trim());
    if (!texts.length) return [];
    readPage();
    return holding(evaluate(compiled, view('send', texts.join('\n\n'))), sendRule, settled);
  }

  // ---- evaluation while the agent works -------------------------------------------------------

  let pending = false;
  function schedule(): void {
    if (pending || signal.aborted) return;
    pending = true;
    const idle = (win as Window & { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
    if (idle) idle.call(win, whenIdle, { timeout: 300 });
    else win.setTimeout(whenIdle, 50);
  }
  function whenIdle(): void {
    if (!pending) return;
    pending = false;
    run();
  }
  /** Evaluate now: what the page shows, the reply, and whether a held send is still held. */
  function run(): void {
    if (signal.aborted) return;
    readPage();
    const editor = primaryEditor();
    live = evaluate(compiled, view(editor ? 'reply' : 'contact', editor ? editorText(editor.el) : ''));
    if (held) {
      // A held send stays held while its prompts still fire on the same editors.
      const still = new Set(checkSend(held.editors).map((p) => p.ruleId));
      held.prompts = held.prompts.filter((p) => still.has(p.ruleId));
      if (!held.prompts.length) held = null;
    }
    render();
  }

  function render(): void {
    const cards = new Map<string, CardView>();
    const add = (p: Prompt, isHeld: boolean) => {
      if (cards.has(p.ruleId)) return;
      cards.set(p.ruleId, {
        prompt: p,
        held: isHeld,
        redact: isCardBlock(p),
        override: p.level === 'block' && !isCardBlock(p),
        complaint: COMPLAINT_RULES.has(p.ruleId),
      });
    };
    for (const p of held?.prompts ?? []) add(p, true);
    for (const p of live) {
      if (dismissed.has(p.ruleId) || overridden.has(p.ruleId)) continue;
      if (acknowledged.has(p.ruleId) && !isCardBlock(p)) continue;
      add(p, false);
    }
    for (const { prompt } of cards.values()) {
      if (shown.has(prompt.ruleId)) continue;
      shown.add(prompt.ruleId);
      record(prompt, 'shown');
    }
    panel.render([...cards.values()], notice);
  }

  // ---- what the agent does with a prompt -------------------------------------------------------

  /** The contact as the background needs it for its key: nothing of the page's text. */
  function contactRefs() {
    return candidates.slice(0, 10).map(({ adapterId, crm, url: at, ticketId, source, capturedAt }) => ({ adapterId, crm, url: at, ticketId, source, capturedAt }));
  }

  function record(p: Pick<Prompt, 'ruleId' | 'ruleVersion'>, action: PromptAction, reason?: string): void {
    void send('guard:event', {
      ruleId: p.ruleId,
      ruleVersion: p.ruleVersion,
      packId: pack.id,
      packVersion: pack.version,
      action,
      ...(reason !== undefined && { reason }),
      candidates: contactRefs(),
    }).catch(() => undefined);
  }

  const promptFor = (ruleId: string) => held?.prompts.find((p) => p.ruleId === ruleId) ?? live.find((p) => p.ruleId === ruleId);

  /** A prompt holding the send was settled: send again once nothing else holds it. */
  function release(ruleId: string): void {
    if (!held) return;
    held.prompts = held.prompts.filter((p) => p.ruleId !== ruleId);
    if (held.prompts.length) return;
    const { retry } = held;
    held = null;
    retry?.();
  }

  const panel = createPanel(doc, {
    redact() {
      const editors = uniqueEditors([...(held?.editors ?? []), primaryEditor()]);
      let masked = 0;
      for (const editor of editors) if (redactEditor(editor)) masked++;
      notice = masked ? 'Card details removed. Read the reply over, then send it.' : '';
      run();
    },
    acknowledge(ruleId) {
      const p = promptFor(ruleId);
      if (!p) return;
      acknowledged.add(ruleId);
      record(p, 'acknowledged');
      render();
      release(ruleId);
    },
    dismiss(ruleId, reason) {
      const p = promptFor(ruleId);
      if (!p) return;
      dismissed.add(ruleId);
      record(p, 'dismissed', reason);
      render();
    },
    override(ruleId, reason) {
      const p = promptFor(ruleId);
      if (!p || isCardBlock(p)) return;
      overridden.add(ruleId);
      record(p, 'overridden', reason);
      render();
      release(ruleId);
    },
    quickLog(ruleId) {
      const p = promptFor(ruleId);
      if (!p) return;
      // Sent at once, inside the click: the browser may then let the background open the panel.
      const words = complaintWords(ruleId);
      const asked = send('guard:quickLog', words ? { customerWords: words } : {});
      acknowledged.add(ruleId);
      record(p, 'acknowledged');
      notice = 'Opening the quick log in the Floorwalker panel…';
      render();
      void asked
        .then((reply) => (reply as { opened?: boolean } | undefined)?.opened === true)
        .catch(() => false)
        .then((opened) => {
          notice = opened
            ? 'The quick log is open in the Floorwalker panel.'
            : 'Open the Floorwalker panel to finish logging this complaint: it is ready there.';
          render();
        });
    },
  }, isPerson);

  /** The newest message that makes the complaint rule fire on its own: the customer's words. */
  function complaintWords(ruleId: string): string {
    for (let i = messages.length - 1; i >= 0; i--) {
      const fires = evaluate(compiled, view('contact', '', messages[i]!)).some((p) => p.ruleId === ruleId);
      // Card data a customer wrote stays in the page: masked before it leaves.
      if (fires) return redact(messages[i]!, scanReply(messages[i]!)).slice(0, MAX_WORDS);
    }
    return '';
  }

  // ---- catching sends ----------------------------------------------------------------------------

  const isOurs = (e: Event) => panel.host !== null && e.target === panel.host;

  function hold(e: Event, prompts: Prompt[], editors: Editor[], retry?: () => void): void {
    e.preventDefault();
    e.stopImmediatePropagation();
    held = { prompts, editors, ...(retry && { retry }) };
    notice = '';
    live = live.filter((p) => !prompts.some((h) => h.ruleId === p.ruleId));
    render();
  }

  /**
   * What a send carries: a form sends its own editors (RT's textarea, followed into CKEditor). A send
   * from outside a form, or from a form that is only a wrapper round a button, carries the reply
   * editor. A search form's box is not a reply: a draft elsewhere does not hold a search.
   */
  function sendEditors(form: HTMLFormElement | null): Editor[] {
    const own = form ? editorsIn(form) : [];
    if (own.length || form?.querySelector('input:not([type]), input[type="text"], input[type="search"]')) return uniqueEditors(own);
    return uniqueEditors([primaryEditor(), lastEditor ? resolveEditor(lastEditor) : null]);
  }

  function onClick(e: MouseEvent): void {
    if (isOurs(e)) return;
    const control = sendControl(e.target);
    if (!control) return;
    const editors = sendEditors((control as HTMLButtonElement).form ?? null);
    const prompts = checkSend(editors);
    if (!prompts.length) return;
    hold(e, prompts, editors, () => {
      if (control.isConnected) control.click();
    });
  }

  function onSubmit(e: SubmitEvent): void {
    const form = e.target as HTMLFormElement;
    if (!form || form.tagName !== 'FORM') return;
    const editors = sendEditors(form);
    const prompts = checkSend(editors);
    if (!prompts.length) return;
    const submitter = e.submitter;
    hold(e, prompts, editors, () => {
      if (form.isConnected) form.requestSubmit(submitter?.isConnected && (submitter as HTMLButtonElement).form === form ? submitter : undefined);
    });
  }

  function onKeydown(e: KeyboardEvent): void {
    if (!mightSend(e) || isOurs(e)) return;
    const el = editorAt(e.target);
    if (!el) return;
    const editors = uniqueEditors([resolveEditor(el)]);
    const prompts = checkSend(editors);
    if (!prompts.length || !isSendKey(e, prompts.some(isCardBlock))) return;
    hold(e, prompts, editors);
  }

  function onInput(e: Event): void {
    if (isOurs(e)) return;
    const el = editorAt(e.target);
    if (el) {
      lastEditor = el;
      // A notice ("Card details removed") has been read once the agent writes again.
      if (e.isTrusted) notice = '';
    }
    schedule();
  }

  win.addEventListener('click', onClick, { capture: true, signal });
  win.addEventListener('submit', onSubmit as EventListener, { capture: true, signal });
  win.addEventListener('keydown', onKeydown, { capture: true, signal });
  win.addEventListener('input', onInput, { capture: true, signal });
  // Focus moving into a frame (a rich editor's) blurs this window: follow it there.
  win.addEventListener('blur', () => {
    const body = editableFrameBody(doc.activeElement);
    if (body) {
      hook(body);
      lastEditor = body;
    }
    schedule();
  }, { signal });
  // A frame (re)loading may bring a new editor.
  doc.addEventListener('load', schedule, { capture: true, signal });

  // The page changing outside the reply (a new message, another ticket) is read again.
  const observer = new (win as Window & typeof globalThis).MutationObserver((records) => {
    const editor = lastEditor;
    for (const r of records) {
      const node = r.target;
      if (panel.host?.contains(node) || node === panel.host) continue;
      if (editor && editor.contains(node)) continue;
      pageDirty = true;
      break;
    }
    schedule();
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
  signal.addEventListener('abort', () => observer.disconnect());

  schedule();

  return {
    panel,
    configure(config) {
      if (config.pack) {
        const patterns = config.patterns ?? {};
        const compilePattern: PatternCompiler = (source) =>
          Object.hasOwn(patterns, source) ? { ok: true, regex: new RegExp(source, PATTERN_FLAGS), prefilter: patterns[source] ?? null } : undefined;
        pack = config.pack;
        compiled = compilePackWith(pack, compilePattern);
        rules = new Map(pack.rules.map((r) => [r.id, r]));
      }
      role = config.role;
      if (config.adapters) {
        adapters = config.adapters;
        pageDirty = true;
      }
      schedule();
    },
    flush() {
      whenIdle();
    },
    stop() {
      abort.abort();
      pending = false;
      panel.destroy();
    },
  };
}
