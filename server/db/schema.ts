import type { ColumnType, Generated } from 'kysely';

// The tables as Kysely sees them (server/migrations/ makes them).

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  created_at: CreatedAt;
}

export interface OrgsTable {
  id: Generated<string>;
  name: string;
  collect_runs: Generated<boolean>;
  collect_run_text: Generated<boolean>;
  created_at: CreatedAt;
}

export type RoleName = 'owner' | 'admin' | 'member' | 'viewer';

export interface MembershipsTable {
  org_id: string;
  user_id: string;
  role: RoleName;
  created_at: CreatedAt;
}

export interface ProjectsTable {
  id: Generated<string>;
  org_id: string;
  name: string;
  created_at: CreatedAt;
}

export interface ApiTokensTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: Buffer | Uint8Array;
  created_at: CreatedAt;
  expires_at: Date | null;
  revoked_at: Date | null;
}

/** prompts, flows and variables share this shape; body null = deleted */
export interface SyncedTable {
  org_id: string;
  id: string;
  project_id: string | null;
  body: ColumnType<unknown, unknown, unknown>;
  version: number;
  change_seq: ColumnType<string, string | bigint, string | bigint>;
  updated_by: string;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface VariablesTable extends SyncedTable {
  name: ColumnType<string | null, never, never>;
  /** set: a user variable, its owner's only (0004); null: the org's or a project's */
  user_id: ColumnType<string | null, string | null | undefined, never>;
}

export interface AiRunsTable {
  org_id: string;
  id: string;
  project_id: string | null;
  user_id: string;
  source_type: 'prompt' | 'flow';
  source_id: string;
  name: string | null;
  total_tokens: number;
  total_cost: number;
  created_at: ColumnType<Date, Date, never>;
  received_at: CreatedAt;
}

export interface AiTasksTable {
  org_id: string;
  id: string;
  run_id: string;
  user_id: string;
  model: string;
  provider: string;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  cost: number | null;
  time_to_first_token_ms: number | null;
  duration_ms: number | null;
  status: 'completed' | 'error' | 'stopped' | 'interrupted';
  error: string | null;
  output: string | null;
  created_at: ColumnType<Date, Date, never>;
  received_at: CreatedAt;
}

export interface AuditLogTable {
  id: Generated<string>;
  org_id: string | null;
  user_id: string | null;
  action: string;
  target_id: string | null;
  version: number | null;
  detail: ColumnType<unknown, string | null | undefined, never>;
  at: CreatedAt;
}

export interface Database {
  users: UsersTable;
  orgs: OrgsTable;
  memberships: MembershipsTable;
  projects: ProjectsTable;
  api_tokens: ApiTokensTable;
  prompts: SyncedTable;
  flows: SyncedTable;
  variables: VariablesTable;
  ai_runs: AiRunsTable;
  ai_tasks: AiTasksTable;
  audit_log: AuditLogTable;
}
