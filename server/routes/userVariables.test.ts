import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser } from '../db/asUser.ts';
import { backends } from '../test/testDatabase.ts';
import { call, startTeam, type Team } from '../test/teamFixture.ts';

// User variables synced by their owner's choice (migration 0004): only the owner pulls, pushes or
// reads them. Colleagues of every role, the org's owner included, see nothing of them, through the
// API and in SQL as the application's role.

const userVar = (id: string, name: string, value: string, baseVersion = 0) => ({
  kind: 'variable' as const,
  id,
  projectId: null,
  scope: 'user' as const,
  baseVersion,
  body: { name, value },
});

describe.each(backends)('user variables (%s)', (backend) => {
  let team: Team;

  beforeAll(async () => {
    team = await startTeam(backend);
    const { app, orgA } = team;
    // The member syncs two of their own; the org has a shared variable of the same name.
    const own = await call(app, orgA.member.token, 'POST', `/orgs/${orgA.id}/sync/push`, {
      changes: [userVar('uv-member-1', 'language', 'Member private'), userVar('uv-member-2', 'signature', 'Member signature')],
    });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    const shared = await call(app, orgA.admin.token, 'POST', `/orgs/${orgA.id}/sync/push`, {
      changes: [{ kind: 'variable', id: 'v-shared', projectId: null, baseVersion: 0, body: { name: 'language', value: 'Org shared' } }],
    });
    expect(shared.status, JSON.stringify(shared.body)).toBe(200);
  });
  afterAll(() => team?.close());

  it('the owner pulls their own user variables, marked as user scope', async () => {
    const { app, orgA } = team;
    const pull = await call(app, orgA.member.token, 'GET', `/orgs/${orgA.id}/sync`);
    expect(pull.status).toBe(200);
    const own = pull.body.changes.filter((c: { scope?: string }) => c.scope === 'user');
    expect(own.map((c: { id: string; body: { value: string } }) => [c.id, c.body.value])).toEqual([
      ['uv-member-1', 'Member private'],
      ['uv-member-2', 'Member signature'],
    ]);
    // The org's variable of the same name is a separate record, without a scope.
    expect(pull.body.changes.find((c: { id: string }) => c.id === 'v-shared')).toMatchObject({ body: { value: 'Org shared' } });
    expect(pull.body.changes.find((c: { id: string }) => c.id === 'v-shared').scope).toBeUndefined();
    // GET /variables is the shared half only: a user variable never appears as an org variable.
    const vars = await call(app, orgA.member.token, 'GET', `/orgs/${orgA.id}/variables`);
    expect(vars.body).toEqual({ org: { language: 'Org shared' }, project: {} });
  });

  it("a colleague's pull, of any role, never contains them; nor does the audit log", async () => {
    const { app, orgA } = team;
    for (const colleague of [orgA.owner, orgA.admin, orgA.viewer]) {
      const pull = await call(app, colleague.token, 'GET', `/orgs/${orgA.id}/sync`);
      expect(pull.status).toBe(200);
      const text = JSON.stringify(pull.body);
      expect(text).not.toContain('uv-member');
      expect(text).not.toContain('Member private');
      expect(pull.body.changes.map((c: { id: string }) => c.id)).toEqual(['v-shared']);
      const vars = await call(app, colleague.token, 'GET', `/orgs/${orgA.id}/variables`);
      expect(JSON.stringify(vars.body)).not.toContain('Member');
    }
    const audit = await call(app, orgA.owner.token, 'GET', `/orgs/${orgA.id}/audit`);
    expect(audit.status).toBe(200);
    expect(JSON.stringify(audit.body)).not.toContain('uv-member');
  });

  it("a push of a colleague's user variable is refused and changes nothing", async () => {
    const { app, orgA } = team;
    const attempts = [
      // as if it were theirs, from the version the owner has
      call(app, orgA.owner.token, 'POST', `/orgs/${orgA.id}/sync/push`, { changes: [userVar('uv-member-1', 'language', 'hijacked', 1)] }),
      // as a new record with the same id
      call(app, orgA.admin.token, 'POST', `/orgs/${orgA.id}/sync/push`, { changes: [userVar('uv-member-1', 'language', 'hijacked', 0)] }),
      // as a shared variable with that id
      call(app, orgA.admin.token, 'POST', `/orgs/${orgA.id}/sync/push`, {
        changes: [{ kind: 'variable', id: 'uv-member-2', projectId: null, baseVersion: 1, body: null }],
      }),
    ];
    for (const reply of await Promise.all(attempts)) {
      expect(reply.status).toBe(409);
      expect(reply.body.conflicts).toHaveLength(1);
      // the refusal shows nothing of the colleague's record
      expect(reply.body.conflicts[0].current).toBeNull();
      expect(JSON.stringify(reply.body)).not.toContain('Member');
    }
    const pull = await call(app, orgA.member.token, 'GET', `/orgs/${orgA.id}/sync`);
    const own = pull.body.changes.filter((c: { scope?: string }) => c.scope === 'user');
    expect(own.map((c: { version: number; body: { value: string } }) => [c.version, c.body.value])).toEqual([
      [1, 'Member private'],
      [1, 'Member signature'],
    ]);
  });

  it('the owner edits theirs from the version they hold; a viewer may sync their own but nothing shared', async () => {
    const { app, orgA } = team;
    const edit = await call(app, orgA.member.token, 'POST', `/orgs/${orgA.id}/sync/push`, {
      changes: [userVar('uv-member-2', 'signature', 'New signature', 1)],
    });
    expect(edit.body).toEqual({ applied: [{ kind: 'variable', id: 'uv-member-2', version: 2 }] });
    const stale = await call(app, orgA.member.token, 'POST', `/orgs/${orgA.id}/sync/push`, { changes: [userVar('uv-member-2', 'signature', 'Older', 1)] });
    expect(stale.status).toBe(409);
    expect(stale.body.conflicts[0].current).toMatchObject({ id: 'uv-member-2', version: 2, scope: 'user', body: { value: 'New signature' } });
    // A second user variable of a name they already have is a conflict with their own, as for shared ones.
    const sameName = await call(app, orgA.member.token, 'POST', `/orgs/${orgA.id}/sync/push`, { changes: [userVar('uv-member-3', 'language', 'dup')] });
    expect(sameName.status).toBe(409);
    expect(sameName.body.conflicts[0].current).toMatchObject({ id: 'uv-member-1', scope: 'user' });
    // A scope is fixed: the shared variable cannot be turned into a user variable.
    const steal = await call(app, orgA.member.token, 'POST', `/orgs/${orgA.id}/sync/push`, { changes: [userVar('v-shared', 'language', 'mine now', 1)] });
    expect(steal.status).toBe(400);
    expect(steal.body.error).toBe('scope_mismatch');
    // Viewers: their own user variable yes, a shared one no.
    const viewerOwn = await call(app, orgA.viewer.token, 'POST', `/orgs/${orgA.id}/sync/push`, {
      changes: [userVar('uv-viewer-1', 'language', 'Viewer private')],
    });
    expect(viewerOwn.status).toBe(200);
    const viewerShared = await call(app, orgA.viewer.token, 'POST', `/orgs/${orgA.id}/sync/push`, {
      changes: [{ kind: 'variable', id: 'v-viewer', projectId: null, baseVersion: 0, body: { name: 'x', value: 'y' } }],
    });
    expect(viewerShared.status).toBe(403);
    // A user variable names no project.
    const withProject = await call(app, orgA.member.token, 'POST', `/orgs/${orgA.id}/sync/push`, {
      changes: [{ ...userVar('uv-member-4', 'p', 'v'), projectId: '00000000-0000-4000-8000-000000000000' }],
    });
    expect(withProject.status).toBe(400);
  });

  it("in SQL as the application's role, a colleague (the org's owner too) sees no row and cannot write one", async () => {
    const { db, orgA } = team;
    for (const colleague of [orgA.owner, orgA.admin, orgA.viewer]) {
      await asUser(db.app, colleague.userId, async (tx) => {
        const rows = await tx.selectFrom('variables').select(['id', 'user_id']).where('org_id', '=', orgA.id).execute();
        expect(
          rows.some((r) => r.id.startsWith('uv-member')),
          colleague.userId,
        ).toBe(false);
        expect(rows.filter((r) => r.user_id !== null && r.user_id !== colleague.userId)).toEqual([]);
        // An update of the member's rows matches nothing.
        const updated = await tx
          .updateTable('variables')
          .set({ body: null })
          .where('org_id', '=', orgA.id)
          .where('id', 'like', 'uv-member%')
          .executeTakeFirst();
        expect(updated.numUpdatedRows).toBe(0n);
      });
    }
    const refusals = [
      // planting a variable as someone else's user variable
      () =>
        asUser(db.app, orgA.owner.userId, (tx) =>
          tx
            .insertInto('variables')
            .values({
              org_id: orgA.id,
              id: 'planted',
              project_id: null,
              body: null,
              version: 1,
              change_seq: '999',
              updated_by: orgA.owner.userId,
              user_id: orgA.member.userId,
            })
            .execute(),
        ),
      // moving a shared variable into one's own scope
      () => asUser(db.app, orgA.member.userId, (tx) => sql`update variables set user_id = ${orgA.member.userId}::uuid where id = 'v-shared'`.execute(tx)),
    ];
    for (const attempt of refusals) await expect(attempt()).rejects.toThrow(/row-level security|permission denied/);
    // The owner of the rows still has them, unchanged.
    await asUser(db.app, orgA.member.userId, async (tx) => {
      const rows = await tx.selectFrom('variables').select(['id', 'body']).where('user_id', '=', orgA.member.userId).orderBy('id').execute();
      expect(rows.map((r) => [r.id, (r.body as { value: string }).value])).toEqual([
        ['uv-member-1', 'Member private'],
        ['uv-member-2', 'New signature'],
      ]);
    });
  });
});
