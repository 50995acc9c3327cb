/**
 * Saves the Request Tracker adapter's HTML fixtures from a live, freshly seeded RT (see rt.sh):
 *   npx tsx test/system/saveRtFixtures.ts
 * Each page is fetched with a cookie session as root, as a browser would get it, and prefixed with a
 * comment stating where it came from.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { comment, correspond, createTicket, createUser, startRt, type Credentials, type Rt } from './rt.ts';

const FIXTURES = fileURLToPath(new URL('../../sites/requestTracker/fixtures/', import.meta.url));

interface Seeded {
  ticketId: number;
  unownedTicketId: number;
}

/** Two tickets: one owned, with two requestors, a reply and a comment; one new and unowned. */
async function seed(rt: Rt): Promise<Seeded> {
  const agent: Credentials = { baseUrl: rt.baseUrl, user: 'sam.agent', password: 'sam-agent-pass' };
  await createUser(rt, { name: agent.user, email: 'sam.agent@floorwalker.test', realName: 'Sam Agent', password: agent.password, privileged: true });
  // As RT would record a customer who wrote in from "Jo Bloggs <jo.bloggs@example.com>".
  await createUser(rt, { name: 'jo.bloggs@example.com', email: 'jo.bloggs@example.com', realName: 'Jo Bloggs', privileged: false });

  const ticketId = await createTicket(rt, {
    queue: 'General',
    subject: 'Refund not received: order #4471',
    requestor: ['jo.bloggs@example.com', 'accounts@example.com'],
    owner: agent.user,
    content: 'I returned the kettle on 3 March and still have no refund. Order #4471.',
  });
  await correspond(agent, ticketId, 'Thank you for waiting. I can see the return arrived; I have asked our finance team to release the refund today.');
  await comment(agent, ticketId, 'Finance asked to release refund; check back tomorrow.');

  const unownedTicketId = await createTicket(rt, {
    queue: 'General',
    subject: 'Cannot log in to the app',
    requestor: 'pat.doe@example.org',
    content: 'The app says my password is wrong but I reset it twice.',
  });
  return { ticketId, unownedTicketId };
}

/** A cookie session, as the login form makes one. */
async function logIn(rt: Rt): Promise<string> {
  const response = await fetch(`${rt.baseUrl}/NoAuth/Login.html`, {
    method: 'POST',
    body: new URLSearchParams({ user: rt.user, pass: rt.password }),
    redirect: 'manual',
  });
  const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith('RT_SID_'));
  if (!session) throw new Error(`login gave no session cookie (HTTP ${response.status})`);
  return session.split(';')[0]!;
}

async function getPage(rt: Rt, cookie: string, path: string, bodyId: string): Promise<string> {
  const response = await fetch(`${rt.baseUrl}${path}`, { headers: { Cookie: cookie } });
  const html = await response.text();
  if (!response.ok || !html.includes(`id="${bodyId}"`)) {
    throw new Error(`${path}: HTTP ${response.status}, expected body#${bodyId}`);
  }
  return html;
}

/**
 * Replaces the children of the element whose start tag is `startTag` with `content`, as jQuery's
 * .load() does. Tracks <div> nesting, which is all RT's history box contains at that level.
 */
function fillElement(html: string, startTag: string, content: string): string {
  const start = html.indexOf(startTag);
  if (start < 0 || html.indexOf(startTag, start + 1) >= 0) throw new Error(`expected one ${startTag}`);
  const contentStart = start + startTag.length;
  const tags = /<div\b|<\/div>/g;
  tags.lastIndex = contentStart;
  let depth = 1;
  for (let match = tags.exec(html); match; match = tags.exec(html)) {
    depth += match[0] === '</div>' ? -1 : 1;
    if (depth === 0) return html.slice(0, contentStart) + content + html.slice(match.index);
  }
  throw new Error(`${startTag} is not closed`);
}

function packageVersion(name: string): string {
  return execFileSync('dpkg-query', ['-W', '-f=${Version}', name], { encoding: 'utf8' });
}

function save(file: string, html: string, provenance: string[]): void {
  const header = ['<!--', ...provenance.map((line) => `  ${line.replaceAll('--', '- -')}`), '-->', ''].join('\n');
  writeFileSync(`${FIXTURES}${file}`, header + html);
  console.log(`saved ${file} (${Math.round((header.length + html.length) / 1024)} KB)`);
}

async function main(): Promise<void> {
  const rt = await startRt();
  try {
    const { ticketId, unownedTicketId } = await seed(rt);
    const cookie = await logIn(rt);
    const saved = new Date().toISOString().slice(0, 10);
    const common = [
      `Saved ${saved} from a live Request Tracker ${packageVersion('request-tracker5').replace(/\+.*/, '')}`,
      `(Debian 12 packages request-tracker5 ${packageVersion('request-tracker5')}, rt5-db-sqlite, rt5-standalone;`,
      `default settings, served at path '' on 127.0.0.1) by test/system/saveRtFixtures.ts, logged in as root.`,
      `Seeded over REST 2.0: privileged agent sam.agent "Sam Agent"; customer jo.bloggs@example.com "Jo Bloggs";`,
      `ticket #${ticketId} "Refund not received: order #4471" in General, owner sam.agent, requestors`,
      `jo.bloggs@example.com and accounts@example.com, one reply and one comment by sam.agent;`,
      `ticket #${unownedTicketId} "Cannot log in to the app", requestor pat.doe@example.org, no owner.`,
    ];

    // RT fills the history box after load from /Helpers/TicketHistory; do the same so the fixture
    // holds the DOM a person sees.
    const withHistory = async (id: number) =>
      fillElement(
        await getPage(rt, cookie, `/Ticket/Display.html?id=${id}`, 'comp-Ticket-Display'),
        '<div id="delayed_ticket_history">',
        await (await fetch(`${rt.baseUrl}/Helpers/TicketHistory?id=${id}`, { headers: { Cookie: cookie } })).text(),
      );
    const historyNote = `Page: /Ticket/Display.html?id=ID, with div#delayed_ticket_history filled from /Helpers/TicketHistory?id=ID as the page's script does after load.`;

    save('ticket-display.html', await withHistory(ticketId), [...common, historyNote.replaceAll('ID', String(ticketId))]);
    save('ticket-display-unowned.html', await withHistory(unownedTicketId), [...common, historyNote.replaceAll('ID', String(unownedTicketId))]);
    save('ticket-reply.html', await getPage(rt, cookie, `/Ticket/Update.html?Action=Respond&id=${ticketId}`, 'comp-Ticket-Update'), [
      ...common,
      `Page: /Ticket/Update.html?Action=Respond&id=${ticketId} as served (the "Scrips and Recipients" box is filled by script after load and is empty here).`,
    ]);
    save('home.html', await getPage(rt, cookie, '/', 'comp-index'), [...common, 'Page: / (RT at a glance) as served.']);
    const query = encodeURIComponent("Queue = 'General' AND Status = '__Active__'");
    save('search-results.html', await getPage(rt, cookie, `/Search/Results.html?Query=${query}`, 'comp-Search-Results'), [
      ...common,
      `Page: /Search/Results.html?Query=${query} as served.`,
    ]);
  } finally {
    await rt.stop();
  }
}

await main();
