import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { describeAdapter, fixtureFile, fixturePages } from '../fixtureTesting.ts';
import { applyDefaultSelections, type TestPage } from '../testPage.ts';
import { fixtures } from './fixtures.ts';
import { recordFromUrl, serviceNow } from './index.ts';

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
} as const;

describeAdapter(fixtures, {
  urlIds: {
    of: recordFromUrl,
    urls: [
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
    ],
  },
  claims: [
    [`${INSTANCE}/incident.do?sys_id=${INCIDENT}`, true],
    [`${INSTANCE}/nav_to.do?uri=x`, true],
    [`${INSTANCE}/now/sow/record/incident/${INCIDENT}`, true],
    ['https://acme.servicenowservices.com/incident.do?sys_id=1', true],
    [`${INSTANCE}/sp?id=ticket&table=incident&sys_id=${INCIDENT}`, false],
    [`${INSTANCE}/`, false],
    ['https://service-now.com.example.org/incident.do?sys_id=1', false],
    ['https://helpdesk.example.com/incident.do?sys_id=1', false],
  ],
  extract: [
    { title: 'a classic form on its own: the sys_id, short description, assignee, group, caller sys_id and channel', page: 'incident-form', is: FORM_CONTACT },
    {
      title: 'without sys_id in the URL (a form posted back), the form says which record it is',
      page: 'incident-form',
      url: `${INSTANCE}/incident.do`,
      has: { ticketId: INCIDENT },
    },
    { title: 'a new record (sys_id=-1) is not a contact yet', page: 'incident-form', url: `${INSTANCE}/incident.do?sys_id=-1`, is: null },
    { title: 'the list has no contact', page: 'incident-list', is: null },
    // Workspaces: the record from the URL only.
    { title: 'a workspace record: the record from the URL only', page: 'workspace-record', is: { ticketId: INCIDENT } },
    { title: 'a workspace page that is not a record: no contact', page: 'workspace-record', url: `${INSTANCE}/now/sow/home`, is: null },
  ],
  readers: {
    'incident-form': {
      status: 'In Progress',
      conversation: [
        'Please restart the phone and tell me if mail arrives.',
        'Mailbox healthy on the server side.',
        'My phone stopped getting work email this morning.',
      ],
      editor: { id: 'activity-stream-comments-textarea' },
    },
    // Workspaces render their forms in shadow roots: no status, conversation or editor.
    'workspace-record': null,
  },
});

const { open, load } = fixturePages(fixtures);

/** Loads a page into a frame the way the classic UI does (srcdoc stands in for the frame's URL). */
async function loadIntoFrame(page: TestPage, frame: Element, name: keyof typeof fixtures.pages, edit: (source: string) => string = (s) => s) {
  frame.setAttribute('srcdoc', edit(html(name)));
  await page.settle();
  const frameDoc = (frame as HTMLIFrameElement).contentDocument;
  if (frameDoc) applyDefaultSelections(frameDoc);
}

test('a case form: the same selectors read its fields (contact as customer)', () => {
  const source = html('incident-form').replaceAll('incident.', 'sn_customerservice_case.').replaceAll('caller_id', 'contact');
  const { doc, url } = load(`${INSTANCE}/sn_customerservice_case.do?sys_id=${INCIDENT}`, source);
  expect(serviceNow.extract(doc, url)).toEqual(FORM_CONTACT);
});

describe('extract: classic forms inside gsft_main', () => {
  test('UI16: read from the frame, which is the truth even when the page URL still names another record', async () => {
    const url = `${INSTANCE}/nav_to.do?uri=%2Fincident.do%3Fsys_id%3D${OTHER}`;
    const page = open('nav-to', url);
    const { doc } = page;
    // Before the frame renders, the page URL is all there is.
    expect(serviceNow.extract(doc, new URL(url))).toEqual({ ticketId: OTHER });
    await loadIntoFrame(page, doc.querySelector('#gsft_main')!, 'incident-form');
    expect(serviceNow.extract(doc, new URL(url))).toEqual(FORM_CONTACT);
    expect(serviceNow.frames!(doc, new URL(url))).toEqual([doc.querySelector('#gsft_main')]);
  });

  test('UI16: a list in the frame is no contact, whatever the page URL says', async () => {
    const page = open('nav-to');
    const { doc, url } = page;
    await loadIntoFrame(page, doc.querySelector('#gsft_main')!, 'incident-list');
    expect(serviceNow.extract(doc, url)).toBeNull();
  });

  test("Next Experience: the frame inside the shell's shadow root", async () => {
    const url = `${INSTANCE}/now/nav/ui/classic/params/target/incident.do%3Fsys_id%3D${INCIDENT}`;
    const page = open('workspace-record', url);
    const { doc } = page;
    const shell = doc.querySelector('macroponent-f51912f4c700201072b211d4d8c26010')!;
    const root = shell.attachShadow({ mode: 'open' });
    root.innerHTML = '<div class="sn-polaris-layout"><iframe id="gsft_main" name="gsft_main" title="Main Content"></iframe></div>';
    const frame = root.querySelector('iframe')!;
    expect(serviceNow.frames!(doc, new URL(url))).toEqual([frame]);
    await loadIntoFrame(page, frame, 'incident-form');
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

describe('status, conversation and reply editor: classic forms inside gsft_main', () => {
  test('from the frame: elements of the frame document', async () => {
    const page = open('nav-to');
    const { doc, url } = page;
    const frame = doc.querySelector<HTMLIFrameElement>('#gsft_main')!;
    await loadIntoFrame(page, frame, 'incident-form');
    const editor = serviceNow.replyEditor!(doc, url);
    expect(editor?.ownerDocument).toBe(frame.contentDocument);
    expect(serviceNow.readConversation!(doc, url)).toHaveLength(3);
  });
});
