import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../test/testDatabase.ts';
import { call, startTeam, type Team } from '../test/teamFixture.ts';

// API tokens: stored as SHA-256 only, shown once, revocable, optionally expiring; every refusal is a 401.

describe.each(backends)('API tokens (%s)', (backend) => {
  let team: Team;
  beforeAll(async () => {
    team = await startTeam(backend);
  });
  afterAll(() => team?.close());

  it('no token, a malformed header or an unknown token get 401 with a reason', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{}, /Bearer/],
      [{ authorization: 'Basic abc' }, /Bearer/],
      [{ authorization: 'Bearer fbt_not-a-real-token' }, /not known/],
    ];
    for (const [headers, message] of cases) {
      const reply = await team.app.inject({ method: 'GET', url: '/me', headers });
      expect(reply.statusCode).toBe(401);
      expect(reply.headers['www-authenticate']).toBe('Bearer');
      expect(reply.json()).toMatchObject({ error: 'unauthorized', message: expect.stringMatching(message) });
    }
  });

  it('a new token is shown once, stored only as its SHA-256, and works at once', async () => {
    const { owner } = team.orgA;
    const made = await call(team.app, owner.token, 'POST', '/me/tokens', { name: 'laptop' });
    expect(made.status).toBe(200);
    expect(made.body.token).toMatch(/^fbt_[A-Za-z0-9_-]{43}$/);
    const rows = await team.db.owner.selectFrom('api_tokens').select('token_hash').where('id', '=', made.body.id).execute();
    expect(Buffer.from(rows[0].token_hash).equals(createHash('sha256').update(made.body.token).digest())).toBe(true);
    const listed = await call(team.app, made.body.token, 'GET', '/me/tokens');
    expect(JSON.stringify(listed.body)).not.toContain(made.body.token);
    expect(listed.body.tokens.find((t: { id: string }) => t.id === made.body.id)).toMatchObject({ name: 'laptop', current: true, revokedAt: null });
    expect((await call(team.app, made.body.token, 'GET', '/me')).body.user.id).toBe(owner.userId);
  });

  it('a revoked token gets 401 from its next request on', async () => {
    const { owner } = team.orgA;
    const made = await call(team.app, owner.token, 'POST', '/me/tokens', { name: 'to revoke' });
    expect((await call(team.app, made.body.token, 'GET', '/me')).status).toBe(200);
    expect((await call(team.app, owner.token, 'DELETE', `/me/tokens/${made.body.id}`)).body).toEqual({ revoked: true });
    const after = await call(team.app, made.body.token, 'GET', '/me');
    expect(after.status).toBe(401);
    expect(after.body.message).toMatch(/revoked/);
    // Someone else's token cannot be revoked (it is invisible to them).
    expect((await call(team.app, team.orgB.owner.token, 'DELETE', `/me/tokens/${made.body.id}`)).status).toBe(404);
  });

  it('an expired token gets 401', async () => {
    const { member } = team.orgA;
    const made = await call(team.app, member.token, 'POST', '/me/tokens', { name: 'short', expiresInDays: 1 });
    expect((await call(team.app, made.body.token, 'GET', '/me')).status).toBe(200);
    await team.db.owner
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', made.body.id)
      .execute();
    const after = await call(team.app, made.body.token, 'GET', '/me');
    expect(after.status).toBe(401);
    expect(after.body.message).toMatch(/expired/);
  });

  it('adding someone who already has an account gives no token for them', async () => {
    const { id } = team.orgB;
    const reply = await call(team.app, team.orgB.owner.token, 'POST', `/orgs/${id}/members`, { email: 'member@a.test', name: 'x', role: 'member' });
    expect(reply.body).toMatchObject({ userId: team.orgA.member.userId, created: false, token: null });
  });
});
