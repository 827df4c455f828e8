import { sql, type Kysely } from 'kysely';

// The tables. Org-owned rows carry org_id, and their primary keys start with it: client-generated ids
// (prompts, flows, variables, runs, tasks) are unique per org only, so one org's ids can never collide
// with, or reveal, another's.

const statements: string[] = [
  `create table users (
    id uuid primary key default gen_random_uuid(),
    email text not null unique check (length(email) between 3 and 320),
    name text not null check (length(name) between 1 and 200),
    created_at timestamptz not null default now()
  )`,
  `create table orgs (
    id uuid primary key default gen_random_uuid(),
    name text not null check (length(name) between 1 and 200),
    collect_runs boolean not null default true,
    collect_run_text boolean not null default false,
    created_at timestamptz not null default now()
  )`,
  `create table memberships (
    org_id uuid not null references orgs(id) on delete cascade,
    user_id uuid not null references users(id) on delete cascade,
    role text not null check (role in ('owner', 'admin', 'member', 'viewer')),
    created_at timestamptz not null default now(),
    primary key (org_id, user_id)
  )`,
  `create index memberships_by_user on memberships (user_id)`,
  `create table projects (
    id uuid primary key default gen_random_uuid(),
    org_id uuid not null references orgs(id) on delete cascade,
    name text not null check (length(name) between 1 and 200),
    created_at timestamptz not null default now(),
    unique (org_id, id)
  )`,
  `create table api_tokens (
    id uuid primary key default gen_random_uuid(),
    user_id uuid not null references users(id) on delete cascade,
    name text not null check (length(name) between 1 and 200),
    token_hash bytea not null unique check (length(token_hash) = 32),
    created_at timestamptz not null default now(),
    expires_at timestamptz,
    revoked_at timestamptz
  )`,
  `create index api_tokens_by_user on api_tokens (user_id)`,
  // Every accepted edit of a synced record takes the next number; a pull cursor is such a number.
  `create sequence sync_change_seq`,
  ...['prompts', 'flows', 'variables'].flatMap((table) => [
    `create table ${table} (
      org_id uuid not null references orgs(id) on delete cascade,
      id text not null,
      project_id uuid,
      body jsonb,
      version integer not null check (version > 0),
      change_seq bigint not null,
      updated_by uuid not null references users(id),
      updated_at timestamptz not null default now(),
      primary key (org_id, id),
      foreign key (org_id, project_id) references projects (org_id, id)
    )`,
    `create index ${table}_changes on ${table} (org_id, change_seq)`,
  ]),
  // A variable's name is unique within its scope among live variables.
  `alter table variables add column name text generated always as (body->>'name') stored`,
  `create unique index variables_unique_name on variables (org_id, coalesce(project_id::text, ''), name) where body is not null`,
  `create table ai_runs (
    org_id uuid not null references orgs(id) on delete cascade,
    id text not null,
    project_id uuid,
    user_id uuid not null references users(id),
    source_type text not null check (source_type in ('prompt', 'flow')),
    source_id text not null,
    name text,
    total_tokens integer not null,
    total_cost double precision not null,
    created_at timestamptz not null,
    received_at timestamptz not null default now(),
    primary key (org_id, id),
    foreign key (org_id, project_id) references projects (org_id, id)
  )`,
  `create index ai_runs_by_time on ai_runs (org_id, created_at desc)`,
  `create table ai_tasks (
    org_id uuid not null,
    id text not null,
    run_id text not null,
    user_id uuid not null references users(id),
    model text not null,
    provider text not null,
    prompt_tokens integer,
    completion_tokens integer,
    cost double precision,
    time_to_first_token_ms integer,
    duration_ms integer,
    status text not null check (status in ('completed', 'error', 'stopped', 'interrupted')),
    error text,
    output text,
    created_at timestamptz not null,
    received_at timestamptz not null default now(),
    primary key (org_id, id),
    foreign key (org_id, run_id) references ai_runs (org_id, id) on delete cascade
  )`,
  `create index ai_tasks_by_run on ai_tasks (org_id, run_id)`,
  `create table audit_log (
    id bigint generated always as identity primary key,
    org_id uuid references orgs(id) on delete cascade,
    user_id uuid references users(id) on delete set null,
    action text not null,
    target_id text,
    version integer,
    detail jsonb,
    at timestamptz not null default now()
  )`,
  `create index audit_log_by_org on audit_log (org_id, at desc)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['audit_log', 'ai_tasks', 'ai_runs', 'variables', 'flows', 'prompts', 'api_tokens', 'projects', 'memberships', 'orgs', 'users']) {
    await sql.raw(`drop table if exists ${table}`).execute(db);
  }
  await sql.raw('drop sequence if exists sync_change_seq').execute(db);
}
