// Keep-alive: a cheap extension call every interval while the worker has work in flight, with a fake
// clock and a fake ping (unit), and on a real flow run that waits on a rate limit (real store, real timers).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { action, flow, step, useFlowEngines } from '../../tests/unit/helpers/flowTestEngine';
import { testEngineServices, useFakeLlmServer } from '../../tests/unit/helpers/testEngine';
import { oneActionRun } from '../../tests/unit/helpers/oneActionRun';
import { openDatabase } from '../db/database';
import { makeStore } from '../store/makeStore';
import { streamRemoved, streamStarted } from '../streaming/streamingSlice';
import { keepAliveWhileWorking } from './keepAlive';

const server = useFakeLlmServer();
const engine = useFlowEngines(() => server().url);
afterEach(() => vi.useRealTimers());

function fakeWorker() {
  vi.useFakeTimers();
  const store = makeStore(testEngineServices(openDatabase(`keepalive-${crypto.randomUUID()}`), async function* () {}));
  const ping = vi.fn(async () => undefined);
  keepAliveWhileWorking(store, ping, 20_000);
  return { store, ping };
}

describe('keepAliveWhileWorking', () => {
  it('pings every 20 s while a flow action runs, with no prompt answer streaming, and stops after the run', () => {
    const { store, ping } = fakeWorker();
    vi.advanceTimersByTime(60_000);
    expect(ping).not.toHaveBeenCalled(); // idle: nothing keeps the worker

    [oneActionRun.started, ...oneActionRun.acting].forEach((a) => store.dispatch(a));
    expect(Object.keys(store.getState().streaming.byTaskId)).toEqual([]);
    vi.advanceTimersByTime(61_000); // a long flow step: longer than Chrome's 30 s idle limit
    expect(ping).toHaveBeenCalledTimes(3);

    oneActionRun.done.forEach((a) => store.dispatch(a));
    vi.advanceTimersByTime(100_000);
    expect(ping).toHaveBeenCalledTimes(3);
    expect(vi.getTimerCount()).toBe(0); // the interval is gone, not just silent
  });

  it('pings while a prompt answer streams, keeps one timer across updates, and stops when it ends', () => {
    const { store, ping } = fakeWorker();
    store.dispatch(streamStarted({ taskId: 't', startedAt: 1, model: 'm', providerId: 'p' }));
    store.dispatch(streamStarted({ taskId: 't2', startedAt: 1, model: 'm', providerId: 'p' }));
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(40_000);
    expect(ping).toHaveBeenCalledTimes(2);
    store.dispatch(streamRemoved('t'));
    store.dispatch(streamRemoved('t2'));
    vi.advanceTimersByTime(40_000);
    expect(ping).toHaveBeenCalledTimes(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps a real flow run alive while its action waits on a 429 (Retry-After: 1), and goes quiet after', async () => {
    const e = await engine();
    const ping = vi.fn(async () => undefined);
    keepAliveWhileWorking(e.store, ping, 100);
    const flowId = await e.saveFlow(flow('f', [step([action('limited', 'ratelimited-1', 'hi')])]));
    const runner = e.runner();
    expect(await runner.runFlow(flowId)).toBe('completed');
    // the wait was a second long with no stream registered: the pings came from the flow run
    expect(e.run(runner.runId!).logs.some((l) => /rate limiting/.test(l.message))).toBe(true);
    expect(ping.mock.calls.length).toBeGreaterThanOrEqual(7);
    const after = ping.mock.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect(ping.mock.calls.length).toBeLessThanOrEqual(after + 1); // at most the tick that found it idle
  });
});
