/**
 * A live Request Tracker 5 for system tests: start and stop it through rt.sh, and seed it over
 * RT's REST 2.0 API as root (root holds every right; privileged users may work tickets, see rt.sh).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Rt {
  /** Where RT answers, without a trailing slash, e.g. http://127.0.0.1:8971. */
  baseUrl: string;
  user: 'root';
  password: string;
  stop(): Promise<void>;
}

const SCRIPT = fileURLToPath(new URL('./rt.sh', import.meta.url));

/** Starts RT with a fresh copy of its pristine database. Port and state dir come from RT_PORT, RT_STATE_DIR. */
export async function startRt(): Promise<Rt> {
  await runScript('start');
  return {
    baseUrl: `http://127.0.0.1:${process.env.RT_PORT ?? '8971'}`,
    user: 'root',
    password: process.env.RT_ROOT_PASSWORD ?? 'floorwalker-root',
    stop: () => runScript('stop'),
  };
}

function runScript(command: 'start' | 'stop'): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(SCRIPT, [command], { timeout: 180_000 }, (error, _stdout, stderr) => {
      if (!error) return resolve();
      const exit = typeof error.code === 'number' ? `exit ${error.code}` : String(error.code ?? error.signal);
      reject(new Error(`rt.sh ${command} failed (${exit}):\n${stderr}`, { cause: error }));
    });
  });
}

/** Whom a REST call acts as: root from startRt(), or any user created with a password. */
export interface Credentials {
  baseUrl: string;
  user: string;
  password: string;
}

/** One REST 2.0 call; a non-2xx answer throws with RT's message. */
async function rest(rt: Credentials, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${rt.baseUrl}/REST/2.0/${path}`, {
    method,
    headers: {
      Authorization: `Basic ${Buffer.from(`${rt.user}:${rt.password}`).toString('base64')}`,
      Accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`RT ${method} /REST/2.0/${path}: ${response.status} ${text}`);
  }
  return text ? JSON.parse(text) : undefined;
}

interface Page<T> {
  items: T[];
  page: number;
  pages: number;
}

/** Every item of a paged collection (RT caps a page at 100 items). */
async function listAll<T>(rt: Credentials, path: string, fields: readonly string[]): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const separator = path.includes('?') ? '&' : '?';
    const result = (await rest(rt, 'GET', `${path}${separator}per_page=100&page=${page}&fields=${fields.join(',')}`)) as Page<T>;
    items.push(...result.items);
    if (page >= result.pages) return items;
  }
}

export interface NewUser {
  name: string;
  email: string;
  realName: string;
  password?: string;
  /** Privileged users are staff who may own and answer tickets; unprivileged ones are customers. */
  privileged: boolean;
}

/** Creates a user and returns its name. */
export async function createUser(rt: Credentials, user: NewUser): Promise<string> {
  const created = (await rest(rt, 'POST', 'user', {
    Name: user.name,
    EmailAddress: user.email,
    RealName: user.realName,
    Privileged: user.privileged ? 1 : 0,
    ...(user.password === undefined ? {} : { Password: user.password }),
  })) as { id: string };
  return created.id;
}

export interface NewTicket {
  queue: 'General';
  subject: string;
  /** Email addresses (RT creates users as needed) or RT user names. RT lists them sorted by email. */
  requestor: string | readonly string[];
  owner?: string;
  content: string;
}

/** Creates a ticket and returns its number. */
export async function createTicket(rt: Credentials, ticket: NewTicket): Promise<number> {
  const created = (await rest(rt, 'POST', 'ticket', {
    Queue: ticket.queue,
    Subject: ticket.subject,
    Requestor: ticket.requestor,
    ...(ticket.owner === undefined ? {} : { Owner: ticket.owner }),
    Content: ticket.content,
    ContentType: 'text/plain',
  })) as { id: string };
  return Number(created.id);
}

/** A reply to the requestors (RT would mail it; rt.sh's config writes mail to a file instead). */
export async function correspond(rt: Credentials, ticketId: number, text: string): Promise<void> {
  await rest(rt, 'POST', `ticket/${ticketId}/correspond`, { Content: text, ContentType: 'text/plain' });
}

/** An internal comment, not shown to requestors. */
export async function comment(rt: Credentials, ticketId: number, text: string): Promise<void> {
  await rest(rt, 'POST', `ticket/${ticketId}/comment`, { Content: text, ContentType: 'text/plain' });
}

export interface HistoryEntry {
  transactionId: number;
  /** RT's transaction type: Create, Correspond, Comment, EmailRecord, Status, Set, ... */
  type: string;
  /** The acting user's name, e.g. root or RT_System. */
  creator: string;
  created: string;
  /** The text/plain parts of the transaction's message, in order; empty for field changes. */
  contents: string[];
  /** The contents joined by blank lines. */
  text: string;
}

interface TransactionItem {
  id: string;
  Type: string;
  Creator: { id: string };
  Created: string;
}

interface AttachmentItem {
  id: string;
  TransactionId: string;
  ContentType: string;
  Content: string;
}

/** The ticket's transactions, oldest first, with the text RT recorded for each. */
export async function ticketHistory(rt: Credentials, ticketId: number): Promise<HistoryEntry[]> {
  // Listing attachments with fields gives their decoded content in one request per page; asking for
  // "Parent" there makes RT 5.0.3 answer 500.
  const [transactions, attachments] = await Promise.all([
    listAll<TransactionItem>(rt, `ticket/${ticketId}/history`, ['Type', 'Creator', 'Created']),
    listAll<AttachmentItem>(rt, `ticket/${ticketId}/attachments`, ['TransactionId', 'ContentType', 'Content']),
  ]);
  const contentsByTransaction = new Map<string, string[]>();
  for (const attachment of attachments) {
    if (attachment.ContentType !== 'text/plain') continue;
    const contents = contentsByTransaction.get(attachment.TransactionId) ?? [];
    contents.push(attachment.Content);
    contentsByTransaction.set(attachment.TransactionId, contents);
  }
  return transactions
    .map((transaction) => {
      const contents = contentsByTransaction.get(transaction.id) ?? [];
      return {
        transactionId: Number(transaction.id),
        type: transaction.Type,
        creator: transaction.Creator.id,
        created: transaction.Created,
        contents,
        text: contents.join('\n\n'),
      };
    })
    .sort((a, b) => a.transactionId - b.transactionId);
}
