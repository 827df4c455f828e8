// Rebuilding cut-off flow actions from their pieces (fake-indexeddb, as every unit test's database).
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type FlowbarDb } from '../db/database';
import { actionPieceKey, deleteRunPieces, withPieceOutputs } from './actionPieces';
import { pendingAction } from './flowRunsSlice';
import type { FlowRun } from './flowTypes';

let db: FlowbarDb;
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const run = (): FlowRun => ({
  runId: 'r1',
  flowId: 'f',
  flowName: 'F',
  status: 'running',
  inputs: {},
  logs: [],
  startedAt: 1,
  updatedAt: 1,
  endedAt: null,
  steps: [
    { stepId: 's1', status: 'completed', actions: [{ ...pendingAction('a', 'a'), status: 'completed', output: 'done' }] },
    {
      stepId: 's2',
      status: 'running',
      actions: [
        { ...pendingAction('b', 'b'), status: 'running', output: 'he' },
        pendingAction('c', 'c'),
        { ...pendingAction('d', 'd'), status: 'running', output: 'saved in the row' },
      ],
    },
  ],
});

describe('withPieceOutputs', () => {
  it('joins each unfinished action’s pieces in seq order, up to a gap; leaves finished actions and other runs’ pieces alone', async () => {
    db = openDatabase(`pieces-${crypto.randomUUID()}`);
    const b = actionPieceKey('r1', 1, 0);
    const c = actionPieceKey('r1', 1, 1);
    await db.taskChunks.bulkAdd([
      { taskId: b, seq: 1, text: 'llo ', at: 2 },
      { taskId: b, seq: 0, text: 'he', at: 1 },
      { taskId: b, seq: 2, text: 'world', at: 3 },
      { taskId: c, seq: 0, text: 'first ', at: 1 },
      { taskId: c, seq: 2, text: 'after a gap', at: 3 },
      { taskId: actionPieceKey('r1', 0, 0), seq: 0, text: 'stale', at: 1 },
      { taskId: actionPieceKey('r10', 1, 0), seq: 0, text: 'another run', at: 1 },
      { taskId: 'r1', seq: 0, text: 'a prompt task', at: 1 },
    ]);
    const rebuilt = await withPieceOutputs(db, run());
    expect(rebuilt.steps[0].actions[0].output).toBe('done');
    expect(rebuilt.steps[1].actions.map((a) => a.output)).toEqual(['hello world', 'first ', 'saved in the row']);

    await deleteRunPieces(db, 'r1');
    expect((await db.taskChunks.toArray()).map((p) => p.text).sort()).toEqual(['a prompt task', 'another run']);
  });
});
