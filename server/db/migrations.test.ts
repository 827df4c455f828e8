import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../app.ts';
import { createOrgWithOwner } from '../cli/initFirstOrg.ts';
import { backends, openTestDatabase, type TestDatabase } from '../test/testDatabase.ts';
import { call } from '../test/teamFixture.ts';
import { migrateToLatest } from './migrate.ts';
import { openDatabase } from './openDatabase.ts';

// The schema: versioned migrations applied once; row-level security on every table with policies;
// an application role that owns nothing and cannot bypass it.

const tables = ['users', 'orgs', 'memberships', 'projects', 'api_tokens', 'prompts', 'flows', 'variables', 'ai_runs', 'ai_tasks', 'audit_log'];

describe.each(backends)('migrations (%s)', (backend) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(backend);
  });
  afterAll(() => db?.close());

  it('are recorded once each, and running them again changes nothing', async () => {
    const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db.owner);
    expect(applied.rows.map((r) => r.name)).toEqual(['0001_core_tables', '0002_row_level_security', '0003_member_roles', '0004_user_variables']);
    const again = await migrateToLatest(db.owner);
    expect(again.results).toEqual([]);
  });

  it('every table has row-level security on and at least one policy', async () => {
    const rows = await sql<{ relname: string; relrowsecurity: boolean; policies: number }>`
      select c.relname, c.relrowsecurity, (select count(*)::int from pg_policies p where p.tablename = c.relname and p.schemaname = 'public') as policies
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' and c.relname not like 'kysely_%' order by c.relname`.execute(db.owner);
    expect(rows.rows.map((r) => r.relname).sort()).toEqual([...tables].sort());
    for (const row of rows.rows) {
      expect(row.relrowsecurity, row.relname).toBe(true);
      expect(row.policies, row.relname).toBeGreaterThan(0);
    }
  });

  it('the application role is no superuser, cannot bypass row-level security, and owns no table', async () => {
    const role = await sql<{ rolsuper: boolean; rolbypassrls: boolean }>`select rolsuper, rolbypassrls from pg_roles where rolname = 'flowbar_app'`.execute(
      db.owner,
    );
    expect(role.rows).toEqual([{ rolsuper: false, rolbypassrls: false }]);
    const owned = await sql<{ tablename: string }>`select tablename from pg_tables where schemaname = 'public' and tableowner = 'flowbar_app'`.execute(
      db.owner,
    );
    expect(owned.rows).toEqual([]);
  });
});

describe('a managed PostgreSQL where one non-superuser owns everything (only DATABASE_URL)', () => {
  it('migrates, serves, and still keeps orgs apart: requests run as flowbar_app, not as the owner', async () => {
    const info = inject('postgres');
    const suffix = Math.random().toString(36).slice(2, 8);
    const role = `flowbar_owner_${suffix}`;
    const password = `pw-${suffix}`;
    const admin = new pg.Client({ host: info.host, port: info.port, user: info.superuser.user, password: info.superuser.password, database: 'postgres' });
    await admin.connect();
    await admin.query(`create role ${role} login createrole nosuperuser nobypassrls password '${password}'`);
    await admin.query(`create database ${role} owner ${role}`);
    const url = `postgresql://${role}:${password}@${info.host}:${info.port}/${role}`;
    const database = await openDatabase({ kind: 'postgres', url });
    try {
      await migrateToLatest(database.owner);
      const a = await database.owner.transaction().execute((tx) => createOrgWithOwner(tx, { orgName: 'A', email: 'a@a.test', name: 'A' }));
      const b = await database.owner.transaction().execute((tx) => createOrgWithOwner(tx, { orgName: 'B', email: 'b@b.test', name: 'B' }));
      const app = await buildApp({ db: database.app });
      expect(
        (
          await call(app, a.token, 'POST', `/orgs/${a.orgId}/sync/push`, {
            changes: [{ kind: 'variable', id: 'v', projectId: null, baseVersion: 0, body: { name: 'k', value: 'secret' } }],
          })
        ).status,
      ).toBe(200);
      expect((await call(app, b.token, 'GET', `/orgs/${a.orgId}/variables`)).status).toBe(404);
      const { asUser } = await import('./asUser.ts');
      expect(await asUser(database.app, b.userId, (tx) => tx.selectFrom('variables').selectAll().execute())).toEqual([]);
      await app.close();
    } finally {
      await database.close();
      await admin.query(`drop database if exists ${role} with (force)`);
      await admin.query(`drop owned by ${role}`).catch(() => {});
      await admin.query(`drop role if exists ${role}`).catch(() => {});
      await admin.end();
    }
  });
});
