import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowBody, PromptBody, RunUpload, SyncChange, SyncRecord } from '../../lib/sync/syncSchemas.ts';
import type { QueuedRun, TeamSyncState } from '../../lib/sync/syncState.ts';
import { TeamOfflineError, createTeamApi } from '../../lib/sync/teamApi.ts';
import { createTeamSyncEngine, type TeamSyncPort } from '../../lib/sync/teamSyncEngine.ts';
import { buildApp } from '../app.ts';
import { backends } from '../test/testDatabase.ts';
import { flowRunUploadOf } from '../../lib/team/flowRunUpload.ts';
import type { FlowRun } from '../../lib/flows/flowTypes.ts';
import { call, samplePrompt, sampleRun, startTeam, type Team } from '../test/teamFixture.ts';

// The extension's sync client (lib/sync) against the real server over HTTP on 127.0.0.1: two
// browsers of one org (an in-memory library each), the server going away and coming back.

/** One browser's local library and queue, in memory (the extension's is Dexie: lib/team/dexieSyncPort.ts). */
function memoryBrowser() {
  const library = new Map<string, PromptBody | FlowBody>();
  const runs = new Map<string, RunUpload>();
  let queue: QueuedRun[] = [];
  /** runs not ended yet (a flow run whose last save is on its way): the port answers 'later' */
  const notEnded = new Set<string>();
  let saved: TeamSyncState | null = null;
  /** this browser's user variables (the extension's scopedVariables rows of scope 'user') */
  const userVariables = new Map<string, string>();
  const port: TeamSyncPort = {
    loadState: async () => (saved ? structuredClone(saved) : null),
    saveState: async (s) => void (saved = structuredClone(s)),
    applyRecords: async (_orgId, records: SyncRecord[]) => {
      for (const r of records) {
        if (r.kind === 'variable') continue;
        if (r.body) library.set(`${r.kind}:${r.id}`, r.body);
        else library.delete(`${r.kind}:${r.id}`);
      }
    },
    readBody: async (kind, id) => library.get(`${kind}:${id}`),
    queuedRuns: async (limit) => queue.slice(0, limit),
    runUpload: async (q, includeText) => {
      if (notEnded.has(q.runId)) return 'later';
      const run = runs.get(q.runId);
      return run ? { ...run, projectId: q.projectId, tasks: run.tasks.map(({ output, ...t }) => (includeText ? { ...t, output } : t)) } : null;
    },
    removeQueuedRuns: async (sent) => void (queue = queue.filter((q) => !sent.some((s) => s.runId === q.runId && s.queuedAt >= q.queuedAt))),
    userVariables: async () => [...userVariables].map(([name, value]) => ({ name, value })),
    writeUserVariables: async (writes) => {
      for (const { name, value } of writes) {
        if (value === null) userVariables.delete(name);
        else userVariables.set(name, value);
      }
    },
  };
  return {
    port,
    library,
    userVariables,
    queueRun(run: RunUpload, orgId: string) {
      runs.set(run.id, run);
      queue = [...queue.filter((q) => q.runId !== run.id), { runId: run.id, orgId, projectId: null, queuedAt: Date.now() }];
    },
    queued: () => queue.length,
    notEnded,
  };
}

describe.each(backends)('the sync client against the server (%s)', (backend) => {
  let team: Team;
  let app: FastifyInstance;
  let url: string;
  let port: number;
  let n = 0;
  const newId = () => `id${++n}`;

  const browser = (token: string) => {
    const local = memoryBrowser();
    return { ...local, engine: createTeamSyncEngine({ api: createTeamApi({ serverUrl: url, token, timeoutMs: 5_000 }), port: local.port }) };
  };

  /** a browser whose pushes are recorded as sent */
  const recordingBrowser = (token: string) => {
    const local = memoryBrowser();
    const api = createTeamApi({ serverUrl: url, token, timeoutMs: 5_000 });
    const pushes: SyncChange[][] = [];
    const recording = { ...api, push: (orgId: string, changes: SyncChange[]) => (pushes.push(structuredClone(changes)), api.push(orgId, changes)) };
    return { ...local, pushes, engine: createTeamSyncEngine({ api: recording, port: local.port, newId }) };
  };

  beforeAll(async () => {
    team = await startTeam(backend);
    app = await buildApp({ db: team.db.app });
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;
    url = `http://127.0.0.1:${port}`;
    await call(team.app, team.orgA.owner.token, 'PATCH', `/orgs/${team.orgA.id}`, { collectRuns: true, collectRunText: false });
  });
  afterAll(async () => {
    await app?.close();
    await team?.close();
  });

  it("an admin's org variable and shared prompt reach another member; the org's values come from the server", async () => {
    const admin = browser(team.orgA.admin.token);
    const member = browser(team.orgA.member.token);
    await admin.engine.syncOnce();
    await admin.engine.setVariable(team.orgA.id, null, 'team', 'Platform', newId);
    admin.library.set('prompt:shared-1', samplePrompt('Shared summary'));
    await admin.engine.markEdited('prompt', 'shared-1', { share: { orgId: team.orgA.id, projectId: null } });
    const pushed = await admin.engine.syncOnce();
    expect(pushed.pendingEdits).toBe(0);

    const summary = await member.engine.syncOnce();
    expect(summary.received).toMatchObject({ prompt: 1, variable: 1 });
    expect(member.library.get('prompt:shared-1')).toMatchObject({ name: 'Shared summary' });
    expect(await member.engine.scopedVariables(team.orgA.id, null)).toEqual({ org: { team: 'Platform' }, project: {}, offline: false });
  });

  it('a conflicting edit is refused with both copies; keep mine pushes on the current version, take theirs replaces mine', async () => {
    const admin = browser(team.orgA.admin.token);
    const member = browser(team.orgA.member.token);
    await admin.engine.syncOnce();
    await member.engine.syncOnce();
    admin.library.set('prompt:shared-1', samplePrompt('Admin title'));
    await admin.engine.markEdited('prompt', 'shared-1');
    member.library.set('prompt:shared-1', samplePrompt('Member title'));
    await member.engine.markEdited('prompt', 'shared-1');
    await admin.engine.syncOnce();
    const refused = await member.engine.syncOnce();
    expect(refused.conflicts).toBe(1);
    const conflict = (await member.engine.state()).records['prompt:shared-1'];
    expect(conflict.pending).toBe('conflict');
    expect(conflict.theirs?.body).toMatchObject({ name: 'Admin title' });
    expect(member.library.get('prompt:shared-1')).toMatchObject({ name: 'Member title' });

    await member.engine.resolveConflict('prompt', 'shared-1', 'mine');
    expect((await member.engine.syncOnce()).conflicts).toBe(0);
    await admin.engine.syncOnce();
    expect(admin.library.get('prompt:shared-1')).toMatchObject({ name: 'Member title' });

    // And the other way: the admin's next edit loses to a newer one and takes theirs.
    member.library.set('prompt:shared-1', samplePrompt('Member again'));
    await member.engine.markEdited('prompt', 'shared-1');
    admin.library.set('prompt:shared-1', samplePrompt('Admin again'));
    await admin.engine.markEdited('prompt', 'shared-1');
    await member.engine.syncOnce();
    expect((await admin.engine.syncOnce()).conflicts).toBe(1);
    await admin.engine.resolveConflict('prompt', 'shared-1', 'theirs');
    expect(admin.library.get('prompt:shared-1')).toMatchObject({ name: 'Member again' });
    expect((await admin.engine.syncOnce()).pendingEdits).toBe(0);
  });

  it('a viewer receives shared records but pushes nothing; another org sees none of them', async () => {
    const viewer = browser(team.orgA.viewer.token);
    await viewer.engine.syncOnce();
    expect(viewer.library.has('prompt:shared-1')).toBe(true);
    viewer.library.set('prompt:shared-1', samplePrompt('Viewer edit'));
    await viewer.engine.markEdited('prompt', 'shared-1');
    expect((await viewer.engine.syncOnce()).pendingEdits).toBe(1);
    const current = await call(team.app, team.orgA.owner.token, 'GET', `/orgs/${team.orgA.id}/sync`);
    expect(current.body.changes.find((c: SyncRecord) => c.id === 'shared-1').body.name).toBe('Member again');

    const other = browser(team.orgB.owner.token);
    const summary = await other.engine.syncOnce();
    expect(summary.me.orgs.map((o) => o.id)).toEqual([team.orgB.id]);
    expect(summary.received).toEqual({ prompt: 0, flow: 0, variable: 0 });
    expect(other.library.size).toBe(0);
  });

  it('runs queued while the server is down reach ai_runs exactly once after it comes back, without their text when the org does not collect it', async () => {
    const member = browser(team.orgA.member.token);
    await member.engine.syncOnce();
    await app.close();
    member.queueRun(sampleRun('offline-run-1', ['offline-task-1']), team.orgA.id);
    member.queueRun(sampleRun('offline-run-2', ['offline-task-2']), team.orgA.id);
    await expect(member.engine.syncOnce()).rejects.toBeInstanceOf(TeamOfflineError);
    // Offline, the org's variables come from the local copy.
    expect(await member.engine.scopedVariables(team.orgA.id, null)).toEqual({ org: { team: 'Platform' }, project: {}, offline: true });
    expect(member.queued()).toBe(2);

    app = await buildApp({ db: team.db.app });
    await app.listen({ host: '127.0.0.1', port });
    expect((await member.engine.syncOnce()).runsSent).toBe(2);
    expect(member.queued()).toBe(0);
    // A lost reply: the same run again (the chat went on) is skipped by the server.
    member.queueRun(sampleRun('offline-run-1', ['offline-task-1']), team.orgA.id);
    await member.engine.syncOnce();
    const rows = await team.db.owner.selectFrom('ai_runs').select('id').where('id', 'like', 'offline-run-%').execute();
    expect(rows.map((r) => r.id).sort()).toEqual(['offline-run-1', 'offline-run-2']);
    const tasks = await team.db.owner.selectFrom('ai_tasks').select(['id', 'output']).where('id', 'like', 'offline-task-%').execute();
    expect(tasks).toHaveLength(2);
    expect(tasks.every((t) => t.output === null)).toBe(true);
  });

  it('a flow run is sent once it has ended, as source flow with one task per action, exactly once', async () => {
    const member = browser(team.orgA.member.token);
    const action = { streamingOutput: false, timeToFirstToken: 40, promptTokens: 3, completionTokens: 2, cost: 0.01, model: 'echo' };
    const flowRun: FlowRun = {
      runId: 'flow-run-1',
      flowId: 'flow-1',
      flowName: 'Compare and combine',
      status: 'failed',
      inputs: {},
      logs: [],
      startedAt: 1_000,
      updatedAt: 2_000,
      endedAt: 2_000,
      steps: [
        {
          stepId: 's1',
          status: 'failed',
          actions: [
            { ...action, actionId: 'a', name: 'a', status: 'completed', output: 'A', error: null, startedAt: 1_100, duration: 500 },
            { ...action, actionId: 'b', name: 'b', status: 'failed', output: '', error: 'HTTP 500', startedAt: 1_100, duration: 20 },
          ],
        },
      ],
      snapshot: {
        flowName: 'Compare and combine',
        steps: [
          {
            stepId: 's1',
            name: '',
            continueOnError: false,
            actions: ['a', 'b'].map((id) => ({
              actionId: id,
              name: id,
              promptId: null,
              template: [],
              providerId: null,
              model: 'echo',
              fileIds: [],
              problem: null,
            })),
          },
        ],
      },
    };
    const upload = flowRunUploadOf(flowRun, { projectId: null, includeText: true, providerName: () => 'Local test LLM' });
    member.queueRun(upload, team.orgA.id);
    member.notEnded.add(upload.id);
    expect((await member.engine.syncOnce()).runsSent).toBe(0);
    expect(member.queued()).toBe(1);
    member.notEnded.delete(upload.id);
    expect((await member.engine.syncOnce()).runsSent).toBe(1);
    expect(member.queued()).toBe(0);
    member.queueRun(upload, team.orgA.id); // ended again after nothing new: the server skips it
    await member.engine.syncOnce();
    const rows = await team.db.owner
      .selectFrom('ai_runs')
      .select(['id', 'source_type', 'source_id', 'name', 'total_tokens'])
      .where('id', '=', 'flow-run-1')
      .execute();
    expect(rows).toEqual([{ id: 'flow-run-1', source_type: 'flow', source_id: 'flow-1', name: 'Compare and combine', total_tokens: 10 }]);
    const tasks = await team.db.owner
      .selectFrom('ai_tasks')
      .select(['status', 'error', 'output', 'provider'])
      .where('run_id', '=', 'flow-run-1')
      .orderBy('status')
      .execute();
    expect(tasks).toEqual([
      { status: 'completed', error: null, output: null, provider: 'Local test LLM' },
      { status: 'error', error: 'HTTP 500', output: null, provider: 'Local test LLM' },
    ]);
  });

  it("user variables: while the opt-in is off none is in any push; on, they reach the same user's other browser and no colleague", async () => {
    const orgId = team.orgA.id;
    const laptop = recordingBrowser(team.orgA.member.token);
    laptop.userVariables.set('language', 'Klingon');
    laptop.userVariables.set('signature', 'Private Member');
    // Off (the default): an org variable edit is pushed, the user variables are not.
    await laptop.engine.setVariable(orgId, null, 'laptopOrgVar', 'shared value', newId);
    await laptop.engine.syncOnce();
    expect(laptop.pushes.length).toBeGreaterThan(0);
    const sentOff = JSON.stringify(laptop.pushes);
    expect(sentOff).toContain('laptopOrgVar');
    expect(sentOff).not.toContain('Klingon');
    expect(sentOff).not.toContain('Private Member');
    expect(laptop.pushes.flat().some((c) => c.kind === 'variable' && c.scope === 'user')).toBe(false);
    expect(JSON.stringify((await call(team.app, team.orgA.member.token, 'GET', `/orgs/${orgId}/sync`)).body)).not.toContain('Klingon');

    // On: they go up as user scope, only the owner's pull has them.
    await laptop.engine.setUserVariableSync(orgId);
    await laptop.engine.syncOnce();
    const userChanges = laptop.pushes.flat().filter((c): c is Extract<SyncChange, { kind: 'variable' }> => c.kind === 'variable' && c.scope === 'user');
    expect(userChanges.map((c) => c.body?.name).sort()).toEqual(['language', 'signature']);
    const ownPull = await call(team.app, team.orgA.member.token, 'GET', `/orgs/${orgId}/sync`);
    expect(ownPull.body.changes.filter((c: { scope?: string }) => c.scope === 'user')).toHaveLength(2);

    // The same user's other browser, opted in with a value of its own: it gets the laptop's, keeps its own.
    const desktop = browser(team.orgA.member.token);
    desktop.userVariables.set('tone', 'dry');
    await desktop.engine.setUserVariableSync(orgId);
    await desktop.engine.syncOnce();
    expect(Object.fromEntries(desktop.userVariables)).toEqual({ language: 'Klingon', signature: 'Private Member', tone: 'dry' });
    await laptop.engine.syncOnce();
    expect(laptop.userVariables.get('tone')).toBe('dry');
    // An edit and a deletion travel too.
    laptop.userVariables.set('language', 'Esperanto');
    laptop.userVariables.delete('signature');
    await laptop.engine.syncOnce();
    await desktop.engine.syncOnce();
    expect(Object.fromEntries(desktop.userVariables)).toEqual({ language: 'Esperanto', tone: 'dry' });
    // The org's values are not mixed with them.
    expect((await desktop.engine.scopedVariables(orgId, null)).org).not.toHaveProperty('language');

    // A colleague (the org's owner), opted in too, receives none of them.
    const owner = browser(team.orgA.owner.token);
    owner.userVariables.set('language', 'Owner language');
    await owner.engine.setUserVariableSync(orgId);
    await owner.engine.syncOnce();
    expect(Object.fromEntries(owner.userVariables)).toEqual({ language: 'Owner language' });
    expect(JSON.stringify(await owner.engine.state())).not.toContain('Esperanto');
    await desktop.engine.syncOnce();
    expect(desktop.userVariables.get('language')).toBe('Esperanto');

    // Off again: local values stay, and later changes are not sent.
    await laptop.engine.setUserVariableSync(null);
    const before = laptop.pushes.length;
    laptop.userVariables.set('language', 'Off-the-record');
    await laptop.engine.setVariable(orgId, null, 'laptopOrgVar', 'changed', newId);
    await laptop.engine.syncOnce();
    expect(laptop.userVariables.get('language')).toBe('Off-the-record');
    expect(laptop.pushes.length).toBeGreaterThan(before);
    expect(JSON.stringify(laptop.pushes.slice(before))).not.toContain('Off-the-record');
    expect(
      laptop.pushes
        .slice(before)
        .flat()
        .some((c) => c.kind === 'variable' && c.scope === 'user'),
    ).toBe(false);
    await desktop.engine.syncOnce();
    expect(desktop.userVariables.get('language')).toBe('Esperanto');
  });
});
