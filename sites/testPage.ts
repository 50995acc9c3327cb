/** Test helper: a page in happy-dom, typed as the DOM the adapters are written against. */
import { readFileSync } from 'node:fs';
import { Window as HappyWindow } from 'happy-dom';

export interface TestPage {
  doc: Document;
  win: Window & typeof globalThis;
  url: URL;
  /** Resolves when pending work (observers, animation frames, timers) has run. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export function loadPage(url: string, html: string): TestPage {
  const window = new HappyWindow({ url });
  window.document.write(html);
  applyDefaultSelections(window.document as unknown as Document);
  return {
    doc: window.document as unknown as Document,
    win: window as unknown as Window & typeof globalThis,
    url: new URL(url),
    settle: () => window.happyDOM.waitUntilComplete(),
    close: () => window.happyDOM.close(),
  };
}

/** A whole document: happy-dom's parser puts a bare <title> in the body, where browsers do not. */
export function htmlDocument(title: string, body = ''): string {
  return `<!DOCTYPE html><html><head><title>${title}</title></head><body>${body}</body></html>`;
}

export function loadFixture(fixtureUrl: URL, pageUrl: string): TestPage {
  return loadPage(pageUrl, readFileSync(fixtureUrl, 'utf8'));
}

/**
 * Selects each option that has a `selected` attribute, as a browser's parser does. happy-dom 21 keeps
 * the second option selected after parsing whatever the markup says, so fixtures' select boxes would
 * read wrong. Call it on frame documents too, after they load.
 */
export function applyDefaultSelections(doc: Document): void {
  for (const option of doc.querySelectorAll<HTMLOptionElement>('select option[selected]')) option.selected = true;
}
