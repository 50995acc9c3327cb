// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { fakeBrowser } from 'wxt/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AdapterPreview, AdaptersView, CustomAdapter } from '../core/customAdapter.ts';
import { call } from './client.ts';
import { CustomAdapters, defaultPattern, slugFor } from './CustomAdapters.tsx';

vi.mock('./client.ts', () => ({ call: vi.fn() }));

const PAGE = 'http://127.0.0.1:8123/cases/88123';
const TAB = 7;
const casework: CustomAdapter = {
  id: 'casework',
  name: 'Casework',
  matches: ['http://127.0.0.1:8123/cases/*'],
  contactId: { from: 'url', pattern: '/cases/(\\d{1,12})' },
  fields: { subject: 'h2.hdr-x7' },
  disabled: false,
  version: 2,
  publishedBy: 'Mo Admin',
  publishedAt: '2026-03-20T09:00:00.000Z',
};
const view: AdaptersView = {
  custom: [casework],
  switches: [{ adapterId: 'zendesk', adapterVersion: 1, disabled: true, reason: 'Redesign broke it', setBy: 'Mo Admin', setAt: '2026-03-20T09:00:00.000Z' }],
  builtIn: [
    { id: 'request-tracker', name: 'Request Tracker', version: 3 },
    { id: 'zendesk', name: 'Zendesk', version: 1 },
  ],
};
let calls: [string, unknown][];
let preview: AdapterPreview;

beforeEach(() => {
  fakeBrowser.reset();
  calls = [];
  vi.spyOn(browser.tabs, 'query').mockResolvedValue([{ id: TAB, url: PAGE }] as never);
  vi.spyOn(browser.permissions, 'contains').mockResolvedValue(true as never);
  vi.mocked(call).mockImplementation((async (name: string, body: unknown) => {
    calls.push([name, body]);
    if (name === 'adapters:list') return view;
    if (name === 'adapters:preview') return preview;
    return {};
  }) as never);
});
afterEach(cleanup);

const formStatus = () => within(screen.getByRole('region', { name: 'Site adapters' })).getByRole('status').textContent;
const sent = (name: string) => calls.filter(([n]) => n === name).map(([, body]) => body);
const describedBy = (el: HTMLElement) => (el.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent);

async function show() {
  render(<CustomAdapters pageUrl={PAGE} lastSyncAt={undefined} />);
  await screen.findByRole('button', { name: 'Edit Casework' });
}

describe('the form', () => {
  it('starts from the page beside the panel: its pattern, and an id pattern with the id it reads there', async () => {
    await show();
    expect((screen.getByLabelText(/Page addresses/) as HTMLTextAreaElement).value).toBe('http://127.0.0.1:8123/cases/*');
    const idPattern = screen.getByLabelText('Id pattern') as HTMLInputElement;
    expect(idPattern.value).toBe('/cases/(\\d{1,12})');
    expect(describedBy(idPattern)).toContain("Reads 88123 from this page's address.");
    fireEvent.input(idPattern, { target: { value: '/tickets/(\\d{1,12})' } });
    expect(describedBy(idPattern)).toContain("Finds no id in this page's address.");
  });

  it('follows the page beside the panel until the admin changes something', async () => {
    const { rerender } = render(<CustomAdapters pageUrl={PAGE} lastSyncAt={undefined} />);
    const patterns = screen.getByLabelText(/Page addresses/) as HTMLTextAreaElement;
    rerender(<CustomAdapters pageUrl="https://desk.example.org/tickets/41" lastSyncAt={undefined} />);
    await waitFor(() => expect(patterns.value).toBe('https://desk.example.org/tickets/*'));
    fireEvent.input(screen.getByLabelText('Subject selector'), { target: { value: 'h1' } });
    rerender(<CustomAdapters pageUrl={PAGE} lastSyncAt={undefined} />);
    await screen.findByRole('button', { name: 'Edit Casework' });
    expect(patterns.value).toBe('https://desk.example.org/tickets/*');
  });

  it('Pick starts the picker in the tab; the pick fills the selector and shows its sample', async () => {
    await show();
    fireEvent.click(screen.getByRole('button', { name: 'Pick subject' }));
    await waitFor(() => expect(sent('adapters:pick')).toEqual([{ tabId: TAB, similar: false, label: 'the subject' }]));
    expect(formStatus()).toBe('Click the subject in the page, or press Escape there to cancel.');
    // Another tab's picker does not fill this form.
    const picked = { selector: 'h2.hdr-x7', sample: 'Boiler leaking in the kitchen', matchCount: 1 };
    await act(async () => {
      await fakeBrowser.runtime.onMessage.trigger({ name: 'picker:result', body: { tabId: 99, picked } }, {} as never);
    });
    expect((screen.getByLabelText('Subject selector') as HTMLInputElement).value).toBe('');
    await act(async () => {
      await fakeBrowser.runtime.onMessage.trigger({ name: 'picker:result', body: { tabId: TAB, picked } }, {} as never);
    });
    const subject = screen.getByLabelText('Subject selector') as HTMLInputElement;
    expect(subject.value).toBe('h2.hdr-x7');
    expect(describedBy(subject)).toEqual(['“Boiler leaking in the kitchen” · 1 match']);
  });

  it('conversation messages are picked with the elements like the one clicked', async () => {
    await show();
    fireEvent.click(screen.getByRole('button', { name: 'Pick conversation messages' }));
    await waitFor(() => expect(sent('adapters:pick')).toEqual([{ tabId: TAB, similar: true, label: 'the conversation messages' }]));
    await act(async () => {
      await fakeBrowser.runtime.onMessage.trigger({ name: 'picker:result', body: { tabId: TAB, picked: null } }, {} as never);
    });
    expect(formStatus()).toBe('Picking cancelled.');
  });

  it('says what is wrong at each control, and publishes nothing', async () => {
    await show();
    fireEvent.input(screen.getByLabelText('Subject selector'), { target: { value: 'h2[' } });
    fireEvent.input(screen.getByLabelText(/Page addresses/), { target: { value: 'crm.example.com/*' } });
    fireEvent.click(screen.getByRole('button', { name: 'Publish adapter' }));
    const name = screen.getByLabelText('Name of the system');
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(describedBy(name)).toEqual(['give a name with letters or digits']);
    expect(describedBy(screen.getByLabelText(/Page addresses/))).toEqual([
      'Such as https://crm.example.com/cases/*: a * stands for anything.',
      'a match pattern is scheme://host/path, such as https://crm.example.com/tickets/*',
    ]);
    expect(describedBy(screen.getByLabelText('Subject selector'))).toEqual(['not a valid CSS selector']);
    expect(document.activeElement).toBe(name);
    expect(sent('adapters:publish')).toEqual([]);
  });

  it('publishes the definition, the ticket id from an element', async () => {
    await show();
    fireEvent.input(screen.getByLabelText('Name of the system'), { target: { value: 'Case Desk (Repairs)' } });
    expect(screen.getByText('Published as custom-case-desk-repairs')).toBeTruthy();
    fireEvent.click(screen.getByLabelText('From an element in the page'));
    fireEvent.input(screen.getByLabelText('Ticket id element selector'), { target: { value: 'b.kase-no' } });
    fireEvent.input(screen.getByLabelText('Subject selector'), { target: { value: 'h2.hdr-x7' } });
    fireEvent.input(screen.getByLabelText('Landmark selector'), { target: { value: 'main[data-screen="case"]' } });
    fireEvent.click(screen.getByRole('button', { name: 'Publish adapter' }));
    await waitFor(() =>
      expect(sent('adapters:publish')).toEqual([
        {
          id: 'case-desk-repairs',
          name: 'Case Desk (Repairs)',
          matches: ['http://127.0.0.1:8123/cases/*'],
          landmark: 'main[data-screen="case"]',
          contactId: { from: 'element', selector: 'b.kase-no' },
          fields: { subject: 'h2.hdr-x7' },
          disabled: false,
        },
      ]),
    );
    expect(formStatus()).toBe('Published Case Desk (Repairs): it reaches every browser of the organisation at their next sync.');
  });

  it('tries the definition on the page and shows what it reads, or why not', async () => {
    preview = {
      addressMatches: true,
      claims: true,
      contact: { adapterId: 'custom-casework', crm: 'Casework', url: PAGE, ticketId: '88123', subject: 'Boiler', source: 'adapter', capturedAt: '2026-03-20T09:00:00.000Z' },
      status: 'Open',
      messages: 3,
      replyEditor: null,
    };
    await show();
    fireEvent.input(screen.getByLabelText('Name of the system'), { target: { value: 'Casework' } });
    fireEvent.click(screen.getByRole('button', { name: 'Try on this page' }));
    const region = await screen.findByRole('region', { name: 'On this page' });
    expect([...region.querySelectorAll('dt, dd')].map((e) => e.textContent)).toEqual(['Ticket', '88123', 'Subject', 'Boiler', 'Status', 'Open', 'Messages', '3']);
    expect(sent('adapters:preview')).toMatchObject([{ tabId: TAB, definition: { id: 'casework', contactId: { from: 'url', pattern: '/cases/(\\d{1,12})' } } }]);

    preview = { ...preview, claims: false, contact: null };
    fireEvent.click(screen.getByRole('button', { name: 'Try on this page' }));
    await waitFor(() => expect(region.textContent).toContain('The landmark is not on this page.'));
  });

  it('will not publish a new adapter over a published one of the same name', async () => {
    await show();
    fireEvent.input(screen.getByLabelText('Name of the system'), { target: { value: 'Casework' } });
    fireEvent.click(screen.getByRole('button', { name: 'Publish adapter' }));
    const name = screen.getByLabelText('Name of the system');
    await waitFor(() => expect(describedBy(name)).toContain('an adapter with this name is already published: edit it, or choose another name'));
    expect(sent('adapters:publish')).toEqual([]);
  });

  it('keeps a switched-off adapter off when it is edited and published again', async () => {
    view.custom = [{ ...casework, disabled: true }];
    try {
      await show();
      fireEvent.click(screen.getByRole('button', { name: 'Edit Casework' }));
      fireEvent.input(screen.getByLabelText('Subject selector'), { target: { value: 'h2.title' } });
      fireEvent.click(screen.getByRole('button', { name: 'Publish adapter' }));
      await waitFor(() => expect(sent('adapters:publish')).toEqual([expect.objectContaining({ id: 'casework', disabled: true, fields: { subject: 'h2.title' } })]));
    } finally {
      view.custom = [casework];
    }
  });

  it('edits a published adapter, and turns it off by publishing it disabled', async () => {
    await show();
    fireEvent.click(screen.getByRole('button', { name: 'Edit Casework' }));
    expect((screen.getByLabelText('Subject selector') as HTMLInputElement).value).toBe('h2.hdr-x7');
    expect(screen.getByRole('heading', { name: 'Edit Casework' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Turn off Casework' }));
    await waitFor(() => expect(sent('adapters:publish')).toEqual([expect.objectContaining({ id: 'casework', disabled: true, fields: { subject: 'h2.hdr-x7' } })]));
    expect(sent('adapters:publish')[0]).not.toHaveProperty('version');
  });
});

describe('the kill switch', () => {
  it('lists every adapter version; turning one off asks why', async () => {
    await show();
    const list = screen.getByRole('region', { name: 'Adapter versions' });
    expect([...list.querySelectorAll('li > span')].map((s) => s.textContent)).toEqual([
      'Request Tracker request-tracker@3',
      'Zendesk zendesk@1 · off: Redesign broke it (Mo Admin)',
      'Casework custom-casework@2',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Turn off Casework version 2' }));
    const reason = screen.getByLabelText('Why turn off Casework version 2?');
    expect(document.activeElement).toBe(reason);
    fireEvent.click(screen.getByRole('button', { name: 'Turn off' }));
    expect(describedBy(reason)).toEqual(['Say why, for the people whose pages change.']);
    expect(sent('adapters:switch')).toEqual([]);
    fireEvent.input(reason, { target: { value: 'Reads the wrong subject since the redesign' } });
    fireEvent.click(screen.getByRole('button', { name: 'Turn off' }));
    await waitFor(() =>
      expect(sent('adapters:switch')).toEqual([{ adapterId: 'custom-casework', adapterVersion: 2, disabled: true, reason: 'Reads the wrong subject since the redesign' }]),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Turn on Zendesk version 1' }));
    await waitFor(() => expect(sent('adapters:switch')).toHaveLength(2));
    expect(sent('adapters:switch')[1]).toEqual({ adapterId: 'zendesk', adapterVersion: 1, disabled: false, reason: 'Turned on again' });
  });
});

describe('helpers', () => {
  it.each([
    ['http://127.0.0.1:8123/cases/88123', 'http://127.0.0.1:8123/cases/*'],
    ['https://crm.example.com/', 'https://crm.example.com/*'],
    ['chrome://extensions', ''],
    [undefined, ''],
  ])('the pattern for %s is %s', (url, pattern) => expect(defaultPattern(url)).toBe(pattern));

  it.each([
    ['Case Desk (Repairs)', 'case-desk-repairs'],
    ['  --Ümlaut CRM--  ', 'mlaut-crm'],
    ['!!!', ''],
  ])('the id for %s is %s', (name, id) => expect(slugFor(name)).toBe(id));
});
