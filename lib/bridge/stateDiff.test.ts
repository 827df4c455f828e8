import type { UnknownAction } from '@reduxjs/toolkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeInstance, message } from '../../tests/unit/helpers/fixtures';
import {
  firstTokenReceived,
  instanceAdded,
  instanceRemoved,
  turnDeleted,
  versionSelected,
  messageCompleted,
  messageStarted,
  resourceAdded,
  runLinked,
  userValueSet,
} from '../execution/executionSlice';
import { addLog, MAX_LOG_ENTRIES } from '../logs/logsSlice';
import { pageContextReported } from '../page/pageSlice';
import { priceDeleted, priceSet } from '../prices/pricesSlice';
import { rootReducer, type RootState } from '../store/rootReducer';
import { deltasReceived, streamRemoved, streamStarted } from '../streaming/streamingSlice';
import { applyPatch, diffState, MIN_MOVE_CHARS, type PatchOp } from './stateDiff';

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
      return id
        ? userValueSet({ instanceId: id, name: pick(['a', 'b', 'c']), value: word().repeat(1 + Math.floor(random() * 5)), at: step })
        : addLog({ level: 'info', message: 'x', at: step });
    case 3: {
      if (!id) return pageContextReported({ tabId: step, title: 't', url: 'u', selection: word(), updatedAt: step });
      const taskId = `t${step}`;
      const messages = state.promptExecution.instances[id].conversation.messages;
      const parentId = messages.length && random() < 0.7 ? pick(messages).id : null;
      const userMessage = random() < 0.5 ? message('user', word(), { parentId }) : undefined;
      return messageStarted({ instanceId: id, taskId, at: step, userMessage, answerId: `ans${step}`, answerParentId: userMessage?.id ?? parentId });
    }
    case 4:
      return streamStarted({ taskId: `t${step}`, startedAt: step, model: 'm', providerId: 'p' });
    case 5:
    case 6: {
      // the common case while streaming: text grows at its end, for one or several tasks
      const deltas: Record<string, { text?: string; reasoning?: string }> = {};
      for (const taskId of tasks)
        if (random() < 0.7) deltas[taskId] = { text: word().repeat(1 + Math.floor(random() * 8)), reasoning: random() < 0.2 ? word() : undefined };
      return deltasReceived(deltas);
    }
    case 7:
      return tasks.length ? streamRemoved(pick(tasks)) : addLog({ level: 'warn', message: 'w', at: step });
    case 8:
      // as completeExecution does: the streamed text becomes the message (and its stream goes)
      if (id && tasks.length && random() < 0.6) {
        const taskId = pick(tasks);
        return messageCompleted({
          instanceId: id,
          message: message('assistant', state.streaming.byTaskId[taskId].text, { taskId }),
          stats: { tokens: step },
          at: step,
        });
      }
      return id
        ? messageCompleted({
            instanceId: id,
            message: message('assistant', word().repeat(3), { taskId: `t${step}` }),
            stats: { tokens: step, cost: random() },
            at: step,
          })
        : addLog({ level: 'info', message: 'y', at: step });
    case 9:
      if (!id) return priceSet({ model: 'm', price: { inputPerMillion: 1, outputPerMillion: 2 } });
      {
        // versions and branches: choose one, or delete a turn (messages move up a level)
        const messages = state.promptExecution.instances[id].conversation.messages;
        const r = random();
        if (messages.length && r < 0.35) return versionSelected({ instanceId: id, messageId: pick(messages).id, at: step });
        if (messages.length && r < 0.6) return turnDeleted({ instanceId: id, messageId: pick(messages).id, at: step });
        return firstTokenReceived({ instanceId: id, timeToFirstToken: step });
      }
    case 10:
      return random() < 0.5
        ? priceSet({ model: pick(['m1', 'm2']), price: { inputPerMillion: random(), outputPerMillion: random() } })
        : priceDeleted(pick(['m1', 'm2']));
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
    expect([...kinds].sort()).toEqual(['append', 'del', 'move', 'set']);
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

  it('a finished answer moves from the stream into the conversation: the page gets a move, not the text again', () => {
    const answer = 'word '.repeat(9000); // 45,000 characters
    const finished = message('assistant', answer, { taskId: 't1' });
    let state = rootReducer(undefined, instanceAdded(makeInstance({ instanceId: 'a' })));
    state = rootReducer(state, messageStarted({ instanceId: 'a', taskId: 't1', at: 1, answerId: finished.id, answerParentId: null }));
    state = rootReducer(state, streamStarted({ taskId: 't1', startedAt: 1, model: 'm', providerId: 'p' }));
    state = rootReducer(state, deltasReceived({ t1: { text: answer } }));
    // as completeExecution dispatches it, each update diffed as the bridge does
    const completed = rootReducer(state, messageCompleted({ instanceId: 'a', message: finished, stats: { tokens: 3 }, at: 2 }));
    const removed = rootReducer(completed, streamRemoved('t1'));
    const ops = [...diffState(state, completed), ...diffState(completed, removed)];
    expect(ops).toContainEqual({
      op: 'move',
      from: ['streaming', 'byTaskId', 't1', 'text'],
      path: ['promptExecution', 'instances', 'a', 'conversation', 'messages', 0, 'content'],
    });
    expect(ops).toContainEqual({ op: 'del', path: ['streaming', 'byTaskId', 't1'] });
    // the message's other fields (id, parent, metadata), the stats and the move: none of the 45,000 characters again
    expect(JSON.stringify(ops).length).toBeLessThan(2000);
    const patched = applyPatch(jsonRoundTrip(state), jsonRoundTrip(diffState(state, completed)));
    expect(patched).toEqual(jsonRoundTrip(completed));
    expect(patched.promptExecution.instances.a.conversation.messages[0].content).toBe(answer);
  });

  it('a moved string that also grew in the same update travels as a move and an append of the rest', () => {
    const text = 'x'.repeat(200);
    const prev = { streaming: { t: { text } }, messages: [] as unknown[] };
    const next = { streaming: {}, messages: [{ content: `${text} [1]`, role: 'assistant' }] };
    const ops = diffState(prev, next);
    expect(ops).toEqual([
      { op: 'del', path: ['streaming', 't'] },
      { op: 'set', path: ['messages', 0], value: { content: '', role: 'assistant' } },
      { op: 'move', from: ['streaming', 't', 'text'], path: ['messages', 0, 'content'] },
      { op: 'append', path: ['messages', 0, 'content'], text: ' [1]' },
    ]);
    expect(applyPatch(prev, ops)).toEqual(next);
  });

  it('strings shorter than MIN_MOVE_CHARS, or that did not leave the state, are sent as they are', () => {
    const short = 'y'.repeat(MIN_MOVE_CHARS - 1);
    expect(diffState({ a: { s: short } }, { b: { s: short } })).toEqual([
      { op: 'set', path: ['b'], value: { s: short } },
      { op: 'del', path: ['a'] },
    ]);
    const kept = 'z'.repeat(MIN_MOVE_CHARS);
    expect(diffState({ a: kept }, { a: kept, b: kept })).toEqual([{ op: 'set', path: ['b'], value: kept }]);
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

    const shrunk = { list: [prev.list[0]], obj: prev.obj };
    const shrinkOps = diffState(prev, shrunk);
    expect(shrinkOps).toEqual([{ op: 'set', path: ['list'], value: [{ a: 1 }] }]);
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

/** Keys named like Object.prototype members: data like any other key. */
const PROTOTYPE_NAMES = ['toString', 'constructor', 'valueOf', 'hasOwnProperty', '__proto__'] as const;

/** An object with these own keys, made as JSON.parse makes it (`__proto__` included, as data). */
function ownObject(entries: Array<[string, unknown]>): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  return object;
}

describe('keys named like Object.prototype members', () => {
  it.each(PROTOTYPE_NAMES)('deleting a key named %s reaches the page', (name) => {
    const prev = {
      userValues: ownObject([
        [name, 'typed'],
        ['keep', 'k'],
      ]),
    };
    const next = { userValues: ownObject([['keep', 'k']]) };
    const ops = diffState(prev, next);
    expect(ops).toEqual([{ op: 'del', path: ['userValues', name] }]);
    const patched = applyPatch(jsonRoundTrip(prev), jsonRoundTrip(ops));
    expect(Object.keys(patched.userValues)).toEqual(['keep']);
    expect(Object.getPrototypeOf(patched.userValues)).toBe(Object.prototype);
  });

  it.each(PROTOTYPE_NAMES)('adding a key named %s is sent and applied as an own key', (name) => {
    const prev = { userValues: {} };
    const next = { userValues: ownObject([[name, 'typed']]) };
    const patched = applyPatch(jsonRoundTrip(prev), jsonRoundTrip(diffState(prev, next)));
    expect(Object.keys(patched.userValues)).toEqual([name]);
    expect(Object.getOwnPropertyDescriptor(patched.userValues, name)?.value).toBe('typed');
  });

  it('applyPatch never writes through __proto__: no object gains a prototype from a patch', () => {
    const ops: PatchOp[] = [
      { op: 'set', path: ['__proto__', 'polluted'], value: 'yes' },
      { op: 'set', path: ['vars', '__proto__'], value: { polluted: 'yes' } },
      { op: 'append', path: ['vars', '__proto__', 'text'], text: 'appended' },
    ];
    const patched = applyPatch<Record<string, any>>({ vars: {} }, ops);
    expect(Object.getPrototypeOf(patched)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(patched.vars)).toBe(Object.prototype);
    expect(patched.polluted).toBeUndefined();
    expect(patched.vars.polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // the values are there, as own data
    expect(Object.getOwnPropertyDescriptor(patched, '__proto__')?.value).toEqual({ polluted: 'yes' });
    expect(Object.getOwnPropertyDescriptor(patched.vars, '__proto__')?.value).toEqual({ polluted: 'yes', text: 'appended' });
  });
});

describe('same-length arrays', () => {
  it('a growing action output inside a run’s steps travels as an append; the steps are not resent', () => {
    const action = (output: string) => ({ actionId: 'a', status: 'running', output });
    const other = { actionId: 'b', status: 'running', output: 'y'.repeat(500) };
    const prev = { runs: { r: { steps: [{ actions: [action('x'.repeat(500)), other] }, { actions: [] }] } } };
    const next = { runs: { r: { steps: [{ actions: [action(`${'x'.repeat(500)}tail`), other] }, prev.runs.r.steps[1]] } } };
    const ops = diffState(prev, next);
    expect(ops).toEqual([{ op: 'append', path: ['runs', 'r', 'steps', 0, 'actions', 0, 'output'], text: 'tail' }]);
    expect(applyPatch(prev, ops)).toEqual(next);
  });

  it('a capped list that drops its oldest entry as it adds one (the log) sends one delete and the new entry', () => {
    let state = rootReducer(undefined, { type: '@@init' });
    for (let i = 0; i < MAX_LOG_ENTRIES + 5; i++) state = rootReducer(state, addLog({ level: 'info', message: `line ${i} ${'x'.repeat(40)}`, at: i }));
    expect(state.logs.entries).toHaveLength(MAX_LOG_ENTRIES);
    const next = rootReducer(state, addLog({ level: 'warn', message: 'newest', at: 999 }));
    const ops = diffState(state, next);
    expect(ops).toEqual([
      { op: 'del', path: ['logs', 'entries', 0] },
      { op: 'set', path: ['logs', 'entries', MAX_LOG_ENTRIES - 1], value: next.logs.entries.at(-1) },
      { op: 'set', path: ['logs', 'nextId'], value: next.logs.nextId },
    ]);
    expect(JSON.stringify(ops).length).toBeLessThan(300);
    expect(applyPatch(jsonRoundTrip(state), jsonRoundTrip(ops))).toEqual(jsonRoundTrip(next));
  });

  it('a same-length array whose items were replaced (not shifted) is diffed item by item', () => {
    const prev = {
      list: [
        { a: 1, b: 'keep' },
        { a: 2, b: 'keep' },
        { a: 3, b: 'keep' },
      ],
    };
    const next = { list: [prev.list[0], { a: 20, b: 'keep' }, prev.list[2]] };
    expect(diffState(prev, next)).toEqual([{ op: 'set', path: ['list', 1, 'a'], value: 20 }]);
  });
});

// ---- property: applyPatch(a, diffState(a, b)) deep-equals b, for random states -----------------

const keyArb = fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES, 'a', 'b', 'text'), fc.string({ maxLength: 4 }));
const leafArb = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.string({ minLength: 16, maxLength: 40 }),
  fc.string({ minLength: MIN_MOVE_CHARS, maxLength: MIN_MOVE_CHARS + 30 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
const { tree: treeArb } = fc.letrec<{ tree: unknown; object: Record<string, unknown>; array: unknown[] }>((tie) => ({
  tree: fc.oneof({ depthSize: 'small', maxDepth: 4 }, leafArb, tie('object'), tie('array')),
  object: fc.array(fc.tuple(keyArb, tie('tree')), { maxLength: 5 }).map(ownObject),
  array: fc.array(tie('tree'), { maxLength: 5 }),
}));
const stateArb = fc.array(fc.tuple(keyArb, treeArb), { maxLength: 5 }).map(ownObject);

interface Edit {
  path: number[];
  kind: 'replace' | 'append' | 'remove' | 'add' | 'relocate';
  key: string;
  value: unknown;
}
const editArb: fc.Arbitrary<Edit> = fc.record({
  path: fc.array(fc.nat(), { maxLength: 4 }),
  kind: fc.constantFrom('replace', 'append', 'remove', 'add', 'relocate'),
  key: keyArb,
  value: treeArb,
});

/** `node` with one edit at a path chosen by `path`; everything off that path keeps its reference, as in an immutable store. */
function applyEdit(node: unknown, edit: Edit, depth = 0): unknown {
  const entries: Array<[string | number, unknown]> = Array.isArray(node)
    ? node.map((v, i) => [i, v])
    : node && typeof node === 'object'
      ? Object.entries(node)
      : [];
  if (depth < edit.path.length && entries.length > 0) {
    const [childKey, child] = entries[edit.path[depth] % entries.length];
    const copy: any = Array.isArray(node) ? [...node] : { ...(node as object) };
    Object.defineProperty(copy, childKey, { value: applyEdit(child, edit, depth + 1), writable: true, enumerable: true, configurable: true });
    return copy;
  }
  switch (edit.kind) {
    case 'append':
      return typeof node === 'string' ? `${node}${'appended text '.repeat(2)}` : edit.value;
    case 'remove':
      if (Array.isArray(node)) return node.slice(1 + (edit.path.length % 2)); // drop the oldest one or two
      if (node && typeof node === 'object') return ownObject(Object.entries(node).filter(([k]) => k !== (entries[0]?.[0] ?? edit.key)));
      return edit.value;
    case 'relocate': {
      // an entry leaves under one key and comes back under another (a long string in it may grow on the way)
      if (!node || typeof node !== 'object' || entries.length === 0) return edit.value;
      const [fromKey, moved] = entries[0];
      const arrived = typeof moved === 'string' && edit.path.length % 2 ? `${moved} and more` : moved;
      if (Array.isArray(node)) return [...node.slice(1), { [edit.key]: arrived }];
      return ownObject([...Object.entries(node).filter(([k]) => k !== fromKey), [`${edit.key}~`, arrived]]);
    }
    case 'add':
      if (Array.isArray(node)) return [...node, edit.value];
      if (node && typeof node === 'object') return ownObject([...Object.entries(node), [edit.key, edit.value]]);
      return edit.value;
    default:
      return edit.value;
  }
}

let moves = 0;
describe('diffState / applyPatch: property', () => {
  const check = (a: unknown, b: unknown) => {
    const ops = diffState(a, b);
    for (const op of ops) if (op.op === 'move') moves++;
    expect(applyPatch(a, ops)).toEqual(b);
    // as the page gets it: state and ops through JSON
    const patched = applyPatch(jsonRoundTrip(a), jsonRoundTrip(ops));
    expect(patched).toEqual(jsonRoundTrip(b));
  };

  it('for random states a and b: applyPatch(a, diffState(a, b)) deep-equals b (also after JSON)', () => {
    fc.assert(fc.property(stateArb, stateArb, check), { numRuns: 400 });
  });

  it('for a state b that is a few edits away from a (appends, removals, additions, capped lists): the same', () => {
    let sawPrototypeKey = false;
    fc.assert(
      fc.property(stateArb, fc.array(editArb, { minLength: 1, maxLength: 4 }), (a, edits) => {
        const b = edits.reduce<unknown>((state, edit) => applyEdit(state, edit), a);
        if (JSON.stringify(b).includes('"__proto__"')) sawPrototypeKey = true;
        check(a, b);
      }),
      { numRuns: 600 },
    );
    expect(sawPrototypeKey).toBe(true);
    // relocated long strings did travel as moves
    expect(moves).toBeGreaterThan(20);
  });

  it('JSON keeps a __proto__ key as data (the property holds for the state pages really get)', () => {
    expect(JSON.parse('{"__proto__":{"x":1}}')).not.toEqual({});
    expect(ownObject([['__proto__', 1]])).not.toEqual({});
  });
});
