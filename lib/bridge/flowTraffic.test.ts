// What the bridge would send to the pages (diffState of every store update, as JSON) while a real
// FlowRunner streams 3 parallel actions of 5,000 chunks from the fake server: each action's growing
// output travels as appends, and the rest of the run (statuses, run log, the panel's log at its
// cap) costs little beside it.
import { describe, expect, it } from 'vitest';
import { action, flow, step, useFlowEngines } from '../../tests/unit/helpers/flowTestEngine';
import { useFakeLlmServer } from '../../tests/unit/helpers/testEngine';
import { addLog, MAX_LOG_ENTRIES } from '../logs/logsSlice';
import { encodeOps } from './patchWire';
import { diffState, type Path, type PatchOp } from './stateDiff';

const server = useFakeLlmServer();
const newEngine = useFlowEngines(() => server().url);

describe('bridge traffic of a flow run', () => {
  it('3 parallel actions × 5,000 chunks: at most 3 bytes sent per output character, the outputs as appends', async () => {
    const e = await newEngine();
    // a worker that has been up a while: the panel's log is full, so each new line drops the oldest
    for (let i = 0; i < MAX_LOG_ENTRIES; i++) e.store.dispatch(addLog({ level: 'info', message: `earlier line ${i}`, at: i }));
    const flowId = await e.saveFlow(flow('f', [step(['A', 'B', 'C'].map((name) => action(name, 'long-5000', `Question ${name}`)))]));

    let previous = e.store.getState();
    let lastPath: Path = [];
    let seq = 0;
    let bytes = 0;
    let appendedOutput = 0;
    let setOutput = 0;
    e.store.subscribe(() => {
      const next = e.store.getState();
      const ops: PatchOp[] = diffState(previous, next);
      previous = next;
      if (ops.length === 0) return;
      // the message as the bridge sends it (backgroundBridge.ts; without its pacing, which would only merge updates)
      const wire = encodeOps(ops, lastPath);
      lastPath = wire.last;
      bytes += JSON.stringify({ fbp: ['AbCdEfGh', ++seq, wire.ops] }).length;
      for (const op of ops) {
        if (op.path[0] !== 'flowRuns' || op.path.at(-1) !== 'output') continue;
        if (op.op === 'append') appendedOutput += op.text.length;
        else if (op.op === 'set' && typeof op.value === 'string') setOutput += op.value.length;
      }
    });
    const runner = e.runner();
    expect(await runner.runFlow(flowId)).toBe('completed');

    const outputs = e.run(runner.runId!).steps[0].actions.map((a) => a.output);
    const chars = outputs.reduce((n, o) => n + o.length, 0);
    expect(outputs.every((o) => o.endsWith('word4999 '))).toBe(true);
    expect(bytes / chars).toBeLessThanOrEqual(3);
    // The outputs cross once (~1 B/char); the rest is small beside them. (Before the diff deleted a
    // capped list's dropped entries, each log line resent all 200 entries field by field: 2.7 B/char.)
    expect(bytes / chars).toBeLessThan(1.5);
    // Every output character crossed once: the first batches of each action as sets (a string under
    // 16 characters is sent whole), all the rest as appends. How big those batches are depends on the clock.
    expect(appendedOutput + setOutput).toBeGreaterThanOrEqual(chars);
    expect(appendedOutput + setOutput).toBeLessThan(chars * 1.01);
    expect(appendedOutput / chars).toBeGreaterThan(0.8);
  }, 30_000);
});
