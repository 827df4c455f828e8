// Requests per provider, through the real thunks and the real OpenAI client against the fake
// server's `hold-1000` scenario (each connection held a second before anything is sent): at most
// DEFAULT_REQUESTS_PER_PROVIDER are in flight at once, the others wait in Flowbar's queue with their
// position shown, their timeout starts when they are sent, and Stop takes a waiting one out.
import { describe, expect, it } from 'vitest';
import {
  chatRequestsSince,
  FAKE_PROVIDER_ID,
  FAKE_PROVIDER_NAME,
  scenarioPrompt,
  useFakeLlmServer,
  useTestEngines,
  waitFor,
  type TestEngine,
} from '../../../tests/unit/helpers/testEngine';
import { action, flow, step, useFlowEngines } from '../../../tests/unit/helpers/flowTestEngine';
import type { RecordedRequest } from '../../../tests/support/fakeLlmServer.mjs';
import { DEFAULT_REQUESTS_PER_PROVIDER, queuedNotice } from '../../llm/requestQueue';
import { settingsChanged } from '../../settings/settingsSlice';
import { executeMessage } from './executeMessageThunk';
import { startPromptInstance } from './startInstanceThunk';
import { stopInstance } from './stopInstanceThunk';

const server = useFakeLlmServer();
const newEngine = useTestEngines(() => server().url);
const newFlowEngine = useFlowEngines(() => server().url);

/** The most requests the server had open at one time. */
function peakInFlight(requests: RecordedRequest[]): number {
  const events = requests.flatMap((r) => [
    { at: r.receivedAt, delta: 1 },
    { at: r.endedAt ?? Infinity, delta: -1 },
  ]);
  events.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let open = 0;
  let peak = 0;
  for (const e of events) peak = Math.max(peak, (open += e.delta));
  return peak;
}

/** Every notice each task's stream showed, in order. */
function recordNotices(e: TestEngine): Map<string, Array<string | null>> {
  const seen = new Map<string, Array<string | null>>();
  e.store.subscribe(() => {
    for (const [taskId, stream] of Object.entries(e.state().streaming.byTaskId)) {
      const list = seen.get(taskId) ?? [];
      if (list.at(-1) !== stream.notice) list.push(stream.notice);
      seen.set(taskId, list);
    }
  });
  return seen;
}

const held = scenarioPrompt('p-held', 'hold-1000');
const QUEUED = /^Queued \((\d+) ahead\)$/;

describe('requests per provider', () => {
  it('10 answers from one provider: at most the limit in flight, all complete, none timed out, the waiting ones show their place', async () => {
    const e = await newEngine({ prompts: [held] });
    // Short enough that a timer started while waiting (3 waves of 1 s) would fire; a sent request takes 1 s.
    e.store.dispatch(settingsChanged({ requestTimeoutSeconds: 2 }));
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push(await e.store.dispatch(startPromptInstance({ promptId: held.id })).unwrap());
    const notices = recordNotices(e);
    const from = server().requests.length;

    const results = await Promise.all(ids.map((instanceId) => e.store.dispatch(executeMessage({ instanceId })).unwrap()));

    expect(results.map((r) => r.outcome)).toEqual(Array(10).fill('completed'));
    for (const id of ids) {
      expect(e.instance(id).error).toBeNull();
      expect(e.instance(id).conversation.messages.at(-1)).toMatchObject({ role: 'assistant', content: 'You said: Question for hold-1000' });
    }
    const requests = chatRequestsSince(server().requests, from);
    expect(requests).toHaveLength(10);
    expect(peakInFlight(requests)).toBe(DEFAULT_REQUESTS_PER_PROVIDER);

    // The ones beyond the limit showed "Queued (n ahead)", first with their place in line, and the
    // notice went away when they were sent.
    const queued = [...notices.values()].filter((list) => list.some((n) => n && QUEUED.test(n)));
    expect(queued).toHaveLength(10 - DEFAULT_REQUESTS_PER_PROVIDER);
    const firstPlaces = queued.map((list) => Number(QUEUED.exec(list.find((n) => n && QUEUED.test(n))!)![1])).sort();
    expect(firstPlaces).toEqual([0, 1, 2, 3, 4, 5].slice(0, 10 - DEFAULT_REQUESTS_PER_PROVIDER));
    for (const list of queued) {
      const places = list.filter((n): n is string => !!n && QUEUED.test(n)).map((n) => Number(QUEUED.exec(n)![1]));
      expect(places, 'a place only ever gets better').toEqual([...places].sort((a, b) => b - a));
      expect(list.at(-1)).toBeNull();
    }
  }, 20_000);

  it('a provider’s own limit (Requests at once: 2, saved through cmd/providers/save) is the most in flight to its host', async () => {
    const e = await newEngine({ prompts: [held], withCommands: true });
    await e.command('cmd/providers/save', {
      id: FAKE_PROVIDER_ID,
      name: FAKE_PROVIDER_NAME,
      baseURL: server().url,
      defaultModel: 'echo',
      maxConcurrentRequests: 2,
    });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await e.store.dispatch(startPromptInstance({ promptId: held.id })).unwrap());
    const notices = recordNotices(e);
    const from = server().requests.length;

    const results = await Promise.all(ids.map((instanceId) => e.store.dispatch(executeMessage({ instanceId })).unwrap()));

    expect(results.map((r) => r.outcome)).toEqual(Array(5).fill('completed'));
    const requests = chatRequestsSince(server().requests, from);
    expect(requests).toHaveLength(5);
    expect(peakInFlight(requests)).toBe(2);
    expect([...notices.values()].filter((list) => list.some((n) => n && QUEUED.test(n)))).toHaveLength(3);
  }, 20_000);

  it('Stop on a waiting answer takes it out of the queue: no request is sent, the ones behind it move up', async () => {
    const e = await newEngine({ prompts: [held] });
    const ids: string[] = [];
    const total = DEFAULT_REQUESTS_PER_PROVIDER + 2;
    for (let i = 0; i < total; i++) ids.push(await e.store.dispatch(startPromptInstance({ promptId: held.id })).unwrap());
    const from = server().requests.length;
    const runs = ids.map((instanceId) => e.store.dispatch(executeMessage({ instanceId })).unwrap());
    const noticeOf = (id: string) => {
      const taskId = e.instance(id).execution.currentTaskId;
      return taskId ? (e.state().streaming.byTaskId[taskId]?.notice ?? null) : null;
    };
    const [firstWaiting, secondWaiting] = ids.slice(DEFAULT_REQUESTS_PER_PROVIDER);
    await waitFor(() => noticeOf(firstWaiting) === queuedNotice(0) && noticeOf(secondWaiting) === queuedNotice(1), 'two answers queued');

    await e.store.dispatch(stopInstance({ instanceId: firstWaiting })).unwrap();
    expect(noticeOf(secondWaiting)).toBe(queuedNotice(0));

    const results = await Promise.all(runs);
    expect(results[DEFAULT_REQUESTS_PER_PROVIDER].outcome).toBe('stopped');
    expect(results.filter((r) => r.outcome === 'completed')).toHaveLength(total - 1);
    expect(e.instance(firstWaiting).error).toBeNull();
    // the stopped one never reached the server
    expect(chatRequestsSince(server().requests, from)).toHaveLength(total - 1);
  }, 20_000);

  it('a flow’s parallel actions share the limit; the waiting actions show their place on the run', async () => {
    const e = await newFlowEngine();
    const count = DEFAULT_REQUESTS_PER_PROVIDER + 2;
    const flowId = await e.saveFlow(flow('wide', [step(Array.from({ length: count }, (_, i) => action(`a${i}`, 'hold-1000', `Q${i}`)))]));
    const places = new Map<number, Array<number | null>>();
    e.store.subscribe(() => {
      const run = Object.values(e.state().flowRuns.byId)[0];
      run?.steps[0].actions.forEach((a, i) => {
        const list = places.get(i) ?? [];
        const place = a.queuedAhead ?? null;
        if (list.at(-1) !== place) list.push(place);
        places.set(i, list);
      });
    });
    const from = server().requests.length;
    const runner = e.runner();
    expect(await runner.runFlow(flowId)).toBe('completed');
    const requests = chatRequestsSince(server().requests, from);
    expect(requests).toHaveLength(count);
    expect(peakInFlight(requests)).toBe(DEFAULT_REQUESTS_PER_PROVIDER);
    const waited = [...places.values()].filter((list) => list.some((p) => p !== null));
    expect(waited.map((list) => list.find((p) => p !== null)).sort()).toEqual([0, 1]);
    for (const list of waited) expect(list.at(-1)).toBeNull();
    expect(e.run(runner.runId!).steps[0].actions.every((a) => a.status === 'completed')).toBe(true);
  }, 20_000);
});
