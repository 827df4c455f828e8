import { describe, expect, it } from 'vitest';
import { chain, makeInstance, message } from '../../tests/unit/helpers/fixtures';
import { activePath } from './conversation/conversationTree';
import {
  firstTokenReceived,
  instanceAdded,
  instanceErrorSet,
  instanceRemoved,
  turnDeleted,
  versionSelected,
  messageCompleted,
  messageFailed,
  messageStarted,
  promptExecutionSlice,
  resourceAdded,
  resourceRemoved,
  runLinked,
  scopedValuesRefreshed,
  userValueSet,
  type PromptExecutionState,
} from './executionSlice';
import type { UnknownAction } from '@reduxjs/toolkit';
import { mergeVariables } from './services/variableResolver';

const reducer = promptExecutionSlice.reducer;
const initial = () => reducer(undefined, { type: '@@init' });
const run = (actions: UnknownAction[], state: PromptExecutionState = initial()) => actions.reduce(reducer, state);

describe('executionSlice: indexes', () => {
  it('instanceAdded indexes by promptId (each id once) and by runId', () => {
    const a = makeInstance({ instanceId: 'a', promptId: 'p1' });
    const b = makeInstance({ instanceId: 'b', promptId: 'p1', runId: 'run-b' });
    const c = makeInstance({ instanceId: 'c', promptId: 'p2' });
    const state = run([instanceAdded(a), instanceAdded(b), instanceAdded(c), instanceAdded(a)]);
    expect(Object.keys(state.instances).sort()).toEqual(['a', 'b', 'c']);
    expect(state.instancesByPromptId).toEqual({ p1: ['a', 'b'], p2: ['c'] });
    expect(state.instancesByRunId).toEqual({ 'run-b': 'b' });
  });

  it('runLinked sets the run on the instance, its tracking and the index', () => {
    const state = run([instanceAdded(makeInstance({ instanceId: 'a' })), runLinked({ instanceId: 'a', runId: 'r1' })]);
    expect(state.instances.a.runId).toBe('r1');
    expect(state.instances.a.runTracking.runId).toBe('r1');
    expect(state.instancesByRunId).toEqual({ r1: 'a' });
    // unknown instance: nothing indexed
    expect(reducer(state, runLinked({ instanceId: 'zz', runId: 'r2' })).instancesByRunId).toEqual({ r1: 'a' });
  });

  it('instanceRemoved drops the instance from both indexes, and empty prompt lists', () => {
    let state = run([
      instanceAdded(makeInstance({ instanceId: 'a', promptId: 'p1' })),
      instanceAdded(makeInstance({ instanceId: 'b', promptId: 'p1' })),
      instanceAdded(makeInstance({ instanceId: 'c', promptId: 'p2' })),
      runLinked({ instanceId: 'a', runId: 'ra' }),
      runLinked({ instanceId: 'c', runId: 'rc' }),
    ]);
    state = run([instanceRemoved('a')], state);
    expect(state.instancesByPromptId).toEqual({ p1: ['b'], p2: ['c'] });
    expect(state.instancesByRunId).toEqual({ rc: 'c' });
    state = run([instanceRemoved('c')], state);
    expect(state.instancesByPromptId).toEqual({ p1: ['b'] });
    expect(state.instancesByRunId).toEqual({});
    expect(Object.keys(state.instances)).toEqual(['b']);
    // removing an unknown instance changes nothing
    expect(reducer(state, instanceRemoved('nope'))).toBe(state);
  });
});

describe('executionSlice: instance updates', () => {
  const base = () => run([instanceAdded(makeInstance({ instanceId: 'a', updatedAt: 5 }))]);

  it('updates on an unknown instance leave the state untouched', () => {
    const state = base();
    for (const action of [
      userValueSet({ instanceId: 'x', name: 'n', value: 'v', at: 9 }),
      messageStarted({ instanceId: 'x', taskId: 't', at: 9, answerId: 'a', answerParentId: null }),
      versionSelected({ instanceId: 'x', messageId: 'm', at: 9 }),
      turnDeleted({ instanceId: 'x', messageId: 'm', at: 9 }),
      resourceRemoved({ instanceId: 'x', resourceId: 'r', at: 9 }),
    ]) {
      expect(reducer(state, action)).toBe(state);
    }
  });

  it('stamps updatedAt with `at` when given, keeps it otherwise', () => {
    let state = run([userValueSet({ instanceId: 'a', name: 'n', value: 'v', at: 42 })], base());
    expect(state.instances.a.updatedAt).toBe(42);
    state = run([firstTokenReceived({ instanceId: 'a', timeToFirstToken: 7 })], state);
    expect(state.instances.a.updatedAt).toBe(42);
    expect(state.instances.a.execution.timeToFirstToken).toBe(7);
  });

  it('userValueSet clears a missing-variables error but no other error', () => {
    const missing = { kind: 'missing-variables' as const, message: 'fill', missingVariables: ['n'] };
    let state = run([instanceErrorSet({ instanceId: 'a', error: missing, at: 6 }), userValueSet({ instanceId: 'a', name: 'n', value: 'v', at: 7 })], base());
    expect(state.instances.a.error).toBeNull();
    expect(state.instances.a.variables.userValues).toEqual({ n: 'v' });
    const auth = { kind: 'auth' as const, message: 'bad key' };
    state = run([instanceErrorSet({ instanceId: 'a', error: auth, at: 8 }), userValueSet({ instanceId: 'a', name: 'n', value: 'w', at: 9 })], state);
    expect(state.instances.a.error).toEqual(auth);
  });

  it('userValueSet of a page value (e.g. the selection) replaces it: the edit wins over the computed value', () => {
    const fromPage = makeInstance({
      instanceId: 'a',
      variables: { userValues: {}, scopedValues: {}, computedValues: { selection: 'from the page', date: '2025-01-01' } },
    });
    const state = reducer(run([instanceAdded(fromPage)]), userValueSet({ instanceId: 'a', name: 'selection', value: 'edited by hand', at: 7 }));
    expect(state.instances.a.variables.computedValues).toEqual({ date: '2025-01-01' });
    expect(mergeVariables(state.instances.a.variables).selection).toBe('edited by hand');
  });

  it('scoped values refresh on every instance', () => {
    let state = run([instanceAdded(makeInstance({ instanceId: 'b' }))], base());
    state = reducer(state, scopedValuesRefreshed({ org: 'Acme' }));
    expect(state.instances.a.variables.scopedValues).toEqual({ org: 'Acme' });
    expect(state.instances.b.variables.scopedValues).toEqual({ org: 'Acme' });
  });

  it('resources are added and removed by id', () => {
    const r = (id: string) => ({ id, kind: 'file' as const, title: id, source: id, text: id, size: id.length });
    const state = run(
      [
        resourceAdded({ instanceId: 'a', resource: r('r1'), at: 6 }),
        resourceAdded({ instanceId: 'a', resource: r('r2'), at: 7 }),
        resourceRemoved({ instanceId: 'a', resourceId: 'r1', at: 8 }),
      ],
      base(),
    );
    expect(state.instances.a.conversation.resources.map((x) => x.id)).toEqual(['r2']);
  });

  it('a message goes executing → streaming → completed, and totals add up over messages', () => {
    const user = message('user', 'hi');
    let state = run(
      [
        instanceErrorSet({ instanceId: 'a', error: { kind: 'unknown', message: 'old' }, at: 9 }),
        messageStarted({ instanceId: 'a', taskId: 't1', at: 10, userMessage: user, answerId: 'ans1', answerParentId: user.id }),
      ],
      base(),
    );
    let i = state.instances.a;
    expect(i.status).toBe('executing');
    expect(i.error).toBeNull();
    expect(i.conversation.messages).toEqual([user]);
    expect(i.conversation.currentInput).toBe('');
    expect(i.execution).toMatchObject({ currentTaskId: 't1', messageStartTime: 10, timeToFirstToken: undefined });

    state = reducer(state, firstTokenReceived({ instanceId: 'a', timeToFirstToken: 123 }));
    expect(state.instances.a.status).toBe('streaming');
    expect(state.instances.a.execution.timeToFirstToken).toBe(123);

    const answer = message('assistant', 'hello', { taskId: 't1' });
    state = reducer(state, messageCompleted({ instanceId: 'a', message: answer, stats: { tokens: 10, cost: 0.5 }, at: 20 }));
    i = state.instances.a;
    expect(i.status).toBe('completed');
    expect(i.conversation.messages).toEqual([user, answer]);
    expect(i.execution).toMatchObject({ currentTaskId: null, messageStartTime: null, lastMessageStats: { tokens: 10, cost: 0.5 } });
    expect(i.updatedAt).toBe(20);

    state = run(
      [
        messageStarted({ instanceId: 'a', taskId: 't2', at: 30, userMessage: message('user', 'more'), answerId: 'ans2', answerParentId: null }),
        messageFailed({
          instanceId: 'a',
          error: { kind: 'server', message: 'boom' },
          partial: message('assistant', 'par'),
          stats: { tokens: 5, cost: 0.25 },
          at: 40,
        }),
      ],
      state,
    );
    i = state.instances.a;
    expect(i.status).toBe('error');
    expect(i.error).toEqual({ kind: 'server', message: 'boom' });
    expect(i.conversation.messages.map((m) => m.content)).toEqual(['hi', 'hello', 'more', 'par']);
    expect(i.execution.currentTaskId).toBeNull();
    expect(i.runTracking.totalTokens).toBe(15);
    expect(i.runTracking.totalCost).toBeCloseTo(0.75);
  });

  it('messageStarted without a user message (first run, retry) adds none', () => {
    const state = run([messageStarted({ instanceId: 'a', taskId: 't1', at: 10, answerId: 'ans1', answerParentId: null })], base());
    expect(state.instances.a.conversation.messages).toEqual([]);
  });

  it('messageFailed with no partial answer adds no message; missing stats add nothing to totals', () => {
    const state = run(
      [
        messageStarted({ instanceId: 'a', taskId: 't1', at: 10, answerId: 'ans1', answerParentId: null }),
        messageFailed({ instanceId: 'a', error: { kind: 'auth', message: 'key' }, partial: null, stats: {}, at: 11 }),
      ],
      base(),
    );
    expect(state.instances.a.conversation.messages).toEqual([]);
    expect(state.instances.a.runTracking).toMatchObject({ totalTokens: 0, totalCost: 0 });
  });

  it('a retry keeps the earlier answer: the new one is reserved beside it and the path ends at the question while it streams', () => {
    const q = message('user', 'q');
    const a1 = message('assistant', 'a1', { parentId: q.id });
    let state = run(
      [instanceAdded(makeInstance({ instanceId: 'b', conversation: { messages: [q, a1], selected: {}, currentInput: '', resources: [] } }))],
      base(),
    );
    state = reducer(state, messageStarted({ instanceId: 'b', taskId: 't2', at: 2, answerId: 'a2', answerParentId: q.id }));
    const during = state.instances.b;
    expect(during.conversation.messages.map((m) => m.content)).toEqual(['q', 'a1']);
    expect(activePath(during.conversation).map((m) => m.content)).toEqual(['q']);
    state = reducer(state, messageCompleted({ instanceId: 'b', message: message('assistant', 'a2', { id: 'a2', parentId: q.id }), stats: {}, at: 3 }));
    expect(activePath(state.instances.b.conversation).map((m) => m.content)).toEqual(['q', 'a2']);
    expect(state.instances.b.execution.answerId).toBeUndefined();

    state = reducer(state, versionSelected({ instanceId: 'b', messageId: a1.id, at: 4 }));
    expect(activePath(state.instances.b.conversation).map((m) => m.content)).toEqual(['q', 'a1']);
    expect(state.instances.b.updatedAt).toBe(4);
  });

  it('a retry that fails before any text shows the earlier answer again', () => {
    const q = message('user', 'q');
    const a1 = message('assistant', 'a1', { parentId: q.id });
    const state = run(
      [
        instanceAdded(makeInstance({ instanceId: 'b', conversation: { messages: [q, a1], selected: {}, currentInput: '', resources: [] } })),
        messageStarted({ instanceId: 'b', taskId: 't2', at: 2, answerId: 'a2', answerParentId: q.id }),
        messageFailed({ instanceId: 'b', error: { kind: 'server', message: 'x' }, partial: null, stats: {}, at: 3 }),
      ],
      base(),
    );
    expect(activePath(state.instances.b.conversation).map((m) => m.content)).toEqual(['q', 'a1']);
    expect(state.instances.b.conversation.selected).toEqual({});
  });

  it('turnDeleted removes a question with its answers; what followed reads on', () => {
    const [a0, q1, a1, q2, a2] = chain(
      message('assistant', 'a0'),
      message('user', 'q1'),
      message('assistant', 'a1'),
      message('user', 'q2'),
      message('assistant', 'a2'),
    );
    const state = run(
      [
        instanceAdded(makeInstance({ instanceId: 'b', conversation: { messages: [a0, q1, a1, q2, a2], selected: {}, currentInput: '', resources: [] } })),
        turnDeleted({ instanceId: 'b', messageId: a1.id, at: 5 }),
      ],
      base(),
    );
    expect(activePath(state.instances.b.conversation).map((m) => m.content)).toEqual(['a0', 'q2', 'a2']);
    expect(state.instances.b.conversation.messages.find((m) => m.id === q2.id)?.parentId).toBe(a0.id);
  });
});
