/**
 * A synthetic ticket page with 5,000 elements, served on 127.0.0.1: a large CRM page the content
 * script must not slow down, with a heading the generic adapter reads a ticket id from and a reply
 * box to type in.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const PAGE_ELEMENTS = 5000;

/** One history entry: 10 elements, like a CRM's transaction with its metadata and message. */
const entry = (n: number) =>
  `<article class="txn"><div class="meta"><span class="who">agent.${n % 40}</span><span class="what">Correspondence added</span><time>2026-03-${String((n % 28) + 1).padStart(2, '0')}</time></div>` +
  `<p>Message ${n}: thank you for your patience while we look into the duplicate payment.</p><p>Kind regards,</p><ul><li>Ref ${n}</li><li>Queue Billing</li></ul></article>`;

function page(): string {
  // html, head, meta, title, body, header, h1, main, and the reply form (form, textarea, button):
  // 11 elements, then entries of 10 and spans to make up the rest.
  const fixed = 11;
  const entries = Math.floor((PAGE_ELEMENTS - fixed) / 10);
  const spans = PAGE_ELEMENTS - fixed - entries * 10;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ticket #123: Charged twice for my March bill</title></head><body>
<header><h1>Ticket #123: Charged twice for my March bill</h1></header><main>
${Array.from({ length: entries }, (_, i) => entry(i)).join('\n')}
${'<span></span>'.repeat(spans)}
<form method="post" action="#reply"><textarea name="reply" aria-label="Reply" rows="8" cols="80"></textarea><button>Send</button></form>
</main></body></html>`;
}

export interface HostPage {
  url: string;
  close(): Promise<void>;
}

export async function serveHostPage(): Promise<HostPage> {
  const html = page();
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tickets/123`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
