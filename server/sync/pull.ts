import type { Kysely } from 'kysely';
import { PULL_PAGE_SIZE, type PullResponse } from '../../core/sync.ts';
import { listTeams, roster } from '../accounts/directory.ts';
import { type Actor, readableRecords } from '../authz.ts';
import type { Tables } from '../db/schema.ts';
import { RECORD_COLUMNS, rowSyncJson } from './records.ts';

/**
 * Pull (DESIGN.md "Sync, in rules" 4): the records after the cursor that the user may read, oldest
 * change first. The organisation's head seq is read first: pushes commit in seq order (see push.ts),
 * so every change up to the head is committed and none can appear behind the returned cursor later.
 *
 * Returns the PullResponse as JSON, with each record's data spliced in as stored: a page of 500
 * checks is neither parsed nor serialised again.
 */
export async function pull(db: Kysely<Tables>, actor: Actor, cursor: number): Promise<string> {
  const { change_seq: head } = await db
    .selectFrom('organisations')
    .select('change_seq')
    .where('id', '=', actor.orgId)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('records')
    .select(RECORD_COLUMNS)
    .where(readableRecords(actor))
    .where('seq', '>', cursor)
    .where('seq', '<=', head)
    .orderBy('seq')
    .limit(PULL_PAGE_SIZE + 1)
    .execute();
  const hasMore = rows.length > PULL_PAGE_SIZE;
  const page = rows.slice(0, PULL_PAGE_SIZE);
  const [people, teams] = await Promise.all([roster(db, actor.orgId), listTeams(db, actor.orgId)]);
  // With nothing more to read, jump to the head so the next pull does not rescan unreadable changes.
  const next: PullResponse['cursor'] = hasMore ? page.at(-1)!.seq : head;
  const rest = { hasMore, roster: people, teams } satisfies Omit<PullResponse, 'cursor' | 'records'>;
  // The keys in PullResponse's order: cursor, records, hasMore, roster, teams.
  return `{"cursor":${JSON.stringify(next)},"records":[${page.map(rowSyncJson).join(',')}],${JSON.stringify(rest).slice(1)}`;
}
