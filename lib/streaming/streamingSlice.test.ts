import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStreamBatcher } from './streamBatcher';
import { deltasReceived, firstTokenMarked, streamingSlice, streamRemoved, streamStarted, usageReceived, type StreamingState } from './streamingSlice';
import type { UnknownAction } from '@reduxjs/toolkit';

const reducer = streamingSlice.reducer;
const run = (actions: UnknownAction[], state?: StreamingState) => actions.reduce(reducer, state ?? reducer(undefined, { type: '@@init' }));
const start = (taskId: string, startedAt = 100) => streamStarted({ taskId, startedAt, model: 'm', providerId: 'p' });

describe('streamingSlice', () => {
  it('deltasReceived appends text and reasoning to several tasks in one action', () => {
    let state = run([start('t1'), start('t2'), start('t3')]);
    state = run(
      [
        deltasReceived({ t1: { text: 'Hel' }, t2: { reasoning: 'think ', text: 'A' } }),
        deltasReceived({ t1: { text: 'lo' }, t2: { text: 'B', reasoning: 'more' } }),
      ],
      state,
    );
    expect(state.byTaskId.t1).toMatchObject({ text: 'Hello', reasoning: '' });
    expect(state.byTaskId.t2).toMatchObject({ text: 'AB', reasoning: 'think more' });
    expect(state.byTaskId.t3).toMatchObject({ text: '', reasoning: '' });
  });

  it('ignores deltas of unknown (or already removed) tasks without creating them', () => {
    let state = run([start('t1'), deltasReceived({ ghost: { text: 'boo' }, t1: { text: 'x' } })]);
    expect(Object.keys(state.byTaskId)).toEqual(['t1']);
    expect(state.byTaskId.t1.text).toBe('x');
    state = run([streamRemoved('t1'), deltasReceived({ t1: { text: 'late' } })], state);
    expect(state.byTaskId).toEqual({});
  });

  it('marks the first token once and merges usage', () => {
    const state = run([
      start('t1'),
      firstTokenMarked({ taskId: 't1', at: 150 }),
      firstTokenMarked({ taskId: 't1', at: 900 }),
      usageReceived({ taskId: 't1', usage: { promptTokens: 3 } }),
      usageReceived({ taskId: 't1', usage: { completionTokens: 4 } }),
      usageReceived({ taskId: 'ghost', usage: { completionTokens: 4 } }),
    ]);
    expect(state.byTaskId.t1.firstTokenAt).toBe(150);
    expect(state.byTaskId.t1.usage).toEqual({ promptTokens: 3, completionTokens: 4 });
    expect(state.byTaskId.ghost).toBeUndefined();
  });
});

describe('streamBatcher', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends one action per interval carrying every task, and flush() sends the rest at once', () => {
    vi.useFakeTimers();
    const dispatched: ReturnType<typeof deltasReceived>[] = [];
    const batcher = createStreamBatcher((a) => dispatched.push(a), 50);
    batcher.append('t1', 'text', 'a');
    batcher.append('t2', 'text', 'b');
    batcher.append('t1', 'text', 'c');
    batcher.append('t1', 'reasoning', 'r');
    batcher.append('t1', 'text', ''); // empty deltas are dropped
    expect(dispatched).toHaveLength(0);
    vi.advanceTimersByTime(50);
    expect(dispatched.map((a) => a.payload)).toEqual([{ t1: { text: 'ac', reasoning: 'r' }, t2: { text: 'b' } }]);

    vi.advanceTimersByTime(500);
    expect(dispatched).toHaveLength(1); // nothing pending: no empty action

    batcher.append('t2', 'text', 'd');
    batcher.flush();
    expect(dispatched.map((a) => a.payload)).toEqual([{ t1: { text: 'ac', reasoning: 'r' }, t2: { text: 'b' } }, { t2: { text: 'd' } }]);
    vi.advanceTimersByTime(500);
    expect(dispatched).toHaveLength(2); // the flush cancelled the timer

    batcher.flush(); // nothing pending; the interval starts again
    batcher.append('t3', 'text', 'lost');
    batcher.dispose();
    vi.advanceTimersByTime(500);
    batcher.flush();
    expect(dispatched).toHaveLength(2);
  });

  it('flushes once an interval has passed even when timers cannot run (a stream parsed in one long task)', () => {
    vi.useFakeTimers();
    const dispatched: ReturnType<typeof deltasReceived>[] = [];
    const batcher = createStreamBatcher((a) => dispatched.push(a), 50);
    batcher.flush();
    batcher.append('t1', 'text', 'a');
    batcher.append('t1', 'text', 'b');
    expect(dispatched).toHaveLength(0);
    // The clock moves, but no timer fires: the next append sends everything pending.
    vi.setSystemTime(Date.now() + 60);
    batcher.append('t1', 'text', 'c');
    expect(dispatched.map((a) => a.payload)).toEqual([{ t1: { text: 'abc' } }]);
    batcher.append('t1', 'text', 'd');
    expect(dispatched).toHaveLength(1);
    batcher.dispose();
  });
});
