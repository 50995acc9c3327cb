import type { Generated } from 'kysely';
import type { Role } from '../../core/account.ts';
import type { Entity } from '../../core/sync.ts';

/*
 * The database as Kysely sees it. Columns are plain types every dialect returns alike: times are ISO
 * strings, booleans 0/1, JSON text, counters numbers (pg's int8 parser is set in ./open.ts).
 */

export interface OrganisationsTable {
  id: string;
  name: string;
  /** The organisation's change counter: every record write takes the next value as its seq. */
  change_seq: number;
  created_at: string;
}

export interface TeamsTable {
  id: string;
  org_id: string;
  name: string;
  created_at: string;
}

export interface UsersTable {
  id: string;
  org_id: string;
  email: string;
  name: string;
  role: Role;
  password_hash: string;
  /** JSON array of the names the person goes by in the CRMs. */
  crm_names: string;
  disabled: number;
  created_at: string;
}

export interface TeamMembersTable {
  team_id: string;
  user_id: string;
}

export interface SessionsTable {
  /** SHA-256 of the bearer token: the token itself is never stored. */
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface RecordsTable {
  org_id: string;
  entity: Entity;
  id: string;
  version: number;
  /** The organisation's change_seq when this record last changed: what pull cursors compare. */
  seq: number;
  deleted: number;
  /** The entity as JSON; null for a tombstone. */
  data: string | null;
  // Authorisation columns, copied from data so pull can filter in SQL. For a complaint, agent_id
  // holds its owner and evaluator_id the person who logged it.
  agent_id: string | null;
  evaluator_id: string | null;
  status: string;
  updated_at: string;
}

export interface ClientsTable {
  client_id: string;
  user_id: string;
  last_mutation_id: number;
}

/**
 * The answer given to each mutation of a client's latest batches (MutationResult as JSON), so a
 * repeated push gets exactly the same answers. Pruned once the client pushes past them.
 */
export interface MutationResultsTable {
  client_id: string;
  mutation_id: number;
  result: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  org_id: string;
  /** Null when the admin command line acted. */
  user_id: string | null;
  at: string;
  action: string;
  entity: string | null;
  record_id: string | null;
  /** JSON with ids and versions only: never free text a person typed. */
  detail: string | null;
}

export interface Tables {
  organisations: OrganisationsTable;
  teams: TeamsTable;
  users: UsersTable;
  team_members: TeamMembersTable;
  sessions: SessionsTable;
  records: RecordsTable;
  clients: ClientsTable;
  mutation_results: MutationResultsTable;
  audit_log: AuditLogTable;
}
