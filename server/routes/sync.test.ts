import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullResponse, pushConflict, type SyncChange } from '../../lib/sync/syncSchemas.ts';
import { asUser } from '../db/asUser.ts';
import { applyPush } from '../sync/applyPush.ts';
import { encodeCursor } from '../sync/syncCursor.ts';
import { backends } from '../test/testDatabase.ts';
import { call, samplePrompt, startTeam, type Team } from '../test/teamFixture.ts';

// The sync protocol: versions, pull since a cursor, pushes refused on a stale version (409 with the
// current record), and bad input refused with nothing changed.

describe.each(backends)('sync (%s)', (backend) => {
  let team: Team;
  let orgId: string;
  const push = (token: string, changes: unknown[]) => call(team.app, token, 'POST', `/orgs/${orgId}/sync/push`, { changes });
  const pull = (token: string, cursor?: string, limit?: number) => {
    const query = new URLSearchParams({ ...(cursor && { cursor }), ...(limit && { limit: String(limit) }) }).toString();
    return call(team.app, token, 'GET', `/orgs/${orgId}/sync${query ? `?${query}` : ''}`);
  };
  const storedRows = async () => {
    const [prompts, flows, variables, audit] = await Promise.all(
      (['prompts', 'flows', 'variables', 'audit_log'] as const).map((t) => team.db.owner.selectFrom(t).selectAll().execute()),
    );
    return JSON.stringify({ prompts, flows, variables, audit });
  };

  beforeAll(async () => {
    team = await startTeam(backend, { bodyLimit: 64 * 1024 });
    orgId = team.orgA.id;
  });
  afterAll(() => team?.close());

  it('a member creates and edits records; each edit raises the version and another member pulls it since their cursor', async () => {
    const { member, admin } = team.orgA;
    const first = await pull(admin.token);
    expect(first.status).toBe(200);
    expect(first.body.changes).toEqual([]);

    const created = await push(member.token, [
      { kind: 'prompt', id: 'summarise', projectId: null, baseVersion: 0, body: samplePrompt() },
      { kind: 'variable', id: 'var-team', projectId: null, baseVersion: 0, body: { name: 'team', value: 'Platform' } },
    ]);
    expect(created.status).toBe(200);
    expect(created.body.applied).toEqual([
      { kind: 'prompt', id: 'summarise', version: 1 },
      { kind: 'variable', id: 'var-team', version: 1 },
    ]);

    const second = await pull(admin.token, first.body.cursor);
    expect(pullResponse.parse(second.body).changes.map((c) => [c.kind, c.id, c.version, c.updatedBy])).toEqual([
      ['prompt', 'summarise', 1, member.userId],
      ['variable', 'var-team', 1, member.userId],
    ]);
    expect(second.body.changes[0].body).toEqual(samplePrompt());

    const edited = await push(admin.token, [{ kind: 'prompt', id: 'summarise', projectId: null, baseVersion: 1, body: samplePrompt('Summarise v2') }]);
    expect(edited.body.applied).toEqual([{ kind: 'prompt', id: 'summarise', version: 2 }]);
    const third = await pull(member.token, second.body.cursor);
    expect(third.body.changes.map((c: { id: string; version: number; body: { name: string } }) => [c.id, c.version, c.body.name])).toEqual([
      ['summarise', 2, 'Summarise v2'],
    ]);
    // Nothing new since: same cursor back, no changes.
    const fourth = await pull(member.token, third.body.cursor);
    expect(fourth.body).toEqual({ changes: [], cursor: third.body.cursor, more: false });
  });

  it('a push from a stale version is refused with 409 and the current record, and the whole push changes nothing', async () => {
    const { member, admin } = team.orgA;
    // Both start from version 2 of "summarise"; the admin saves first.
    expect((await push(admin.token, [{ kind: 'prompt', id: 'summarise', projectId: null, baseVersion: 2, body: samplePrompt("Admin's") }])).status).toBe(200);
    const before = await storedRows();
    const stale = await push(member.token, [
      { kind: 'prompt', id: 'brand-new', projectId: null, baseVersion: 0, body: samplePrompt('would be new') },
      { kind: 'prompt', id: 'summarise', projectId: null, baseVersion: 2, body: samplePrompt("Member's") },
    ]);
    expect(stale.status).toBe(409);
    const conflict = pushConflict.parse(stale.body);
    expect(conflict.conflicts).toHaveLength(1);
    expect(conflict.conflicts[0]).toMatchObject({
      kind: 'prompt',
      id: 'summarise',
      baseVersion: 2,
      current: { version: 3, updatedBy: admin.userId, body: samplePrompt("Admin's") },
    });
    expect(await storedRows()).toBe(before);
    // Keeping theirs after seeing both: push again from the current version.
    const resolved = await push(member.token, [{ kind: 'prompt', id: 'summarise', projectId: null, baseVersion: 3, body: samplePrompt("Member's") }]);
    expect(resolved.body.applied).toEqual([{ kind: 'prompt', id: 'summarise', version: 4 }]);
  });

  it('creating what exists, or editing what does not, is a conflict too', async () => {
    const { member } = team.orgA;
    const recreate = await push(member.token, [{ kind: 'prompt', id: 'summarise', projectId: null, baseVersion: 0, body: samplePrompt('dup') }]);
    expect(recreate.status).toBe(409);
    expect(recreate.body.conflicts[0].current.version).toBe(4);
    const ghost = await push(member.token, [{ kind: 'flow', id: 'never-seen', projectId: null, baseVersion: 5, body: { name: 'x', steps: [], actions: [] } }]);
    expect(ghost.status).toBe(409);
    expect(ghost.body.conflicts[0].current).toBeNull();
    // Two org variables of one name: the second is shown the first.
    const sameName = await push(member.token, [
      { kind: 'variable', id: 'var-team-2', projectId: null, baseVersion: 0, body: { name: 'team', value: 'Other' } },
    ]);
    expect(sameName.status).toBe(409);
    expect(sameName.body.conflicts[0].current).toMatchObject({ id: 'var-team', body: { name: 'team', value: 'Platform' } });
  });

  it('of concurrent pushes from the same version exactly one is applied; the others get 409', async () => {
    const { member, admin, owner } = team.orgA;
    expect(
      (await push(member.token, [{ kind: 'flow', id: 'raced', projectId: null, baseVersion: 0, body: { name: 'v1', steps: [], actions: [] } }])).status,
    ).toBe(200);
    const racers = [member, admin, owner, member, admin];
    const replies = await Promise.all(
      racers.map((p, i) =>
        push(p.token, [{ kind: 'flow', id: 'raced', projectId: null, baseVersion: 1, body: { name: `edit ${i}`, steps: [], actions: [] } }]),
      ),
    );
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409, 409]);
    const winner = replies.findIndex((r) => r.status === 200);
    const rows = await team.db.owner.selectFrom('flows').select(['version', 'body']).where('id', '=', 'raced').execute();
    expect(rows).toEqual([{ version: 2, body: { name: `edit ${winner}`, steps: [], actions: [] } }]);
    for (const loser of replies.filter((r) => r.status === 409)) expect(loser.body.conflicts[0].current.version).toBe(2);
  });

  // Deterministic interleavings on a real server: the first push holds its transaction open.
  const holdingPush = async (userId: string, changes: SyncChange[]) => {
    let applied!: () => void;
    let release!: () => void;
    const appliedYet = new Promise<void>((resolve) => (applied = resolve));
    const held = new Promise<void>((resolve) => (release = resolve));
    const done = asUser(team.db.app, userId, async (tx) => {
      const result = await applyPush(tx, userId, orgId, changes);
      applied();
      await held;
      return result;
    });
    await appliedYet;
    return { release, done };
  };
  const flowChange = (id: string, baseVersion: number, name: string): SyncChange => ({
    kind: 'flow',
    id,
    projectId: null,
    baseVersion,
    body: { name, steps: [], actions: [] },
  });

  it.runIf(backend === 'postgres')('a push from the version another open push is replacing waits for it, then gets 409', async () => {
    const { member, admin } = team.orgA;
    expect((await push(member.token, [flowChange('held', 0, 'v1')])).status).toBe(200);
    const first = await holdingPush(member.userId, [flowChange('held', 1, 'first')]);
    const second = push(admin.token, [flowChange('held', 1, 'second')]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    first.release();
    expect(await first.done).toEqual([{ kind: 'flow', id: 'held', version: 2 }]);
    const reply = await second;
    expect(reply.status).toBe(409);
    expect(reply.body.conflicts[0].current.body.name).toBe('first');
  });

  it.runIf(backend === 'postgres')('a pull never sees a change before an earlier one of the same org has committed, so cursors skip nothing', async () => {
    const { member, admin, viewer } = team.orgA;
    const cursor = (await pull(viewer.token)).body.cursor;
    const first = await holdingPush(member.userId, [flowChange('order-x', 0, 'x')]);
    const second = push(admin.token, [flowChange('order-y', 0, 'y')]);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const during = await pull(viewer.token, cursor);
    first.release();
    await first.done;
    expect((await second).status).toBe(200);
    const after = await pull(viewer.token, during.body.cursor);
    const seen = [...during.body.changes, ...after.body.changes].map((c: { id: string }) => c.id);
    expect(seen).toEqual(['order-x', 'order-y']);
  });

  it('a deletion is a tombstone that pulls deliver, with its version', async () => {
    const { member, admin } = team.orgA;
    const before = await pull(admin.token);
    const deleted = await push(member.token, [{ kind: 'prompt', id: 'summarise', projectId: null, baseVersion: 4, body: null }]);
    expect(deleted.body.applied).toEqual([{ kind: 'prompt', id: 'summarise', version: 5 }]);
    const after = await pull(admin.token, before.body.cursor);
    expect(after.body.changes).toEqual([expect.objectContaining({ kind: 'prompt', id: 'summarise', version: 5, body: null })]);
  });

  it('pulls page through many changes with limit and more, oldest first, missing none', async () => {
    const { member, viewer } = team.orgA;
    const start = (await pull(viewer.token)).body.cursor;
    const changes = Array.from({ length: 7 }, (_, i) => ({
      kind: i % 2 ? 'flow' : 'prompt',
      id: `bulk-${i}`,
      projectId: null,
      baseVersion: 0,
      body: i % 2 ? { name: `f${i}`, steps: [], actions: [] } : samplePrompt(`p${i}`),
    }));
    expect((await push(member.token, changes)).status).toBe(200);
    const seen: string[] = [];
    let cursor = start;
    for (let page = 0; page < 10; page++) {
      const reply = await pull(viewer.token, cursor, 3);
      seen.push(...reply.body.changes.map((c: { id: string }) => c.id));
      cursor = reply.body.cursor;
      if (!reply.body.more) break;
    }
    expect(seen).toEqual(changes.map((c) => c.id));
  });

  it('org and project variables reach GET /variables, the server half of fetchScopedVariables', async () => {
    const { admin, member } = team.orgA;
    const project = (await call(team.app, admin.token, 'POST', `/orgs/${orgId}/projects`, { name: 'Docs' })).body;
    await push(admin.token, [
      { kind: 'variable', id: 'var-tone', projectId: null, baseVersion: 0, body: { name: 'tone', value: 'friendly' } },
      { kind: 'variable', id: 'var-tone-docs', projectId: project.id, baseVersion: 0, body: { name: 'tone', value: 'formal' } },
    ]);
    const orgOnly = await call(team.app, member.token, 'GET', `/orgs/${orgId}/variables`);
    expect(orgOnly.body).toEqual({ org: { team: 'Platform', tone: 'friendly' }, project: {} });
    const withProject = await call(team.app, member.token, 'GET', `/orgs/${orgId}/variables?projectId=${project.id}`);
    expect(withProject.body).toEqual({ org: { team: 'Platform', tone: 'friendly' }, project: { tone: 'formal' } });
  });

  it('a viewer may read but not write: 403, nothing changed', async () => {
    const { viewer } = team.orgA;
    expect((await pull(viewer.token)).status).toBe(200);
    const before = await storedRows();
    const reply = await push(viewer.token, [{ kind: 'variable', id: 'var-team', projectId: null, baseVersion: 1, body: { name: 'team', value: 'hacked' } }]);
    expect(reply.status).toBe(403);
    expect(reply.body).toMatchObject({ error: 'forbidden', message: expect.stringContaining('viewer') });
    expect(await storedRows()).toBe(before);
    expect((await call(team.app, team.orgA.member.token, 'PATCH', `/orgs/${orgId}`, { collectRunText: true })).status).toBe(403);
    expect((await call(team.app, team.orgA.member.token, 'POST', `/orgs/${orgId}/projects`, { name: 'x' })).status).toBe(403);
  });

  it('bad input gets a clear 4xx and changes nothing', async () => {
    const { member } = team.orgA;
    const before = await storedRows();
    const good = { kind: 'prompt', id: 'fresh', projectId: null, baseVersion: 0, body: samplePrompt() };
    const cases: [string, () => Promise<{ status: number; body: any }>, number, string][] = [
      ['unknown field on a change', () => push(member.token, [{ ...good, extra: 1 }]), 400, 'invalid_request'],
      ['unknown field in a body', () => push(member.token, [{ ...good, body: { ...samplePrompt(), script: 'x' } }]), 400, 'invalid_request'],
      [
        'unknown top-level field',
        () => call(team.app, member.token, 'POST', `/orgs/${orgId}/sync/push`, { changes: [good], force: true }),
        400,
        'invalid_request',
      ],
      ['a record twice in one push', () => push(member.token, [good, good]), 400, 'invalid_request'],
      ['an id with a slash', () => push(member.token, [{ ...good, id: '../x' }]), 400, 'invalid_request'],
      ['an unknown project', () => push(member.token, [{ ...good, projectId: '00000000-0000-4000-8000-000000000000' }]), 400, 'unknown_project'],
      [
        'an oversize body',
        () => push(member.token, [{ ...good, body: { ...samplePrompt(), messages: [{ role: 'user', content: 'x'.repeat(70 * 1024) }] } }]),
        413,
        'body_too_large',
      ],
      [
        'not JSON',
        async () => {
          const r = await team.app.inject({
            method: 'POST',
            url: `/orgs/${orgId}/sync/push`,
            headers: { authorization: `Bearer ${member.token}`, 'content-type': 'application/json' },
            payload: '{"changes": [',
          });
          return { status: r.statusCode, body: r.json() };
        },
        400,
        'invalid_json',
      ],
      ['a malformed cursor', () => pull(member.token, 'garbage'), 400, 'invalid_cursor'],
      ['a cursor of base64 junk', () => pull(member.token, 'c1.' + Buffer.from('{"o":1}').toString('base64url')), 400, 'invalid_cursor'],
      ["another org's cursor", () => pull(member.token, encodeCursor(team.orgB.id, '1')), 400, 'invalid_cursor'],
      ['an unknown query parameter', () => call(team.app, member.token, 'GET', `/orgs/${orgId}/sync?since=1`), 400, 'invalid_request'],
      ['a malformed org id', () => call(team.app, member.token, 'GET', `/orgs/not-a-uuid/sync`), 400, 'invalid_request'],
    ];
    for (const [name, send, status, code] of cases) {
      const reply = await send();
      expect(reply.status, name).toBe(status);
      expect(reply.body.error, name).toBe(code);
      expect(reply.body.message, name).toMatch(/\w{3,}/);
    }
    expect(await storedRows()).toBe(before);
  });
});
