import { afterEach, describe, expect, test, vi } from 'vitest';
import type { ContactReference } from '../core/contact.ts';
import { generic } from './generic/index.ts';
import { readContact } from './pick.ts';
import { adapters, watchContact } from './registry.ts';
import { htmlDocument, loadFixture, loadPage, type TestPage } from './testPage.ts';
import type { SiteAdapter } from './types.ts';

const NOW = new Date('2026-03-02T09:30:00.000Z');
const rtFixture = (name: string) => new URL(`./requestTracker/fixtures/${name}.html`, import.meta.url);

let page: TestPage | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});

function fakeAdapter(id: string, behaviour: Partial<Pick<SiteAdapter, 'claims' | 'extract'>>): SiteAdapter {
  return { id, name: id, version: 3, matches: [], selectors: {}, claims: () => true, extract: () => ({ ticketId: id }), ...behaviour };
}

describe('adapters', () => {
  test('the generic guesser is last and adapter ids are unique', () => {
    expect(adapters.at(-1)).toBe(generic);
    expect(new Set(adapters.map((adapter) => adapter.id)).size).toBe(adapters.length);
  });
});

describe('readContact', () => {
  test('an RT ticket page is read by the RT adapter', () => {
    page = loadFixture(rtFixture('ticket-display'), 'http://127.0.0.1:8971/Ticket/Display.html?id=1#txn-34');
    expect(readContact(page.doc, page.url, NOW)).toEqual({
      adapterId: 'request-tracker',
      crm: 'Request Tracker',
      url: 'http://127.0.0.1:8971/Ticket/Display.html?id=1',
      ticketId: '1',
      subject: 'Refund not received: order #4471',
      queue: 'General',
      agent: 'sam.agent',
      customerRef: '31', // the RT user id of <accounts@example.com>, not the address
      channel: 'email',
      source: 'adapter',
      capturedAt: '2026-03-02T09:30:00.000Z',
    } satisfies ContactReference);
  });

  test('an RT page that is not a ticket falls through to the generic guesser, which finds nothing', () => {
    page = loadFixture(rtFixture('search-results'), 'http://127.0.0.1:8971/Search/Results.html?Query=x');
    expect(readContact(page.doc, page.url, NOW)).toBeNull();
  });

  test('an unknown CRM is guessed at, and marked as a guess', () => {
    page = loadPage('https://acme.zendesk.com/agent/tickets/4471', htmlDocument('Refund not received - Zendesk'));
    expect(readContact(page.doc, page.url, NOW)).toMatchObject({
      adapterId: 'generic',
      crm: 'Unrecognised page',
      ticketId: '4471',
      subject: 'Refund not received - Zendesk',
      source: 'heuristic',
    });
  });

  test('an adapter that throws is skipped with a warning naming it', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    page = loadPage('https://crm.example.com/tickets/9', '');
    const broken = fakeAdapter('broken', {
      extract: () => {
        throw new TypeError('selector moved');
      },
    });
    const contact = readContact(page.doc, page.url, NOW, [broken, generic]);
    expect(contact).toMatchObject({ adapterId: 'generic', ticketId: '9' });
    expect(warn).toHaveBeenCalledOnce();
    expect(warn.mock.calls[0]?.[0]).toContain('broken');
  });

  test('an adapter whose claims() throws is skipped too', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    page = loadPage('https://crm.example.com/tickets/9', '');
    const broken = fakeAdapter('broken', {
      claims: () => {
        throw new Error('boom');
      },
    });
    expect(readContact(page.doc, page.url, NOW, [broken, generic])?.adapterId).toBe('generic');
    expect(warn).toHaveBeenCalledOnce();
  });

  test.each([
    ['an empty ticket id', { ticketId: '  ' }],
    ['an unknown channel', { ticketId: '1', channel: 'pigeon' }],
    ['an unexpected field', { ticketId: '1', customerName: 'Jo Bloggs' }],
    ['a subject too long', { ticketId: '1', subject: 'x'.repeat(501) }],
  ])('an adapter returning %s is skipped with a warning', (_, data) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    page = loadPage('https://crm.example.com/tickets/9', '');
    const invalid = fakeAdapter('invalid', { extract: () => data as never });
    expect(readContact(page.doc, page.url, NOW, [invalid, generic])).toMatchObject({ adapterId: 'generic', ticketId: '9' });
    expect(warn.mock.calls[0]?.[0]).toContain('invalid');
  });

  test('an adapter that claims the page and finds no contact has the last word', () => {
    page = loadPage('https://crm.example.com/tickets/9', '');
    const dashboard = fakeAdapter('crm', { extract: () => null });
    expect(readContact(page.doc, page.url, NOW, [dashboard, generic])).toBeNull();
  });

  test('adapters that do not claim the page are passed over', () => {
    page = loadPage('https://crm.example.com/tickets/9', '');
    const elsewhere = fakeAdapter('elsewhere', { claims: () => false });
    expect(readContact(page.doc, page.url, NOW, [elsewhere, generic])?.adapterId).toBe('generic');
  });

  test('the trimmed values are kept', () => {
    page = loadPage('https://crm.example.com/', '');
    const padded = fakeAdapter('padded', { extract: () => ({ ticketId: ' 12 ', agent: ' sam ' }) });
    expect(readContact(page.doc, page.url, NOW, [padded])).toMatchObject({ ticketId: '12', agent: 'sam' });
  });

  test('a URL too long to keep loses its query', () => {
    const url = `https://crm.example.com/tickets/9?filter=${'a'.repeat(3000)}#top`;
    page = loadPage(url, '');
    expect(readContact(page.doc, page.url, NOW)?.url).toBe('https://crm.example.com/tickets/9');
  });
});

describe('watchContact', () => {
  /** Lets the mutation observer and the animation frame it schedules run. */
  const settle = () => page!.settle();

  test('emits now, again when the title names another ticket, not for unrelated changes, and nothing after abort', async () => {
    page = loadPage('https://desk.example.com/agent', htmlDocument('Ticket 1: Printer', '<main></main>'));
    const { doc, win } = page;
    const seen: Array<string | null> = [];
    const controller = new AbortController();
    watchContact(doc, win, controller.signal, (found) => seen.push(found[0]?.ticketId ?? null));
    expect(seen).toEqual(['1']);

    doc.querySelector('main')!.append(doc.createElement('p'));
    await settle();
    expect(seen).toEqual(['1']);

    doc.title = 'Ticket 2: Scanner';
    await settle();
    expect(seen).toEqual(['1', '2']);

    doc.title = 'Inbox';
    await settle();
    expect(seen).toEqual(['1', '2', null]);

    controller.abort();
    doc.title = 'Ticket 3: Fax';
    await settle();
    expect(seen).toEqual(['1', '2', null]);
  });

  test('a title whose text is edited in place is noticed', async () => {
    page = loadPage('https://desk.example.com/agent', htmlDocument('Inbox'));
    const seen: Array<string | null> = [];
    watchContact(page.doc, page.win, new AbortController().signal, (found) => seen.push(found[0]?.ticketId ?? null));
    (page.doc.querySelector('title')!.firstChild as Text).data = 'Case 00001234';
    await settle();
    expect(seen).toEqual([null, '00001234']);
  });

  test('a burst of changes is read once', async () => {
    page = loadPage('https://desk.example.com/agent', htmlDocument('Inbox', '<main></main>'));
    const { doc, win } = page;
    const onContact = vi.fn();
    const extract = vi.spyOn(generic, 'extract');
    watchContact(doc, win, new AbortController().signal, onContact);
    for (let i = 0; i < 20; i++) doc.querySelector('main')!.append(doc.createElement('p'));
    doc.title = 'Ticket 7';
    await settle();
    expect(extract).toHaveBeenCalledTimes(2);
    expect(onContact.mock.calls.map(([found]) => found[0]?.ticketId ?? null)).toEqual([null, '7']);
  });

  test('a change within the page of the same ticket (a new owner) is emitted; a re-render of the same data is not', async () => {
    page = loadFixture(rtFixture('ticket-display'), 'http://127.0.0.1:8971/Ticket/Display.html?id=1');
    const { doc, win } = page;
    const seen: Array<ContactReference | null> = [];
    watchContact(doc, win, new AbortController().signal, (found) => seen.push(found[0] ?? null));

    const people = doc.querySelector('.ticket-info-people')!;
    people.replaceWith(people.cloneNode(true));
    await settle();
    expect(seen).toHaveLength(1);

    doc.querySelector('.form-row.owner .user a')!.textContent = 'alex.agent (Alex Agent)';
    await settle();
    expect(seen.map((contact) => contact?.agent)).toEqual(['sam.agent', 'alex.agent']);
  });

  test('does nothing when the signal is already aborted', () => {
    page = loadPage('https://desk.example.com/tickets/1', '');
    const onContact = vi.fn();
    watchContact(page.doc, page.win, AbortSignal.abort(), onContact);
    expect(onContact).not.toHaveBeenCalled();
  });

  test('abort disconnects the observer and cancels a pending read', async () => {
    page = loadPage('https://desk.example.com/agent', htmlDocument('Inbox'));
    const { doc, win } = page;
    const onContact = vi.fn();
    const controller = new AbortController();
    watchContact(doc, win, controller.signal, onContact);
    doc.title = 'Ticket 8';
    await Promise.resolve(); // the observer has scheduled its frame
    controller.abort();
    await settle();
    expect(onContact).toHaveBeenCalledTimes(1);
  });
});
