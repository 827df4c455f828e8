import { sql, type Kysely } from 'kysely';

// Isolation inside the database. Requests run as the role flowbar_app (not the tables' owner, no
// BYPASSRLS) with the request's user in the transaction-local setting app.user_id; every table has
// row-level security, and its policies admit only the rows of orgs that user belongs to, and writes
// only with the role that may make them. A route that forgets a where clause still sees nothing else.
//
// The few operations that must cross those lines (finding a token's user before there is a user,
// creating an org, adding a member) are SECURITY DEFINER functions that check the caller themselves.

const definer = 'security definer set search_path = public, pg_temp';
const orgTables = ['prompts', 'flows', 'variables'];

const statements: string[] = [
  // Roles are cluster-wide: another database of the cluster may have made it already.
  `do $$ begin
     if not exists (select 1 from pg_roles where rolname = 'flowbar_app') then
       create role flowbar_app nologin nosuperuser nobypassrls nocreatedb nocreaterole;
     end if;
   exception when duplicate_object or unique_violation then null;
   end $$`,
  // Requests SET ROLE flowbar_app; when the tables' owner is also the request connection (only
  // DATABASE_URL given, as on many managed databases), it must be a member. Superusers are already.
  `do $$ begin
     if not pg_has_role(current_user, 'flowbar_app', 'MEMBER') then
       execute format('grant flowbar_app to %I', current_user);
     end if;
   exception when insufficient_privilege or invalid_grant_operation then
     raise warning 'could not grant flowbar_app to %: grant it, or connect requests as a member of flowbar_app', current_user;
   end $$`,

  `create function flowbar_current_user_id() returns uuid language sql stable
   as $$ select nullif(current_setting('app.user_id', true), '')::uuid $$`,
  // Definer: reads memberships past their own policy (a policy on memberships cannot query memberships).
  `create function flowbar_role_in(p_org uuid) returns text language sql stable ${definer}
   as $$ select m.role from memberships m where m.org_id = p_org and m.user_id = flowbar_current_user_id() $$`,
  `create function flowbar_shares_org(p_user uuid) returns boolean language sql stable ${definer}
   as $$ select exists (select 1 from memberships mine join memberships theirs on theirs.org_id = mine.org_id
                        where mine.user_id = flowbar_current_user_id() and theirs.user_id = p_user) $$`,
  `create function flowbar_authenticate(p_hash bytea)
   returns table (token_id uuid, token_user_id uuid, expires_at timestamptz, revoked_at timestamptz)
   language sql stable ${definer}
   as $$ select t.id, t.user_id, t.expires_at, t.revoked_at from api_tokens t where t.token_hash = p_hash $$`,
  `create function flowbar_create_org(p_name text) returns uuid language plpgsql ${definer} as $$
   declare
     v_user uuid := flowbar_current_user_id();
     v_org uuid;
   begin
     if v_user is null then raise exception 'no user' using errcode = '42501'; end if;
     insert into orgs (name) values (p_name) returning id into v_org;
     insert into memberships (org_id, user_id, role) values (v_org, v_user, 'owner');
     insert into audit_log (org_id, user_id, action, target_id) values (v_org, v_user, 'org.create', v_org::text);
     return v_org;
   end $$`,
  // A token is issued only for a user this call creates: an admin of one org must never obtain a
  // token for someone who already exists (and may belong to other orgs).
  `create function flowbar_add_member(p_org uuid, p_email text, p_name text, p_role text,
                                      p_token_hash bytea, p_token_name text, p_expires_at timestamptz)
   returns table (out_user_id uuid, out_created boolean, out_token_id uuid) language plpgsql ${definer} as $$
   declare
     v_caller uuid := flowbar_current_user_id();
     v_caller_role text := flowbar_role_in(p_org);
     v_user uuid;
     v_created boolean := false;
     v_token uuid;
   begin
     if v_caller_role is null or v_caller_role not in ('owner', 'admin') then
       raise exception 'only an owner or an admin adds members' using errcode = '42501';
     end if;
     if p_role = 'owner' and v_caller_role <> 'owner' then
       raise exception 'only an owner adds owners' using errcode = '42501';
     end if;
     select u.id into v_user from users u where u.email = lower(p_email);
     if v_user is null then
       insert into users (email, name) values (lower(p_email), p_name) returning id into v_user;
       v_created := true;
       if p_token_hash is not null then
         insert into api_tokens (user_id, name, token_hash, expires_at)
           values (v_user, p_token_name, p_token_hash, p_expires_at) returning id into v_token;
       end if;
     end if;
     insert into memberships (org_id, user_id, role) values (p_org, v_user, p_role);
     insert into audit_log (org_id, user_id, action, target_id, detail)
       values (p_org, v_caller, 'member.add', v_user::text, jsonb_build_object('role', p_role));
     return query select v_user, v_created, v_token;
   end $$`,

  ...['users', 'orgs', 'memberships', 'projects', 'api_tokens', ...orgTables, 'ai_runs', 'ai_tasks', 'audit_log'].map(
    (table) => `alter table ${table} enable row level security`,
  ),

  `create policy users_visible on users for select using (id = flowbar_current_user_id() or flowbar_shares_org(id))`,
  `create policy orgs_visible on orgs for select using (flowbar_role_in(id) is not null)`,
  `create policy orgs_admin_update on orgs for update using (flowbar_role_in(id) in ('owner', 'admin')) with check (flowbar_role_in(id) in ('owner', 'admin'))`,
  `create policy memberships_visible on memberships for select using (flowbar_role_in(org_id) is not null)`,
  `create policy projects_visible on projects for select using (flowbar_role_in(org_id) is not null)`,
  `create policy projects_admin_insert on projects for insert with check (flowbar_role_in(org_id) in ('owner', 'admin'))`,
  `create policy projects_admin_update on projects for update using (flowbar_role_in(org_id) in ('owner', 'admin')) with check (flowbar_role_in(org_id) in ('owner', 'admin'))`,
  `create policy api_tokens_own on api_tokens for all using (user_id = flowbar_current_user_id()) with check (user_id = flowbar_current_user_id())`,
  ...orgTables.flatMap((table) => [
    `create policy ${table}_visible on ${table} for select using (flowbar_role_in(org_id) is not null)`,
    `create policy ${table}_writer_insert on ${table} for insert
       with check (flowbar_role_in(org_id) in ('owner', 'admin', 'member') and updated_by = flowbar_current_user_id())`,
    `create policy ${table}_writer_update on ${table} for update using (flowbar_role_in(org_id) in ('owner', 'admin', 'member'))
       with check (flowbar_role_in(org_id) in ('owner', 'admin', 'member') and updated_by = flowbar_current_user_id())`,
  ]),
  ...['ai_runs', 'ai_tasks'].flatMap((table) => [
    `create policy ${table}_visible on ${table} for select using (flowbar_role_in(org_id) is not null)`,
    `create policy ${table}_own_insert on ${table} for insert
       with check (flowbar_role_in(org_id) is not null and user_id = flowbar_current_user_id())`,
  ]),
  `create policy audit_log_visible on audit_log for select
     using ((org_id is not null and flowbar_role_in(org_id) in ('owner', 'admin')) or (org_id is null and user_id = flowbar_current_user_id()))`,
  `create policy audit_log_own_insert on audit_log for insert
     with check (user_id = flowbar_current_user_id() and (org_id is null or flowbar_role_in(org_id) is not null))`,

  // Grants: what the application role may do at all; the policies narrow it to rows.
  // Run records and the audit log get no update or delete: append-only.
  `grant usage on schema public to flowbar_app`,
  `grant select on users, memberships to flowbar_app`,
  `grant select, update (name, collect_runs, collect_run_text) on orgs to flowbar_app`,
  `grant select, insert, update (name) on projects to flowbar_app`,
  `grant select, insert, update (revoked_at) on api_tokens to flowbar_app`,
  `grant select, insert, update on ${orgTables.join(', ')} to flowbar_app`,
  `grant select, insert on ai_runs, ai_tasks, audit_log to flowbar_app`,
  `grant usage on sequence sync_change_seq to flowbar_app`,
  ...['flowbar_authenticate(bytea)', 'flowbar_create_org(text)', 'flowbar_add_member(uuid, text, text, text, bytea, text, timestamptz)'].flatMap((fn) => [
    `revoke all on function ${fn} from public`,
    `grant execute on function ${fn} to flowbar_app`,
  ]),
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `do $$ declare r record; begin
         for r in select policyname, tablename from pg_policies where schemaname = 'public' loop
           execute format('drop policy %I on %I', r.policyname, r.tablename);
         end loop;
       end $$`,
    )
    .execute(db);
  for (const table of ['users', 'orgs', 'memberships', 'projects', 'api_tokens', ...orgTables, 'ai_runs', 'ai_tasks', 'audit_log']) {
    await sql.raw(`alter table ${table} disable row level security`).execute(db);
    await sql.raw(`revoke all on ${table} from flowbar_app`).execute(db);
  }
  for (const fn of [
    'flowbar_add_member(uuid, text, text, text, bytea, text, timestamptz)',
    'flowbar_create_org(text)',
    'flowbar_authenticate(bytea)',
    'flowbar_shares_org(uuid)',
    'flowbar_role_in(uuid)',
    'flowbar_current_user_id()',
  ]) {
    await sql.raw(`drop function if exists ${fn}`).execute(db);
  }
}
