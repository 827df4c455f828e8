import { describe, expect, it } from 'vitest';
import { INTERRUPTED_ERROR } from '../flows/flowRunPersistence';
import { pendingAction } from '../flows/flowRunsSlice';
import type { ActionRun, FlowRun } from '../flows/flowTypes';
import { runUpload } from '../sync/syncSchemas';
import { flowRunEnded, flowRunUploadOf, flowTaskId } from './flowRunUpload';

const action = (over: Partial<ActionRun> & Pick<ActionRun, 'actionId' | 'name' | 'status'>): ActionRun => ({
  ...pendingAction(over.actionId, over.name),
  ...over,
});

const run: FlowRun = {
  runId: '5f0c1c8e-1d7e-4a43-9a8a-2b8f4a0c9e11',
  flowId: 'flow-1',
  flowName: 'Compare and combine',
  status: 'failed',
  inputs: { selection: 'secret page text' },
  startedAt: 1_000,
  updatedAt: 9_000,
  endedAt: 9_000,
  logs: [],
  steps: [
    {
      stepId: 's1',
      status: 'completed',
      actions: [
        action({
          actionId: 'a',
          name: 'a',
          status: 'completed',
          output: 'Alpha answer',
          startedAt: 1_100,
          duration: 1_234.6,
          timeToFirstToken: 250.4,
          promptTokens: 10,
          completionTokens: 5,
          cost: 0.25,
          model: 'gpt-x',
        }),
        action({ actionId: 'b', name: 'b', status: 'failed', error: 'HTTP 500 from the provider', startedAt: 1_200, duration: 300, model: 'gpt-y' }),
      ],
    },
    {
      stepId: 's2',
      status: 'canceled',
      actions: [
        action({
          actionId: 'c',
          name: 'c',
          status: 'canceled',
          output: 'half an ans',
          startedAt: 5_000,
          promptTokens: 7,
          completionTokens: 1,
          cost: 0.5,
          model: 'gpt-x',
        }),
        action({ actionId: 'd', name: 'd', status: 'pending' }),
      ],
    },
    { stepId: 's3', status: 'failed', actions: [action({ actionId: 'e', name: 'e', status: 'failed', error: INTERRUPTED_ERROR })] },
  ],
  snapshot: {
    flowName: 'Compare and combine',
    steps: [
      {
        stepId: 's1',
        name: '',
        continueOnError: false,
        actions: [
          { actionId: 'a', name: 'a', promptId: null, template: [], providerId: 'openai', model: 'gpt-x', fileIds: [], problem: null },
          { actionId: 'b', name: 'b', promptId: null, template: [], providerId: null, model: 'gpt-y', fileIds: [], problem: null },
        ],
      },
    ],
  },
};

const providerName = (id: string | null) => (id === null ? 'Default provider' : `Provider ${id}`);

describe('flowRunUploadOf', () => {
  it('sends the run as source flow with its name and totals, one task per action that ran, valid on the wire', () => {
    const upload = flowRunUploadOf(run, { projectId: null, includeText: false, providerName });
    expect(runUpload.parse(upload)).toEqual(upload);
    expect(upload).toMatchObject({ id: run.runId, sourceType: 'flow', sourceId: 'flow-1', name: 'Compare and combine', createdAt: 1_000, projectId: null });
    expect(upload.totalTokens).toBe(10 + 5 + 7 + 1);
    expect(upload.totalCost).toBeCloseTo(0.75);
    // d never started (no task); e failed when the worker stopped (interrupted).
    expect(upload.tasks.map((t) => [t.model, t.provider, t.status, t.error])).toEqual([
      ['gpt-x', 'Provider openai', 'completed', null],
      ['gpt-y', 'Default provider', 'error', 'HTTP 500 from the provider'],
      ['gpt-x', '', 'stopped', null],
      ['', '', 'interrupted', INTERRUPTED_ERROR],
    ]);
    expect(upload.tasks[0]).toMatchObject({ promptTokens: 10, completionTokens: 5, cost: 0.25, timeToFirstToken: 250, duration: 1_235, createdAt: 1_100 });
  });

  it('carries the answers only when the org collects run text, and never the run inputs', () => {
    const without = flowRunUploadOf(run, { projectId: null, includeText: false, providerName });
    expect(without.tasks.some((t) => 'output' in t)).toBe(false);
    expect(JSON.stringify(without)).not.toContain('secret page text');
    const withText = flowRunUploadOf(run, { projectId: '8a1f7c52-5d0e-4a43-9a8a-2b8f4a0c9e11', includeText: true, providerName });
    expect(withText.tasks.map((t) => t.output)).toEqual(['Alpha answer', '', 'half an ans', '']);
    expect(withText.projectId).toBe('8a1f7c52-5d0e-4a43-9a8a-2b8f4a0c9e11');
  });

  it('gives each attempt of an action its own stable task id, so a re-run adds a task and a resend adds none', () => {
    const first = flowRunUploadOf(run, { projectId: null, includeText: false, providerName });
    expect(flowRunUploadOf(run, { projectId: null, includeText: false, providerName }).tasks.map((t) => t.id)).toEqual(first.tasks.map((t) => t.id));
    const rerun: FlowRun = structuredClone(run);
    rerun.steps[0].actions[1] = { ...rerun.steps[0].actions[1], status: 'completed', error: null, startedAt: 20_000 };
    const again = flowRunUploadOf(rerun, { projectId: null, includeText: false, providerName }).tasks.map((t) => t.id);
    expect(again[0]).toBe(first.tasks[0].id);
    expect(again[1]).not.toBe(first.tasks[1].id);
    expect(new Set(again).size).toBe(again.length);
    expect(flowTaskId('x'.repeat(200), 12, 3, 1_700_000_000_000)).toMatch(/^[A-Za-z0-9_-]{1,128}$/);
  });

  it('a running run is not ended; completed, failed, canceled and interrupted runs are', () => {
    expect(flowRunEnded({ ...run, status: 'running' })).toBe(false);
    for (const status of ['completed', 'failed', 'canceled', 'interrupted'] as const) expect(flowRunEnded({ ...run, status })).toBe(true);
  });
});
