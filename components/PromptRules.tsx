import { useEffect, useState } from 'preact/hooks';
import type { PromptPacksView } from '../core/messages.ts';
import type { Role } from '../core/account.ts';
import { configuresExtension } from '../core/roles.ts';
import { call } from './client.ts';
import { downloadText } from './download.ts';
import { Feedback } from './Feedback.tsx';

interface RuleErrorView {
  rule: string | null;
  path: string;
  message: string;
}

const where = (e: RuleErrorView) => `${e.rule === null ? 'The pack' : `Rule ${e.rule}`}${e.path ? `, ${e.path}` : ''}`;

/**
 * The prompt rules the in-page guard uses here, and, for managers and admins, publishing the
 * organisation's own pack: a JSON file, checked before it is queued exactly as the server checks
 * it, so a bad rule is named with its field and never reaches an agent's page.
 */
export function PromptRules({ role }: { role: Role | undefined }) {
  const [view, setView] = useState<PromptPacksView | null>(null);
  const [errors, setErrors] = useState<RuleErrorView[]>([]);
  const [problem, setProblem] = useState('');
  const [status, setStatus] = useState('');
  const canPublish = configuresExtension(role);

  const load = () =>
    call('prompts:packs', {})
      .then(setView)
      .catch((e: Error) => setProblem(e.message));
  useEffect(() => void load(), []);

  async function publish(file: File) {
    setErrors([]);
    setProblem('');
    setStatus('');
    let pack: unknown;
    try {
      pack = JSON.parse(await file.text());
    } catch (e) {
      return setProblem(`${file.name} is not JSON: ${(e as Error).message}`);
    }
    try {
      const outcome = await call('prompts:publish', { pack });
      if (!outcome.ok) return setErrors(outcome.errors);
      setStatus(`Rule pack ${outcome.id} version ${outcome.version} is on its way to the server; every browser gets it at its next sync.`);
      void load();
    } catch (e) {
      setProblem((e as Error).message);
    }
  }

  if (!view) return problem ? <p class="error" role="alert">{problem}</p> : null;
  const count = (level: string) => view.rules.filter((r) => r.level === level).length;
  return (
    <section class="card" aria-labelledby="rules-heading">
      <h2 id="rules-heading">Prompt rules</h2>
      <p>
        {view.rules.length} rules in effect: {count('block')} block, {count('warn')} warn, {count('info')} inform.
      </p>
      <details>
        <summary>The rules</summary>
        <ul class="plain">
          {view.rules.map((r) => (
            <li key={r.id}>
              <strong>{r.title}</strong> <span class="muted">({r.level}; {r.packId} v{r.packVersion})</span>
            </li>
          ))}
        </ul>
      </details>
      {view.published.length > 0 && (
        <>
          <h3>Published by your organisation</h3>
          <ul class="plain">
            {view.published.map((p) => (
              <li key={p.id}>
                {p.title} <span class="muted">({p.id}, version {p.version}, {p.rules} rules)</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {canPublish && (
        <>
          <div class="row">
            <button type="button" class="secondary" onClick={() => downloadText('uk-default-rules.json', view.builtIn, 'application/json')}>
              Download the built-in pack
            </button>
          </div>
          <label>
            Publish a rule pack (JSON file)
            <input
              type="file"
              accept="application/json,.json"
              aria-describedby="rules-errors"
              onChange={(e) => {
                const input = e.currentTarget;
                const file = input.files?.[0];
                if (file) void publish(file).finally(() => (input.value = ''));
              }}
            />
          </label>
          <p class="muted">
            Publishing a pack with the built-in pack's id (uk-default) replaces it. Card-number and security-code blocks always stay on.
          </p>
        </>
      )}
      <div id="rules-errors">
        {errors.length > 0 && (
          <div role="alert" class="error">
            <p>Not published: fix these and choose the file again.</p>
            <ul>
              {errors.map((e, i) => (
                <li key={i}>
                  {where(e)}: {e.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        <Feedback error={problem} />
      </div>
      <Feedback status={status} />
    </section>
  );
}
