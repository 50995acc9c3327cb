import { channelFrom, contactWith, frameDocument, scopedReaders, shownValue, valueAt } from '../dom.ts';
import type { Channel, SiteAdapter } from '../types.ts';

/**
 * ServiceNow: classic forms (`incident.do?sys_id=…`, on their own or inside the `gsft_main` frame of
 * UI16's `nav_to.do` and Next Experience's `/now/nav/ui/classic/…`) and workspaces
 * (`/now/sow/record/incident/<sys_id>`, Agent Workspace, CSM Configurable Workspace).
 *
 * The ticket id is the record's sys_id, which every one of these URLs and forms carries, so the same
 * incident has the same reference in a workspace and on a classic form. A classic form is read from
 * the frame when there is one (UI16 does not update the page URL when the frame moves to another
 * record; the frame is the truth); Next Experience puts the frame in its shell's shadow root.
 * Form fields are found by ServiceNow's element ids, `<table>.<field>` (the value), `sys_display.…` (a
 * reference's shown name) and `sys_original.…` (the value when the form loaded, left out), so one set of
 * selectors serves incident, case and request item forms. Workspaces render their forms in nested
 * shadow roots that differ between releases: there the adapter reads only the URL.
 */
export const selectors = {
  classicFrame: 'iframe#gsft_main',
  /** The record's sys_id on a classic form. */
  uniqueValue: 'input#sys_uniqueValue',
  shortDescription: 'input[id$=".short_description"]:not([id^="sys_"])',
  assignedTo: 'input[id^="sys_display."][id$=".assigned_to"]:not([id^="sys_display.original."])',
  assignmentGroup: 'input[id^="sys_display."][id$=".assignment_group"]:not([id^="sys_display.original."])',
  /** The sys_id of the caller (incident), contact (case) or requested-for user (request item). */
  customer:
    'input[type="hidden"][id$=".caller_id"]:not([id^="sys_"]), input[type="hidden"][id$=".contact"]:not([id^="sys_"]), input[type="hidden"][id$=".requested_for"]:not([id^="sys_"])',
  state: 'select[id$=".state"]:not([id^="sys_"])',
  /** The channel field (label "Channel" or "Contact type"): email, phone, chat, self-service, walk-in… */
  contactType: 'select[id$=".contact_type"]:not([id^="sys_"])',
  /** The activity stream's comments and work notes, newest first. */
  activity: '.activities-form .sn-widget-textblock-body',
  /** The activity stream's "Additional comments (Customer visible)" box. */
  editor: 'textarea#activity-stream-comments-textarea',
} as const;

const SYS_ID = /^[0-9a-f]{32}$/;
const WORKSPACE_RECORD = /^\/now\/(?:[\w-]+\/)+record\/\w+\/([0-9a-f]{32})(?:\/|$)/;
const CLASSIC_TARGET = /^\/now\/nav\/ui\/classic\/params\/target\/(.+)$/;

const CONTACT_TYPES: Readonly<Record<string, Channel>> = {
  email: 'email',
  phone: 'phone',
  chat: 'chat',
  virtual_agent: 'chat',
  sms: 'chat',
  social: 'social',
  'walk-in': 'inPerson',
  'self-service': 'other',
  web: 'other',
};

function sysIdParam(url: URL): string | undefined {
  const id = url.searchParams.get('sys_id')?.trim().toLowerCase();
  return id && SYS_ID.test(id) ? id : undefined;
}

const isNewRecord = (url: URL | undefined) => url?.searchParams.get('sys_id') === '-1';

/** A classic page address carried inside another URL (nav_to.do's uri, Next Experience's target). */
function innerUrl(url: URL): URL | undefined {
  try {
    if (/\/nav_to\.do$/.test(url.pathname)) {
      const uri = url.searchParams.get('uri');
      return uri ? new URL(uri, `${url.origin}/`) : undefined;
    }
    const target = CLASSIC_TARGET.exec(url.pathname)?.[1];
    return target ? new URL(decodeURIComponent(target), `${url.origin}/`) : undefined;
  } catch {
    return undefined;
  }
}

/** The record the page URL names, in any of ServiceNow's URL forms. */
export function recordFromUrl(url: URL): string | undefined {
  const workspace = WORKSPACE_RECORD.exec(url.pathname)?.[1];
  if (workspace) return workspace;
  const inner = innerUrl(url);
  if (inner) return inner.pathname.endsWith('.do') ? sysIdParam(inner) : undefined;
  return url.pathname.endsWith('.do') ? sysIdParam(url) : undefined;
}

/** The classic frame: in the page, or in the shadow root of Next Experience's shell (a child of the body). */
function classicFrame(doc: Document): Element | null {
  const inPage = doc.querySelector(selectors.classicFrame);
  if (inPage) return inPage;
  for (const child of doc.body?.children ?? []) {
    const inShell = child.shadowRoot?.querySelector(selectors.classicFrame);
    if (inShell) return inShell;
  }
  return null;
}

function locationOf(doc: Document): URL | undefined {
  try {
    const url = new URL(doc.location?.href ?? '');
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The document holding the classic form or list, with its address: the frame's once it has rendered
 * something, else the page itself when it is a classic page, else null (a workspace).
 */
function classicDocument(doc: Document, url: URL): { doc: Document; url: URL | undefined } | null {
  const frameDoc = frameDocument(classicFrame(doc));
  if (frameDoc?.body?.firstElementChild) return { doc: frameDoc, url: locationOf(frameDoc) };
  if (doc.querySelector(selectors.uniqueValue) || url.pathname.endsWith('.do')) {
    return innerUrl(url) ? null : { doc, url };
  }
  return null;
}

/** The classic form document showing a saved record, or null. */
function formDocument(doc: Document, url: URL): Document | null {
  const classic = classicDocument(doc, url);
  if (!classic || isNewRecord(classic.url) || !classic.doc.querySelector(selectors.uniqueValue)) return null;
  return classic.doc;
}

export const serviceNow: SiteAdapter = {
  id: 'servicenow',
  name: 'ServiceNow',
  version: 1,
  matches: ['https://*.service-now.com/*', 'https://*.servicenowservices.com/*'],
  selectors,

  claims(_doc, url) {
    const host = url.hostname;
    if (!host.endsWith('.service-now.com') && !host.endsWith('.servicenowservices.com')) return false;
    return url.pathname.endsWith('.do') || url.pathname.startsWith('/now/');
  },

  extract(doc, url) {
    const classic = classicDocument(doc, url);
    if (!classic) {
      // A workspace, or a classic frame that has not rendered yet: the URL is all there is.
      const ticketId = recordFromUrl(url);
      return ticketId ? { ticketId } : null;
    }
    if (isNewRecord(classic.url)) return null;
    const form = classic.doc;
    const formId = shownValue(form.querySelector(selectors.uniqueValue)).toLowerCase();
    const ticketId = (classic.url && sysIdParam(classic.url)) ?? (SYS_ID.test(formId) ? formId : undefined);
    if (!ticketId) return null; // a list or a home page in the frame

    const customerRef = valueAt(form, selectors.customer).toLowerCase();
    const contactType = form.querySelector<HTMLSelectElement>(selectors.contactType);
    return contactWith(ticketId, {
      subject: valueAt(form, selectors.shortDescription),
      agent: valueAt(form, selectors.assignedTo),
      queue: valueAt(form, selectors.assignmentGroup),
      customerRef: SYS_ID.test(customerRef) ? customerRef : undefined,
      channel: channelFrom(contactType?.options[contactType.selectedIndex]?.value, CONTACT_TYPES),
    });
  },

  ...scopedReaders(formDocument, {
    status: (form) => valueAt(form, selectors.state),
    messages: selectors.activity,
    editor: selectors.editor,
  }),

  frames(doc) {
    const frame = classicFrame(doc);
    return frame ? [frame] : [];
  },
};
