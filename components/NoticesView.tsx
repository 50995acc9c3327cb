import { useEffect, useRef, useState } from 'preact/hooks';
import { Role, type Team } from '../core/account.ts';
import {
  EMPTY_NOTICE_FORM,
  type NoticeBoard,
  type NoticeErrors,
  type NoticeField,
  type NoticeForm,
  type NoticeStatus,
  audienceText,
  checkNotice,
  noticeDraft,
  noticeForm,
  roleGroup,
} from '../core/notices.ts';
import type { ProcedureNotice } from '../core/promptRecords.ts';
import { call } from './client.ts';
import { formatDay, formatWhen } from './complaintText.ts';
import { handlerName } from './complaintTimeline.ts';
import { Feedback } from './Feedback.tsx';

interface Props {
  /** Bumped by the panel after each sync or sign-in, to reload. */
  revision: number;
  /** How many notices wait for this person's acknowledgement, for the panel's tab label. */
  onToRead(count: number): void;
  onOpenAccount(): void;
}

/**
 * Procedure notices: those waiting for the signed-in person's acknowledgement first, then the rest;
 * for supervisors and managers, who has acknowledged each; for managers, publishing and revising.
 */
export function NoticesView({ revision, onToRead, onOpenAccount }: Props) {
  const [board, setBoard] = useState<NoticeBoard | null>(null);
  const [error, setError] = useState('');
  const [message, setMessage] = useState('');
  /** The publish form, open for a new notice (null revising) or a revision. */
  const [editing, setEditing] = useState<{ revising: ProcedureNotice | null } | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  useEffect(() => {
    if (!focusId) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId, editing]);

  const show = (b: NoticeBoard) => {
    setBoard(b);
    onToRead(b.toRead);
  };
  useEffect(() => {
    let live = true;
    call('notices:list', {})
      .then((b) => {
        if (!live) return;
        show(b);
        setError('');
      })
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [revision]);

  async function acknowledge(n: ProcedureNotice) {
    try {
      show(await call('notices:acknowledge', { noticeId: n.id, noticeVersion: n.version }));
      setError('');
      setMessage(`Acknowledged “${n.title}”.`);
      // The button went with the notice: land on the list it left.
      setFocusId('waiting-heading');
    } catch (e) {
      setError((e as Error).message);
    }
  }

  const problem = error && (
    <p class="error" role="alert">
      {error}
    </p>
  );
  if (!board) return problem || <p class="muted">Loading notices…</p>;
  if (!board.role) {
    return (
      <section class="card" aria-labelledby="notices-heading">
        <h2 id="notices-heading">Procedure notices</h2>
        <p>Notices come with your account: sign in to read and acknowledge them.</p>
        <button type="button" onClick={onOpenAccount}>
          Sign in under Account
        </button>
      </section>
    );
  }

  if (editing) {
    const close = (published?: string) => {
      setEditing(null);
      if (published) setMessage(`Published “${published}”. It reaches people at the next sync.`);
      setFocusId('publish-notice');
    };
    return <NoticeEditor teams={board.teams} revising={editing.revising} onPublished={close} onCancel={() => close()} />;
  }

  const waiting = board.notices.filter((s) => s.waiting);
  const others = board.notices.filter((s) => s.mine && !s.waiting);
  const followed = board.notices.filter((s) => s.audience && (board.canPublish || s.audience.acknowledged.length + s.audience.notYet.length > 0));

  return (
    <section aria-labelledby="notices-heading">
      <h2 id="notices-heading">Procedure notices</h2>
      {problem}
      {board.canPublish && (
        <button type="button" id="publish-notice" onClick={() => setEditing({ revising: null })}>
          Publish a notice
        </button>
      )}
      {message && (
        <p class="ok" role="status">
          {message}
        </p>
      )}
      <section aria-labelledby="waiting-heading">
        <h3 id="waiting-heading" tabIndex={-1}>
          Waiting for your acknowledgement ({waiting.length})
        </h3>
        {waiting.length === 0 ? (
          <p class="muted">Nothing is waiting for you.</p>
        ) : (
          waiting.map((s) => <NoticeCard key={s.notice.id} status={s} teams={board.teams} onAcknowledge={() => void acknowledge(s.notice)} />)
        )}
      </section>
      {followed.length > 0 && (
        <section aria-labelledby="followed-heading">
          <h3 id="followed-heading">Who has acknowledged</h3>
          {followed.map((s) => (
            <Acknowledgements
              key={s.notice.id}
              status={s}
              teams={board.teams}
              onRevise={board.canPublish ? () => setEditing({ revising: s.notice }) : undefined}
            />
          ))}
        </section>
      )}
      <section aria-labelledby="others-heading">
        <h3 id="others-heading">Other notices for you ({others.length})</h3>
        {others.length === 0 ? <p class="muted">None.</p> : others.map((s) => <NoticeCard key={s.notice.id} status={s} teams={board.teams} />)}
      </section>
    </section>
  );
}

function NoticeSummary({ notice: n, teams }: { notice: ProcedureNotice; teams: readonly Team[] }) {
  return (
    <p class="muted">
      Effective from {formatDay(n.effectiveFrom)} · {audienceText(n.audience, teams)} · version {n.version}
    </p>
  );
}

/** A notice addressed to the viewer, with their acknowledgement or the button to give it. */
function NoticeCard({ status: { notice: n, mine }, teams, onAcknowledge }: { status: NoticeStatus; teams: readonly Team[]; onAcknowledge?(): void }) {
  const titleId = `notice-${n.id}`;
  return (
    <article class="card" aria-labelledby={titleId}>
      <h4 id={titleId}>{n.title}</h4>
      <NoticeSummary notice={n} teams={teams} />
      <p class="pre">{n.whatChanged}</p>
      {n.guidanceUrl && (
        <p>
          <a href={n.guidanceUrl} target="_blank" rel="noopener noreferrer" aria-describedby={titleId}>
            Read the guidance
          </a>
        </p>
      )}
      {mine?.earlier && !mine.acknowledgedAt && (
        <p class="warning-text">
          Revised: you acknowledged version {mine.earlier.version} on {formatWhen(mine.earlier.at)}. Read what changed and acknowledge this version.
        </p>
      )}
      {!n.requiresAcknowledgement ? (
        <p class="muted">For information: no acknowledgement needed.</p>
      ) : mine?.acknowledgedAt ? (
        <p class="ok">You acknowledged this on {formatWhen(mine.acknowledgedAt)}.</p>
      ) : (
        onAcknowledge && (
          <button type="button" aria-describedby={titleId} onClick={onAcknowledge}>
            I have read and understood this
          </button>
        )
      )}
    </article>
  );
}

/** For supervisors and managers: how many of a notice's audience have acknowledged it, and who. */
function Acknowledgements({ status: { notice: n, audience }, teams, onRevise }: { status: NoticeStatus; teams: readonly Team[]; onRevise?(): void }) {
  const titleId = `followed-${n.id}`;
  const { acknowledged, notYet } = audience!;
  const total = acknowledged.length + notYet.length;
  return (
    <article class="card" aria-labelledby={titleId}>
      <div class="card-head">
        <h4 id={titleId}>{n.title}</h4>
        {onRevise && (
          <button type="button" class="secondary" aria-describedby={titleId} onClick={onRevise}>
            Revise
          </button>
        )}
      </div>
      <NoticeSummary notice={n} teams={teams} />
      {!n.requiresAcknowledgement ? (
        <p class="muted">For information: no acknowledgement asked.</p>
      ) : (
        <>
          <p>
            <strong>
              {acknowledged.length} of {total} acknowledged
            </strong>
          </p>
          {total > 0 && (
            <details>
              <summary>Who has and who has not</summary>
              <h5 id={`${titleId}-done`}>Acknowledged ({acknowledged.length})</h5>
              {acknowledged.length === 0 ? (
                <p class="muted">Nobody yet.</p>
              ) : (
                <ul aria-labelledby={`${titleId}-done`}>
                  {acknowledged.map((r) => (
                    <li key={r.id}>
                      {handlerName(r)}, {formatWhen(r.acknowledgedAt!)}
                    </li>
                  ))}
                </ul>
              )}
              <h5 id={`${titleId}-not-yet`}>Not yet ({notYet.length})</h5>
              {notYet.length === 0 ? (
                <p class="muted">Everyone has.</p>
              ) : (
                <ul aria-labelledby={`${titleId}-not-yet`}>
                  {notYet.map((r) => (
                    <li key={r.id}>
                      {handlerName(r)}
                      {r.earlier && <span class="muted"> (acknowledged version {r.earlier.version} on {formatWhen(r.earlier.at)})</span>}
                    </li>
                  ))}
                </ul>
              )}
            </details>
          )}
        </>
      )}
    </article>
  );
}

/** Where each field's error sits, in the order the form is read (the first at fault gets focus). */
const FIELD_IDS: Record<NoticeField, string> = {
  title: 'notice-title',
  whatChanged: 'notice-what',
  effectiveFrom: 'notice-effective',
  audience: 'notice-audience',
  guidanceUrl: 'notice-guidance',
  notice: 'notice-form',
};

/** A manager writes a notice, or revises one; every field is checked before it is sent. */
function NoticeEditor({
  teams,
  revising,
  onPublished,
  onCancel,
}: {
  teams: readonly Team[];
  revising: ProcedureNotice | null;
  onPublished(title: string): void;
  onCancel(): void;
}) {
  const [form, setForm] = useState<NoticeForm>(() => (revising ? noticeForm(revising) : EMPTY_NOTICE_FORM));
  const [errors, setErrors] = useState<NoticeErrors>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);
  useEffect(() => titleRef.current?.focus(), []);

  const set = (change: Partial<NoticeForm>) => setForm((f) => ({ ...f, ...change }));
  const toggle = <T,>(list: readonly T[], value: T, on: boolean): T[] => (on ? [...list, value] : list.filter((v) => v !== value));

  async function publish(e?: Event) {
    e?.preventDefault();
    if (busy) return;
    const draft = noticeDraft(form, revising ?? undefined);
    const checked = checkNotice(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      const first = (Object.keys(FIELD_IDS) as NoticeField[]).find((f) => checked.errors[f]);
      document.getElementById(FIELD_IDS[first!])?.focus();
      return;
    }
    setErrors({});
    setError('');
    setBusy(true);
    try {
      await call('notices:publish', { ...(revising ? { id: revising.id } : {}), draft });
      onPublished(checked.draft.title);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  /** The error's paragraph, and the attributes that tie a field to it (and to a hint, if any). */
  const errorOf = (field: NoticeField) =>
    errors[field] && (
      <p id={`${FIELD_IDS[field]}-error`} class="error">
        {errors[field]}
      </p>
    );
  const describedBy = (field: NoticeField, hint?: string) => {
    const ids = [hint, errors[field] ? `${FIELD_IDS[field]}-error` : undefined].filter(Boolean).join(' ');
    return { ...(ids ? { 'aria-describedby': ids } : {}), ...(errors[field] ? { 'aria-invalid': true as const } : {}) };
  };

  return (
    <form
      id="notice-form"
      class="card"
      tabIndex={-1}
      aria-labelledby="notice-form-heading"
      aria-describedby={errors.notice ? 'notice-form-error' : undefined}
      noValidate
      onSubmit={publish}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void publish(e);
        else if (e.key === 'Escape') onCancel();
      }}
    >
      <h2 id="notice-form-heading">{revising ? `Revise “${revising.title}”` : 'Publish a notice'}</h2>
      {revising?.requiresAcknowledgement && (
        <p class="muted">The revision becomes version {revising.version + 1}: everyone it is addressed to acknowledges it again.</p>
      )}
      <label>
        Title
        <input id={FIELD_IDS.title} ref={titleRef} value={form.title} maxLength={200} onInput={(e) => set({ title: e.currentTarget.value })} {...describedBy('title')} />
      </label>
      {errorOf('title')}
      <label>
        What changed
        <textarea id={FIELD_IDS.whatChanged} rows={5} value={form.whatChanged} maxLength={4000} onInput={(e) => set({ whatChanged: e.currentTarget.value })} {...describedBy('whatChanged')} />
      </label>
      {errorOf('whatChanged')}
      <label>
        Effective from
        <input id={FIELD_IDS.effectiveFrom} type="date" value={form.effectiveFrom} onInput={(e) => set({ effectiveFrom: e.currentTarget.value })} {...describedBy('effectiveFrom')} />
      </label>
      {errorOf('effectiveFrom')}
      <fieldset id={FIELD_IDS.audience} tabIndex={-1} {...describedBy('audience', 'notice-audience-hint')}>
        <legend>Audience</legend>
        <p id="notice-audience-hint" class="hint">
          Leave the roles or the teams all unticked to address every role or every team.
        </p>
        <fieldset>
          <legend>Roles</legend>
          {Role.options.map((role) => (
            <label key={role} class="check">
              <input type="checkbox" checked={form.roles.includes(role)} onChange={(e) => set({ roles: toggle(form.roles, role, e.currentTarget.checked) })} />
              {roleGroup(role)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Teams</legend>
          {teams.length === 0 && <p class="muted">No teams yet.</p>}
          {teams.map((t) => (
            <label key={t.id} class="check">
              <input type="checkbox" checked={form.teamIds.includes(t.id)} onChange={(e) => set({ teamIds: toggle(form.teamIds, t.id, e.currentTarget.checked) })} />
              {t.name}
            </label>
          ))}
        </fieldset>
      </fieldset>
      {errorOf('audience')}
      <label class="check">
        <input type="checkbox" checked={form.requiresAcknowledgement} onChange={(e) => set({ requiresAcknowledgement: e.currentTarget.checked })} />
        Requires acknowledgement
      </label>
      <label>
        Guidance link (optional)
        <input id={FIELD_IDS.guidanceUrl} type="url" value={form.guidanceUrl} onInput={(e) => set({ guidanceUrl: e.currentTarget.value })} {...describedBy('guidanceUrl')} />
      </label>
      {errorOf('guidanceUrl')}
      {errorOf('notice')}
      <Feedback error={error} />
      <div class="row wrap">
        <button type="submit" aria-disabled={busy ? 'true' : undefined}>
          {busy ? 'Publishing…' : revising ? 'Publish the revision' : 'Publish notice'}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          Cancel
        </button>
        <span class="keys muted">Ctrl+Enter publishes, Escape cancels</span>
      </div>
    </form>
  );
}
