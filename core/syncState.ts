import { Me } from './account.ts';
import { z } from './z.ts';

/** What the panel shows about sync: always one of these, with counts and the last error's reason. */
export const SyncState = z.strictObject({
  status: z.enum(['signedOut', 'synced', 'pending', 'syncing', 'error']),
  user: z.optional(Me),
  serverUrl: z.optional(z.string()),
  pending: z.int(),
  parked: z.int(),
  conflicts: z.int(),
  lastSyncAt: z.optional(z.string()),
  /** Why the last attempt failed, for the user; retries continue for network and server errors. */
  error: z.optional(z.string()),
  /** When the next automatic attempt is due after a failure. */
  retryAt: z.optional(z.string()),
});
export type SyncState = z.infer<typeof SyncState>;
