import { channelFrom, contactWith, editableIn, firstActive, idFromLink, text, textsOf } from '../dom.ts';
import type { Channel, SiteAdapter } from '../types.ts';

/**
 * Salesforce Service Cloud in Lightning Experience (the Service Console or a standard app). The case id
 * comes from the URL: `/lightning/r/Case/500…/view`, or, when a console subtab shows another record
 * (the case's contact, say), from the `ws` parameter naming the case's workspace tab. Lightning keeps
 * other tabs' pages in the DOM, so fields are read outside inactive tabs, the focused subtab first.
 * The fields are found by `data-target-selection-name="sfdc:RecordField.Case.<Field>"`, which names the
 * field's API name and so does not change with the page layout or the user's language.
 */
export const selectors = {
  /** Other console workspace tabs (or cached standard-app pages): never read. */
  inactiveTab: '.oneWorkspace:not(.active), .oneContent:not(.active)',
  /** Other subtabs of the active workspace: read only when the focused one lacks the field. */
  inactiveSubtab: 'section.tabContent:not(.active)',
  subject: '[data-target-selection-name="sfdc:RecordField.Case.Subject"] lightning-formatted-text',
  status: '[data-target-selection-name="sfdc:RecordField.Case.Status"] lightning-formatted-text',
  /** Case Origin: Phone, Email, Web, Chat… */
  origin: '[data-target-selection-name="sfdc:RecordField.Case.Origin"] lightning-formatted-text',
  /** A user (id 005…) or a queue (id 00G…). */
  owner: '[data-target-selection-name="sfdc:RecordField.Case.OwnerId"] a[href*="/lightning/r/"]',
  contact: '[data-target-selection-name="sfdc:RecordField.Case.ContactId"] a[href*="/lightning/r/"]',
  account: '[data-target-selection-name="sfdc:RecordField.Case.AccountId"] a[href*="/lightning/r/"]',
  /** The case feed's posts and emails. */
  feedBodies: 'article.cuf-feedItem .cuf-feedBodyText',
  /** The rich text area of the feed's email or post publisher. */
  editor: '.cuf-publisher .slds-rich-text-editor [contenteditable="true"]',
} as const;

/** A record id: 15 or 18 letters and digits. Cases start with 500. */
const CASE_ID = /^500[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?$/;
const RECORD_PATH = /^\/lightning\/r\/(?:(\w+)\/)?([A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?)\/view(?:\/|$)/;
const RECORD_LINK = /^\/lightning\/r\/(?:\w+\/)?([A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?)\/view(?:\/|$)/;

const ORIGINS: Readonly<Record<string, Channel>> = {
  phone: 'phone',
  email: 'email',
  web: 'other',
  chat: 'chat',
  messaging: 'chat',
  sms: 'chat',
  whatsapp: 'chat',
  social: 'social',
  facebook: 'social',
  twitter: 'social',
  letter: 'letter',
  'in person': 'inPerson',
  'walk-in': 'inPerson',
};

/** The case a record path names, when it is a case. */
function caseFromPath(path: string): string | undefined {
  const record = RECORD_PATH.exec(path);
  if (!record) return undefined;
  const [, objectName, id] = record;
  return (!objectName || objectName === 'Case') && CASE_ID.test(id!) ? id : undefined;
}

export function caseId(url: URL): string | undefined {
  const own = caseFromPath(url.pathname);
  if (own) return own;
  const workspace = url.searchParams.get('ws');
  if (!workspace) return undefined;
  try {
    return caseFromPath(new URL(workspace, url).pathname);
  } catch {
    return undefined;
  }
}

/** The field in the focused subtab, else elsewhere in the active workspace. */
function field(doc: Document, selector: string): Element | null {
  return (
    firstActive(doc, selector, `${selectors.inactiveTab}, ${selectors.inactiveSubtab}`) ??
    firstActive(doc, selector, selectors.inactiveTab)
  );
}

/** Every match in the focused subtab, else in the rest of the active workspace. */
function fields(doc: Document, selector: string): Element[] {
  const active = [...doc.querySelectorAll(selector)].filter((element) => !element.closest(selectors.inactiveTab));
  const focused = active.filter((element) => !element.closest(selectors.inactiveSubtab));
  return focused.length ? focused : active;
}

export const salesforce: SiteAdapter = {
  id: 'salesforce-service-cloud',
  name: 'Salesforce Service Cloud',
  version: 1,
  matches: ['https://*.lightning.force.com/lightning/*'],
  selectors,

  claims(_doc, url) {
    return url.hostname.endsWith('.lightning.force.com') && url.pathname.startsWith('/lightning/');
  },

  extract(doc, url) {
    const ticketId = caseId(url);
    if (!ticketId) return null;
    // The owner is a user (the agent) or a queue, told apart by the id's prefix.
    const owner = field(doc, selectors.owner);
    const ownerId = idFromLink(owner, url, RECORD_LINK);
    return contactWith(ticketId, {
      subject: text(field(doc, selectors.subject)),
      channel: channelFrom(text(field(doc, selectors.origin)), ORIGINS),
      agent: ownerId?.startsWith('005') ? text(owner) : undefined,
      queue: ownerId?.startsWith('00G') ? text(owner) : undefined,
      // The customer is the case's contact record (003…), else its account (001…): ids, never names.
      customerRef: idFromLink(field(doc, selectors.contact), url, RECORD_LINK) ?? idFromLink(field(doc, selectors.account), url, RECORD_LINK),
    });
  },

  readStatus(doc, url) {
    return caseId(url) ? text(field(doc, selectors.status)) || null : null;
  },

  readConversation(doc, url) {
    return caseId(url) ? textsOf(fields(doc, selectors.feedBodies)) : [];
  },

  replyEditor(doc, url) {
    return caseId(url) ? editableIn(field(doc, selectors.editor)) : null;
  },
};
