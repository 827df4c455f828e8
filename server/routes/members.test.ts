import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asUser } from '../db/asUser.ts';
import { backends } from '../test/testDatabase.ts';
import { call, startTeam, type Person, type Team } from '../test/teamFixture.ts';

// Changing roles and removing members: who may, the org's last owner, the audit log, and another
// org's members out of reach through the API and in SQL as the application's role.

describe.each(backends)('changing and removing members (%s)', (backend) => {
  let team: Team;
  let orgId: string;
  /** the extra member each test may change */
  let extra: Person;
  const roleOf = async (userId: string) =>
    (await team.db.owner.selectFrom('memberships').select('role').where('org_id', '=', orgId).where('user_id', '=', userId).executeTakeFirst())?.role ?? null;
  const setRole = (token: string, userId: string, role: string) => call(team.app, token, 'PATCH', `/orgs/${orgId}/members/${userId}`, { role });
  const remove = (token: string, userId: string) => call(team.app, token, 'DELETE', `/orgs/${orgId}/members/${userId}`);

  beforeAll(async () => {
    team = await startTeam(backend);
    orgId = team.orgA.id;
    const added = await call(team.app, team.orgA.owner.token, 'POST', `/orgs/${orgId}/members`, { email: 'extra@a.test', name: 'Extra', role: 'member' });
    extra = { userId: added.body.userId, token: added.body.token };
  });
  afterAll(() => team?.close());

  it('owners and admins change roles, recorded in the audit log; members and viewers may not; the member sees the new role', async () => {
    const { admin, member, viewer } = team.orgA;
    expect((await setRole(member.token, extra.userId, 'viewer')).status).toBe(403);
    expect((await setRole(viewer.token, extra.userId, 'admin')).status).toBe(403);
    expect(await roleOf(extra.userId)).toBe('member');

    const changed = await setRole(admin.token, extra.userId, 'viewer');
    expect(changed).toEqual({ status: 200, body: { userId: extra.userId, role: 'viewer' } });
    const me = await call(team.app, extra.token, 'GET', '/me');
    expect(me.body.orgs[0]).toMatchObject({ id: orgId, role: 'viewer' });
    // A viewer now: its pushes are refused.
    expect(
      (
        await call(team.app, extra.token, 'POST', `/orgs/${orgId}/sync/push`, {
          changes: [{ kind: 'variable', id: 'v', projectId: null, baseVersion: 0, body: { name: 'x', value: '1' } }],
        })
      ).status,
    ).toBe(403);

    const audit = (await call(team.app, admin.token, 'GET', `/orgs/${orgId}/audit`)).body.entries;
    expect(audit[0]).toMatchObject({ action: 'member.role', userId: admin.userId, targetId: extra.userId });
    const detail = await team.db.owner.selectFrom('audit_log').select('detail').where('action', '=', 'member.role').executeTakeFirstOrThrow();
    expect(detail.detail).toEqual({ from: 'member', to: 'viewer' });
  });

  it('bad input changes nothing: an unknown role or field, a user who is not a member', async () => {
    const { owner, member } = team.orgA;
    const unknownRole = await setRole(owner.token, extra.userId, 'superuser');
    expect(unknownRole.status).toBe(400);
    expect(unknownRole.body.error).toBe('invalid_request');
    const extraField = await call(team.app, owner.token, 'PATCH', `/orgs/${orgId}/members/${extra.userId}`, { role: 'admin', orgId: team.orgB.id });
    expect(extraField.status).toBe(400);
    expect((await setRole(owner.token, team.orgB.owner.userId, 'viewer')).body.error).toBe('member_not_found');
    expect((await remove(owner.token, team.orgB.owner.userId)).body.error).toBe('member_not_found');
    expect((await call(team.app, owner.token, 'PATCH', `/orgs/${orgId}/members/not-a-uuid`, { role: 'admin' })).status).toBe(400);
    expect(await roleOf(extra.userId)).toBe('viewer');
    expect(await roleOf(member.userId)).toBe('member');
  });

  it('only an owner makes or unmakes an owner', async () => {
    const { owner, admin } = team.orgA;
    const adminMakesOwner = await setRole(admin.token, extra.userId, 'owner');
    expect(adminMakesOwner.status).toBe(403);
    expect(adminMakesOwner.body.message).toMatch(/Only an owner/);
    expect((await setRole(admin.token, owner.userId, 'member')).status).toBe(403);
    expect((await remove(admin.token, owner.userId)).status).toBe(403);
    expect(await roleOf(owner.userId)).toBe('owner');
    expect(await roleOf(extra.userId)).toBe('viewer');
  });

  it('the last owner can be neither demoted nor removed; with a second owner, either can step down', async () => {
    const { owner } = team.orgA;
    const demote = await setRole(owner.token, owner.userId, 'admin');
    expect(demote.status).toBe(409);
    expect(demote.body.error).toBe('last_owner');
    expect((await remove(owner.token, owner.userId)).body.error).toBe('last_owner');
    expect(await roleOf(owner.userId)).toBe('owner');

    expect((await setRole(owner.token, extra.userId, 'owner')).status).toBe(200);
    expect((await setRole(extra.token, owner.userId, 'admin')).status).toBe(200);
    expect(await roleOf(owner.userId)).toBe('admin');
    // extra is the last owner now
    expect((await setRole(extra.token, extra.userId, 'member')).body.error).toBe('last_owner');
    expect((await setRole(extra.token, owner.userId, 'owner')).status).toBe(200);
  });

  it('a removed member no longer sees the org; the user and their token remain', async () => {
    const { admin } = team.orgA;
    const removed = await remove(admin.token, team.orgA.viewer.userId);
    expect(removed).toEqual({ status: 200, body: { userId: team.orgA.viewer.userId, removed: true } });
    expect((await call(team.app, team.orgA.viewer.token, 'GET', `/orgs/${orgId}/sync`)).status).toBe(404);
    const me = await call(team.app, team.orgA.viewer.token, 'GET', '/me');
    expect(me.status).toBe(200);
    expect(me.body.orgs).toEqual([]);
    const members = (await call(team.app, admin.token, 'GET', `/orgs/${orgId}/members`)).body.members.map((m: { email: string }) => m.email);
    expect(members).not.toContain('viewer@a.test');
    const entry = (await call(team.app, admin.token, 'GET', `/orgs/${orgId}/audit`)).body.entries[0];
    expect(entry).toMatchObject({ action: 'member.remove', userId: admin.userId, targetId: team.orgA.viewer.userId });
  });

  it("another org's owner cannot change or remove this org's members through the API", async () => {
    const outsider = team.orgB.owner.token;
    const { member } = team.orgA;
    const attempts = await Promise.all([
      call(team.app, outsider, 'PATCH', `/orgs/${orgId}/members/${member.userId}`, { role: 'viewer' }),
      call(team.app, outsider, 'DELETE', `/orgs/${orgId}/members/${member.userId}`),
      // through their own org, naming A's member
      call(team.app, outsider, 'PATCH', `/orgs/${team.orgB.id}/members/${member.userId}`, { role: 'viewer' }),
      call(team.app, outsider, 'DELETE', `/orgs/${team.orgB.id}/members/${member.userId}`),
    ]);
    expect(attempts.map((a) => a.body.error)).toEqual(['org_not_found', 'org_not_found', 'member_not_found', 'member_not_found']);
    expect(await roleOf(member.userId)).toBe('member');
  });

  it("in SQL as the application's role: another org's memberships are out of reach, an admin cannot touch or make an owner, the last owner stays", async () => {
    const { db, orgA, orgB } = team;
    const as = <T>(person: Person, work: Parameters<typeof asUser<T>>[2]) => asUser(db.app, person.userId, work);
    // Another org's owner: updates and deletes of rows it cannot see change nothing.
    await as(orgB.owner, async (tx) => {
      const updated = await tx.updateTable('memberships').set({ role: 'viewer' }).where('org_id', '=', orgA.id).executeTakeFirst();
      expect(updated.numUpdatedRows).toBe(0n);
      const deleted = await tx.deleteFrom('memberships').where('org_id', '=', orgA.id).executeTakeFirst();
      expect(deleted.numDeletedRows).toBe(0n);
    });
    // Moving a membership into another org, or to another user, is no column anyone may update.
    await expect(as(orgB.owner, (tx) => sql`update memberships set org_id = ${orgA.id}::uuid where org_id = ${orgB.id}::uuid`.execute(tx))).rejects.toThrow(
      /permission denied/,
    );
    // An admin: the owners' rows are invisible to its updates; making an owner is refused.
    const owners = await db.owner.selectFrom('memberships').select('user_id').where('org_id', '=', orgA.id).where('role', '=', 'owner').execute();
    await as(orgA.admin, async (tx) => {
      const demoted = await tx.updateTable('memberships').set({ role: 'member' }).where('org_id', '=', orgA.id).where('role', '=', 'owner').executeTakeFirst();
      expect(demoted.numUpdatedRows).toBe(0n);
      const removed = await tx.deleteFrom('memberships').where('org_id', '=', orgA.id).where('role', '=', 'owner').executeTakeFirst();
      expect(removed.numDeletedRows).toBe(0n);
    });
    await expect(
      as(orgA.admin, (tx) =>
        tx.updateTable('memberships').set({ role: 'owner' }).where('org_id', '=', orgA.id).where('user_id', '=', orgA.member.userId).execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    // A member changes nothing.
    await as(orgA.member, async (tx) => {
      const updated = await tx.updateTable('memberships').set({ role: 'admin' }).where('org_id', '=', orgA.id).executeTakeFirst();
      expect(updated.numUpdatedRows).toBe(0n);
    });
    // Org B's only owner cannot demote or remove themselves, whatever the route would have said.
    await expect(as(orgB.owner, (tx) => tx.updateTable('memberships').set({ role: 'admin' }).where('org_id', '=', orgB.id).execute())).rejects.toThrow(
      /at least one owner/,
    );
    await expect(as(orgB.owner, (tx) => tx.deleteFrom('memberships').where('org_id', '=', orgB.id).execute())).rejects.toThrow(/at least one owner/);
    expect(await db.owner.selectFrom('memberships').select('user_id').where('org_id', '=', orgA.id).where('role', '=', 'owner').execute()).toEqual(owners);
    expect(await db.owner.selectFrom('memberships').select('role').where('org_id', '=', orgB.id).execute()).toEqual([{ role: 'owner' }]);
    expect(await roleOf(orgA.member.userId)).toBe('member');
  });

  it.runIf(backend === 'postgres')('two owners demoting each other at the same time: one of them stays an owner', async () => {
    const { db } = team;
    const owners = await db.owner.selectFrom('memberships').select('user_id').where('org_id', '=', orgId).where('role', '=', 'owner').execute();
    expect(owners).toHaveLength(2);
    const [a, b] = owners.map((o) => o.user_id);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const demote = (caller: string, target: string) => (tx: Parameters<Parameters<typeof asUser>[2]>[0]) =>
      tx.updateTable('memberships').set({ role: 'admin' }).where('org_id', '=', orgId).where('user_id', '=', target).execute();
    const first = asUser(db.app, a, async (tx) => {
      await demote(a, b)(tx);
      await held; // still open while the second one starts
    });
    await new Promise((r) => setTimeout(r, 200));
    const second = asUser(db.app, b, (tx) => demote(b, a)(tx));
    await new Promise((r) => setTimeout(r, 300));
    release();
    const results = await Promise.allSettled([first, second]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/at least one owner/);
    expect(await db.owner.selectFrom('memberships').select('user_id').where('org_id', '=', orgId).where('role', '=', 'owner').execute()).toEqual([
      { user_id: a },
    ]);
  });
});
