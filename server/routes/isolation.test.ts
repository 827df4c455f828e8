import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser } from '../db/asUser.ts';
import { backends } from '../test/testDatabase.ts';
import { call, samplePrompt, sampleRun, startTeam, type Team } from '../test/teamFixture.ts';

// One org's members can neither read nor write another org's rows: through the API, and directly in
// SQL as the application's role (row-level security, not the routes, is what refuses).

const orgTables = ['prompts', 'flows', 'variables', 'projects', 'memberships', 'ai_runs', 'ai_tasks', 'audit_log'] as const;

describe.each(backends)('isolation between orgs (%s)', (backend) => {
  let team: Team;
  let projectA: string;

  beforeAll(async () => {
    team = await startTeam(backend);
    const { orgA } = team;
    projectA = (await call(team.app, orgA.owner.token, 'POST', `/orgs/${orgA.id}/projects`, { name: 'Secret project' })).body.id;
    const push = await call(team.app, orgA.member.token, 'POST', `/orgs/${orgA.id}/sync/push`, {
      changes: [
        { kind: 'prompt', id: 'p-a', projectId: null, baseVersion: 0, body: samplePrompt('A only') },
        { kind: 'flow', id: 'f-a', projectId: projectA, baseVersion: 0, body: { name: 'A flow', steps: [], actions: [] } },
        { kind: 'variable', id: 'v-a', projectId: null, baseVersion: 0, body: { name: 'team', value: 'A secret' } },
      ],
    });
    expect(push.status).toBe(200);
    expect((await call(team.app, orgA.member.token, 'POST', `/orgs/${orgA.id}/runs`, { runs: [sampleRun('run-a')] })).status).toBe(200);
  });
  afterAll(() => team?.close());

  it('an outsider gets 404 for every read of the other org, and sees nothing of it in /me', async () => {
    const { app, orgA, orgB } = team;
    const outsider = orgB.owner.token;
    for (const url of [
      `/orgs/${orgA.id}/sync`,
      `/orgs/${orgA.id}/variables`,
      `/orgs/${orgA.id}/variables?projectId=${projectA}`,
      `/orgs/${orgA.id}/runs`,
      `/orgs/${orgA.id}/members`,
      `/orgs/${orgA.id}/audit`,
    ]) {
      const reply = await call(app, outsider, 'GET', url);
      expect(reply.status, url).toBe(404);
      expect(JSON.stringify(reply.body), url).not.toContain('A secret');
    }
    const me = await call(app, outsider, 'GET', '/me');
    expect(me.body.orgs.map((o: { id: string }) => o.id)).toEqual([orgB.id]);
    // Its own pull has none of A's records.
    const pullB = await call(app, outsider, 'GET', `/orgs/${orgB.id}/sync`);
    expect(pullB.body.changes).toEqual([]);
  });

  it('an outsider cannot write into the other org, and nothing changes there', async () => {
    const { app, orgA, orgB } = team;
    const outsider = orgB.owner.token;
    const before = await call(app, orgA.owner.token, 'GET', `/orgs/${orgA.id}/sync`);
    const attempts = [
      call(app, outsider, 'POST', `/orgs/${orgA.id}/sync/push`, {
        changes: [{ kind: 'prompt', id: 'p-a', projectId: null, baseVersion: 1, body: samplePrompt('hijacked') }],
      }),
      call(app, outsider, 'POST', `/orgs/${orgA.id}/sync/push`, {
        changes: [{ kind: 'prompt', id: 'new', projectId: null, baseVersion: 0, body: samplePrompt('planted') }],
      }),
      call(app, outsider, 'POST', `/orgs/${orgA.id}/runs`, { runs: [sampleRun('planted-run')] }),
      call(app, outsider, 'POST', `/orgs/${orgA.id}/projects`, { name: 'planted' }),
      call(app, outsider, 'POST', `/orgs/${orgA.id}/members`, { email: 'spy@b.test', name: 'Spy', role: 'owner' }),
      call(app, outsider, 'PATCH', `/orgs/${orgA.id}`, { collectRunText: true }),
      // B's own org, pointing at A's project
      call(app, outsider, 'POST', `/orgs/${orgB.id}/sync/push`, {
        changes: [{ kind: 'prompt', id: 'x', projectId: projectA, baseVersion: 0, body: samplePrompt() }],
      }),
      call(app, outsider, 'POST', `/orgs/${orgB.id}/runs`, { runs: [{ ...sampleRun('x'), projectId: projectA }] }),
    ];
    const statuses = (await Promise.all(attempts)).map((r) => r.status);
    expect(statuses).toEqual([404, 404, 404, 404, 404, 404, 400, 400]);
    const after = await call(app, orgA.owner.token, 'GET', `/orgs/${orgA.id}/sync`);
    expect(after.body).toEqual(before.body);
    const runs = await call(app, orgA.owner.token, 'GET', `/orgs/${orgA.id}/runs`);
    expect(runs.body.runs.map((r: { id: string }) => r.id)).toEqual(['run-a']);
    const me = await call(app, orgA.owner.token, 'GET', '/me');
    expect(me.body.orgs[0].projects.map((p: { name: string }) => p.name)).toEqual(['Secret project']);
    expect(me.body.orgs[0].settings.collectRunText).toBe(false);
  });

  it("in SQL as the application's role, another org's rows are invisible", async () => {
    const { db, orgA, orgB } = team;
    await asUser(db.app, orgB.owner.userId, async (tx) => {
      for (const table of orgTables) {
        const rows = await tx.selectFrom(table).selectAll().where('org_id', '=', orgA.id).execute();
        expect(rows, table).toEqual([]);
      }
      expect(await tx.selectFrom('orgs').select('id').execute()).toEqual([{ id: orgB.id }]);
      const users = (await tx.selectFrom('users').select('email').execute()).map((u) => u.email);
      expect(users).toEqual(['owner@b.test']);
      // No token hash of anyone else
      const tokens = await tx.selectFrom('api_tokens').select('user_id').execute();
      expect(tokens.every((t) => t.user_id === orgB.owner.userId)).toBe(true);
    });
    // Without a user, nothing at all.
    await asUser(db.app, null, async (tx) => {
      for (const table of [...orgTables, 'orgs', 'users', 'api_tokens'] as const) {
        expect(await tx.selectFrom(table).selectAll().execute(), table).toEqual([]);
      }
    });
  });

  it("in SQL as the application's role, writes into another org are refused", async () => {
    const { db, orgA, orgB } = team;
    const as = (work: Parameters<typeof asUser>[2]) => asUser(db.app, orgB.owner.userId, work);
    const refusals = [
      () =>
        as((tx) =>
          tx
            .insertInto('prompts')
            .values({ org_id: orgA.id, id: 'planted', project_id: null, body: null, version: 1, change_seq: '999', updated_by: orgB.owner.userId })
            .execute(),
        ),
      () =>
        as((tx) =>
          tx
            .insertInto('ai_runs')
            .values({
              org_id: orgA.id,
              id: 'planted',
              project_id: null,
              user_id: orgB.owner.userId,
              source_type: 'prompt',
              source_id: 'x',
              name: null,
              total_tokens: 0,
              total_cost: 0,
              created_at: new Date(),
            })
            .execute(),
        ),
      () => as((tx) => tx.insertInto('projects').values({ org_id: orgA.id, name: 'planted' }).execute()),
      () => as((tx) => tx.insertInto('memberships').values({ org_id: orgA.id, user_id: orgB.owner.userId, role: 'owner' }).execute()),
      () => as((tx) => tx.insertInto('audit_log').values({ org_id: orgA.id, user_id: orgB.owner.userId, action: 'forged' }).execute()),
      () =>
        as((tx) =>
          tx
            .insertInto('api_tokens')
            .values({ user_id: orgA.owner.userId, name: 'stolen', token_hash: Buffer.alloc(32, 7), expires_at: null, revoked_at: null })
            .execute(),
        ),
      // Run records and the audit log are append-only even inside one's own org.
      () => as((tx) => tx.deleteFrom('ai_runs').where('org_id', '=', orgB.id).execute()),
      () =>
        as((tx) =>
          tx
            .updateTable('audit_log')
            .set({ action: 'rewritten' } as never)
            .execute(),
        ),
      () => as((tx) => tx.deleteFrom('prompts').execute()),
      // The security-definer helpers check the caller too.
      () => as((tx) => sql`select * from flowbar_add_member(${orgA.id}::uuid, 'spy@b.test', 'Spy', 'owner', null, 'x', null)`.execute(tx)),
    ];
    for (const [i, attempt] of refusals.entries()) {
      await expect(attempt(), `attempt ${i}`).rejects.toThrow(/row-level security|permission denied|only an owner or an admin/);
    }
    // Updates of rows one cannot see change nothing.
    await as(async (tx) => {
      const updated = await tx.updateTable('prompts').set({ body: null, updated_by: orgB.owner.userId }).where('org_id', '=', orgA.id).executeTakeFirst();
      expect(updated.numUpdatedRows).toBe(0n);
      const orgs = await tx.updateTable('orgs').set({ collect_run_text: true }).where('id', '=', orgA.id).executeTakeFirst();
      expect(orgs.numUpdatedRows).toBe(0n);
    });
    const stillThere = await db.owner.selectFrom('prompts').select(['id', 'version']).where('org_id', '=', orgA.id).execute();
    expect(stillThere).toEqual([{ id: 'p-a', version: 1 }]);
    expect(await db.owner.selectFrom('memberships').select('user_id').where('org_id', '=', orgA.id).where('user_id', '=', orgB.owner.userId).execute()).toEqual(
      [],
    );
  });

  it.runIf(backend === 'postgres')('the API connection itself is not the owner, cannot bypass row-level security and cannot become another role', async () => {
    const { db, orgA } = team;
    const me = await sql<{
      rolname: string;
      rolsuper: boolean;
      rolbypassrls: boolean;
    }>`select rolname, rolsuper, rolbypassrls from pg_roles where rolname = current_user`.execute(db.app);
    expect(me.rows).toEqual([{ rolname: 'flowbar_api', rolsuper: false, rolbypassrls: false }]);
    const owners = await sql<{ tableowner: string }>`select distinct tableowner from pg_tables where schemaname = 'public'`.execute(db.app);
    expect(owners.rows.map((r) => r.tableowner)).not.toContain('flowbar_api');
    // Straight on the connection, no SET ROLE, with a forged user id of nobody: nothing.
    const raw = await db.app.transaction().execute(async (tx) => {
      await sql`select set_config('app.user_id', '00000000-0000-0000-0000-000000000000', true)`.execute(tx);
      return tx.selectFrom('prompts').selectAll().where('org_id', '=', orgA.id).execute();
    });
    expect(raw).toEqual([]);
    await expect(sql`set role postgres`.execute(db.app)).rejects.toThrow(/permission denied/);
    await expect(sql`select * from kysely_migration`.execute(db.app)).rejects.toThrow(/permission denied/);
  });
});
