import type { UnknownAction } from '@reduxjs/toolkit';
import { describe, expect, it } from 'vitest';
import { makeInstance, message } from '../../tests/unit/helpers/fixtures';
import {
  firstTokenReceived,
  instanceAdded,
  instanceRemoved,
  lastAnswerRemoved,
  messageCompleted,
  messageStarted,
  resourceAdded,
  runLinked,
  userValueSet,
} from '../execution/executionSlice';
import { addLog } from '../logs/logsSlice';
import { pageContextReported } from '../page/pageSlice';
import { priceDeleted, priceSet } from '../prices/pricesSlice';
import { rootReducer, type RootState } from '../store/rootReducer';
import { deltasReceived, streamRemoved, streamStarted } from '../streaming/streamingSlice';
import { applyPatch, diffState, type PatchOp } from './stateDiff';

/** Small deterministic PRNG (mulberry32), so a failure replays. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const jsonRoundTrip = <T>(value: T): T => JSON.parse(JSON.stringify(value));

function randomAction(random: () => number, state: RootState, step: number): UnknownAction {
  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
  const ids = Object.keys(state.promptExecution.instances);
  const tasks = Object.keys(state.streaming.byTaskId);
  const word = () => pick(['alpha ', 'beta ', 'gamma ', '{{x}} ', 'ünïcødé ', '\n', '"quoted" ']);
  const choice = Math.floor(random() * 12);
  const id = ids.length ? pick(ids) : null;
  switch (choice) {
    case 0:
      return instanceAdded(makeInstance({ instanceId: `i${step}`, promptId: pick(['p1', 'p2']) }));
    case 1:
      return id ? instanceRemoved(id) : addLog({ level: 'info', message: `log ${step}`, at: step });
    case 2:
      return id ? userValueSet({ instanceId: id, name: pick(['a', 'b', 'c']), value: word().repeat(1 + Math.floor(random() * 5)), at: step }) : addLog({ level: 'info', message: 'x', at: step });
    case 3: {
      if (!id) return pageContextReported({ tabId: step, title: 't', url: 'u', selection: word(), updatedAt: step });
      const taskId = `t${step}`;
      return messageStarted({ instanceId: id, taskId, at: step, userMessage: random() < 0.5 ? message('user', word()) : undefined });
    }
    case 4:
      return streamStarted({ taskId: `t${step}`, startedAt: step, model: 'm', providerId: 'p' });
    case 5:
    case 6: {
      // the common case while streaming: text grows at its end, for one or several tasks
      const deltas: Record<string, { text?: string; reasoning?: string }> = {};
      for (const taskId of tasks) if (random() < 0.7) deltas[taskId] = { text: word().repeat(1 + Math.floor(random() * 8)), reasoning: random() < 0.2 ? word() : undefined };
      return deltasReceived(deltas);
    }
    case 7:
      return tasks.length ? streamRemoved(pick(tasks)) : addLog({ level: 'warn', message: 'w', at: step });
    case 8:
      return id
        ? messageCompleted({ instanceId: id, message: message('assistant', word().repeat(3), { taskId: `t${step}` }), stats: { tokens: step, cost: random() }, at: step })
        : addLog({ level: 'info', message: 'y', at: step });
    case 9:
      return id ? (random() < 0.5 ? lastAnswerRemoved({ instanceId: id, at: step }) : firstTokenReceived({ instanceId: id, timeToFirstToken: step })) : priceSet({ model: 'm', price: { inputPerMillion: 1, outputPerMillion: 2 } });
    case 10:
      return random() < 0.5 ? priceSet({ model: pick(['m1', 'm2']), price: { inputPerMillion: random(), outputPerMillion: random() } }) : priceDeleted(pick(['m1', 'm2']));
    default:
      if (id && random() < 0.5) return runLinked({ instanceId: id, runId: `r${step}` });
      if (id) return resourceAdded({ instanceId: id, resource: { id: `res${step}`, kind: 'file', title: 'f', source: 'f', text: word(), size: 1 }, at: step });
      return addLog({ level: 'error', message: `e${step}`, at: step });
  }
}

describe('diffState / applyPatch', () => {
  it('round-trips random reducer updates: applyPatch(prev, diff(prev, next)) equals next, also after JSON transport', () => {
    const kinds = new Set<string>();
    for (const seed of [1, 7, 42, 1234]) {
      const random = prng(seed);
      let state = rootReducer(undefined, { type: '@@init' });
      for (let step = 0; step < 150; step++) {
        const next = rootReducer(state, randomAction(random, state, step));
        const ops = diffState(state, next);
        ops.forEach((op) => kinds.add(op.op));
        expect(applyPatch(state, ops)).toEqual(next);
        // pages receive the ops through chrome messaging (JSON), and apply them to their own copy
        expect(applyPatch(jsonRoundTrip(state), jsonRoundTrip(ops))).toEqual(jsonRoundTrip(next));
        if (next === state) expect(ops).toEqual([]);
        state = next;
      }
      // the walk did reach interesting states
      expect(Object.keys(state.logs.entries).length + Object.keys(state.promptExecution.instances).length).toBeGreaterThan(0);
    }
    // every kind of op was exercised
    expect([...kinds].sort()).toEqual(['append', 'del', 'set']);
  });

  it('applyPatch copies only the changed path: untouched subtrees stay shared', () => {
    let state = rootReducer(undefined, instanceAdded(makeInstance({ instanceId: 'a' })));
    state = rootReducer(state, instanceAdded(makeInstance({ instanceId: 'b' })));
    const next = rootReducer(state, userValueSet({ instanceId: 'a', name: 'n', value: 'v', at: 1 }));
    const patched = applyPatch(state, diffState(state, next));
    expect(patched).toEqual(next);
    expect(patched.promptExecution.instances.b).toBe(state.promptExecution.instances.b);
    expect(patched.logs).toBe(state.logs);
    expect(patched.promptExecution.instances.a.conversation).toBe(state.promptExecution.instances.a.conversation);
    expect(state.promptExecution.instances.a.variables.userValues).toEqual({}); // the previous state is not mutated
  });

  it('a growing streamed string travels as an append of just the delta', () => {
    let state = rootReducer(undefined, streamStarted({ taskId: 't1', startedAt: 0, model: 'm', providerId: 'p' }));
    state = rootReducer(state, deltasReceived({ t1: { text: 'x'.repeat(5000) } }));
    const next = rootReducer(state, deltasReceived({ t1: { text: 'tail!' } }));
    const ops = diffState(state, next);
    expect(ops).toEqual([{ op: 'append', path: ['streaming', 'byTaskId', 't1', 'text'], text: 'tail!' }]);
    expect(JSON.stringify(ops).length).toBeLessThan(100);
    expect(applyPatch(state, ops).streaming.byTaskId.t1.text).toBe(`${'x'.repeat(5000)}tail!`);
  });

  it('unchanged subtrees produce no ops; only what changed is sent', () => {
    let state = rootReducer(undefined, instanceAdded(makeInstance({ instanceId: 'a' })));
    for (let i = 0; i < 50; i++) state = rootReducer(state, addLog({ level: 'info', message: `m${i}`, at: i }));
    expect(diffState(state, state)).toEqual([]);
    const next = rootReducer(state, pageContextReported({ tabId: 3, title: 'T', url: 'https://x.test', selection: 'sel', updatedAt: 9 }));
    const ops = diffState(state, next);
    expect(ops.every((op) => op.path[0] === 'page')).toBe(true);
    expect(ops.map((op) => op.path.join('.')).sort()).toEqual(['page.selection', 'page.tabId', 'page.title', 'page.updatedAt', 'page.url']);
  });

  it('a new array item is sent alone; a removed key is deleted; a shrunk array is replaced', () => {
    const prev = { list: [{ a: 1 }, { a: 2 }], obj: { keep: 1, gone: 2 } };
    const next = { list: [...prev.list, { a: 3 }], obj: { keep: 1 } };
    const ops = diffState(prev, next);
    expect(ops).toEqual<PatchOp[]>([
      { op: 'set', path: ['list', 2], value: { a: 3 } },
      { op: 'del', path: ['obj', 'gone'] },
    ]);
    expect(applyPatch(prev, ops)).toEqual(next);

    const shrunk = { list: [prev.list[1]], obj: prev.obj };
    const shrinkOps = diffState(prev, shrunk);
    expect(shrinkOps).toEqual([{ op: 'set', path: ['list'], value: [{ a: 2 }] }]);
    expect(applyPatch(prev, shrinkOps)).toEqual(shrunk);
  });

  it('short strings and non-prefix changes are set whole', () => {
    expect(diffState({ s: 'abc' }, { s: 'abcd' })).toEqual([{ op: 'set', path: ['s'], value: 'abcd' }]);
    const long = 'y'.repeat(40);
    expect(diffState({ s: long }, { s: `z${long}` })).toEqual([{ op: 'set', path: ['s'], value: `z${long}` }]);
    expect(diffState({ s: long }, { s: long.slice(1) })).toEqual([{ op: 'set', path: ['s'], value: long.slice(1) }]);
  });

  it('type changes (object ↔ array ↔ null ↔ string) are set whole', () => {
    const cases: Array<[unknown, unknown]> = [
      [{ v: { a: 1 } }, { v: [1] }],
      [{ v: [1] }, { v: { 0: 1 } }],
      [{ v: null }, { v: { a: 1 } }],
      [{ v: { a: 1 } }, { v: null }],
      [{ v: 'x'.repeat(30) }, { v: 5 }],
    ];
    for (const [prev, next] of cases) expect(applyPatch(prev, diffState(prev, next))).toEqual(next);
  });
});
