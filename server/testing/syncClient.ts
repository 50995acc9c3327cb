import { expect } from 'vitest';
import type { MutationResult, PullResponse, SyncRecord } from '../../core/sync.ts';
import { PullResponse as PullResponseSchema, PushResponse } from '../../core/sync.ts';
import { type TestServer, call } from './harness.ts';
import { type Unsent, newClientId, numbered } from './spotChecks.ts';
import type { Person } from './world.ts';

/** One person's browser towards the test server: its own client id and mutation counter. */
export interface SyncClient {
  clientId: string;
  push(...mutations: Unsent[]): Promise<MutationResult[]>;
  pull(cursor: number): Promise<PullResponse>;
  /** Every page from the cursor until hasMore is false. */
  pullAll(cursor?: number): Promise<{ records: SyncRecord[]; cursor: number; pages: number }>;
}

export function syncClient(server: TestServer, person: Person): SyncClient {
  const clientId = newClientId();
  let nextId = 1;
  const client: SyncClient = {
    clientId,
    async push(...mutations) {
      const batch = numbered(nextId, mutations);
      nextId += mutations.length;
      const response = await call(server.app, 'POST', '/api/sync/push', { token: person.token, json: { clientId, mutations: batch } });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return PushResponse.parse(response.body).results;
    },
    async pull(cursor) {
      const response = await call(server.app, 'GET', `/api/sync/pull?cursor=${cursor}`, { token: person.token });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return PullResponseSchema.parse(response.body);
    },
    async pullAll(cursor = 0) {
      const records: SyncRecord[] = [];
      for (let pages = 1; ; pages++) {
        const page = await client.pull(cursor);
        records.push(...page.records);
        cursor = page.cursor;
        if (!page.hasMore) return { records, cursor, pages };
      }
    },
  };
  return client;
}
