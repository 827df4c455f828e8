import { sql, type Kysely } from 'kysely';

// Changing a member's role and removing a member, under row-level security: owners and admins may,
// only an owner touches an owner's row or makes one, and an org always keeps an owner (a trigger
// that locks the org row, so two owners demoting each other at once cannot both succeed).

const statements: string[] = [
  `grant update (role), delete on memberships to flowbar_app`,
  // USING is the row as it is (an admin may not touch an owner); WITH CHECK the row as it becomes
  // (an admin may not make one).
  `create policy memberships_admin_update on memberships for update
     using (flowbar_role_in(org_id) = 'owner' or (flowbar_role_in(org_id) = 'admin' and role <> 'owner'))
     with check (flowbar_role_in(org_id) = 'owner' or (flowbar_role_in(org_id) = 'admin' and role <> 'owner'))`,
  `create policy memberships_admin_delete on memberships for delete
     using (flowbar_role_in(org_id) = 'owner' or (flowbar_role_in(org_id) = 'admin' and role <> 'owner'))`,
  // Definer: locks the org row and counts owners whatever the caller may see. Each statement of a
  // plpgsql function takes a fresh snapshot, so the count after the lock sees a concurrent demotion
  // that committed first. SQLSTATE FB001 is the server's 409 last_owner (server/app.ts).
  `create function flowbar_keep_an_owner() returns trigger language plpgsql security definer set search_path = public, pg_temp as $$
   begin
     if old.role = 'owner' and (tg_op = 'DELETE' or new.role <> 'owner') then
       perform 1 from orgs where id = old.org_id for update;
       if not exists (select 1 from memberships m where m.org_id = old.org_id and m.role = 'owner' and m.user_id <> old.user_id) then
         -- the org itself being deleted (cascade) may take its last owner with it
         if exists (select 1 from orgs where id = old.org_id) then
           raise exception 'an org keeps at least one owner' using errcode = 'FB001';
         end if;
       end if;
     end if;
     if tg_op = 'DELETE' then return old; end if;
     return new;
   end $$`,
  `create trigger memberships_keep_an_owner before update of role or delete on memberships
     for each row execute function flowbar_keep_an_owner()`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of [
    `drop trigger if exists memberships_keep_an_owner on memberships`,
    `drop function if exists flowbar_keep_an_owner()`,
    `drop policy if exists memberships_admin_delete on memberships`,
    `drop policy if exists memberships_admin_update on memberships`,
    `revoke update (role), delete on memberships from flowbar_app`,
  ])
    await sql.raw(statement).execute(db);
}
