import { afterEach, describe, expect, test, vi } from 'vitest';
import type { ContactReference } from '../core/contact.ts';
import { generic } from './generic/index.ts';
import { readContact } from './pick.ts';
import { readFileSync } from 'node:fs';
import { adapters, claimingAdapter, findReplyEditor, readCandidates, readConversation, readConversationText, readStatus, watchContact, type ContactCandidate } from './registry.ts';
import { applyDefaultSelections, htmlDocument, loadFixture, loadPage, type TestPage } from './testPage.ts';
import type { SiteAdapter } from './types.ts';

const NOW = new Date('2026-03-02T09:30:00.000Z');
const rtFixture = (name: string) => new URL(`./requestTracker/fixtures/${name}.html`, import.meta.url);
const fixtureOf = (crm: string, name: string) => new URL(`./${crm}/fixtures/${name}.html`, import.meta.url);

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

  test('one adapter per CRM', () => {
    expect(adapters.map((adapter) => adapter.id)).toEqual([
      'request-tracker',
      'zendesk',
      'salesforce-service-cloud',
      'freshdesk',
      'servicenow',
      'hubspot',
      'intercom',
      'front',
      'gorgias',
      'zammad',
      'generic',
    ]);
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
    page = loadPage('https://support.example.com/agent/tickets/4471', htmlDocument('Refund not received - Acme desk'));
    expect(readContact(page.doc, page.url, NOW)).toMatchObject({
      adapterId: 'generic',
      crm: 'Unrecognised page',
      ticketId: '4471',
      subject: 'Refund not received - Acme desk',
      source: 'heuristic',
    });
  });

  test('a known CRM is read by its adapter even before its page renders, not guessed at', () => {
    page = loadPage('https://acme.zendesk.com/agent/tickets/4471', htmlDocument('Zendesk'));
    expect(readContact(page.doc, page.url, NOW)).toMatchObject({ adapterId: 'zendesk', crm: 'Zendesk', ticketId: '4471', source: 'adapter' });
  });

  test("a known CRM's page without a contact has the last word: nothing is guessed from the dashboard", () => {
    page = loadPage('https://acme.zendesk.com/agent/dashboard', htmlDocument('Ticket 4471 updated - Zendesk'));
    expect(readContact(page.doc, page.url, NOW)).toBeNull();
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

  test('started from what the caller already read, it reads nothing and emits nothing until the page changes', async () => {
    page = loadPage('https://desk.example.com/agent', htmlDocument('Ticket 1: Printer', '<main></main>'));
    const { doc, win } = page;
    const known = readCandidates(doc, page.url, NOW);
    const extract = vi.spyOn(generic, 'extract');
    const seen: Array<string | null> = [];
    watchContact(doc, win, new AbortController().signal, (found) => seen.push(found[0]?.ticketId ?? null), adapters, known);
    expect([seen, extract.mock.calls.length]).toEqual([[], 0]);
    doc.querySelector('main')!.append(doc.createElement('p'));
    await settle();
    expect(seen).toEqual([]);
    doc.title = 'Ticket 2: Scanner';
    await settle();
    expect(seen).toEqual(['2']);
    extract.mockRestore();
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

describe('watchContact in single-page CRMs', () => {
  const settle = () => page!.settle();
  const ids = (seen: ContactCandidate[][]) => seen.map((found) => found[0]?.ticketId ?? null);
  function watch(signal = new AbortController().signal) {
    const seen: ContactCandidate[][] = [];
    watchContact(page!.doc, page!.win, signal, (found) => seen.push(found));
    return seen;
  }

  test('history.pushState to another ticket, then the page retitled: the new contact', async () => {
    page = loadFixture(fixtureOf('zendesk', 'ticket'), 'https://acme.zendesk.com/agent/tickets/4471');
    const seen = watch();
    // A content script cannot see pushState itself; it sees what the app does next.
    page.win.history.pushState(null, '', '/agent/tickets/4460');
    await settle();
    expect(ids(seen)).toEqual(['4471']);
    page.doc.title = 'Printer jammed – Acme Support';
    await settle();
    expect(ids(seen)).toEqual(['4471', '4460']);
    expect(seen[1]![0]).toMatchObject({ adapterId: 'zendesk', subject: 'Printer jammed', customerRef: '5550001' });
  });

  test('back and forward (popstate) with no change to the DOM', async () => {
    page = loadFixture(fixtureOf('zendesk', 'ticket'), 'https://acme.zendesk.com/agent/tickets/4471');
    const seen = watch();
    page.win.history.replaceState(null, '', '/agent/tickets/4460');
    page.win.dispatchEvent(new page.win.PopStateEvent('popstate'));
    await settle();
    expect(ids(seen)).toEqual(['4471', '4460']);
  });

  test("a hash route (Zammad's #ticket/zoom/N): hashchange", async () => {
    page = loadFixture(fixtureOf('zammad', 'ticket'), 'https://acme.zammad.com/#ticket/zoom/123');
    const seen = watch();
    page.win.location.hash = '#dashboard';
    await settle();
    expect(ids(seen)).toEqual(['123', null]);
  });

  test("the Navigation API's currententrychange, where the browser has it, also catches pushState", async () => {
    page = loadFixture(fixtureOf('zendesk', 'ticket'), 'https://acme.zendesk.com/agent/tickets/4471');
    const navigation = new page.win.EventTarget();
    Object.defineProperty(page.win, 'navigation', { value: navigation, configurable: true });
    const seen = watch();
    page.win.history.pushState(null, '', '/agent/tickets/4460');
    navigation.dispatchEvent(new page.win.Event('currententrychange'));
    await settle();
    expect(ids(seen)).toEqual(['4471', '4460']);
  });

  test('after abort, no navigation event is heard', async () => {
    page = loadFixture(fixtureOf('zendesk', 'ticket'), 'https://acme.zendesk.com/agent/tickets/4471');
    const navigation = new page.win.EventTarget();
    Object.defineProperty(page.win, 'navigation', { value: navigation, configurable: true });
    const controller = new AbortController();
    const seen = watch(controller.signal);
    controller.abort();
    page.win.history.replaceState(null, '', '/agent/tickets/4460');
    page.win.dispatchEvent(new page.win.PopStateEvent('popstate'));
    page.win.location.hash = '#x';
    navigation.dispatchEvent(new page.win.Event('currententrychange'));
    await settle();
    expect(ids(seen)).toEqual(['4471']);
  });

  describe("ServiceNow's classic frame", () => {
    const INCIDENT = 'a3f1c2d4e5b60718293a4b5c6d7e8f90';
    const source = (name: string) => readFileSync(fixtureOf('serviceNow', name), 'utf8');
    async function loadFrame(frame: HTMLIFrameElement, html: string) {
      frame.setAttribute('srcdoc', html);
      await settle();
      if (frame.contentDocument) applyDefaultSelections(frame.contentDocument);
    }

    test('a record loading in the frame, another record, a list, and changes inside the frame document', async () => {
      page = loadFixture(fixtureOf('serviceNow', 'nav-to'), 'https://acme.service-now.com/navpage.do');
      const frame = page.doc.querySelector<HTMLIFrameElement>('#gsft_main')!;
      const seen = watch();
      expect(ids(seen)).toEqual([null]);

      await loadFrame(frame, source('incident-form'));
      expect(ids(seen)).toEqual([null, INCIDENT]);
      expect(seen[1]![0]).toMatchObject({ adapterId: 'servicenow', subject: 'Email not syncing on phone', agent: 'Sam Agent' });

      // The form re-rendered by ServiceNow: a new assignee.
      const assignee = frame.contentDocument!.getElementById('sys_display.incident.assigned_to')!;
      assignee.replaceWith(Object.assign(assignee.cloneNode(true) as HTMLInputElement, { value: 'Alex Agent' }));
      await settle();
      expect(seen.at(-1)![0]?.agent).toBe('Alex Agent');

      await loadFrame(frame, source('incident-form').replaceAll(INCIDENT, 'b4e2d3c5f6a71829304b5c6d7e8f9a01'));
      expect(ids(seen).at(-1)).toBe('b4e2d3c5f6a71829304b5c6d7e8f9a01');

      await loadFrame(frame, source('incident-list'));
      expect(ids(seen).at(-1)).toBe(null);
    });

    test('a frame that appears later (Next Experience renders its shell) is watched too', async () => {
      page = loadFixture(fixtureOf('serviceNow', 'workspace-record'), 'https://acme.service-now.com/now/nav/ui/classic/params/target/incident_list.do');
      const seen = watch();
      const root = page.doc.querySelector('macroponent-f51912f4c700201072b211d4d8c26010')!.attachShadow({ mode: 'open' });
      root.innerHTML = '<iframe id="gsft_main" name="gsft_main"></iframe>';
      const frame = root.querySelector('iframe')!;
      await loadFrame(frame, source('incident-form'));
      // Inside a shadow root the frame is out of the observer's sight until the shell retitles the page.
      page.doc.title = 'INC0010023 | Incident | ServiceNow';
      await settle();
      expect(ids(seen)).toEqual([null, INCIDENT]);
      // From then on the frame itself is watched.
      await loadFrame(frame, source('incident-list'));
      expect(ids(seen)).toEqual([null, INCIDENT, null]);
    });

    test('after abort, frame loads and frame mutations are not heard', async () => {
      page = loadFixture(fixtureOf('serviceNow', 'nav-to'), 'https://acme.service-now.com/navpage.do');
      const frame = page.doc.querySelector<HTMLIFrameElement>('#gsft_main')!;
      await loadFrame(frame, source('incident-form'));
      const controller = new AbortController();
      const seen = watch(controller.signal);
      expect(ids(seen)).toEqual([INCIDENT]);
      controller.abort();
      frame.contentDocument!.getElementById('incident.short_description')!.remove();
      await settle();
      await loadFrame(frame, source('incident-list'));
      expect(ids(seen)).toEqual([INCIDENT]);
    });
  });
});

describe('conversation, reply editor and status through the registry', () => {
  test("the claiming adapter's readers", () => {
    page = loadFixture(fixtureOf('zendesk', 'ticket'), 'https://acme.zendesk.com/agent/tickets/4471');
    expect(claimingAdapter(page.doc, page.url)?.id).toBe('zendesk');
    expect(readConversation(page.doc, page.url)).toHaveLength(3);
    expect(readConversationText(page.doc, page.url)).toBe(
      'I returned the kettle on 3 February and the refund has still not arrived. Order 4471.\n' +
        'Sorry for the wait, Jo. I have asked our payments team to check.\n' +
        'Still nothing. I would like to make a complaint.',
    );
    expect(findReplyEditor(page.doc, page.url)?.getAttribute('data-test-id')).toBe('omnicomposer-rich-text-ckeditor');
    expect(readStatus(page.doc, page.url)).toBe('Open');
  });

  test('an adapter without the optional readers: null, not an error', () => {
    page = loadFixture(rtFixture('ticket-display'), 'http://127.0.0.1:8971/Ticket/Display.html?id=1');
    const bare = [fakeAdapter('bare', {})];
    expect(claimingAdapter(page.doc, page.url, bare)?.id).toBe('bare');
    expect(readConversation(page.doc, page.url, bare)).toBeNull();
    expect(readConversationText(page.doc, page.url, bare)).toBeNull();
    expect(findReplyEditor(page.doc, page.url, bare)).toBeNull();
    expect(readStatus(page.doc, page.url, bare)).toBeNull();
  });

  test('Request Tracker reads its history and finds its reply box through the registry', () => {
    page = loadFixture(rtFixture('ticket-display'), 'http://127.0.0.1:8971/Ticket/Display.html?id=1');
    expect(readConversation(page.doc, page.url)).toHaveLength(3);
    expect(findReplyEditor(page.doc, page.url)).toBeNull();
  });

  test('a reader that throws is contained, with a warning naming the adapter', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    page = loadPage('https://crm.example.com/tickets/9', '');
    const broken: SiteAdapter = {
      ...fakeAdapter('broken', {}),
      readConversation: () => {
        throw new Error('moved');
      },
    };
    expect(readConversation(page.doc, page.url, [broken, generic])).toBeNull();
    expect(warn.mock.calls[0]?.[0]).toContain('broken');
  });
});
