import { uuidv7 } from '../core/ids.ts';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Me, RosterEntry } from '../core/account.ts';
import {
  type Complaint,
  type ComplaintFlag,
  authorityFor,
  authorityGaps,
  COMPLAINT_FLAG_LABELS,
  COMPLAINT_OUTCOME_LABELS,
  COMPLAINT_STATUS_LABELS,
  ComplaintFlag as Flags,
  ComplaintOutcome,
  formatPence,
  rolesAbleToHandle,
} from '../core/complaint.ts';
import { complaintClocks } from '../core/complaintClocks.ts';
import type { ComplaintEventDraft } from '../core/complaintDrafts.ts';
import { allowedComplaintEvents } from '../core/complaintLifecycle.ts';
import { isValidIsoDate, localDateOf } from '../core/isoDate.ts';
import type { ComplaintView } from '../core/messages.ts';
import { clockOptions, type OrgSettings, rootCausesOf } from '../core/orgSettings.ts';
import { call } from './client.ts';
import { CLOCK_STATE_WORDS, clockCountdown, formatDay, formatWhen, parsePounds, penceToField } from './complaintText.ts';
import { categoryLabel, complaintTimeline, flagList, handlerName } from './complaintTimeline.ts';
import { Feedback } from './Feedback.tsx';

interface Props {
  view: ComplaintView;
  settings: OrgSettings;
  me: Me;
  now?: () => Date;
  onRecorded(view: ComplaintView): void;
  onBack(): void;
}

type FormName = 'nature' | 'flags' | 'option' | 'withdraw' | 'refer' | 'action' | 'response' | 'close' | 'cancel' | 'review' | 'reopen' | 'note';
/** What a form's fields make: the draft to record, or why not (and which field to go back to). */
type Invalid = { invalid: string; field?: string };
type Built = ComplaintEventDraft | Invalid;
const isInvalid = (b: Built): b is Invalid => !('type' in b);
type Recorder = (draft: ComplaintEventDraft, focusAfter: string) => Promise<string | null>;

const text = (data: FormData, name: string) => String(data.get(name) ?? '').trim();

/**
 * One complaint: who has it and how long is left, what it is about, the options weighed for both
 * sides, and a form for each step its owner (or anyone, for notes and flags) may take now. Every
 * change goes to the background as a draft; a refusal is shown and nothing else changes.
 */
export function ComplaintDetail({ view, settings, me, now = () => new Date(), onRecorded, onBack }: Props) {
  const c = view.complaint;
  const allowed = new Set(allowedComplaintEvents(c, { id: me.id, role: me.role }));
  const can = (type: string) => allowed.has(type as never);
  const [open, setOpen] = useState<{ name: FormName; optionId?: string } | null>(null);
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [focusId, setFocusId] = useState<string | null>(null);
  useEffect(() => {
    if (!focusId) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId]);
  useEffect(() => setFocusId('complaint-heading'), [c.id]);

  const today = localDateOf(now());
  const clocks = complaintClocks(c, now(), clockOptions(settings));
  const mine = authorityFor(settings.authority, me.role);
  const live = c.options.filter((o) => !o.withdrawn);
  const rights = c.regime.referralRights;

  const record: Recorder = async (draft, focusAfter) => {
    try {
      const next = await call('complaints:record', { complaintId: c.id, draft });
      const timeline = complaintTimeline(next.events, settings.categories);
      setStatus(`Recorded. ${timeline[timeline.length - 1]?.what ?? ''}`);
      setError('');
      setOpen(null);
      onRecorded(next);
      setFocusId(focusAfter);
      return null;
    } catch (e) {
      return (e as Error).message;
    }
  };
  const direct = async (draft: ComplaintEventDraft, focusAfter: string) => {
    const problem = await record(draft, focusAfter);
    if (problem) setError(problem);
    else setError('');
  };
  const openForm = (name: FormName, optionId?: string) => {
    setError('');
    setStatus('');
    setOpen({ name, ...(optionId ? { optionId } : {}) });
  };
  const isOpen = (name: FormName) => open?.name === name;
  const cancel = (opener: string) => () => {
    setOpen(null);
    setFocusId(opener);
  };
  /** A button that opens a form; it makes way for the form while the form is open. */
  const opener = (name: FormName, label: string) =>
    can(FORM_EVENT[name]) &&
    !isOpen(name) && (
      <button type="button" class="secondary" id={`open-${name}`} onClick={() => openForm(name)}>
        {label}
      </button>
    );
  const formProps = (name: FormName, section: string) => ({
    record: (draft: ComplaintEventDraft) => record(draft, section),
    onCancel: cancel(`open-${name}`),
  });

  const referOption = open?.name === 'refer' && open.optionId ? c.options.find((o) => o.id === open.optionId) : undefined;

  return (
    <article class="complaint" aria-labelledby="complaint-heading">
      <button type="button" class="link" onClick={onBack}>
        Back to complaints
      </button>
      <header class="card">
        <h2 id="complaint-heading" tabIndex={-1}>
          Complaint {c.reference}
        </h2>
        <dl class="contact">
          <div>
            <dt>Status</dt>
            <dd>{COMPLAINT_STATUS_LABELS[c.status]}</dd>
          </div>
          <div>
            <dt>Owner</dt>
            <dd>{c.owner.id === me.id ? `You (${me.name})` : handlerName(c.owner)}</dd>
          </div>
          <div>
            <dt>Category</dt>
            <dd>{categoryLabel(c.category, settings.categories)}</dd>
          </div>
          <div>
            <dt>Received</dt>
            <dd>{formatWhen(c.receivedAt)}</dd>
          </div>
          <div>
            <dt>Ticket</dt>
            <dd>
              {c.contact.ticketId} ({c.contact.crm}){c.customerRef && `, customer ${c.customerRef}`}
            </dd>
          </div>
          <div>
            <dt>Flags</dt>
            <dd>{c.flags.length ? flagList(c.flags) : 'None'}</dd>
          </div>
        </dl>
        {!view.synced && <p class="muted">Saved in this browser; not yet on the server.</p>}
        {c.needsReferral.length > 0 && (
          <div class="warning" role="note" aria-label="Needs referral">
            <p>
              <strong>Needs referral.</strong> Refer it to someone whose authority covers it:
            </p>
            <ul>
              {c.needsReferral.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </div>
        )}
        {(c.status === 'open' || c.status === 'agreed') && !can('closed') && (
          <p class="muted">Only the owner or a manager can handle this complaint; you can add flags and notes.</p>
        )}
      </header>

      <Feedback error={error} />
      <p class="ok" role="status">
        {status}
      </p>

      <section class="card" aria-labelledby="sec-clocks">
        <h3 id="sec-clocks" tabIndex={-1}>
          Deadlines ({c.regime.name})
        </h3>
        {clocks.length === 0 ? (
          <p class="muted">No regulatory clock applies.</p>
        ) : (
          <ul class="clocks">
            {clocks.map((k) => (
              <li key={k.milestone.id} class={`clock clock-${k.state}`}>
                <strong>{k.milestone.label}</strong>: {k.milestone.kind === 'window' ? 'until' : 'due'} {formatDay(k.dueOn)}. <span class="state">{CLOCK_STATE_WORDS[k.state]}</span>,{' '}
                {clockCountdown(k)}
                {(k.holidayData === 'provisional' || k.holidayData === 'missing') && ' (bank holidays for these dates are not final)'}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section class="card" aria-labelledby="sec-nature">
        <h3 id="sec-nature" tabIndex={-1}>
          The complaint
        </h3>
        {isOpen('nature') ? (
          <NatureForm {...formProps('nature', 'sec-nature')} complaint={c} />
        ) : (
          <dl class="stack">
            <dt>What happened</dt>
            <dd class="pre">{c.nature.whatHappened}</dd>
            <dt>Impact on the customer</dt>
            <dd class="pre">{c.nature.impact || 'Not recorded yet.'}</dd>
            <dt>What the customer wants</dt>
            <dd class="pre">{c.nature.customerWants || 'Not recorded yet.'}</dd>
          </dl>
        )}
        <div class="row wrap">
          {opener('nature', 'Record the nature')}
          {opener('flags', 'Change flags')}
        </div>
        {isOpen('flags') && <FlagsForm {...formProps('flags', 'sec-nature')} current={c.flags} />}
      </section>

      <section class="card" aria-labelledby="sec-options">
        <h3 id="sec-options" tabIndex={-1}>
          Options
        </h3>
        {c.options.length === 0 ? (
          <p class="muted">No options yet. Add each way of resolving it, with what it means for the customer and for us.</p>
        ) : (
          <div class="scroll" role="region" aria-label="Options compared" tabIndex={0}>
            <table class="compare">
              <caption class="visually-hidden">Options compared</caption>
              <thead>
                <tr>
                  <td />
                  {c.options.map((o) => (
                    <th scope="col" key={o.id} id={`option-${o.id}`}>
                      {o.summary}
                      {o.withdrawn && <span class="muted"> (withdrawn)</span>}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {COMPARE_ROWS.map(([label, cell]) => (
                  <tr key={label}>
                    <th scope="row">{label}</th>
                    {c.options.map((o) => (
                      <td key={o.id} class="pre">
                        {cell(o) || '—'}
                      </td>
                    ))}
                  </tr>
                ))}
                <tr>
                  <th scope="row">Decision</th>
                  {c.options.map((o) => {
                    if (o.withdrawn) return <td key={o.id}>Withdrawn: {o.withdrawn.reason}</td>;
                    if (c.agreed?.optionId === o.id) return <td key={o.id}>Agreed with the customer, {formatWhen(c.agreed.at)}</td>;
                    if (!can('optionAgreed')) return <td key={o.id}>—</td>;
                    const gaps = authorityGaps(mine, c, o.redressPence);
                    return (
                      <td key={o.id}>
                        {gaps.length === 0 ? (
                          <button
                            type="button"
                            aria-label={`Agree with customer: ${o.summary}`}
                            onClick={() => void direct({ type: 'optionAgreed', optionId: o.id }, 'sec-options')}
                          >
                            Agree with customer
                          </button>
                        ) : (
                          <>
                            <p class="warning-text">Beyond your authority: it needs authority for {gaps.join(' and ')}.</p>
                            {can('referred') && (
                              <button
                                type="button"
                                class="secondary"
                                aria-label={`Refer to someone who can agree: ${o.summary}`}
                                onClick={() => openForm('refer', o.id)}
                              >
                                Refer to someone who can agree
                              </button>
                            )}
                          </>
                        )}
                      </td>
                    );
                  })}
                </tr>
              </tbody>
            </table>
          </div>
        )}
        {c.agreed && (
          <p>
            Agreed: <strong>{c.options.find((o) => o.id === c.agreed!.optionId)?.summary}</strong>, by {handlerName(c.agreed.by)}.
          </p>
        )}
        <div class="row wrap">
          {opener('option', 'Add an option')}
          {live.length > 0 && opener('withdraw', 'Withdraw an option')}
          {opener('cancel', 'Cancel the agreement')}
        </div>
        {isOpen('option') && <OptionForm {...formProps('option', 'sec-options')} complaint={c} />}
        {isOpen('withdraw') && (
          <ReasonForm
            {...formProps('withdraw', 'sec-options')}
            title="Withdraw an option"
            submit="Withdraw option"
            type="optionWithdrawn"
            extra={
              <label>
                Option
                <select name="optionId">
                  {live.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.summary}
                    </option>
                  ))}
                </select>
              </label>
            }
          />
        )}
        {isOpen('cancel') && (
          <ReasonForm {...formProps('cancel', 'sec-options')} title="Cancel the agreement" submit="Cancel agreement" type="agreementCancelled" />
        )}
      </section>

      {(c.referrals.length > 0 || can('referred')) && (
        <section class="card" aria-labelledby="sec-refer">
          <h3 id="sec-refer" tabIndex={-1}>
            Referral
          </h3>
          {c.referrals.length > 0 && (
            <ul>
              {c.referrals.map((r) => (
                <li key={r.at}>
                  {formatWhen(r.at)}: {handlerName(r.from)} to {handlerName(r.to)}. {r.reason}
                </li>
              ))}
            </ul>
          )}
          {opener('refer', 'Refer this complaint')}
          {isOpen('refer') && (
            <ReferForm
              {...formProps('refer', 'complaint-heading')}
              onCancel={cancel(referOption ? 'sec-options' : 'open-refer')}
              complaint={c}
              settings={settings}
              option={referOption}
            />
          )}
        </section>
      )}

      <section class="card" aria-labelledby="sec-work">
        <h3 id="sec-work" tabIndex={-1}>
          Actions and responses
        </h3>
        {c.actions.length + c.responses.length === 0 ? (
          <p class="muted">Nothing recorded yet.</p>
        ) : (
          <ul>
            {c.responses.map((r) => (
              <li key={r.at}>
                {r.kind === 'holding' ? 'Holding response' : 'Acknowledgement'} sent {formatDay(r.sentOn)}
                {r.referralRightsGiven && ', with referral rights'}
              </li>
            ))}
            {c.actions.map((a) => (
              <li key={a.at}>
                {formatDay(localDateOf(a.at))}: {a.description}
              </li>
            ))}
          </ul>
        )}
        <div class="row wrap">
          {opener('action', 'Record an action taken')}
          {opener('response', 'Record a response sent')}
        </div>
        {isOpen('action') && (
          <ActionForm {...formProps('action', 'sec-work')} title="Action taken" submit="Record action" build={(d) => need(d, 'description', { type: 'actionTaken' }, 'Say what was done.')}>
            <label>
              What was done
              <textarea name="description" rows={3} required />
            </label>
          </ActionForm>
        )}
        {isOpen('response') && <ResponseForm {...formProps('response', 'sec-work')} complaint={c} today={today} />}
      </section>

      <section class="card" aria-labelledby="sec-close">
        <h3 id="sec-close" tabIndex={-1}>
          Closure
        </h3>
        {c.closure ? (
          <p>
            {COMPLAINT_OUTCOME_LABELS[c.closure.outcome]}, closed {formatDay(c.closure.closedOn)} by {handlerName(c.closure.by)}. Redress{' '}
            {formatPence(c.closure.redressPence)}
            {c.closure.otherRedress && ` and ${c.closure.otherRedress}`}. {c.closure.summary}{' '}
            {rights && (c.closure.referralRightsGiven ? `Told of the right to refer to ${rights.body}.` : `Not told of ${rights.body}.`)}
          </p>
        ) : (
          <p class="muted">Open.</p>
        )}
        <div class="row wrap">
          {opener('close', 'Close the complaint')}
          {opener('reopen', 'Reopen')}
        </div>
        {isOpen('close') && <CloseForm {...formProps('close', 'sec-close')} complaint={c} today={today} />}
        {isOpen('reopen') && <ReasonForm {...formProps('reopen', 'sec-close')} title="Reopen the complaint" submit="Reopen" type="reopened" />}
      </section>

      {(c.review || can('reviewed')) && (
        <section class="card" aria-labelledby="sec-review">
          <h3 id="sec-review" tabIndex={-1}>
            Learning
          </h3>
          {c.review && (
            <>
              <p>Root cause: {c.review.rootCause.label}</p>
              <ul>
                {c.review.learningPoints.map((p) => (
                  <li key={p}>{p}</li>
                ))}
                {c.review.preventiveActions.map((a) => (
                  <li key={a.description}>
                    Action: {a.description} ({a.owner.name}, due {formatDay(a.dueOn)})
                  </li>
                ))}
              </ul>
            </>
          )}
          {opener('review', c.review ? 'Revise the review' : 'Record the review')}
          {isOpen('review') && <ReviewForm {...formProps('review', 'sec-review')} complaint={c} settings={settings} />}
        </section>
      )}

      <section class="card" aria-labelledby="sec-history">
        <h3 id="sec-history" tabIndex={-1}>
          History
        </h3>
        <ol class="timeline">
          {complaintTimeline(view.events, settings.categories).map((t) => (
            <li key={t.id}>
              <span class="muted">
                <time dateTime={t.at}>{formatWhen(t.at)}</time>, {t.who}
              </span>
              <br />
              {t.what}
            </li>
          ))}
        </ol>
        {opener('note', 'Add a note')}
        {isOpen('note') && (
          <ActionForm {...formProps('note', 'sec-history')} title="Add a note" submit="Add note" build={(d) => need(d, 'text', { type: 'noteAdded' }, 'Write the note.')}>
            <label>
              Note
              <textarea name="text" rows={3} required />
            </label>
          </ActionForm>
        )}
      </section>
    </article>
  );
}

/** The event each form records, for deciding whether to offer it. */
const FORM_EVENT: { [K in FormName]: string } = {
  nature: 'natureRecorded',
  flags: 'flagsSet',
  option: 'optionAdded',
  withdraw: 'optionWithdrawn',
  refer: 'referred',
  action: 'actionTaken',
  response: 'responseSent',
  close: 'closed',
  cancel: 'agreementCancelled',
  review: 'reviewed',
  reopen: 'reopened',
  note: 'noteAdded',
};

type Option = Complaint['options'][number];
const COMPARE_ROWS: [string, (o: Option) => string][] = [
  ['Good for the customer', (o) => o.customerAdvantages],
  ['Bad for the customer', (o) => o.customerDisadvantages],
  ['Good for us', (o) => o.organisationAdvantages],
  ['Bad for us', (o) => o.organisationDisadvantages],
  ['Redress', (o) => formatPence(o.redressPence) + (o.otherRedress ? ` and ${o.otherRedress}` : '')],
  ['Cost to us', (o) => formatPence(o.costPence)],
];

/** A draft with one required text field, or why not. */
function need(data: FormData, field: string, draft: ComplaintEventDraft, message: string): Built {
  const value = text(data, field);
  return value ? { ...draft, [field]: value } : { invalid: message, field };
}

// ---- forms ----------------------------------------------------------------------------------------

interface FormBase {
  record(draft: ComplaintEventDraft): Promise<string | null>;
  onCancel(): void;
}

/**
 * A step's form: focus goes to its first field, Ctrl+Enter saves and Escape cancels. Problems with
 * what was typed, and refusals from the background, are shown in the form and keep what was typed.
 */
function ActionForm({
  title,
  submit,
  build,
  record,
  onCancel,
  children,
}: FormBase & { title: string; submit: string; build(data: FormData): Built; children: ComponentChildren }) {
  const ref = useRef<HTMLFormElement>(null);
  const [error, setError] = useState('');
  const busy = useRef(false);
  useEffect(() => ref.current?.querySelector<HTMLElement>('input, select, textarea')?.focus(), []);
  async function save(e: Event) {
    e.preventDefault();
    const form = ref.current;
    if (busy.current || !form) return;
    const built = build(new FormData(form));
    if (isInvalid(built)) {
      setError(built.invalid);
      if (built.field) form.querySelector<HTMLElement>(`[name="${built.field}"]`)?.focus();
      return;
    }
    busy.current = true;
    const problem = await record(built);
    busy.current = false;
    if (problem) setError(problem);
  }
  return (
    <form
      ref={ref}
      class="step"
      noValidate
      aria-label={title}
      onSubmit={save}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save(e);
        else if (e.key === 'Escape') onCancel();
      }}
    >
      <h4>{title}</h4>
      {children}
      <Feedback error={error} />
      <div class="row wrap">
        <button type="submit">{submit}</button>
        <button type="button" class="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function ReasonForm(props: FormBase & { title: string; submit: string; type: string; extra?: ComponentChildren }) {
  return (
    <ActionForm
      {...props}
      build={(d) => need(d, 'reason', { type: props.type, ...(d.has('optionId') ? { optionId: text(d, 'optionId') } : {}) }, 'Give a reason.')}
    >
      {props.extra}
      <label>
        Reason
        <textarea name="reason" rows={2} required />
      </label>
    </ActionForm>
  );
}

function NatureForm(props: FormBase & { complaint: Complaint }) {
  const n = props.complaint.nature;
  const build = (d: FormData): Built => {
    const whatHappened = text(d, 'whatHappened');
    if (!whatHappened) return { invalid: 'Say what happened.', field: 'whatHappened' };
    const reason = text(d, 'reason');
    return { type: 'natureRecorded', nature: { whatHappened, impact: text(d, 'impact'), customerWants: text(d, 'customerWants') }, ...(reason ? { reason } : {}) };
  };
  return (
    <ActionForm {...props} title="The nature of the complaint" submit="Save" build={build}>
      <label>
        What happened
        <textarea name="whatHappened" rows={4} required defaultValue={n.whatHappened} />
      </label>
      <label>
        Impact on the customer
        <textarea name="impact" rows={3} defaultValue={n.impact} />
      </label>
      <label>
        What the customer wants
        <textarea name="customerWants" rows={3} defaultValue={n.customerWants} />
      </label>
      <label>
        Why it changed (optional)
        <input name="reason" />
      </label>
    </ActionForm>
  );
}

function FlagsForm(props: FormBase & { current: readonly ComplaintFlag[] }) {
  const build = (d: FormData): Built => {
    const flags = Flags.options.filter((f) => d.has(`flag-${f}`));
    const reason = text(d, 'reason');
    if (props.current.some((f) => !flags.includes(f)) && !reason) return { invalid: 'Give a reason for removing a flag.', field: 'reason' };
    return { type: 'flagsSet', flags, ...(reason ? { reason } : {}) };
  };
  return (
    <ActionForm {...props} title="Flags" submit="Save flags" build={build}>
      <fieldset>
        <legend>Flags</legend>
        {Flags.options.map((f) => (
          <label key={f} class="check">
            <input type="checkbox" name={`flag-${f}`} defaultChecked={props.current.includes(f)} />
            {COMPLAINT_FLAG_LABELS[f]}
          </label>
        ))}
      </fieldset>
      <label>
        Reason (needed when removing a flag)
        <input name="reason" />
      </label>
    </ActionForm>
  );
}

/** Pence from a pounds field, or the problem with it, naming the field. */
function pence(d: FormData, field: string, label: string): number | { invalid: string; field: string } {
  const parsed = parsePounds(text(d, field));
  return parsed.ok ? parsed.pence : { invalid: `${label}: ${parsed.error}`, field };
}

function OptionForm(props: FormBase & { complaint: Complaint }) {
  const build = (d: FormData): Built => {
    const summary = text(d, 'summary');
    if (!summary) return { invalid: 'Describe the option.', field: 'summary' };
    const redress = pence(d, 'redress', 'Redress');
    if (typeof redress !== 'number') return redress;
    const cost = pence(d, 'cost', 'Cost');
    if (typeof cost !== 'number') return cost;
    return {
      type: 'optionAdded',
      option: {
        // Unique across browsers: two people adding options offline must not collide.
        id: uuidv7(),
        summary,
        customerAdvantages: text(d, 'customerAdvantages'),
        customerDisadvantages: text(d, 'customerDisadvantages'),
        organisationAdvantages: text(d, 'organisationAdvantages'),
        organisationDisadvantages: text(d, 'organisationDisadvantages'),
        redressPence: redress,
        costPence: cost,
        otherRedress: text(d, 'otherRedress'),
      },
    };
  };
  const area = (name: string, label: string) => (
    <label>
      {label}
      <textarea name={name} rows={2} />
    </label>
  );
  return (
    <ActionForm {...props} title="Add an option" submit="Add option" build={build}>
      <label>
        Option
        <input name="summary" required />
      </label>
      {area('customerAdvantages', 'Advantages for the customer')}
      {area('customerDisadvantages', 'Disadvantages for the customer')}
      {area('organisationAdvantages', 'Advantages for the organisation')}
      {area('organisationDisadvantages', 'Disadvantages for the organisation')}
      <div class="row">
        <label>
          Redress to the customer (£)
          <input name="redress" inputMode="decimal" placeholder="0.00" />
        </label>
        <label>
          Total cost to us (£)
          <input name="cost" inputMode="decimal" placeholder="0.00" />
        </label>
      </div>
      <label>
        Other redress (an apology, a repair…)
        <input name="otherRedress" />
      </label>
    </ActionForm>
  );
}

function ReferForm(props: FormBase & { complaint: Complaint; settings: OrgSettings; option: Option | undefined }) {
  const { complaint, settings, option } = props;
  const [people, setPeople] = useState<RosterEntry[] | null>(null);
  const [failed, setFailed] = useState('');
  useEffect(() => {
    call('roster:get', {})
      .then((r) => setPeople(r.roster))
      .catch((e: Error) => setFailed(e.message));
  }, []);
  const roles = rolesAbleToHandle(settings.authority, complaint, option?.redressPence);
  const able = (people ?? []).filter((p) => roles.includes(p.role) && p.id !== complaint.owner.id);
  const build = (d: FormData): Built => {
    const who = able.find((p) => p.id === d.get('to'));
    if (!who) return { invalid: 'Choose who to refer it to.', field: 'to' };
    const reason = text(d, 'reason');
    if (!reason) return { invalid: 'Give a reason for the referral.', field: 'reason' };
    return { type: 'referred', to: { id: who.id, name: who.name }, reason, ...(option ? { optionId: option.id } : {}) };
  };
  if (failed) {
    return (
      <div class="row wrap">
        <p class="error" role="alert">
          The roster could not be loaded: {failed}
        </p>
        <button type="button" class="secondary" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    );
  }
  if (people === null) return <p role="status">Loading the roster…</p>;
  return (
    <ActionForm {...props} title={option ? `Refer to agree “${option.summary}”` : 'Refer this complaint'} submit="Refer" build={build}>
      {option && <p class="muted">It needs someone who may agree a redress of {formatPence(option.redressPence)}.</p>}
      {able.length === 0 ? (
        <p class="error">Nobody on the roster has the authority this needs. Ask a manager to review the authority boundaries.</p>
      ) : (
        <label>
          Refer to
          <select name="to" required>
            <option value="">Choose a person</option>
            {able.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.role})
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        Reason
        <textarea name="reason" rows={2} required />
      </label>
    </ActionForm>
  );
}

function dateProblem(d: FormData, field: string, label: string): Built | null {
  return isValidIsoDate(text(d, field)) ? null : { invalid: `${label}: enter a date.`, field };
}

function ResponseForm(props: FormBase & { complaint: Complaint; today: string }) {
  const rights = props.complaint.regime.referralRights;
  const build = (d: FormData): Built =>
    dateProblem(d, 'sentOn', 'Sent on') ?? {
      type: 'responseSent',
      kind: text(d, 'kind') === 'holding' ? 'holding' : 'acknowledgement',
      sentOn: text(d, 'sentOn'),
      referralRightsGiven: d.has('rights'),
      ...(text(d, 'note') ? { note: text(d, 'note') } : {}),
    };
  const first = props.complaint.responses.length === 0;
  return (
    <ActionForm {...props} title="Response sent" submit="Record response" build={build}>
      <fieldset>
        <legend>Kind of response</legend>
        <label class="check">
          <input type="radio" name="kind" value="acknowledgement" defaultChecked={first} />
          Acknowledgement
        </label>
        <label class="check">
          <input type="radio" name="kind" value="holding" defaultChecked={!first} />
          Holding response (the final response will follow)
        </label>
      </fieldset>
      <label>
        Sent on
        <input type="date" name="sentOn" defaultValue={props.today} max={props.today} required />
      </label>
      {rights && (
        <label class="check">
          <input type="checkbox" name="rights" />
          It told the customer they may refer the complaint to {rights.body}
        </label>
      )}
      <label>
        Note (optional)
        <input name="note" />
      </label>
    </ActionForm>
  );
}

function CloseForm(props: FormBase & { complaint: Complaint; today: string }) {
  const c = props.complaint;
  const rights = c.regime.referralRights;
  const agreed = c.agreed && c.options.find((o) => o.id === c.agreed!.optionId);
  const build = (d: FormData): Built => {
    const outcome = ComplaintOutcome.options.find((o) => o === d.get('outcome'));
    if (!outcome) return { invalid: 'Choose an outcome: upheld, partly upheld, not upheld or withdrawn.', field: 'outcome' };
    const late = dateProblem(d, 'closedOn', 'Closed on');
    if (late) return late;
    const redress = pence(d, 'redress', 'Redress');
    if (typeof redress !== 'number') return redress;
    const summary = text(d, 'summary');
    if (!summary) return { invalid: 'Summarise how the complaint was resolved.', field: 'summary' };
    const given = d.has('rights');
    if (rights?.requiredAtClosure && outcome !== 'withdrawn' && !given) {
      return { invalid: `Under ${c.regime.name} the final response must tell the customer they may go to ${rights.body}. Confirm it did.`, field: 'rights' };
    }
    return {
      type: 'closed',
      closure: { closedOn: text(d, 'closedOn'), outcome, redressPence: redress, otherRedress: text(d, 'otherRedress'), summary, referralRightsGiven: given },
    };
  };
  return (
    <ActionForm {...props} title="Close the complaint" submit="Close complaint" build={build}>
      <label>
        Closed on (the day the final response went)
        <input type="date" name="closedOn" defaultValue={props.today} max={props.today} required />
      </label>
      <fieldset>
        <legend>Outcome</legend>
        {ComplaintOutcome.options.map((o) => (
          <label key={o} class="check">
            <input type="radio" name="outcome" value={o} required />
            {COMPLAINT_OUTCOME_LABELS[o]}
          </label>
        ))}
      </fieldset>
      <label>
        Redress paid (£)
        <input name="redress" inputMode="decimal" placeholder="0.00" defaultValue={agreed ? penceToField(agreed.redressPence) : ''} />
      </label>
      <label>
        Other redress
        <input name="otherRedress" defaultValue={agreed ? agreed.otherRedress : ''} />
      </label>
      <label>
        Summary of the resolution
        <textarea name="summary" rows={3} required />
      </label>
      {rights && (
        <label class="check">
          <input type="checkbox" name="rights" />
          The final response told the customer they may refer the complaint to {rights.body}
          {rights.windowMonths ? ` within ${rights.windowMonths} months` : ''}
          {rights.requiredAtClosure ? ' (required unless withdrawn)' : ''}
        </label>
      )}
    </ActionForm>
  );
}

function ReviewForm(props: FormBase & { complaint: Complaint; settings: OrgSettings }) {
  const existing = props.complaint.review;
  const causes = rootCausesOf(props.settings).filter((r) => !r.retired || r.id === existing?.rootCause.id);
  const kept = existing?.preventiveActions.slice(1) ?? [];
  const firstAction = existing?.preventiveActions[0];
  const build = (d: FormData): Built => {
    const cause = causes.find((r) => r.id === d.get('rootCause'));
    if (!cause) return { invalid: 'Choose a root cause.', field: 'rootCause' };
    const learningPoints = text(d, 'learning')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const action = { description: text(d, 'actionText'), name: text(d, 'actionOwner'), dueOn: text(d, 'actionDue') };
    const any = action.description || action.name || action.dueOn;
    if (any && !action.description) return { invalid: 'Describe the preventive action.', field: 'actionText' };
    if (any && !action.name) return { invalid: 'Name who owns the preventive action.', field: 'actionOwner' };
    if (any && !isValidIsoDate(action.dueOn)) return { invalid: 'Give the preventive action a due date.', field: 'actionDue' };
    return {
      type: 'reviewed',
      review: {
        rootCause: { id: cause.id, label: cause.label },
        learningPoints,
        preventiveActions: [...(any ? [{ description: action.description, owner: { name: action.name }, dueOn: action.dueOn }] : []), ...kept],
      },
    };
  };
  return (
    <ActionForm {...props} title="Learning from the complaint" submit="Save review" build={build}>
      <label>
        Root cause
        <select name="rootCause" required>
          <option value="">Choose a root cause</option>
          {causes.map((r) => (
            <option key={r.id} value={r.id} selected={r.id === existing?.rootCause.id}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        Learning points (one per line)
        <textarea name="learning" rows={3} defaultValue={existing?.learningPoints.join('\n') ?? ''} />
      </label>
      <fieldset>
        <legend>Preventive action (optional)</legend>
        <label>
          What will be done
          <input name="actionText" defaultValue={firstAction?.description ?? ''} />
        </label>
        <div class="row">
          <label>
            Owner
            <input name="actionOwner" defaultValue={firstAction?.owner.name ?? ''} />
          </label>
          <label>
            Due
            <input type="date" name="actionDue" defaultValue={firstAction?.dueOn ?? ''} />
          </label>
        </div>
        {kept.length > 0 && <p class="muted">Its other {kept.length} preventive action(s) are kept.</p>}
      </fieldset>
    </ActionForm>
  );
}
