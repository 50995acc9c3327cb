import { useEffect, useRef, useState } from 'preact/hooks';
import { BUILT_IN_REGIMES, COMPLAINT_FLAG_LABELS, ComplaintFlag } from '../core/complaint.ts';
import type { ContactReference } from '../core/contact.ts';
import type { ComplaintView } from '../core/messages.ts';
import { defaultRegime, type OrgSettings } from '../core/orgSettings.ts';
import { call } from './client.ts';
import { Feedback } from './Feedback.tsx';

interface Props {
  settings: OrgSettings;
  /** The contact beside the panel; when there is none, the ticket id is typed. */
  contact: ContactReference | null;
  /** Words selected on the page, quoted into "what happened". Words arriving later are added to it. */
  customerWords?: string;
  onSaved(view: ComplaintView): void;
  onCancel(): void;
}

/** "The customer said: “...”" on its own paragraph. */
export const quoteCustomer = (words: string): string => `The customer said: “${words.trim()}”\n\n`;

/**
 * The quick log: a category and what happened are all it needs; flags are optional and the contact
 * comes from the page. Ctrl+Enter (or Cmd+Enter) saves from anywhere in the form; Escape cancels.
 */
export function QuickLog({ settings, contact, customerWords, onSaved, onCancel }: Props) {
  const categories = settings.categories.filter((c) => !c.retired);
  const [category, setCategory] = useState('');
  const [text, setText] = useState(() => (customerWords?.trim() ? quoteCustomer(customerWords) : ''));
  const [flags, setFlags] = useState<ComplaintFlag[]>([]);
  const [ticketId, setTicketId] = useState('');
  /** Empty: received now. Otherwise the local date and time the complaint reached the organisation. */
  const [receivedAt, setReceivedAt] = useState('');
  const standardRegime = defaultRegime(settings);
  const [regimeId, setRegimeId] = useState(standardRegime.id);
  const regimes = [...BUILT_IN_REGIMES, ...settings.customRegimes];
  const [invalid, setInvalid] = useState<{ field: 'category' | 'text' | 'ticket' | 'received'; message: string } | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const categoryRef = useRef<HTMLSelectElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const ticketRef = useRef<HTMLInputElement>(null);
  const receivedRef = useRef<HTMLInputElement>(null);

  useEffect(() => categoryRef.current?.focus(), []);
  // More words selected while the form is open are added, never put in place of what was typed.
  const firstWords = useRef(customerWords);
  useEffect(() => {
    if (!customerWords?.trim() || customerWords === firstWords.current) return;
    firstWords.current = customerWords;
    setText((t) => (t.trim() ? `${t.trimEnd()}\n\n${quoteCustomer(customerWords)}` : quoteCustomer(customerWords)));
  }, [customerWords]);

  async function save(e?: Event) {
    e?.preventDefault();
    if (busy) return;
    const problem = !category
      ? ({ field: 'category', message: 'Choose a category.', el: categoryRef.current } as const)
      : !text.trim()
        ? ({ field: 'text', message: 'Say what happened.', el: textRef.current } as const)
        : !contact && !ticketId.trim()
          ? ({ field: 'ticket', message: 'Enter the ticket or contact id.', el: ticketRef.current } as const)
          : receivedAt && !(Date.parse(receivedAt) <= Date.now())
            ? ({ field: 'received', message: 'The time it was received cannot be in the future.', el: receivedRef.current } as const)
            : null;
    if (problem) {
      setInvalid({ field: problem.field, message: problem.message });
      problem.el?.focus();
      return;
    }
    setInvalid(null);
    setError('');
    setBusy(true);
    try {
      const about: ContactReference = contact ?? {
        adapterId: 'manual',
        crm: 'Entered by hand',
        url: '',
        ticketId: ticketId.trim(),
        source: 'manual',
        capturedAt: new Date().toISOString(),
      };
      onSaved(
        await call('complaints:log', {
          category,
          whatHappened: text,
          contact: about,
          ...(flags.length ? { flags } : {}),
          // datetime-local is the browser's local time: sent as the instant it names.
          ...(receivedAt ? { receivedAt: new Date(receivedAt).toISOString() } : {}),
          ...(regimeId !== standardRegime.id ? { regimeId } : {}),
        }),
      );
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const errorFor = (field: 'category' | 'text' | 'ticket' | 'received') =>
    invalid?.field === field ? { 'aria-invalid': true as const, 'aria-describedby': 'quicklog-invalid' } : {};

  return (
    <form
      class="card"
      aria-labelledby="quicklog-heading"
      noValidate
      onSubmit={save}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save(e);
        else if (e.key === 'Escape') onCancel();
      }}
    >
      <h2 id="quicklog-heading">Log a complaint</h2>
      <p class="muted">
        {contact ? (
          <>
            About ticket <strong>{contact.ticketId}</strong> in {contact.crm}
            {contact.customerRef && <> (customer {contact.customerRef})</>}
            {contact.subject && <>: {contact.subject}</>}
          </>
        ) : (
          'No contact was read from the page.'
        )}
      </p>
      {!contact && (
        <label>
          Ticket or contact id
          <input ref={ticketRef} value={ticketId} onInput={(e) => setTicketId(e.currentTarget.value)} {...errorFor('ticket')} />
        </label>
      )}
      <label>
        Category
        <select ref={categoryRef} value={category} required onChange={(e) => setCategory(e.currentTarget.value)} {...errorFor('category')}>
          <option value="">Choose a category</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        What happened
        <textarea ref={textRef} rows={5} value={text} required onInput={(e) => setText(e.currentTarget.value)} {...errorFor('text')} />
      </label>
      <fieldset>
        <legend>Flags (optional)</legend>
        {ComplaintFlag.options.map((f) => (
          <label key={f} class="check">
            <input
              type="checkbox"
              checked={flags.includes(f)}
              onChange={(e) => setFlags((now) => (e.currentTarget.checked ? [...now, f] : now.filter((x) => x !== f)))}
            />
            {COMPLAINT_FLAG_LABELS[f]}
          </label>
        ))}
      </fieldset>
      <details>
        <summary>Received earlier, or under another regime?</summary>
        <label>
          Received (leave empty for now)
          <input
            ref={receivedRef}
            type="datetime-local"
            value={receivedAt}
            onInput={(e) => setReceivedAt(e.currentTarget.value)}
            {...errorFor('received')}
          />
        </label>
        <label>
          Regime
          <select value={regimeId} onChange={(e) => setRegimeId(e.currentTarget.value)}>
            {regimes.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
                {r.id === standardRegime.id ? ' (your default)' : ''}
              </option>
            ))}
          </select>
        </label>
      </details>
      {invalid && (
        <p id="quicklog-invalid" class="error" role="alert">
          {invalid.message}
        </p>
      )}
      <Feedback error={error} />
      <div class="row wrap">
        <button type="submit" aria-disabled={busy ? 'true' : undefined}>
          {busy ? 'Saving…' : 'Log complaint'}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          Cancel
        </button>
        <span class="keys muted">Ctrl+Enter saves, Escape cancels</span>
      </div>
    </form>
  );
}
