import { sql, type Kysely } from 'kysely';

// User variables, when their owner chooses to sync them: a variable with user_id set is that user's
// within the org, visible to and writable by that user only. A restrictive policy holds it under
// row-level security for every statement, so no other member (an admin or an owner included) reads
// or writes it, through a route or in SQL as flowbar_app. A viewer may sync their own.

const ownOnly = `user_id is null or user_id = flowbar_current_user_id()`;
const ownUserRow = `user_id = flowbar_current_user_id() and flowbar_role_in(org_id) is not null`;

const statements: string[] = [
  `alter table variables add column user_id uuid references users(id) on delete cascade`,
  // A user variable is the user's across the org's projects.
  `alter table variables add constraint variables_user_scope_org_wide check (user_id is null or project_id is null)`,
  // Names are unique per scope: the org's or a project's shared variables, and each user's own.
  `drop index variables_unique_name`,
  `create unique index variables_unique_name on variables (org_id, coalesce(project_id::text, ''), name) where body is not null and user_id is null`,
  `create unique index variables_unique_user_name on variables (org_id, user_id, name) where body is not null and user_id is not null`,
  // Restrictive: AND-ed with every permissive policy of 0002 (members see the org's rows).
  `create policy variables_user_own on variables as restrictive for all using (${ownOnly}) with check (${ownOnly})`,
  // Permissive additions for the owner of a user variable whatever their role (a viewer's own).
  `create policy variables_own_user_insert on variables for insert with check (${ownUserRow} and updated_by = flowbar_current_user_id())`,
  `create policy variables_own_user_update on variables for update using (${ownUserRow}) with check (${ownUserRow} and updated_by = flowbar_current_user_id())`,
  // A record's scope is fixed at creation: user_id is not updatable (no member turns an org variable into their own).
  `revoke update on variables from flowbar_app`,
  `grant update (project_id, body, version, change_seq, updated_by, updated_at) on variables to flowbar_app`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    `revoke update (project_id, body, version, change_seq, updated_by, updated_at) on variables from flowbar_app`,
    `grant update on variables to flowbar_app`,
    `drop policy if exists variables_own_user_update on variables`,
    `drop policy if exists variables_own_user_insert on variables`,
    `drop policy if exists variables_user_own on variables`,
    `delete from variables where user_id is not null`,
    `drop index if exists variables_unique_user_name`,
    `drop index if exists variables_unique_name`,
    `create unique index variables_unique_name on variables (org_id, coalesce(project_id::text, ''), name) where body is not null`,
    `alter table variables drop constraint if exists variables_user_scope_org_wide`,
    `alter table variables drop column if exists user_id`,
  ])
    await sql.raw(statement).execute(db);
}
