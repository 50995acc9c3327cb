/**
 * The prompts as the agent sees them in the CRM page: cards in a shadow root, fixed to the bottom
 * right of the window, so the page's styles cannot reach them and they never move the page's layout.
 * Plain DOM (no framework): this runs in every enabled CRM page.
 */
import { findCardNumbers } from '../../core/guards.ts';
import type { Prompt } from '../../core/promptEval.ts';

export interface CardView {
  prompt: Prompt;
  /** It is holding a send the agent just tried. */
  held: boolean;
  /** Card data: one click masks it in the reply. */
  redact: boolean;
  /** A block that may be sent past with a reason. */
  override: boolean;
  /** It offers the quick log (the complaint prompt). */
  complaint: boolean;
}

export interface PanelActions {
  redact(): void;
  acknowledge(ruleId: string): void;
  dismiss(ruleId: string, reason: string): void;
  override(ruleId: string, reason: string): void;
  quickLog(ruleId: string): void;
}

export interface PromptPanel {
  render(cards: readonly CardView[], notice: string): void;
  destroy(): void;
  /** The element in the page holding the shadow root, once something was shown. */
  readonly host: HTMLElement | null;
}

export const HOST_TAG = 'floorwalker-prompts';

const DISMISS_REASONS = ['It does not apply to this contact', 'Already dealt with', 'The words mean something else here'];
const OVERRIDE_REASONS = ['Checked: it does not apply here', 'Agreed with my team leader'];
const OTHER = 'Other (say why)';

const CSS = `
:host{all:initial;position:fixed;right:16px;bottom:16px;z-index:2147483647;width:min(360px,calc(100vw - 32px));font:13px/1.4 system-ui,sans-serif;color:#1d2330}
:host([hidden]){display:none}
.box{display:flex;flex-direction:column;gap:8px;max-height:70vh;overflow:auto}
.card{background:#fff;border:1px solid #c9ced8;border-left:5px solid #5c6b80;border-radius:6px;padding:10px 12px;box-shadow:0 4px 14px rgba(0,0,0,.18)}
.block{border-left-color:#b3261e}.warn{border-left-color:#b26a00}.info{border-left-color:#2f6fb2}
.held{outline:2px solid #b3261e}
h2{font-size:13px;margin:0 0 4px}p{margin:0 0 6px}.refs{color:#5c6b80;font-size:11px}
details{margin:0 0 6px}summary{cursor:pointer;color:#2f5f9e}
.row{display:flex;flex-wrap:wrap;gap:6px;align-items:center}
button{font:inherit;border:1px solid #8a94a6;background:#f4f6f9;color:#1d2330;border-radius:4px;padding:3px 9px;cursor:pointer}
button.main{background:#1d4f91;border-color:#1d4f91;color:#fff}
select,input{font:inherit;padding:2px 4px;max-width:100%}
form{display:flex;flex-direction:column;gap:6px;margin-top:6px}
.err{color:#b3261e}.notice{background:#eef4ec;border:1px solid #9cc09a;border-radius:6px;padding:8px 12px}
`;

type Child = Node | string | false | null | undefined;

/**
 * `isPerson` tells a person's click from the page's: the CRM page can reach into the shadow root, but
 * only what a person does settles a prompt (a script's click is not a person accepting a warning).
 */
export function createPanel(doc: Document, actions: PanelActions, isPerson: (e: Event) => boolean = (e) => e.isTrusted): PromptPanel {
  let host: HTMLElement | null = null;
  let box: HTMLElement | null = null;
  let shown = '';

  const h = (tag: string, props: Record<string, string> = {}, ...children: Child[]): HTMLElement => {
    const el = doc.createElement(tag);
    for (const [k, v] of Object.entries(props)) el.setAttribute(k, v);
    for (const c of children) if (c) el.append(c);
    return el;
  };
  const button = (text: string, onClick: () => void, main = false) => {
    const b = h('button', { type: 'button', ...(main && { class: 'main' }) }, text);
    b.addEventListener('click', (e) => {
      if (isPerson(e)) onClick();
    });
    return b;
  };

  function mount(): HTMLElement {
    if (box) return box;
    host = doc.createElement(HOST_TAG);
    const root = host.attachShadow({ mode: 'open' });
    root.append(h('style', {}, CSS));
    box = h('div', { class: 'box', role: 'region', 'aria-label': 'Floorwalker prompts' });
    // Keys typed here (a reason) are ours: the CRM's shortcuts must not see them.
    for (const type of ['keydown', 'keyup', 'keypress', 'input']) box.addEventListener(type, (e) => e.stopPropagation());
    root.append(box);
    doc.documentElement.append(host);
    return box;
  }

  /** The reason form for dismissing or sending past a prompt; calls `done` with a checked reason. */
  function reasonForm(card: HTMLElement, reasons: readonly string[], confirm: string, done: (reason: string) => void): void {
    card.querySelector('form')?.remove();
    const select = h('select', { 'aria-label': 'Reason' }, ...[...reasons, OTHER].map((r) => h('option', {}, r))) as HTMLSelectElement;
    const detail = h('input', { type: 'text', 'aria-label': 'Say why', maxlength: '300', placeholder: 'Say why' }) as HTMLInputElement;
    const error = h('p', { class: 'err', role: 'alert' });
    const form = h('form', {}, select, detail, error, h('div', { class: 'row' }, h('button', { type: 'submit', class: 'main' }, confirm)));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!isPerson(e)) return;
      const chosen = select.value === OTHER ? '' : select.value;
      const why = detail.value.trim();
      const reason = [chosen, why].filter(Boolean).join(': ');
      if (!reason) return void (error.textContent = 'Say why first.');
      if (findCardNumbers(reason).length) return void (error.textContent = 'Take the card number out of the reason.');
      done(reason);
    });
    card.append(form);
    select.focus();
  }

  function cardFor(view: CardView): HTMLElement {
    const { prompt: p } = view;
    const refs = [...p.criteria, ...p.requirementIds].join(' · ');
    const card = h(
      'section',
      { class: `card ${p.level}${view.held ? ' held' : ''}`, 'data-rule': p.ruleId, 'aria-label': p.title, ...(view.held && { role: 'alert' }) },
      h('h2', {}, p.title),
      h('p', {}, p.message),
      view.held && h('p', {}, view.redact ? 'Nothing was sent.' : 'Nothing was sent yet.'),
      p.guidance && h('details', {}, h('summary', {}, 'What to do'), h('p', {}, p.guidance)),
      refs && h('p', { class: 'refs' }, refs),
    );
    const row = h('div', { class: 'row' });
    const id = p.ruleId;
    if (view.redact) row.append(button('Remove card details', () => actions.redact(), true));
    else if (view.held && view.override) {
      row.append(button('Send anyway…', () => reasonForm(card, OVERRIDE_REASONS, 'Send anyway', (r) => actions.override(id, r))));
    } else if (view.held) row.append(button('Send anyway', () => actions.acknowledge(id)));
    else if (p.requiresAcknowledgement) row.append(button('Acknowledge', () => actions.acknowledge(id), true));
    else if (p.level !== 'block') row.append(button('Dismiss…', () => reasonForm(card, DISMISS_REASONS, 'Dismiss', (r) => actions.dismiss(id, r))));
    if (view.complaint) row.prepend(button('Log as a complaint', () => actions.quickLog(id), true));
    if (row.childElementCount) card.append(row);
    return card;
  }

  return {
    get host() {
      return host;
    },
    render(cards, notice) {
      // Drawn again only when what shows changed, so a reason being typed is not wiped.
      const key = JSON.stringify([notice, cards.map((c) => [c.prompt.ruleId, c.prompt.message, c.held, c.redact, c.override, c.complaint])]);
      if (key === shown) return;
      shown = key;
      if (!cards.length && !notice) {
        box?.replaceChildren();
        if (host) host.hidden = true;
        return;
      }
      const into = mount();
      host!.hidden = false;
      into.replaceChildren(...(notice ? [h('p', { class: 'notice', role: 'status' }, notice)] : []), ...cards.map(cardFor));
    },
    destroy() {
      host?.remove();
      host = box = null;
      shown = '';
    },
  };
}
