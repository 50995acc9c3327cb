import { afterEach, describe, expect, it } from 'vitest';
import { looksGenerated, selectorFor, similarSelectorFor } from './selectorFor.ts';
import { loadFixture, loadPage, type TestPage } from './testPage.ts';

const pages: TestPage[] = [];
afterEach(async () => {
  await Promise.all(pages.splice(0).map((p) => p.close()));
});

function page(body: string): Document {
  const p = loadPage('https://crm.example.com/cases/1', `<!DOCTYPE html><html><head><title>t</title></head><body>${body}</body></html>`);
  pages.push(p);
  return p.doc;
}
function casework(): Document {
  const p = loadFixture(new URL('./customFixtures/casework.html', import.meta.url), 'https://casework.example.org/casework/cases/88123');
  pages.push(p);
  return p.doc;
}

/** The selector for the element `find` names, checked to match it alone. */
function pick(doc: Document, find: string): string {
  const el = doc.querySelector(find)!;
  const selector = selectorFor(el);
  expect([...doc.querySelectorAll(selector)]).toEqual([el]);
  return selector;
}

describe('ids and classes that look generated', () => {
  it.each(['ember482', 'case-88123', 'css-1x2y3z', 'sc-AxjAm', 'jsx-2893', 'Button_primary__x7Yz1', 'x-1a2b', ':r1:', 'bkQJxW', 'a'.repeat(41)])(
    '%s does',
    (token) => expect(looksGenerated(token)).toBe(true),
  );
  it.each(['hdr-x7', 'case-title', 'ticketIDField', 'post-in', 'col-6', 'subject', 'Mui-focused'])('%s does not', (token) =>
    expect(looksGenerated(token)).toBe(false),
  );
});

describe('a selector for one picked element', () => {
  it('a unique id that does not look generated', () => {
    expect(pick(page('<h1 id="case-title" class="t">Boiler</h1><p id="x">y</p>'), 'h1')).toBe('#case-title');
  });

  it('skips a generated id for a stable attribute', () => {
    expect(pick(page('<span id="ember482" data-testid="case-subject">Boiler</span>'), 'span')).toBe('span[data-testid="case-subject"]');
  });

  it('skips generated classes for a stable one', () => {
    expect(pick(page('<h2 class="css-1x2y3z sc-AxjAm hdr-x7">Boiler</h2><h2 class="other">x</h2>'), 'h2')).toBe('h2.hdr-x7');
  });

  it('an attribute whose value carries a record number is not stable', () => {
    expect(pick(page('<nav><b aria-label="Case 88123">x</b></nav><b>y</b>'), 'b[aria-label]')).toBe('nav b');
  });

  it('a field of the made-up CRM, by its data-field', () => {
    expect(pick(casework(), '[data-field="client-ref"]')).toBe('td[data-field="client-ref"]');
  });

  it('two classes together when neither is unique alone', () => {
    const doc = page('<i class="pill open">a</i><i class="pill">b</i><i class="open">c</i>');
    expect(pick(doc, 'i.pill.open')).toBe('i.pill.open');
  });

  it('inside the nearest ancestor that can be named', () => {
    const doc = page('<div class="case-top"><span class="lbl">Case</span></div><div><span class="lbl">Other</span></div>');
    expect(pick(doc, '.case-top .lbl')).toBe('div.case-top span.lbl');
  });

  it('an :nth-of-type path from that ancestor when nothing else tells it apart', () => {
    const doc = page('<div id="ember12"><div><span>a</span><span>b</span></div></div><table id="props"><tr><td>Client</td><td>CL-1</td></tr></table>');
    expect(pick(doc, 'div div span + span')).toBe('body > div > div > span:nth-of-type(2)');
    expect(pick(doc, 'td + td')).toBe('#props > tbody > tr > td:nth-of-type(2)');
  });

  it('quotes what is not a plain name', () => {
    expect(pick(page('<p id="case.subject">x</p><p>y</p>'), 'p')).toBe('p[id="case.subject"]');
    // A value that would need escaping is passed over.
    expect(pick(page('<p data-field=\'say "hi"\' class="said">x</p><p>y</p>'), 'p')).toBe('p.said');
  });

  it('the body and the document element name themselves', () => {
    const doc = page('<p>x</p>');
    expect(selectorFor(doc.body)).toBe('body');
    expect(selectorFor(doc.documentElement)).toBe('html');
  });
});

describe('a selector for the picked element and the ones like it', () => {
  it('every message of a conversation from one message', () => {
    const doc = casework();
    const selector = similarSelectorFor(doc.querySelector('div.post-out')!);
    expect(selector).toBe('section.thread > div.post');
    expect(doc.querySelectorAll(selector)).toHaveLength(3);
  });

  it('from the text inside a message, the same place in every message', () => {
    const doc = casework();
    const selector = similarSelectorFor(doc.querySelector('div.post-in p')!);
    expect(selector).toBe('section.thread > div.post > p');
    expect([...doc.querySelectorAll(selector)].map((p) => p.textContent)).toEqual([
      'The boiler has been leaking since Monday.',
      'Sorry to hear that.',
      'An engineer can come on Thursday.',
      'Thursday is fine, thank you.',
    ]);
  });

  it('siblings of the same tag that share no class with it are not alike', () => {
    const doc = page('<ul id="log"><li class="note">n</li><li class="msg">a</li><li class="msg mine">b</li></ul>');
    expect(similarSelectorFor(doc.querySelector('li.mine')!)).toBe('#log > li.msg');
  });

  it('an element with nothing like it around gets its own selector', () => {
    const doc = casework();
    expect(similarSelectorFor(doc.querySelector('h2')!)).toBe('h2.hdr-x7');
  });
});
