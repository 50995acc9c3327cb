import { afterEach, describe, expect, test } from 'vitest';
import { blockText, editableIn, frameDocument, idFromLink, MAX_MESSAGE_LENGTH, MAX_MESSAGES, messageTexts, shownField, shownValue } from './dom.ts';
import { loadPage, type TestPage } from './testPage.ts';

let page: TestPage | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});
const body = (html: string, url = 'https://crm.example.com/tickets/1') => (page = loadPage(url, `<!DOCTYPE html><html><body>${html}</body></html>`)).doc;

describe('blockText', () => {
  test('blocks and line breaks part words; inline elements do not; scripts are not text', () => {
    const doc = body('<div id="m"><p>Hello <b>Jo</b>,</p><p>line one<br>line two</p><ul><li>a</li><li>b</li></ul><script>var x = 1</script></div>');
    expect(blockText(doc.getElementById('m')!)).toBe('Hello Jo, line one line two a b');
  });
});

describe('messageTexts', () => {
  test('drops empty messages, keeps the last MAX_MESSAGES, cuts each to MAX_MESSAGE_LENGTH', () => {
    const many = Array.from({ length: MAX_MESSAGES + 5 }, (_, i) => `<p class="m">${i}</p>`).join('');
    const doc = body(`<p class="m"> </p>${many}<p class="m">${'x'.repeat(MAX_MESSAGE_LENGTH + 10)}</p>`);
    const texts = messageTexts(doc, '.m');
    expect(texts).toHaveLength(MAX_MESSAGES);
    expect(texts[0]).toBe('6');
    expect(texts.at(-1)).toHaveLength(MAX_MESSAGE_LENGTH);
  });
});

describe('shownValue and shownField', () => {
  test("an input's value, a select's chosen option, an element's text", () => {
    const doc = body('<input id="i" value=" a  b "><select id="s"><option>x</option><option>y</option></select><span id="t"> t </span>');
    (doc.getElementById('s') as HTMLSelectElement).selectedIndex = 1;
    expect(shownValue(doc.getElementById('i'))).toBe('a b');
    expect(shownValue(doc.getElementById('s'))).toBe('y');
    expect(shownValue(doc.getElementById('t'))).toBe('t');
    expect(shownValue(null)).toBe('');
  });

  test('a hidden value shows the text box beside it', () => {
    const doc = body('<div><input type="hidden" id="h" value="5"><input value="Sam Agent"></div>');
    expect(shownField(doc.getElementById('h'))).toBe('Sam Agent');
  });
});

describe('editableIn', () => {
  test('the element, or its editable descendant, or null', () => {
    const doc = body('<textarea id="a"></textarea><div id="b"><div contenteditable="true" id="c"></div></div><div id="d" contenteditable="false"></div>');
    expect(editableIn(doc.getElementById('a'))?.id).toBe('a');
    expect(editableIn(doc.getElementById('b'))?.id).toBe('c');
    expect(editableIn(doc.getElementById('d'))).toBeNull();
    expect(editableIn(null)).toBeNull();
  });
});

describe('idFromLink', () => {
  const PATTERN = /^\/users\/(\d+)$/;
  test.each([
    ['/users/12', '12'],
    ['users/12', undefined], // relative to /tickets/: /tickets/users/12
    ['https://crm.example.com/users/12', '12'],
    ['https://elsewhere.example.com/users/12', undefined],
    ['javascript:void(0)', undefined],
    ['http://[bad', undefined],
  ])('%s -> %s', (href, id) => {
    const doc = body(`<a id="l" href="${href}">x</a>`);
    expect(idFromLink(doc.getElementById('l'), page!.url, PATTERN)).toBe(id);
  });
});

describe('frameDocument', () => {
  test('null for no frame, and for a frame of another origin (reading it throws)', () => {
    const doc = body('<iframe id="f"></iframe>');
    const frame = doc.getElementById('f')!;
    Object.defineProperty(frame, 'contentDocument', {
      get() {
        throw new DOMException('cross-origin', 'SecurityError');
      },
    });
    expect(frameDocument(frame)).toBeNull();
    expect(frameDocument(null)).toBeNull();
  });

  test('the document of a same-origin frame once loaded', async () => {
    const doc = body('<iframe id="f" srcdoc="<p id=in>inside</p>"></iframe>');
    await page!.settle();
    expect(frameDocument(doc.getElementById('f'))?.getElementById('in')?.textContent).toBe('inside');
  });
});
