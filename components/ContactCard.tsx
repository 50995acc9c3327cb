import { CHANNEL_LABELS } from '../core/labels.ts';
import { z } from '../core/z.ts';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Channel, ContactReference } from '../core/contact.ts';
import { Feedback } from './Feedback.tsx';

interface Props {
  contact: ContactReference | null;
  loading: boolean;
  /** URL of the page beside the panel, used when the contact is typed by hand. */
  pageUrl?: string;
  onChange(contact: ContactReference): void;
  /** Read the page again (a CRM that fills in fields late). */
  onReread(): void;
}

/** The contact being scored: what the page told us, correctable by hand, or typed from scratch. */
export function ContactCard({ contact, loading, pageUrl, onChange, onReread }: Props) {
  const [editing, setEditing] = useState(false);
  // Leaving the form (saved or cancelled) returns focus to the card it replaced, not to the page body.
  const heading = useRef<HTMLHeadingElement>(null);
  const focusHeading = useRef(false);
  useEffect(() => {
    if (focusHeading.current && heading.current) {
      focusHeading.current = false;
      heading.current.focus();
    }
  });
  if (loading && !contact) return <p class="muted" role="status">Reading the page…</p>;
  if (!contact || editing) {
    return (
      <ContactForm
        initial={contact}
        pageUrl={pageUrl}
        onCancel={
          contact
            ? () => {
                focusHeading.current = true;
                setEditing(false);
              }
            : undefined
        }
        onSave={(c) => {
          focusHeading.current = true;
          setEditing(false);
          onChange(c);
        }}
      />
    );
  }
  const rows: [string, string | undefined][] = [
    ['CRM', contact.crm],
    ['Ticket', contact.ticketId],
    ['Subject', contact.subject],
    ['Agent', contact.agent],
    ['Customer ref.', contact.customerRef],
    ['Channel', contact.channel && CHANNEL_LABELS[contact.channel]],
    ['Queue', contact.queue],
  ];
  return (
    <section class="card" aria-labelledby="contact-heading">
      <div class="card-head">
        <h2 id="contact-heading" tabIndex={-1} ref={heading}>
          Contact
        </h2>
        {contact.source !== 'adapter' && (
          <span class="badge" title="Not read by a CRM adapter">
            {contact.source === 'manual' ? 'typed by hand' : 'guessed from the page'}
          </span>
        )}
        <button type="button" class="link" onClick={onReread}>
          Re-read page
        </button>
        <button type="button" class="link" onClick={() => setEditing(true)}>
          Correct
        </button>
      </div>
      <dl class="contact">
        {rows
          .filter(([, v]) => v)
          .map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd data-field={k}>{v}</dd>
            </div>
          ))}
      </dl>
    </section>
  );
}

interface FormProps {
  initial: ContactReference | null;
  pageUrl: string | undefined;
  onSave(c: ContactReference): void;
  onCancel: (() => void) | undefined;
}

function ContactForm({ initial, pageUrl, onSave, onCancel }: FormProps) {
  const [error, setError] = useState('');
  // autoFocus only works for the first element a page autofocuses, not for a form opened later by "Correct".
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (initial) first.current?.focus();
  }, []);
  function submit(e: Event) {
    e.preventDefault();
    const data = new FormData(e.currentTarget as HTMLFormElement);
    const text = (k: string) => String(data.get(k) ?? '').trim() || undefined;
    const parsed = ContactReference.safeParse({
      adapterId: initial?.adapterId ?? 'manual',
      crm: initial?.crm ?? 'Entered by hand',
      url: initial?.url ?? pageUrl ?? '',
      ticketId: text('ticketId') ?? '',
      subject: text('subject'),
      agent: text('agent'),
      customerRef: text('customerRef'),
      channel: text('channel'),
      queue: initial?.queue,
      source: 'manual',
      capturedAt: new Date().toISOString(),
    });
    if (!parsed.success) return setError(z.prettifyError(parsed.error));
    setError('');
    onSave(parsed.data);
  }
  return (
    <form class="card" onSubmit={submit} aria-labelledby="contact-form-heading">
      <h2 id="contact-form-heading">{initial ? 'Correct the contact' : 'Which contact?'}</h2>
      {!initial && <p class="muted">Floorwalker could not read a contact from this page. Enter it by hand.</p>}
      <label>
        Ticket or contact id
        <input name="ticketId" required defaultValue={initial?.ticketId} ref={first} autoFocus />
      </label>
      <label>
        Subject
        <input name="subject" defaultValue={initial?.subject} />
      </label>
      <label>
        Agent
        <input name="agent" defaultValue={initial?.agent} />
      </label>
      <label>
        Customer reference (CRM id, not a name)
        <input name="customerRef" defaultValue={initial?.customerRef} />
      </label>
      <label>
        Channel
        <select name="channel" defaultValue={initial?.channel ?? ''}>
          <option value="">Not known</option>
          {Channel.options.map((c) => (
            <option key={c} value={c}>
              {CHANNEL_LABELS[c]}
            </option>
          ))}
        </select>
      </label>
      <Feedback error={error} />
      <div class="row">
        <button type="submit">Use this contact</button>
        {onCancel && (
          <button type="button" class="secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
