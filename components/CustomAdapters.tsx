import { useEffect, useRef, useState } from 'preact/hooks';
import { CHANNEL_LABELS } from '../core/labels.ts';
import {
  type AdapterPreview,
  type AdaptersView,
  type AdapterSwitch,
  CUSTOM_FIELDS,
  type CustomAdapter,
  type CustomAdapterPut,
  CustomAdapterPut as PutSchema,
  type CustomField,
  customAdapterId,
  isSwitchedOff,
  PickerResult,
  type Picked,
} from '../core/customAdapter.ts';
import { idFromUrl, suggestIdPattern } from '../sites/custom.ts';
import { call } from './client.ts';
import { hasSiteAccess, pageOrigin, requestSiteAccess } from './siteAccess.ts';
import { Feedback } from './Feedback.tsx';

/** What a Pick fills in: the ticket id's element, a field, or the landmark. */
type Target = CustomField | 'landmark' | 'ticketId';

const LABELS: Record<Target, string> = {
  ticketId: 'Ticket id element',
  subject: 'Subject',
  customer: 'Customer reference',
  agent: 'Agent',
  queue: 'Queue',
  status: 'Status',
  channel: 'Channel',
  conversation: 'Conversation messages',
  replyEditor: 'Reply editor',
  landmark: 'Landmark',
};
const HINTS: Partial<Record<Target, string>> = {
  customer: "The CRM's own id for the customer, never a name, email address or phone number.",
  channel: `Read only when it shows one of: ${Object.values(CHANNEL_LABELS).join(', ')}.`,
  conversation: 'Pick one message: every message like it is matched.',
  landmark: 'An element every contact page has: pages without it are left to the other adapters.',
};
const PICKED_FIELDS: readonly Target[] = [...CUSTOM_FIELDS, 'landmark'];

export interface Draft {
  /** Set when editing a published adapter: its id stays. */
  id: string;
  name: string;
  /** One match pattern a line. */
  matches: string;
  idFrom: 'url' | 'element';
  idPattern: string;
  selectors: Partial<Record<Target, string>>;
  /** Kept as published: editing a switched-off adapter must not switch it back on. */
  disabled: boolean;
}

/** A new adapter's id from its name: lower-case words joined by dashes. */
export const slugFor = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 53)
    .replace(/-+$/, '');

/** The pages like the one beside the panel: its origin and first path segment, "https://crm.example.com/cases/*". */
export function defaultPattern(pageUrl: string | undefined): string {
  const origin = pageOrigin(pageUrl);
  if (!origin) return '';
  const first = new URL(pageUrl!).pathname.split('/')[1];
  return first ? `${origin}/${first}/*` : `${origin}/*`;
}

export function emptyDraft(pageUrl: string | undefined): Draft {
  const page = pageOrigin(pageUrl) ? new URL(pageUrl!) : undefined;
  return {
    id: '',
    name: '',
    matches: defaultPattern(pageUrl),
    idFrom: 'url',
    idPattern: (page && suggestIdPattern(page)) ?? '',
    selectors: {},
    disabled: false,
  };
}

function draftOf(def: CustomAdapter): Draft {
  const selectors: Draft['selectors'] = { ...def.fields, ...(def.landmark && { landmark: def.landmark }) };
  if (def.contactId.from === 'element') selectors.ticketId = def.contactId.selector;
  return {
    id: def.id,
    name: def.name,
    matches: def.matches.join('\n'),
    idFrom: def.contactId.from,
    idPattern: def.contactId.from === 'url' ? def.contactId.pattern : '',
    selectors,
    disabled: def.disabled,
  };
}

/** Form control ids: errors are keyed by them. */
const controlId = (key: string) => `ca-${key}`;

/** A selector the panel's own browser cannot parse never works in the page's either. */
function selectorError(selector: string): string | undefined {
  try {
    document.createDocumentFragment().querySelector(selector);
    return undefined;
  } catch {
    return 'not a valid CSS selector';
  }
}

export type Checked = { ok: true; definition: CustomAdapterPut } | { ok: false; errors: Record<string, string> };

/**
 * The definition the form describes, checked as the server will check it, with each problem at its
 * control. `taken`: the ids already published, which a new adapter's name must not land on (it would
 * publish a new version of that one).
 */
export function checkDraft(draft: Draft, taken: readonly string[] = []): Checked {
  const selector = (t: Target) => draft.selectors[t]?.trim() || undefined;
  const fields = Object.fromEntries(CUSTOM_FIELDS.flatMap((f) => (selector(f) ? [[f, selector(f)]] : [])));
  const parsed = PutSchema.safeParse({
    id: draft.id || slugFor(draft.name),
    name: draft.name,
    matches: draft.matches.split('\n').map((m) => m.trim()).filter(Boolean),
    ...(selector('landmark') && { landmark: selector('landmark') }),
    contactId: draft.idFrom === 'url' ? { from: 'url', pattern: draft.idPattern.trim() } : { from: 'element', selector: selector('ticketId') ?? '' },
    fields,
    disabled: draft.disabled,
  });
  const errors: Record<string, string> = {};
  if (!draft.id && taken.includes(slugFor(draft.name))) errors.name = 'an adapter with this name is already published: edit it, or choose another name';
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const [top, key] = issue.path.map(String);
    const at = top === 'id' ? 'name' : top === 'contactId' ? (draft.idFrom === 'url' ? 'idPattern' : 'ticketId') : top === 'fields' ? key! : top!;
    if (top === 'id') errors.name ??= 'give a name with letters or digits';
    else errors[at] ??= issue.message;
  }
  for (const t of [...PICKED_FIELDS, ...(draft.idFrom === 'element' ? (['ticketId'] as const) : [])]) {
    const s = selector(t);
    const bad = s && selectorError(s);
    if (bad) errors[t] ??= bad;
  }
  return parsed.success && Object.keys(errors).length === 0 ? { ok: true, definition: parsed.data } : { ok: false, errors };
}

async function activeTabId(): Promise<number> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) throw new Error('Open the CRM page beside the panel first.');
  return tab.id;
}

/** The message shown below a control, and the ids it is described by. */
function Described({ id, hint, sample, error }: { id: string; hint?: string; sample?: Picked; error?: string }) {
  return (
    <>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {sample && (
        <p class="hint" id={`${id}-sample`}>
          {sample.sample ? `“${sample.sample}”` : 'No text'} · {sample.matchCount === 1 ? '1 match' : `${sample.matchCount} matches`}
        </p>
      )}
      {error && (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </>
  );
}
const describedBy = (id: string, parts: Record<string, unknown>) =>
  Object.entries(parts)
    .filter(([, v]) => v)
    .map(([k]) => `${id}-${k}`)
    .join(' ') || undefined;

/**
 * Site adapters for the organisation, for admins and managers: custom adapters for in-house systems
 * (defined here with the element picker, tried on the page beside the panel, published by sync),
 * and the kill switch for adapter versions that broke.
 */
export function CustomAdapters({ pageUrl, lastSyncAt }: { pageUrl: string | undefined; lastSyncAt: string | undefined }) {
  const [view, setView] = useState<AdaptersView | null>(null);
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(pageUrl));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [samples, setSamples] = useState<Partial<Record<Target, Picked>>>({});
  const [picking, setPicking] = useState<{ target: Target; tabId: number } | null>(null);
  const [preview, setPreview] = useState<AdapterPreview | null>(null);
  const [access, setAccess] = useState<boolean | undefined>(undefined);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const pickingRef = useRef(picking);
  pickingRef.current = picking;
  /** The draft as made from the page's address, until the admin changes it. */
  const prefilled = useRef(draft);
  const startAfresh = () => {
    prefilled.current = emptyDraft(pageUrl);
    setDraft(prefilled.current);
  };

  const load = () =>
    call('adapters:list', {})
      .then(setView)
      .catch((e: Error) => setError(e.message));
  useEffect(() => void load(), [lastSyncAt]);
  useEffect(() => {
    void hasSiteAccess(pageUrl).then(setAccess);
    // A new page beside the panel: start from its address, unless the admin has begun.
    if (draft === prefilled.current) startAfresh();
  }, [pageUrl]);

  // The picker's answer comes from the background as a message to the extension's pages.
  useEffect(() => {
    const onMessage = (message: unknown) => {
      const parsed = PickerResult.safeParse(message);
      const now = pickingRef.current;
      if (!parsed.success || !now || parsed.data.body.tabId !== now.tabId) return undefined;
      const { picked } = parsed.data.body;
      setPicking(null);
      if (!picked) return void setStatus('Picking cancelled.');
      setDraft((d) => ({ ...d, selectors: { ...d.selectors, [now.target]: picked.selector } }));
      setSamples((s) => ({ ...s, [now.target]: picked }));
      setErrors(({ [now.target]: _gone, ...rest }) => rest);
      setStatus(`${LABELS[now.target]}: picked ${picked.selector}`);
      document.getElementById(controlId(now.target))?.focus();
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMessage);
    return () => browser.runtime.onMessage.removeListener(onMessage);
  }, []);

  /** Runs `work` in the page beside the panel, asking the browser for the site first (inside the click). */
  async function inPage(work: (tabId: number) => Promise<void>) {
    setError('');
    try {
      const origin = pageOrigin(pageUrl);
      if (origin && access === false) {
        if (!(await requestSiteAccess(origin))) {
          return setError(`Access to ${new URL(origin).host} was not granted, so Floorwalker cannot work in that page.`);
        }
        setAccess(true);
      }
      await work(await activeTabId());
    } catch (e) {
      setError((e as Error).message);
    }
  }

  const pick = (target: Target) =>
    inPage(async (tabId) => {
      // A picker still waiting in another tab would take the next click there.
      if (picking && picking.tabId !== tabId) await call('adapters:stopPicking', { tabId: picking.tabId }).catch(() => undefined);
      setPicking({ target, tabId });
      setStatus(`Click the ${LABELS[target].toLowerCase()} in the page, or press Escape there to cancel.`);
      await call('adapters:pick', { tabId, similar: target === 'conversation', label: `the ${LABELS[target].toLowerCase()}` });
    });

  /** `publishing`: a new adapter must not land on a published one's id (trying it on the page may). */
  function checked(publishing = false): CustomAdapterPut | null {
    const result = checkDraft(draft, publishing ? view?.custom.map((d) => d.id) : []);
    setErrors(result.ok ? {} : result.errors);
    if (result.ok) return result.definition;
    setStatus('');
    // Land on the first problem, so keyboard and screen-reader users hear it.
    const first = Object.keys(result.errors)[0];
    if (first) document.getElementById(controlId(first))?.focus();
    return null;
  }

  const tryIt = () =>
    inPage(async (tabId) => {
      const definition = checked();
      if (!definition) return;
      setPreview(await call('adapters:preview', { tabId, definition }));
    });

  async function publish(e: Event) {
    e.preventDefault();
    const definition = checked(true);
    if (!definition) return;
    await act(call('adapters:publish', definition), `Published ${definition.name}: it reaches every browser of the organisation at their next sync.`);
  }

  async function act(work: Promise<unknown>, done: string) {
    setError('');
    try {
      await work;
      setStatus(done);
    } catch (err) {
      setError((err as Error).message);
    }
  }

  const toggle = (def: CustomAdapter) => {
    const { version: _v, publishedBy: _by, publishedAt: _at, ...put } = def;
    void act(call('adapters:publish', { ...put, disabled: !def.disabled }), `${def.name} will be ${def.disabled ? 'on' : 'off'} after the next sync.`);
  };

  const field = (t: Target) => {
    const id = controlId(t);
    const sample = samples[t];
    const hint = HINTS[t];
    const err = errors[t];
    return (
      <div key={t}>
        <label for={id}>{LABELS[t]} selector</label>
        <div class="row">
          <input
            id={id}
            value={draft.selectors[t] ?? ''}
            spellcheck={false}
            aria-invalid={err ? true : undefined}
            aria-describedby={describedBy(id, { hint, sample, error: err })}
            onInput={(e) => setDraft({ ...draft, selectors: { ...draft.selectors, [t]: e.currentTarget.value } })}
          />
          <button type="button" class="secondary" aria-label={`Pick ${LABELS[t].toLowerCase()}`} onClick={() => void pick(t)}>
            {picking?.target === t ? 'Picking…' : 'Pick'}
          </button>
        </div>
        <Described id={id} hint={hint} sample={sample} error={err} />
      </div>
    );
  };

  const page = pageOrigin(pageUrl) ? new URL(pageUrl!) : undefined;
  const idPreview = page && draft.idFrom === 'url' && draft.idPattern ? idFromUrl(draft.idPattern, page) : undefined;
  const text = (key: 'name' | 'matches' | 'idPattern', label: string, hint?: string, live?: string) => {
    const id = controlId(key);
    const Control = key === 'matches' ? 'textarea' : 'input';
    return (
      <div>
        <label for={id}>{label}</label>
        <Control
          id={id}
          value={draft[key]}
          rows={key === 'matches' ? 2 : undefined}
          spellcheck={false}
          aria-invalid={errors[key] ? true : undefined}
          aria-describedby={describedBy(id, { hint, live, error: errors[key] })}
          onInput={(e) => setDraft({ ...draft, [key]: e.currentTarget.value })}
        />
        <Described id={id} hint={hint} error={errors[key]} />
        {live && (
          <p class="hint" id={`${id}-live`}>
            {live}
          </p>
        )}
      </div>
    );
  };

  return (
    <>
      <section class="card" aria-labelledby="custom-adapters-heading">
        <h2 id="custom-adapters-heading">Site adapters</h2>
        <p class="muted">How Floorwalker reads your in-house systems, for everyone in the organisation.</p>
        {view && view.custom.length === 0 && <p>No custom adapter yet.</p>}
        {view && view.custom.length > 0 && (
          <ul class="plain">
            {view.custom.map((def) => (
              <li key={def.id}>
                <strong>{def.name}</strong> v{def.version}
                {def.disabled && ' (off)'}
                <div class="muted">
                  {def.matches.join(', ')} · published by {def.publishedBy}, {new Date(def.publishedAt).toLocaleString()}
                </div>
                <div class="row">
                  <button type="button" class="link" aria-label={`Edit ${def.name}`} onClick={() => setDraft(draftOf(def))}>
                    Edit
                  </button>
                  <button type="button" class="link" aria-label={`${def.disabled ? 'Turn on' : 'Turn off'} ${def.name}`} onClick={() => toggle(def)}>
                    {def.disabled ? 'Turn on' : 'Turn off'}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}

        <form onSubmit={(e) => void publish(e)} aria-labelledby="adapter-form-heading" noValidate>
          <h3 id="adapter-form-heading">{draft.id ? `Edit ${draft.name || draft.id}` : 'New site adapter'}</h3>
          {text('name', 'Name of the system', draft.id ? undefined : draft.name && `Published as ${customAdapterId(slugFor(draft.name))}`)}
          {text('matches', 'Page addresses (match patterns, one a line)', 'Such as https://crm.example.com/cases/*: a * stands for anything.')}
          <fieldset>
            <legend>Ticket id</legend>
            <label class="row">
              <input type="radio" name="idFrom" checked={draft.idFrom === 'url'} onChange={() => setDraft({ ...draft, idFrom: 'url' })} />
              From the page address
            </label>
            <label class="row">
              <input type="radio" name="idFrom" checked={draft.idFrom === 'element'} onChange={() => setDraft({ ...draft, idFrom: 'element' })} />
              From an element in the page
            </label>
            {draft.idFrom === 'url'
              ? text(
                  'idPattern',
                  'Id pattern',
                  'Matched against the address after the host; the id is the part in brackets.',
                  page && draft.idPattern ? (idPreview ? `Reads ${idPreview} from this page's address.` : "Finds no id in this page's address.") : undefined,
                )
              : field('ticketId')}
          </fieldset>
          {PICKED_FIELDS.map(field)}
          <div class="row wrap">
            <button type="button" class="secondary" onClick={() => void tryIt()}>
              Try on this page
            </button>
            <button type="submit">Publish adapter</button>
            {draft.id && (
              <button type="button" class="link" onClick={startAfresh}>
                New adapter instead
              </button>
            )}
          </div>
        </form>
        {preview && <PreviewCard preview={preview} />}
        <Feedback status={status} error={error} />
      </section>
      {view && <KillSwitch view={view} />}
    </>
  );
}

function PreviewCard({ preview }: { preview: AdapterPreview }) {
  const { contact } = preview;
  const rows: [string, string | number | undefined][] = contact
    ? [
        ['Ticket', contact.ticketId],
        ['Subject', contact.subject],
        ['Customer ref.', contact.customerRef],
        ['Agent', contact.agent],
        ['Queue', contact.queue],
        ['Channel', contact.channel && CHANNEL_LABELS[contact.channel]],
        ['Status', preview.status ?? undefined],
        ['Messages', preview.messages ?? undefined],
        ['Reply editor', preview.replyEditor === null ? undefined : preview.replyEditor ? 'found' : 'not found'],
      ]
    : [];
  return (
    <section aria-labelledby="preview-heading">
      <h3 id="preview-heading">On this page</h3>
      {!preview.addressMatches ? (
        <p>This page's address does not match the patterns.</p>
      ) : !preview.claims ? (
        <p>The landmark is not on this page.</p>
      ) : !contact ? (
        <p>No ticket id found on this page.</p>
      ) : (
        <dl class="contact">
          {rows
            .filter(([, v]) => v !== undefined && v !== '')
            .map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
        </dl>
      )}
    </section>
  );
}

interface Version {
  adapterId: string;
  adapterVersion: number;
  name: string;
  off?: AdapterSwitch;
}

/** Every adapter version the organisation may need to switch off: the built-in ones, the custom ones, and any already switched. */
export function adapterVersions(view: AdaptersView): Version[] {
  const versions: Version[] = [
    ...view.builtIn.map((a) => ({ adapterId: a.id, adapterVersion: a.version, name: a.name })),
    ...view.custom.map((d) => ({ adapterId: customAdapterId(d.id), adapterVersion: d.version, name: d.name })),
  ];
  for (const s of view.switches) {
    if (!versions.some((v) => v.adapterId === s.adapterId && v.adapterVersion === s.adapterVersion)) {
      versions.push({ adapterId: s.adapterId, adapterVersion: s.adapterVersion, name: s.adapterId });
    }
  }
  return versions.map((v) => {
    const off = isSwitchedOff(view.switches, { id: v.adapterId, version: v.adapterVersion })
      ? view.switches.find((s) => s.adapterId === v.adapterId && s.adapterVersion === v.adapterVersion)
      : undefined;
    return off ? { ...v, off } : v;
  });
}

/** The kill switch: turn off one adapter version that broke after a CRM redesign; its pages fall back to the guesser. */
function KillSwitch({ view }: { view: AdaptersView }) {
  const [asking, setAsking] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState('');
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  // The button asked for the reason: land in its box.
  const reasonBox = useRef<HTMLInputElement>(null);
  useEffect(() => reasonBox.current?.focus(), [asking]);

  async function change(v: Version, disabled: boolean, why: string) {
    setError('');
    try {
      await call('adapters:switch', { adapterId: v.adapterId, adapterVersion: v.adapterVersion, disabled, reason: why });
      setAsking(null);
      setStatus(`${v.name} version ${v.adapterVersion} will be ${disabled ? 'off' : 'on'} in every browser after its next sync.`);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  function turnOff(e: Event, v: Version) {
    e.preventDefault();
    if (!reason.trim()) return setReasonError('Say why, for the people whose pages change.');
    void change(v, true, reason.trim());
  }

  return (
    <section class="card" aria-labelledby="kill-switch-heading">
      <h2 id="kill-switch-heading">Adapter versions</h2>
      <p class="muted">Turn off a version that reads pages wrongly: those pages fall back to guessing from the page until it is fixed.</p>
      <ul class="plain">
        {adapterVersions(view).map((v) => {
          const key = `${v.adapterId}@${v.adapterVersion}`;
          const what = `${v.name} version ${v.adapterVersion}`;
          return (
            <li key={key}>
              <span>
                {v.name} <span class="muted">{key}</span>
                {v.off && ` · off: ${v.off.reason} (${v.off.setBy})`}
              </span>
              {v.off ? (
                <button type="button" class="secondary" aria-label={`Turn on ${what}`} onClick={() => void change(v, false, 'Turned on again')}>
                  Turn on
                </button>
              ) : asking === key ? (
                <form class="confirm" onSubmit={(e) => turnOff(e, v)} noValidate>
                  <label>
                    Why turn off {what}?
                    <input
                      ref={reasonBox}
                      value={reason}
                      aria-invalid={reasonError ? true : undefined}
                      aria-describedby={reasonError ? 'switch-reason-error' : undefined}
                      onInput={(e) => {
                        setReason(e.currentTarget.value);
                        setReasonError('');
                      }}
                    />
                  </label>
                  {reasonError && (
                    <p class="error" id="switch-reason-error">
                      {reasonError}
                    </p>
                  )}
                  <button type="submit" class="danger">
                    Turn off
                  </button>
                  <button type="button" class="secondary" onClick={() => setAsking(null)}>
                    Cancel
                  </button>
                </form>
              ) : (
                <button
                  type="button"
                  class="secondary"
                  aria-label={`Turn off ${what}`}
                  onClick={() => {
                    setAsking(key);
                    setReason('');
                    setReasonError('');
                  }}
                >
                  Turn off this version
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <Feedback status={status} error={error} />
    </section>
  );
}
