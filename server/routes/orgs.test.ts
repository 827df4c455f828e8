import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meResponse } from '../../lib/sync/syncSchemas.ts';
import { backends } from '../test/testDatabase.ts';
import { call, startTeam, type Team } from '../test/teamFixture.ts';

// Orgs, projects and members: who may manage what.

describe.each(backends)('orgs and members (%s)', (backend) => {
  let team: Team;
  let orgId: string;
  beforeAll(async () => {
    team = await startTeam(backend);
    orgId = team.orgA.id;
  });
  afterAll(() => team?.close());

  it('/me lists each org with the role, settings and projects, for the Team page and the switcher', async () => {
    const project = await call(team.app, team.orgA.admin.token, 'POST', `/orgs/${orgId}/projects`, { name: 'Launch' });
    expect(project.status).toBe(200);
    const me = meResponse.parse((await call(team.app, team.orgA.viewer.token, 'GET', '/me')).body);
    expect(me.user).toMatchObject({ id: team.orgA.viewer.userId, email: 'viewer@a.test' });
    expect(me.orgs).toEqual([
      {
        id: orgId,
        name: 'Org A',
        role: 'viewer',
        settings: { collectRuns: true, collectRunText: false },
        projects: [{ id: project.body.id, name: 'Launch', createdAt: expect.any(Number) }],
      },
    ]);
  });

  it('only owners and admins add members; only an owner adds an owner; nobody is added twice', async () => {
    const { owner, admin, member } = team.orgA;
    const add = (token: string, email: string, role: string) => call(team.app, token, 'POST', `/orgs/${orgId}/members`, { email, name: 'New', role });
    expect((await add(member.token, 'm2@a.test', 'member')).status).toBe(403);
    const adminAddsOwner = await add(admin.token, 'o2@a.test', 'owner');
    expect(adminAddsOwner.status).toBe(403);
    expect(adminAddsOwner.body.error).toBe('forbidden');
    const added = await add(admin.token, 'NEW@a.test', 'member');
    expect(added.body).toMatchObject({ created: true, token: expect.stringMatching(/^fbt_/) });
    expect((await call(team.app, added.body.token, 'GET', '/me')).body.orgs[0]).toMatchObject({ id: orgId, role: 'member' });
    expect((await add(owner.token, 'new@a.test', 'viewer')).body.error).toBe('already_member');
    const members = (await call(team.app, member.token, 'GET', `/orgs/${orgId}/members`)).body.members;
    expect(members.map((m: { email: string; role: string }) => `${m.email}:${m.role}`)).toEqual([
      'admin@a.test:admin',
      'member@a.test:member',
      'new@a.test:member',
      'owner@a.test:owner',
      'viewer@a.test:viewer',
    ]);
    expect(await team.db.owner.selectFrom('users').select('email').where('email', 'in', ['m2@a.test', 'o2@a.test']).execute()).toEqual([]);
  });

  it('the audit log records who changed what, and is for owners and admins only', async () => {
    const { admin, member } = team.orgA;
    expect((await call(team.app, member.token, 'GET', `/orgs/${orgId}/audit`)).status).toBe(403);
    const entries = (await call(team.app, admin.token, 'GET', `/orgs/${orgId}/audit`)).body.entries;
    expect(entries[0]).toMatchObject({ action: 'member.add', userId: admin.userId });
    expect(entries.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['org.init', 'project.create', 'member.add']));
  });

  it('anyone can create an org of their own and becomes its owner', async () => {
    const made = await call(team.app, team.orgA.viewer.token, 'POST', '/orgs', { name: 'Side project' });
    expect(made.status).toBe(200);
    const me = (await call(team.app, team.orgA.viewer.token, 'GET', '/me')).body;
    expect(me.orgs.map((o: { name: string; role: string }) => `${o.name}:${o.role}`)).toEqual(['Org A:viewer', 'Side project:owner']);
  });
});
