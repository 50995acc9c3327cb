/**
 * Reply editors in a CRM page: finding the element the agent really types in, reading its text, and
 * rewriting card data in it. Elements may belong to a frame's document (another realm), so nothing
 * here uses `instanceof` on DOM classes: tag names and attributes are compared instead.
 */
import { redactionSpans, scanReply, type RedactionSpan } from '../../core/guards.ts';

/** What the agent writes in, and the hidden field a rich editor copies its HTML into (CKEditor's textarea). */
export interface Editor {
  el: HTMLElement;
  mirror?: HTMLTextAreaElement;
}

const EDITABLE = '[contenteditable=""], [contenteditable="true"], [contenteditable="plaintext-only"]';

const isTextArea = (el: Element): el is HTMLTextAreaElement => el.tagName === 'TEXTAREA';

/** The editing host around `el`: its outermost contenteditable ancestor, or the body of a document in design mode. */
export function editingHost(el: Element | null): HTMLElement | null {
  if (!el) return null;
  let host = el.closest<HTMLElement>(EDITABLE);
  if (!host) {
    const doc = el.ownerDocument;
    return doc.designMode === 'on' && doc.body?.contains(el) ? doc.body : null;
  }
  for (let up = host.parentElement?.closest<HTMLElement>(EDITABLE); up; up = up.parentElement?.closest<HTMLElement>(EDITABLE)) host = up;
  return host;
}

/** The editor an event happened in: a writable textarea or an editing host; null elsewhere. */
export function editorAt(target: EventTarget | null): HTMLElement | null {
  const el = target as Element | null;
  if (!el || typeof el.closest !== 'function') return null;
  if (isTextArea(el)) return el.readOnly || el.disabled ? null : el;
  return editingHost(el);
}

/** A frame's body when the page may reach it (same origin) and the agent types in it. */
export function editableFrameBody(frame: Element | null | undefined): HTMLElement | null {
  let doc: Document | null | undefined;
  try {
    doc = (frame as HTMLIFrameElement | null | undefined)?.contentDocument;
  } catch {
    return null; // another origin
  }
  const body = doc?.body;
  if (!doc || !body) return null;
  const editable = body.getAttribute('contenteditable');
  return doc.designMode === 'on' || editable === '' || editable === 'true' ? body : null;
}

/**
 * The surface that replaced a textarea, when a rich-text editor did: CKEditor 4 (a frame, or a div
 * with its divarea plugin, in `#cke_<name>`), TinyMCE (a frame `#<id>_ifr`) or CKEditor 5 (an
 * editable right after the textarea). Null when the textarea is itself the editor.
 */
export function richSurface(textarea: HTMLTextAreaElement): HTMLElement | null {
  const doc = textarea.ownerDocument;
  const name = textarea.id || textarea.name;
  const cke = name ? doc.getElementById(`cke_${name}`) : null;
  if (cke) {
    const surface = editableFrameBody(cke.querySelector('iframe.cke_wysiwyg_frame')) ?? cke.querySelector<HTMLElement>('.cke_wysiwyg_div');
    if (surface) return surface;
  }
  if (textarea.id) {
    const tiny = editableFrameBody(doc.getElementById(`${textarea.id}_ifr`));
    if (tiny) return tiny;
  }
  const next = textarea.nextElementSibling;
  return next?.classList.contains('ck-editor') ? next.querySelector<HTMLElement>('.ck-editor__editable') : null;
}

/** The editor the agent types in for an element an adapter or a form points at. */
export function resolveEditor(el: HTMLElement): Editor {
  if (!isTextArea(el)) return { el };
  const surface = richSurface(el);
  return surface ? { el: surface, mirror: el } : { el };
}

/** The editors in a form: its textareas (followed into rich editors) and editing hosts. */
export function editorsIn(form: Element): Editor[] {
  const found: Editor[] = [];
  for (const el of form.querySelectorAll<HTMLElement>(`textarea, ${EDITABLE}`)) {
    if (isTextArea(el) ? el.readOnly || el.disabled : editingHost(el) !== el) continue;
    found.push(resolveEditor(el));
  }
  return found;
}

/** Editors without repeats (the same surface reached twice), in the order given. */
export function uniqueEditors(editors: readonly (Editor | null | undefined)[]): Editor[] {
  const seen = new Set<HTMLElement>();
  const out: Editor[] = [];
  for (const editor of editors) {
    if (!editor || !editor.el.isConnected || seen.has(editor.el)) continue;
    seen.add(editor.el);
    out.push(editor);
  }
  return out;
}

const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'H1', 'H2', 'H3', 'H4',
  'H5', 'H6', 'HEADER', 'HR', 'LI', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TD', 'TH', 'TR', 'UL',
]);

export interface TextMap {
  /** The text as it reads: a line break between blocks and at each <br>. */
  text: string;
  /** Each text node and where its data starts in `text`. */
  nodes: { node: Text; start: number }[];
}

/** The text of an editing host, with where each of its text nodes sits in it. */
export function textMap(root: Node): TextMap {
  let text = '';
  const nodes: TextMap['nodes'] = [];
  const newline = () => {
    if (text && !text.endsWith('\n')) text += '\n';
  };
  const visit = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        nodes.push({ node: child as Text, start: text.length });
        text += (child as Text).data;
      } else if (child.nodeType === 1) {
        const tag = (child as Element).tagName;
        if (tag === 'SCRIPT' || tag === 'STYLE' || tag === 'TEMPLATE') continue;
        if (tag === 'BR') {
          text += '\n';
          continue;
        }
        const block = BLOCKS.has(tag);
        if (block) newline();
        visit(child);
        if (block) newline();
      }
    }
  };
  visit(root);
  return { text, nodes };
}

/** What the agent has written in an editor. */
export function editorText(el: HTMLElement): string {
  return isTextArea(el) || el.tagName === 'INPUT' ? (el as HTMLTextAreaElement).value : textMap(el).text;
}

/** Replace one span of a text map's text in its nodes: the mask goes into the first node it touches. */
function replaceInNodes(nodes: TextMap['nodes'], span: RedactionSpan): void {
  let masked = false;
  for (const { node, start } of nodes) {
    const end = start + node.data.length;
    if (end <= span.start || start >= span.end) continue;
    const from = Math.max(span.start, start) - start;
    const to = Math.min(span.end, end) - start;
    node.data = node.data.slice(0, from) + (masked ? '' : span.mask) + node.data.slice(to);
    masked = true;
  }
}

/**
 * Mask every card number and security code in an editor, in place, and tell the page's scripts: an
 * `input` event, as typing would give. Text outside the masked stretches, and the markup around it,
 * stay as they were. A rich editor's hidden copy is refreshed too, so a form sent without the
 * editor's own copying still carries the masked text. True when anything was masked.
 */
export function redactEditor(editor: Editor): boolean {
  const { el, mirror } = editor;
  let changed = false;
  if (isTextArea(el) || el.tagName === 'INPUT') {
    const box = el as HTMLTextAreaElement;
    const spans = redactionSpans(scanReply(box.value));
    if (spans.length) {
      let out = '';
      let at = 0;
      for (const span of spans) {
        out += box.value.slice(at, span.start) + span.mask;
        at = span.end;
      }
      box.value = out + box.value.slice(at);
      changed = true;
    }
  } else {
    const { text, nodes } = textMap(el);
    const spans = redactionSpans(scanReply(text));
    // From the end, so the offsets of the spans before stay true.
    for (let k = spans.length - 1; k >= 0; k--) replaceInNodes(nodes, spans[k]!);
    changed = spans.length > 0;
  }
  if (mirror && (changed || scanReply(mirror.value.replace(/&nbsp;/g, ' ')).length)) mirror.value = el.innerHTML;
  if (changed) el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText' }));
  return changed;
}
