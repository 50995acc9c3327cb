import { useEffect, useState } from 'preact/hooks';
import { call } from './client.ts';
import { Feedback } from './Feedback.tsx';
import { pageOrigin, requestSiteAccess } from './siteAccess.ts';

/**
 * The CRM sites where the in-page guard and prompts run. Nothing of Floorwalker runs in a page until
 * the user turns it on here for that site; the browser asks for access to the site at that moment.
 */
export function SiteGuards({ pageUrl }: { pageUrl: string | undefined }) {
  const [sites, setSites] = useState<string[] | null>(null);
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const here = pageOrigin(pageUrl);

  useEffect(() => {
    call('sites:list', {})
      .then(setSites)
      .catch((e: Error) => setError(e.message));
  }, []);

  async function enable(origin: string) {
    setError('');
    try {
      const granted = await requestSiteAccess(origin);
      if (!granted) return setError(`Access to ${origin} was not granted, so the guard cannot run there.`);
      setSites(await call('sites:enable', { origin }));
      setStatus(`Reply guard and prompts are on for ${origin}.`);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  async function disable(origin: string) {
    setError('');
    try {
      setSites(await call('sites:disable', { origin }));
      setStatus(`Reply guard and prompts are off for ${origin}.`);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <section class="card" aria-labelledby="sites-heading">
      <h2 id="sites-heading">Guarded sites</h2>
      <p class="muted">
        On these CRM sites Floorwalker stops card numbers before a reply is sent and shows compliance prompts in the page.
      </p>
      {here && sites && !sites.includes(here) && (
        <button type="button" onClick={() => void enable(here)}>
          Turn on for {here}
        </button>
      )}
      {sites && sites.length === 0 && <p>No site yet.</p>}
      {sites && sites.length > 0 && (
        <ul class="plain">
          {sites.map((origin) => (
            <li key={origin} class="row">
              <span>{origin}</span>
              <button type="button" class="secondary" aria-label={`Turn off for ${origin}`} onClick={() => void disable(origin)}>
                Turn off
              </button>
            </li>
          ))}
        </ul>
      )}
      <Feedback status={status} error={error} />
    </section>
  );
}
