import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedRun, type StoredRun } from '../../lib/sync/syncSchemas.ts';
import { backends } from '../test/testDatabase.ts';
import { call, sampleRun, startTeam, type Team } from '../test/teamFixture.ts';

// ai_runs / ai_tasks: append-only and idempotent; metadata always, the answers' text only when the
// org collects it; nothing when the org does not collect runs.

describe.each(backends)('runs (%s)', (backend) => {
  let team: Team;
  let orgId: string;
  const send = (token: string, runs: unknown[]) => call(team.app, token, 'POST', `/orgs/${orgId}/runs`, { runs });
  const list = async (): Promise<StoredRun[]> =>
    (await call(team.app, team.orgA.owner.token, 'GET', `/orgs/${orgId}/runs`)).body.runs.map((r: unknown) => storedRun.parse(r));

  beforeAll(async () => {
    team = await startTeam(backend);
    orgId = team.orgA.id;
  });
  afterAll(() => team?.close());

  it('a run sent twice (a retry after a lost reply) is stored once, with its tasks once', async () => {
    const { member } = team.orgA;
    const first = await send(member.token, [sampleRun('run-1', ['task-1', 'task-2'])]);
    expect(first.body.runs).toEqual([{ id: 'run-1', stored: true, tasksStored: 2 }]);
    const again = await send(member.token, [sampleRun('run-1', ['task-1', 'task-2'])]);
    expect(again.body.runs).toEqual([{ id: 'run-1', stored: false, tasksStored: 0 }]);
    const runs = await list();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ id: 'run-1', userId: member.userId, sourceType: 'prompt', totalTokens: 30, totalCost: 0.001 });
    expect(runs[0].tasks.map((t) => [t.id, t.model, t.provider, t.promptTokens, t.completionTokens, t.timeToFirstToken, t.duration, t.status])).toEqual([
      ['task-1', 'llama3.2', 'Ollama', 10, 20, 120, 900, 'completed'],
      ['task-2', 'llama3.2', 'Ollama', 10, 20, 120, 900, 'completed'],
    ]);
    expect(await team.db.owner.selectFrom('ai_tasks').select('id').where('org_id', '=', orgId).execute()).toHaveLength(2);
  });

  it('the same run sent by several retries at once is stored once', async () => {
    const { member } = team.orgA;
    const replies = await Promise.all(Array.from({ length: 6 }, () => send(member.token, [sampleRun('run-raced', ['raced-1', 'raced-2'])])));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(replies.filter((r) => r.body.runs[0].stored)).toHaveLength(1);
    expect(replies.reduce((sum, r) => sum + r.body.runs[0].tasksStored, 0)).toBe(2);
    expect(await team.db.owner.selectFrom('ai_tasks').select('id').where('run_id', '=', 'run-raced').execute()).toHaveLength(2);
  });

  it('a later task of a stored run (the chat went on) is appended; the rest stays as it was', async () => {
    const { member } = team.orgA;
    const reply = await send(member.token, [{ ...sampleRun('run-1', ['task-1', 'task-2', 'task-3']), name: 'renamed', totalTokens: 999 }]);
    expect(reply.body.runs).toEqual([{ id: 'run-1', stored: false, tasksStored: 1 }]);
    const [run] = await list();
    expect(run.tasks.map((t) => t.id)).toEqual(['task-1', 'task-2', 'task-3']);
    expect(run).toMatchObject({ name: 'Summarise: hello', totalTokens: 30 });
  });

  it("the answers' text is kept only when the org collects it", async () => {
    const { owner, viewer } = team.orgA;
    await send(viewer.token, [sampleRun('run-no-text', ['t-no-text'], 'private answer')]);
    expect((await call(team.app, owner.token, 'PATCH', `/orgs/${orgId}`, { collectRunText: true })).body.settings).toEqual({
      collectRuns: true,
      collectRunText: true,
    });
    await send(viewer.token, [sampleRun('run-text', ['t-text'], 'shared answer')]);
    const byId = Object.fromEntries((await list()).map((r) => [r.id, r]));
    expect(byId['run-no-text'].tasks[0].output).toBeNull();
    expect(byId['run-text'].tasks[0].output).toBe('shared answer');
    const stored = await team.db.owner.selectFrom('ai_tasks').select(['id', 'output']).where('id', '=', 't-no-text').execute();
    expect(stored).toEqual([{ id: 't-no-text', output: null }]);
  });

  it('an org that does not collect runs refuses them (403) and stores nothing', async () => {
    const { owner, member } = team.orgA;
    await call(team.app, owner.token, 'PATCH', `/orgs/${orgId}`, { collectRuns: false });
    const reply = await send(member.token, [sampleRun('run-refused')]);
    expect(reply.status).toBe(403);
    expect(reply.body.error).toBe('runs_not_collected');
    expect((await list()).map((r) => r.id)).not.toContain('run-refused');
    await call(team.app, owner.token, 'PATCH', `/orgs/${orgId}`, { collectRuns: true });
  });

  it('a batch with one malformed run stores none of it', async () => {
    const { member } = team.orgA;
    const before = (await list()).length;
    const bad = { ...sampleRun('run-bad'), tasks: [{ ...sampleRun('run-bad').tasks[0], status: 'running' }] };
    const reply = await send(member.token, [sampleRun('run-ok'), bad]);
    expect(reply.status).toBe(400);
    expect(reply.body.message).toContain('status');
    expect((await list()).length).toBe(before);
  });

  it('runs are append-only for the application role: no update, no delete', async () => {
    const { asUser } = await import('../db/asUser.ts');
    await expect(asUser(team.db.app, team.orgA.owner.userId, (tx) => tx.updateTable('ai_runs').set({ name: 'x' }).execute())).rejects.toThrow(
      /permission denied/,
    );
    await expect(asUser(team.db.app, team.orgA.owner.userId, (tx) => tx.deleteFrom('ai_tasks').execute())).rejects.toThrow(/permission denied/);
  });
  it('a batch of runs is counted run by run: new, already stored, and the same run twice in one request', async () => {
    const { member } = team.orgA;
    const reply = await send(member.token, [
      sampleRun('batch-1', ['batch-1a', 'batch-1b']),
      sampleRun('run-raced', ['raced-1', 'raced-2', 'raced-3']),
      sampleRun('batch-2', ['batch-2a']),
      sampleRun('batch-2', ['batch-2a', 'batch-2b']),
    ]);
    expect(reply.body.runs).toEqual([
      { id: 'batch-1', stored: true, tasksStored: 2 },
      { id: 'run-raced', stored: false, tasksStored: 1 },
      { id: 'batch-2', stored: true, tasksStored: 2 },
      { id: 'batch-2', stored: false, tasksStored: 0 },
    ]);
    const tasks = await team.db.owner.selectFrom('ai_tasks').select('id').where('run_id', 'in', ['batch-1', 'batch-2']).orderBy('id').execute();
    expect(tasks.map((t) => t.id)).toEqual(['batch-1a', 'batch-1b', 'batch-2a', 'batch-2b']);
  });
});
