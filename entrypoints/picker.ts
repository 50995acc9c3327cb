import { shownValue } from '../sites/dom.ts';
import { selectorFor, similarSelectorFor } from '../sites/selectorFor.ts';

/**
 * The element picker, for an admin defining a custom site adapter: the background injects it into
 * the active tab when the panel's "Pick" is pressed, with its options placed just before. The
 * element under the pointer is outlined (an overlay in a closed shadow root, fixed and transparent to
 * the pointer, so the page's layout never moves); a click picks it and never reaches the page;
 * Escape cancels. It reports the selector, a sample of the text and how many elements match to the
 * background, which hands them to the panel. Bundles no zod and no adapter.
 */
interface Runtime {
  sendMessage(message: unknown): Promise<unknown>;
}
interface Options {
  /** A selector for every element like the picked one (a conversation's messages). */
  similar: boolean;
  /** What to click, for the hint: "the subject". */
  label: string;
}
type Scope = typeof globalThis & {
  browser?: { runtime: Runtime };
  chrome?: { runtime: Runtime };
  floorwalkerPickerOptions?: Options;
  floorwalkerPicker?: { stop(): void };
};

const SAMPLE_LENGTH = 200;
/** Pointer events that could make the page act on the click the picker takes. */
const SWALLOWED = ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'dblclick', 'auxclick'] as const;

const STYLE = `
.box { position: fixed; box-sizing: border-box; outline: 2px solid #1a56db; background: rgba(26, 86, 219, 0.12); display: none; }
.tip { position: fixed; left: 12px; bottom: 12px; max-width: 60vw; padding: 6px 10px; border-radius: 4px;
  background: #111827; color: #fff; font: 13px/1.4 system-ui, sans-serif; }
`;

export default defineUnlistedScript(() => {
  const scope = globalThis as Scope;
  // Pick pressed again: the new picker replaces the one still waiting.
  scope.floorwalkerPicker?.stop();
  const options: Options = scope.floorwalkerPickerOptions ?? { similar: false, label: 'an element' };
  delete scope.floorwalkerPickerOptions;
  const runtime = (scope.browser ?? scope.chrome)!.runtime;

  const host = document.createElement('floorwalker-picker');
  host.style.cssText = 'all: initial; position: fixed; top: 0; left: 0; width: 0; height: 0; z-index: 2147483647; pointer-events: none;';
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = STYLE;
  const box = document.createElement('div');
  box.className = 'box';
  const tip = document.createElement('div');
  tip.className = 'tip';
  tip.textContent = `Floorwalker: click ${options.label} · Esc cancels`;
  root.append(style, box, tip);
  document.documentElement.append(host);

  const abort = new AbortController();
  const listen = { capture: true, signal: abort.signal };
  let hovered: Element | null = null;

  function outline(): void {
    if (!hovered?.isConnected) return void (box.style.display = 'none');
    const r = hovered.getBoundingClientRect();
    Object.assign(box.style, { display: 'block', left: `${r.left}px`, top: `${r.top}px`, width: `${r.width}px`, height: `${r.height}px` });
  }

  function finish(picked: { selector: string; sample: string; matchCount: number } | null): void {
    stop();
    void runtime.sendMessage({ name: 'picker:done', body: { picked } }).catch(() => undefined);
  }

  function stop(): void {
    abort.abort();
    host.remove();
    if (scope.floorwalkerPicker === picker) delete scope.floorwalkerPicker;
  }

  const swallow = (e: Event) => {
    e.preventDefault();
    e.stopImmediatePropagation();
  };

  addEventListener('pointermove', (e) => {
    if (e.target instanceof Element && e.target !== hovered) {
      hovered = e.target;
      outline();
    }
  }, listen);
  addEventListener('scroll', outline, listen);
  for (const type of SWALLOWED) addEventListener(type, swallow, listen);
  addEventListener('click', (e) => {
    swallow(e);
    const el = e.target;
    if (!(el instanceof Element)) return;
    const selector = options.similar ? similarSelectorFor(el) : selectorFor(el);
    finish({ selector, sample: shownValue(el).slice(0, SAMPLE_LENGTH), matchCount: document.querySelectorAll(selector).length });
  }, listen);
  addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    swallow(e);
    finish(null);
  }, listen);

  const picker = { stop };
  scope.floorwalkerPicker = picker;
});
