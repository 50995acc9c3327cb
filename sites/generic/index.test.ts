import { describe, expect, test } from 'vitest';
import { describeAdapter, fixturePages } from '../fixtureTesting.ts';
import { htmlDocument } from '../testPage.ts';
import { fixtures } from './fixtures.ts';
import { generic, isPlausibleId } from './index.ts';

describeAdapter(fixtures, {
  // Every page: the guesser is the fallback.
  claims: [['https://example.com/', true]],
  extract: [
    {
      title: 'an unknown ticket page: the id from the URL, the title as subject',
      page: 'unknown-ticket',
      is: { ticketId: '4471', subject: 'Ticket 4471: Refund not received' },
    },
  ],
  noContact: [['unknown-home']],
});

const { load } = fixturePages(fixtures);

/** The ticket id the generic adapter reads off a page with this URL, title and first heading. */
function ticketIdOf(url: string, title = '', heading = ''): string | null {
  const page = load(url, htmlDocument(title, `${heading ? `<h1>${heading}</h1>` : ''}<p>2024</p>`));
  return generic.extract(page.doc, page.url)?.ticketId ?? null;
}

describe('ticket id from the URL', () => {
  test.each([
    // Query parameters that name a ticket.
    ['https://desk.example.com/view?ticket=4471', '4471'],
    ['https://desk.example.com/view?ticket_id=00012345', '00012345'],
    ['https://desk.example.com/view?ticketId=CS-1234', 'CS-1234'],
    ['https://desk.example.com/view?TicketID=88', '88'],
    ['https://crm.example.com/case.php?case=00001234', '00001234'],
    ['https://crm.example.com/x?caseId=5003000000D8cuIAAJ', '5003000000D8cuIAAJ'],
    ['https://sn.example.com/incident.do?incident=INC0012345', 'INC0012345'],
    ['https://sn.example.com/task.do?number=RITM0010001', 'RITM0010001'],
    // `id` only where the path speaks of tickets.
    ['https://rt.example.com/Ticket/Display.html?id=12', '12'],
    ['https://help.example.com/helpdesk/ticket.php?id=7', '7'],
    // Path words followed by an id.
    ['https://acme.zendesk.com/agent/tickets/4471', '4471'],
    ['https://acme.freshdesk.com/a/tickets/123?tab=notes', '123'],
    ['https://acme.my.salesforce.com/lightning/r/Case/5003000000D8cuIAAJ/view', '5003000000D8cuIAAJ'],
    ['https://app.hubspot.com/contacts/12345678/ticket/987654321', '987654321'],
    ['https://app.intercom.com/a/inbox/abc123/inbox/conversation/215463817409463', '215463817409463'],
    ['https://secure.helpscout.net/conversation/2345678/91011/', '2345678'],
    ['https://itsm.example.com/incidents/INC0012345', 'INC0012345'],
    ['https://support.example.com/requests/CS-1234', 'CS-1234'],
    ['https://crm.example.com/cases/view/00012345', '00012345'],
    ['https://crm.example.com/contacts/C-889', 'C-889'],
    ['https://zammad.example.com/#ticket/zoom/123', '123'],
    ['https://desk.example.com/#/tickets/55', '55'],
    ['https://desk.example.com/tickets/caf%C3%A9', null],
  ])('%s -> %s', (url, expected) => {
    expect(ticketIdOf(url)).toBe(expected);
  });
});

describe('no ticket id from URLs that only look like one', () => {
  test.each([
    ['https://shop.example.com/product.php?id=5'],
    ['https://news.example.com/2024/05/17/ticket-prices-rise'],
    ['https://desk.example.com/tickets'],
    ['https://desk.example.com/tickets/new'],
    ['https://desk.example.com/tickets?page=3'],
    ['https://desk.example.com/tickets/3f2a9c0d1e4b5a6978800112233445566778899a'],
    ['https://desk.example.com/tickets/0f8fad5b-d9cb-469f-a165-70867728950e'],
    ['https://desk.example.com/view?ticket=deadbeefdeadbeef'],
    ['https://desk.example.com/view?ticket=12345678901234567890'],
    ['https://desk.example.com/view?case=true'],
    ['https://desk.example.com/contact/us'],
    ['https://rt.example.com/Ticket/Display.html#txn-34'],
    ['https://example.com/'],
  ])('%s', (url) => {
    expect(ticketIdOf(url)).toBeNull();
  });
});

describe('ticket id from the title and the first heading', () => {
  test.each([
    ['#4471 Refund not received', '', '4471'],
    ['[#12] Printer on fire - Help Desk', '', '12'],
    ['Ticket 1234: Cannot log in', '', '1234'],
    ['Ticket #2024 - Annual review', '', '2024'],
    ['Case 00001234 ~ Salesforce', '', '00001234'],
    ['Case: 00001234 | Service Console', '', '00001234'],
    ['Incident INC0012345 - ServiceNow', '', 'INC0012345'],
    ['INC0012345 | Incident | ServiceNow', '', 'INC0012345'],
    ['Request no. 42', '', '42'],
    ['Conversation 998877 with Jo', '', '998877'],
    ['Acme Support', 'Ticket 5678', '5678'],
    ['Acme Support', 'Case CS-1234: Wrong bill', 'CS-1234'],
    // A year after the word is read as a year, and the search goes on.
    ['Tickets 2019 to 2024, case 77', '', '77'],
  ])('title %j, heading %j -> %s', (title, heading, expected) => {
    expect(ticketIdOf('https://desk.example.com/agent', title, heading)).toBe(expected);
  });

  test.each([
    ['Ticket 2024 conference'],
    ['Our 2024 results'],
    ['Colour #ff0000 and #12ab'],
    ['C#7 language notes'],
    ['Support case studies'],
    ['Ticketing 2'],
    ['Inbox (12)'],
    ['Dashboard - 42 open tickets'],
    [''],
  ])('title %j -> none', (title) => {
    expect(ticketIdOf('https://desk.example.com/agent', title)).toBeNull();
  });
});

describe('extract', () => {
  test('the URL wins over the title; the title becomes the subject', () => {
    const page = load('https://desk.example.com/tickets/55', htmlDocument('  Ticket 99:\n  Printer on fire ', '<h1>Other</h1>'));
    expect(generic.extract(page.doc, page.url)).toEqual({ ticketId: '55', subject: 'Ticket 99: Printer on fire' });
  });

  test('no title: no subject', () => {
    const page = load('https://desk.example.com/tickets/55', '<p>x</p>');
    expect(generic.extract(page.doc, page.url)).toEqual({ ticketId: '55' });
  });
});

describe('isPlausibleId', () => {
  test.each([
    ['1', true],
    ['00012345', true],
    ['INC0012345', true],
    ['CS-1234', true],
    ['5003000000D8cuI', true],
    ['5003000000D8cuIAAJ', true],
    ['new', false],
    ['1a2b3c4d5e6f7a8', false], // the length of a Salesforce id, but hex
    ['3f2a9c0d1e4b5a69', false],
    ['1234567890123456', false],
    ['12.5', false],
    ['', false],
  ])('%j: %s', (token, plausible) => {
    expect(isPlausibleId(token)).toBe(plausible);
  });
});
