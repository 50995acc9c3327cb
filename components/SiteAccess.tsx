import { useState } from 'preact/hooks';
import { pageOrigin, requestSiteAccess } from './siteAccess.ts';
import { Feedback } from './Feedback.tsx';

/**
 * Shown when the page beside the panel is on a site Floorwalker has not been let into: the
 * extension asks for each CRM site when someone first needs it there, never for the whole web.
 */
export function SiteAccess({ pageUrl, onGranted }: { pageUrl: string | undefined; onGranted(): void }) {
  const [error, setError] = useState('');
  const origin = pageOrigin(pageUrl);
  if (!origin) return null;
  const host = new URL(origin).host;

  async function allow() {
    setError('');
    try {
      // Inside the click: the browser shows its own prompt for this one site.
      if (await requestSiteAccess(origin!)) onGranted();
      else setError(`Access to ${host} was not granted: type the contact below instead.`);
    } catch (e) {
      setError((e as Error).message);
    }
  }

  return (
    <section class="card" aria-labelledby="access-heading">
      <h2 id="access-heading">Read contacts on {host}?</h2>
      <p class="muted">
        Floorwalker reads the ticket on the page only on sites you allow. Nothing from this page has been read.
      </p>
      <button type="button" onClick={() => void allow()}>
        Allow on {host}
      </button>
      <Feedback error={error} />
    </section>
  );
}
