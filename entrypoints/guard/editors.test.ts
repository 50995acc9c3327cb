// @vitest-environment happy-dom
// @vitest-environment-options {"settings":{"enableIframePageLoading":true}}
import { afterEach, describe, expect, it } from 'vitest';
import { CARD_MASK, SECURITY_CODE_MASK } from '../../core/guards.ts';
import { editableFrameBody, editorAt, editorsIn, editorText, redactEditor, resolveEditor, textMap, uniqueEditors } from './editors.ts';

const CARD = '4111 1111 1111 1111';

afterEach(() => {
  document.body.innerHTML = '';
});

function html(markup: string): void {
  document.body.innerHTML = markup;
}
const $ = <T extends Element = HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

/** A same-origin frame whose body the agent types in, as CKEditor 4 builds it. */
function editorFrame(container: Element, body: string): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.className = 'cke_wysiwyg_frame';
  container.append(frame);
  const doc = frame.contentDocument!;
  doc.body.setAttribute('contenteditable', 'true');
  doc.body.innerHTML = body;
  return frame;
}

describe('finding the editor', () => {
  it('an event in a textarea: the textarea; in a contenteditable: its outermost editing host', () => {
    html('<textarea id="t"></textarea><div id="host" contenteditable="true"><p id="p"><b id="b">hi</b></p><div contenteditable="true" id="inner"></div></div><p id="plain">x</p>');
    expect(editorAt($('#t'))).toBe($('#t'));
    expect(editorAt($('#b'))).toBe($('#host'));
    expect(editorAt($('#inner'))).toBe($('#host'));
    expect(editorAt($('#plain'))).toBeNull();
    expect(editorAt(null)).toBeNull();
  });

  it('read-only and disabled textareas are not editors', () => {
    html('<textarea id="r" readonly></textarea><textarea id="d" disabled></textarea>');
    expect(editorAt($('#r'))).toBeNull();
    expect(editorAt($('#d'))).toBeNull();
  });

  it("a textarea CKEditor 4 replaced: the frame's body, with the textarea as the copy to keep in step", () => {
    html('<form><textarea id="UpdateContent" name="UpdateContent" style="display:none"></textarea><div id="cke_UpdateContent"></div></form>');
    const frame = editorFrame($('#cke_UpdateContent'), `<p>Card ${CARD}</p>`);
    const editor = resolveEditor($('#UpdateContent'));
    expect(editor.el).toBe(frame.contentDocument!.body);
    expect(editor.mirror).toBe($('#UpdateContent'));
    expect(editorText(editor.el)).toBe(`Card ${CARD}\n`);
  });

  it('CKEditor 4 in a div (divarea) and CKEditor 5 after the textarea', () => {
    html(`<textarea name="body"></textarea><div id="cke_body"><div class="cke_wysiwyg_div" contenteditable="true">four</div></div>
      <textarea id="five"></textarea><div class="ck-editor"><div class="ck-editor__editable" contenteditable="true">five</div></div>`);
    expect(editorText(resolveEditor($('textarea[name=body]')).el)).toBe('four');
    expect(editorText(resolveEditor($('#five')).el)).toBe('five');
  });

  it('a textarea no rich editor replaced is its own editor; a frame without an editable body is not one', () => {
    html('<textarea id="t">plain</textarea><div id="cke_t"></div>');
    const frame = document.createElement('iframe');
    $('#cke_t').append(frame);
    frame.contentDocument!.body.innerHTML = '<p>not editable</p>';
    expect(editableFrameBody(frame)).toBeNull();
    expect(resolveEditor($('#t'))).toEqual({ el: $('#t') });
  });

  it("a form's editors: textareas (followed into rich editors) and editing hosts, not read-only boxes", () => {
    html('<form id="f"><textarea id="a"></textarea><textarea readonly></textarea><div contenteditable="true" id="c"><p contenteditable="true">x</p></div><input name="subject"></form>');
    expect(editorsIn($('#f')).map((e) => e.el.id)).toEqual(['a', 'c']);
  });

  it('editors are listed once each, and only while in the page', () => {
    html('<textarea id="a"></textarea>');
    const gone = document.createElement('textarea');
    const a = { el: $('#a') };
    expect(uniqueEditors([a, { el: $('#a') }, null, { el: gone }])).toEqual([a]);
  });
});

describe('reading the text', () => {
  it('blocks and line breaks part lines; inline markup does not part words', () => {
    html('<div id="e" contenteditable="true"><p>Card <b>4111</b> 1111 1111 1111</p><p>cvv<br>123</p><script>no</script></div>');
    expect(editorText($('#e'))).toBe('Card 4111 1111 1111 1111\ncvv\n123\n');
  });

  it('each text node is mapped to where it starts', () => {
    html('<div id="e"><p>ab<i>cd</i></p>ef</div>');
    const { text, nodes } = textMap($('#e'));
    expect(text).toBe('abcd\nef');
    expect(nodes.map((n) => [n.node.data, n.start])).toEqual([
      ['ab', 0],
      ['cd', 2],
      ['ef', 5],
    ]);
  });
});

describe('masking card data in place', () => {
  it('a textarea: the card and the code are masked, the rest kept, and the page hears an input event', () => {
    html('<textarea id="t"></textarea>');
    const box = $<HTMLTextAreaElement>('#t');
    box.value = `Hello. Card ${CARD}, cvv 123. Thanks`;
    let heard = 0;
    box.addEventListener('input', () => heard++);
    expect(redactEditor({ el: box })).toBe(true);
    expect(box.value).toBe(`Hello. Card ${CARD_MASK}, cvv ${SECURITY_CODE_MASK}. Thanks`);
    expect(heard).toBe(1);
    expect(redactEditor({ el: box })).toBe(false);
    expect(heard).toBe(1);
  });

  it('a contenteditable: a card spread over inline elements is masked, the markup around it stays', () => {
    html(`<div id="e" contenteditable="true"><p>Your card <b>4111 1111</b> 1111 1111 ends here.</p><p>Second line keeps <i>its</i> style.</p></div>`);
    expect(redactEditor({ el: $('#e') })).toBe(true);
    expect($('#e').innerHTML).toBe(`<p>Your card <b>${CARD_MASK}</b> ends here.</p><p>Second line keeps <i>its</i> style.</p>`);
    expect(editorText($('#e'))).not.toMatch(/\d/);
  });

  it("CKEditor's frame body is masked and its hidden textarea refreshed with the body's HTML", () => {
    html('<form><textarea id="UpdateContent" style="display:none"></textarea><div id="cke_UpdateContent"></div></form>');
    const frame = editorFrame($('#cke_UpdateContent'), `<p>Card ${CARD} and then</p><p>more</p>`);
    const mirror = $<HTMLTextAreaElement>('#UpdateContent');
    // As CKEditor left it when the editor last lost focus: with the card in it.
    mirror.value = `<p>Card ${CARD.replace(/ /g, '&nbsp;')} and then</p>`;
    const editor = resolveEditor(mirror);
    expect(redactEditor(editor)).toBe(true);
    const body = frame.contentDocument!.body;
    expect(body.innerHTML).toBe(`<p>Card ${CARD_MASK} and then</p><p>more</p>`);
    expect(mirror.value).toBe(body.innerHTML);
    expect(mirror.value).not.toMatch(/4111/);
  });

  it('a stale copy holding a card is refreshed even when the editor itself was already clean', () => {
    html('<textarea id="UpdateContent"></textarea><div id="cke_UpdateContent"></div>');
    editorFrame($('#cke_UpdateContent'), '<p>All clean</p>');
    const mirror = $<HTMLTextAreaElement>('#UpdateContent');
    mirror.value = `<p>${CARD}</p>`;
    expect(redactEditor(resolveEditor(mirror))).toBe(false);
    expect(mirror.value).toBe('<p>All clean</p>');
  });

  it('text without card data is left alone', () => {
    html('<div id="e" contenteditable="true"><p>Order 12345, call 0161 496 0000</p></div>');
    const before = $('#e').innerHTML;
    expect(redactEditor({ el: $('#e') })).toBe(false);
    expect($('#e').innerHTML).toBe(before);
  });
});
