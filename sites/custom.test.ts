import { afterEach, describe, expect, it, vi } from 'vitest';
import { IdPattern } from '../core/customAdapter.ts';
import { customSiteAdapter, idFromUrl, suggestIdPattern, type CustomDefinition } from './custom.ts';
import { generic } from './generic/index.ts';
import { readCandidates, readConversation, readStatus } from './read.ts';
import { loadFixture, loadPage, type TestPage } from './testPage.ts';

const FIXTURE = new URL('./customFixtures/casework.html', import.meta.url);
const CASE_URL = 'https://casework.example.org/casework/cases/88123';
const NOW = new Date('2026-03-02T09:30:00.000Z');

const casework = (over: Partial<CustomDefinition> = {}): CustomDefinition => ({
  id: 'casework',
  name: 'Casework',
  version: 3,
  matches: ['https://casework.example.org/casework/cases/*'],
  landmark: 'main[data-screen="case"]',
  contactId: { from: 'url', pattern: '/cases/(\\d{1,12})' },
  fields: {
    subject: 'h2.hdr-x7',
    customer: 'td[data-field="client-ref"]',
    agent: 'td[data-field="handler"]',
    queue: 'td[data-field="team"]',
    status: '.case-top .pill',
    channel: 'td[data-field="via"]',
    conversation: 'section.thread > div.post',
    replyEditor: 'form.reply-x textarea',
  },
  ...over,
});

const pages: TestPage[] = [];
function open(url = CASE_URL, edit?: (doc: Document) => void): TestPage {
  const page = loadFixture(FIXTURE, url);
  edit?.(page.doc);
  pages.push(page);
  return page;
}
afterEach(async () => {
  await Promise.all(pages.splice(0).map((p) => p.close()));
});

const FULL = {
  ticketId: '88123',
  subject: 'Boiler leaking in the kitchen',
  customerRef: 'CL-5521',
  agent: 'priya.k',
  queue: 'Repairs',
  channel: 'phone',
};

describe('a custom adapter on a made-up in-house CRM', () => {
  it('claims the case page and reads every field', () => {
    const { doc, url } = open();
    const adapter = customSiteAdapter(casework());
    expect(adapter.id).toBe('custom-casework');
    expect(adapter.version).toBe(3);
    expect(adapter.claims(doc, url)).toBe(true);
    expect(adapter.extract(doc, url)).toEqual(FULL);
    expect(readCandidates(doc, url, NOW, [adapter, generic])[0]).toEqual({
      ...FULL,
      adapterId: 'custom-casework',
      crm: 'Casework',
      url: CASE_URL,
      source: 'adapter',
      capturedAt: NOW.toISOString(),
    });
  });

  it('reads the status, each matched element as one message, and the reply box', () => {
    const { doc, url } = open();
    const adapter = customSiteAdapter(casework());
    expect(readStatus(doc, url, [adapter])).toBe('Awaiting customer');
    expect(readConversation(doc, url, [adapter])).toEqual([
      'The boiler has been leaking since Monday.',
      'Sorry to hear that. An engineer can come on Thursday.',
      'Thursday is fine, thank you.',
    ]);
    expect(adapter.replyEditor!(doc, url)).toBe(doc.querySelector('textarea[name="reply-body"]'));
  });

  it('takes the ticket id from an element, trimmed', () => {
    const { doc, url } = open('https://casework.example.org/casework/cases/view');
    const adapter = customSiteAdapter(casework({ contactId: { from: 'element', selector: 'b.kase-no' } }));
    expect(adapter.extract(doc, url)).toEqual(FULL);
    expect(adapter.selectors).toMatchObject({ ticketId: 'b.kase-no', landmark: 'main[data-screen="case"]', subject: 'h2.hdr-x7' });
  });

  it('has no readers it was given no selector for, and only the fields it was given', () => {
    const { doc, url } = open();
    const adapter = customSiteAdapter(casework({ fields: { subject: 'h2.hdr-x7' } }));
    expect(adapter.extract(doc, url)).toEqual({ ticketId: '88123', subject: 'Boiler leaking in the kitchen' });
    expect([adapter.readStatus, adapter.readConversation, adapter.replyEditor]).toEqual([undefined, undefined, undefined]);
    expect(readConversation(doc, url, [adapter])).toBeNull();
  });

  it('leaves a page without the landmark to the next adapter', () => {
    const { doc, url } = open(CASE_URL, (d) => d.querySelector('main')!.removeAttribute('data-screen'));
    const adapter = customSiteAdapter(casework());
    expect(adapter.claims(doc, url)).toBe(false);
    expect(readCandidates(doc, url, NOW, [adapter, generic]).map((c) => [c.adapterId, c.ticketId, c.source])).toEqual([['generic', '88123', 'heuristic']]);
  });

  it.each([
    'https://casework.example.org/casework/reports/88123',
    'http://casework.example.org/casework/cases/88123',
    'https://elsewhere.example.org/casework/cases/88123',
  ])('does not claim %s', (address) => {
    const { doc, url } = open(address);
    expect(customSiteAdapter(casework()).claims(doc, url)).toBe(false);
  });

  it('claims a case list (the address matches) but finds no contact there: the guesser is not asked', () => {
    const { doc, url } = open('https://casework.example.org/casework/cases/all');
    const adapter = customSiteAdapter(casework());
    expect(adapter.claims(doc, url)).toBe(true);
    expect(adapter.extract(doc, url)).toBeNull();
    expect(readCandidates(doc, url, NOW, [adapter, generic])).toEqual([]);
  });

  it('never throws for a selector this browser cannot parse: the field is left out, the landmark is missing', () => {
    const warn = vi.spyOn(console, 'warn');
    const { doc, url } = open();
    const subjectBroken = customSiteAdapter(casework({ fields: { ...casework().fields, subject: 'h2[', conversation: 'div:nth(' } }));
    const { subject: _subject, ...rest } = FULL;
    expect(subjectBroken.extract(doc, url)).toEqual(rest);
    expect(subjectBroken.readConversation!(doc, url)).toEqual([]);
    expect(customSiteAdapter(casework({ landmark: 'main[' })).claims(doc, url)).toBe(false);
    expect(customSiteAdapter(casework({ contactId: { from: 'element', selector: '>>' } })).extract(doc, url)).toBeNull();
    expect(warn).not.toHaveBeenCalled();
  });

  it('maps a channel only when it names a known one, by value or label', () => {
    const channelIs = (words: string) => {
      const { doc, url } = open(CASE_URL, (d) => (d.querySelector('[data-field="via"]')!.textContent = words));
      return customSiteAdapter(casework()).extract(doc, url)?.channel;
    };
    expect(channelIs(' in person ')).toBe('inPerson');
    expect(channelIs('EMAIL')).toBe('email');
    expect(channelIs('Social media')).toBe('social');
    expect(channelIs('Carrier pigeon')).toBeUndefined();
  });

  it('cuts long text to what a contact keeps, and takes no id longer than one', () => {
    const long = open(CASE_URL, (d) => (d.querySelector('h2')!.textContent = 'x'.repeat(900)));
    expect(customSiteAdapter(casework()).extract(long.doc, long.url)?.subject).toHaveLength(500);
    const page = open(`https://casework.example.org/casework/cases/view`, (d) => (d.querySelector('b.kase-no')!.textContent = '9'.repeat(121)));
    expect(customSiteAdapter(casework({ contactId: { from: 'element', selector: 'b.kase-no' } })).extract(page.doc, page.url)).toBeNull();
  });

  it('reads an input or a select by what it shows', () => {
    const page = loadPage(CASE_URL, '<main data-screen="case"><input id="s" value="  Typed subject "><select id="q"><option>A</option><option selected>Billing</option></select></main>');
    pages.push(page);
    page.doc.querySelector<HTMLOptionElement>('option[selected]')!.selected = true;
    const adapter = customSiteAdapter(casework({ fields: { subject: '#s', queue: '#q' } }));
    expect(adapter.extract(page.doc, page.url)).toEqual({ ticketId: '88123', subject: 'Typed subject', queue: 'Billing' });
  });
});

describe('the id pattern suggested for a page address', () => {
  it.each([
    ['https://crm.example.com/cases/88123', '/cases/(\\d{1,12})', '88123'],
    ['https://crm.example.com/cases/88123/', '/cases/(\\d{1,12})', '88123'],
    ['https://crm.example.com/casework/view?case=88123&tab=2', '[?&]case=(\\d{1,12})', '88123'],
    ['https://crm.example.com/helpdesk/cases/CS-4471', '/cases/([a-z]{1,6}-?\\d{1,15})', 'CS-4471'],
    ['https://crm.example.com/88123', '^/(\\d{1,12})', '88123'],
    ['https://crm.example.com/v1.2/tickets/INC0012345/notes', '/tickets/([a-z]{1,6}-?\\d{1,15})', 'INC0012345'],
    ['https://crm.example.com/app(1)/4471', '/app\\(1\\)/(\\d{1,12})', '4471'],
  ])('%s: %s, which reads %s', (address, pattern, id) => {
    const url = new URL(address);
    expect(suggestIdPattern(url)).toBe(pattern);
    expect(IdPattern.safeParse(pattern).success).toBe(true);
    expect(idFromUrl(pattern, url)).toBe(id);
  });

  it.each(['https://crm.example.com/', 'https://crm.example.com/dashboard?tab=mine'])('none for %s', (address) => {
    expect(suggestIdPattern(new URL(address))).toBeUndefined();
  });

  it('an id pattern the browser rejects reads nothing', () => {
    expect(idFromUrl('/cases/(\\d{1,12}', new URL('https://crm.example.com/cases/1'))).toBeUndefined();
  });
});
