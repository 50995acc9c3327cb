import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { describeFixtures, fixtureFile, openFixture } from '../fixtureTesting.ts';
import { applyDefaultSelections, loadPage, type TestPage } from '../testPage.ts';
import { fixtures } from './fixtures.ts';
import { recordFromUrl, serviceNow } from './index.ts';

describeFixtures(fixtures);

let page: TestPage | undefined;
afterEach(async () => {
  await page?.close();
  page = undefined;
});
const open = (name: keyof typeof fixtures.pages, url: string = fixtures.pages[name]) => (page = openFixture(fixtures, name, url));
const html = (name: keyof typeof fixtures.pages) => readFileSync(fixtureFile(fixtures, name), 'utf8');

const INSTANCE = 'https://acme.service-now.com';
const INCIDENT = 'a3f1c2d4e5b60718293a4b5c6d7e8f90';
const OTHER = 'b4e2d3c5f6a71829304b5c6d7e8f9a01';
const FORM_CONTACT = {
  ticketId: INCIDENT,
  subject: 'Email not syncing on phone',
  agent: 'Sam Agent',
  queue: 'Service Desk',
  customerRef: '62d1e3f4a5b6c7d8e9f0a1b2c3d4e5f6',
  channel: 'phone',
};

/** Loads a page into a frame the way the classic UI does (srcdoc stands in for the frame's URL). */
async function loadIntoFrame(frame: Element, name: keyof typeof fixtures.pages, edit: (source: string) => string = (s) => s) {
  frame.setAttribute('srcdoc', edit(html(name)));
  await page!.settle();
  const frameDoc = (frame as HTMLIFrameElement).contentDocument;
  if (frameDoc) applyDefaultSelections(frameDoc);
}

describe('the record from the URL', () => {
  test.each([
    [`${INSTANCE}/incident.do?sys_id=${INCIDENT}`, INCIDENT],
    [`${INSTANCE}/incident.do?sys_id=${INCIDENT}&sysparm_view=ess`, INCIDENT],
    [`${INSTANCE}/sn_customerservice_case.do?sys_id=${INCIDENT}`, INCIDENT],
    [`${INSTANCE}/incident.do?sys_id=-1`, undefined],
    [`${INSTANCE}/incident.do?sys_id=INC0010023`, undefined],
    [`${INSTANCE}/nav_to.do?uri=%2Fincident.do%3Fsys_id%3D${INCIDENT}`, INCIDENT],
    [`${INSTANCE}/nav_to.do?uri=incident.do?sys_id=${INCIDENT}`, INCIDENT],
    [`${INSTANCE}/nav_to.do?uri=%2Fincident_list.do`, undefined],
    [`${INSTANCE}/now/nav/ui/classic/params/target/incident.do%3Fsys_id%3D${INCIDENT}%26sysparm_stack%3D`, INCIDENT],
    [`${INSTANCE}/now/nav/ui/classic/params/target/incident_list.do`, undefined],
    [`${INSTANCE}/now/sow/record/incident/${INCIDENT}`, INCIDENT],
    [`${INSTANCE}/now/sow/record/incident/${INCIDENT}/params/selected-tab-index/1`, INCIDENT],
    [`${INSTANCE}/now/workspace/agent/record/incident/${INCIDENT}`, INCIDENT],
    [`${INSTANCE}/now/cwf/agent/record/sn_customerservice_case/${INCIDENT}`, INCIDENT],
    [`${INSTANCE}/now/sow/home`, undefined],
    [`${INSTANCE}/now/sow/list/params/list-id/abc/tiny-id/def`, undefined],
  ])('%s -> %s', (url, id) => {
    expect(recordFromUrl(new URL(url))).toBe(id);
  });
});

describe('claims', () => {
  test.each([
    [`${INSTANCE}/incident.do?sys_id=${INCIDENT}`, true],
    [`${INSTANCE}/nav_to.do?uri=x`, true],
    [`${INSTANCE}/now/sow/record/incident/${INCIDENT}`, true],
    ['https://acme.servicenowservices.com/incident.do?sys_id=1', true],
    [`${INSTANCE}/sp?id=ticket&table=incident&sys_id=${INCIDENT}`, false],
    [`${INSTANCE}/`, false],
    ['https://service-now.com.example.org/incident.do?sys_id=1', false],
    ['https://helpdesk.example.com/incident.do?sys_id=1', false],
  ])('%s: %s', (url, claimed) => {
    page = loadPage(url, '');
    expect(serviceNow.claims(page.doc, page.url)).toBe(claimed);
  });
});

describe('extract: a classic form on its own', () => {
  test('the sys_id, short description, assignee, group, caller sys_id and channel', () => {
    const { doc, url } = open('incident-form');
    expect(serviceNow.extract(doc, url)).toEqual(FORM_CONTACT);
  });

  test('without sys_id in the URL (a form posted back), the form says which record it is', () => {
    const url = `${INSTANCE}/incident.do`;
    const { doc } = open('incident-form', url);
    expect(serviceNow.extract(doc, new URL(url))?.ticketId).toBe(INCIDENT);
  });

  test('a new record (sys_id=-1) is not a contact yet', () => {
    const url = `${INSTANCE}/incident.do?sys_id=-1`;
    const { doc } = open('incident-form', url);
    expect(serviceNow.extract(doc, new URL(url))).toBeNull();
  });

  test('a case form: the same selectors read its fields (contact as customer)', () => {
    const url = `${INSTANCE}/sn_customerservice_case.do?sys_id=${INCIDENT}`;
    const source = html('incident-form').replaceAll('incident.', 'sn_customerservice_case.').replaceAll('caller_id', 'contact');
    page = loadPage(url, source);
    expect(serviceNow.extract(page.doc, page.url)).toEqual(FORM_CONTACT);
  });

  test('the list has no contact', () => {
    const { doc, url } = open('incident-list');
    expect(serviceNow.extract(doc, url)).toBeNull();
  });
});

describe('extract: classic forms inside gsft_main', () => {
  test('UI16: read from the frame, which is the truth even when the page URL still names another record', async () => {
    const url = `${INSTANCE}/nav_to.do?uri=%2Fincident.do%3Fsys_id%3D${OTHER}`;
    const { doc } = open('nav-to', url);
    // Before the frame renders, the page URL is all there is.
    expect(serviceNow.extract(doc, new URL(url))).toEqual({ ticketId: OTHER });
    await loadIntoFrame(doc.querySelector('#gsft_main')!, 'incident-form');
    expect(serviceNow.extract(doc, new URL(url))).toEqual(FORM_CONTACT);
    expect(serviceNow.frames!(doc, new URL(url))).toEqual([doc.querySelector('#gsft_main')]);
  });

  test('UI16: a list in the frame is no contact, whatever the page URL says', async () => {
    const { doc, url } = open('nav-to');
    await loadIntoFrame(doc.querySelector('#gsft_main')!, 'incident-list');
    expect(serviceNow.extract(doc, url)).toBeNull();
  });

  test("Next Experience: the frame inside the shell's shadow root", async () => {
    const url = `${INSTANCE}/now/nav/ui/classic/params/target/incident.do%3Fsys_id%3D${INCIDENT}`;
    const { doc } = open('workspace-record', url);
    const shell = doc.querySelector('macroponent-f51912f4c700201072b211d4d8c26010')!;
    const root = shell.attachShadow({ mode: 'open' });
    root.innerHTML = '<div class="sn-polaris-layout"><iframe id="gsft_main" name="gsft_main" title="Main Content"></iframe></div>';
    const frame = root.querySelector('iframe')!;
    expect(serviceNow.frames!(doc, new URL(url))).toEqual([frame]);
    await loadIntoFrame(frame, 'incident-form');
    expect(serviceNow.extract(doc, new URL(url))).toEqual(FORM_CONTACT);
    expect(serviceNow.readStatus!(doc, new URL(url))).toBe('In Progress');
  });

  test('a frame from another origin cannot be read: the page URL is used', () => {
    const { doc, url } = open('nav-to');
    const frame = doc.querySelector('#gsft_main')!;
    Object.defineProperty(frame, 'contentDocument', {
      get() {
        throw new DOMException('Blocked a frame with origin', 'SecurityError');
      },
    });
    expect(serviceNow.extract(doc, url)).toEqual({ ticketId: INCIDENT });
    expect(serviceNow.readConversation!(doc, url)).toEqual([]);
  });
});

describe('extract: workspaces', () => {
  test('the record from the URL only', () => {
    const { doc, url } = open('workspace-record');
    expect(serviceNow.extract(doc, url)).toEqual({ ticketId: INCIDENT });
    expect(serviceNow.readConversation!(doc, url)).toEqual([]);
    expect(serviceNow.replyEditor!(doc, url)).toBeNull();
  });

  test('a workspace page that is not a record: no contact', () => {
    const url = `${INSTANCE}/now/sow/home`;
    const { doc } = open('workspace-record', url);
    expect(serviceNow.extract(doc, new URL(url))).toBeNull();
  });
});

describe('status, conversation and reply editor', () => {
  test('from a form on its own', () => {
    const { doc, url } = open('incident-form');
    expect(serviceNow.readStatus!(doc, url)).toBe('In Progress');
    expect(serviceNow.readConversation!(doc, url)).toEqual([
      'Please restart the phone and tell me if mail arrives.',
      'Mailbox healthy on the server side.',
      'My phone stopped getting work email this morning.',
    ]);
    expect(serviceNow.replyEditor!(doc, url)?.id).toBe('activity-stream-comments-textarea');
  });

  test('from the frame: elements of the frame document', async () => {
    const { doc, url } = open('nav-to');
    const frame = doc.querySelector<HTMLIFrameElement>('#gsft_main')!;
    await loadIntoFrame(frame, 'incident-form');
    const editor = serviceNow.replyEditor!(doc, url);
    expect(editor?.ownerDocument).toBe(frame.contentDocument);
    expect(serviceNow.readConversation!(doc, url)).toHaveLength(3);
  });
});
