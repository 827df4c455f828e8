import { describe, expect, it } from 'vitest';
import { makeInstance } from '../../../tests/unit/helpers/fixtures';
import { chatRequestsSince, scenarioPrompt, useFakeLlmServer, useTestEngines, waitFor } from '../../../tests/unit/helpers/testEngine';
import { rootReducer } from '../../store/rootReducer';
import type { ExecutionInstance, InstanceStatus } from '../../types';
import { instanceAdded } from '../executionSlice';
import { saveInstance } from '../services/runPersistence';
import { cleanupInstance, evictInstances, MAX_INSTANCE_AGE_MS, MAX_INSTANCES, selectInstancesToEvict } from './cleanupInstanceThunk';
import { executeMessage } from './executeMessageThunk';
import { startPromptInstance } from './startInstanceThunk';

const server = useFakeLlmServer();
const newEngine = useTestEngines(() => server().url);

describe('cleanupInstance', () => {
  it('removes the instance from the store (and its indexes) but keeps it in the database, closed', async () => {
    const e = await newEngine({ prompts: [scenarioPrompt('echo', 'echo')] });
    const id = await e.store.dispatch(startPromptInstance({ promptId: 'echo' })).unwrap();
    const keep = await e.store.dispatch(startPromptInstance({ promptId: 'echo' })).unwrap();
    await e.store.dispatch(executeMessage({ instanceId: id })).unwrap();
    const runId = e.instance(id).runId!;

    await e.store.dispatch(cleanupInstance({ instanceId: id })).unwrap();
    const state = e.state().promptExecution;
    expect(state.instances[id]).toBeUndefined();
    expect(state.instancesByPromptId.echo).toEqual([keep]);
    expect(state.instancesByRunId[runId]).toBeUndefined();

    const row = await e.db.instances.get(id);
    expect(row?.open).toBe(0);
    expect(row?.conversation.messages.map((m) => m.content)).toEqual(['You said: Question for echo']);
    expect((await e.db.instances.get(keep))?.open).toBe(1);
    // unknown ids are a no-op
    await e.store.dispatch(cleanupInstance({ instanceId: 'nope' })).unwrap();
  });

  it('stops a running instance first and saves its partial answer', async () => {
    const e = await newEngine({ prompts: [scenarioPrompt('hang', 'hang')] });
    const from = server().requests.length;
    const id = await e.store.dispatch(startPromptInstance({ promptId: 'hang' })).unwrap();
    const running = e.store.dispatch(executeMessage({ instanceId: id }));
    await waitFor(() => e.state().promptExecution.instances[id]?.status === 'streaming', 'streaming');
    await waitFor(() => Object.values(e.state().streaming.byTaskId).some((s) => s.text === 'Thinking'), 'the first chunk');

    await e.store.dispatch(cleanupInstance({ instanceId: id })).unwrap();
    expect(e.state().promptExecution.instances[id]).toBeUndefined();
    expect((await running).meta.requestStatus).toBe('fulfilled');
    await waitFor(() => chatRequestsSince(server().requests, from)[0]?.aborted ?? false, 'the request to be aborted');
    const row = await e.db.instances.get(id);
    expect(row?.open).toBe(0);
    expect(row?.status).toBe('completed');
    expect(row?.conversation.messages).toEqual([expect.objectContaining({ content: 'Thinking', metadata: expect.objectContaining({ partial: 'stopped' }) })]);
  });
});

describe('selectInstancesToEvict', () => {
  const NOW = 10_000_000;
  const stateWith = (instances: ExecutionInstance[]) => instances.map((i) => instanceAdded(i)).reduce(rootReducer, rootReducer(undefined, { type: '@@init' }));
  const inst = (id: string, status: InstanceStatus, ageMs: number) => makeInstance({ instanceId: id, status, updatedAt: NOW - ageMs });

  it('evicts nothing while under the limit and young', () => {
    const instances = Array.from({ length: MAX_INSTANCES }, (_, i) => inst(`i${i}`, 'completed', i * 1000));
    expect(selectInstancesToEvict(stateWith(instances), NOW)).toEqual([]);
  });

  it('past the limit: the oldest idle ones go, just enough to get back to the limit', () => {
    // i0 is the newest, i(N-1) the oldest; statuses cycle through the idle ones
    const statuses: InstanceStatus[] = ['completed', 'idle', 'error'];
    const instances = Array.from({ length: MAX_INSTANCES + 5 }, (_, i) => inst(`i${i}`, statuses[i % 3], i * 1000));
    const evicted = selectInstancesToEvict(stateWith(instances), NOW);
    expect(evicted.sort()).toEqual(['i50', 'i51', 'i52', 'i53', 'i54']);
  });

  it('completed instances idle for more than 30 minutes go even under the limit; idle/error ones stay', () => {
    const old = MAX_INSTANCE_AGE_MS + 1;
    const instances = [
      inst('old-done', 'completed', old),
      inst('old-idle', 'idle', old),
      inst('old-error', 'error', old),
      inst('recent-done', 'completed', MAX_INSTANCE_AGE_MS - 1000),
    ];
    expect(selectInstancesToEvict(stateWith(instances), NOW)).toEqual(['old-done']);
  });

  it('never evicts a running instance, however old', () => {
    const ancient = MAX_INSTANCE_AGE_MS * 10;
    const running = (['executing', 'streaming', 'streaming'] as const).map((s, i) => inst(`run-${s}-${i}`, s, ancient + i));
    const idle = Array.from({ length: MAX_INSTANCES }, (_, i) => inst(`i${i}`, 'idle', i * 1000));
    const evicted = selectInstancesToEvict(stateWith([...running, ...idle]), NOW);
    expect(evicted.sort()).toEqual(['i47', 'i48', 'i49']);
    expect(evicted.some((id) => id.startsWith('run-'))).toBe(false);
  });

  it('aged-out completed instances count toward the overflow', () => {
    const instances = [
      ...Array.from({ length: MAX_INSTANCES - 1 }, (_, i) => inst(`i${i}`, 'idle', i * 1000)),
      inst('stale-1', 'completed', MAX_INSTANCE_AGE_MS + 5),
      inst('stale-2', 'completed', MAX_INSTANCE_AGE_MS + 6),
    ];
    // 51 instances, 2 stale: the stale ones go and nothing more is needed
    expect(selectInstancesToEvict(stateWith(instances), NOW).sort()).toEqual(['stale-1', 'stale-2']);
  });
});

describe('evictInstances', () => {
  it('starting the 51st instance evicts the oldest idle one from the store, not from the database', async () => {
    const e = await newEngine({ prompts: [scenarioPrompt('echo', 'echo')] });
    const base = e.services.now();
    for (let i = 0; i < MAX_INSTANCES; i++) {
      // oldest first: "old-0" is the least recently used; the oldest two are running
      const instance = makeInstance({
        instanceId: `old-${i}`,
        promptId: 'echo',
        status: i < 2 ? 'streaming' : 'completed',
        createdAt: base - 60_000 + i,
        updatedAt: base - 60_000 + i,
      });
      e.store.dispatch(instanceAdded(instance));
      await saveInstance(e.db, instance);
    }
    const fresh = await e.store.dispatch(startPromptInstance({ promptId: 'echo' })).unwrap();
    const open = e.state().promptExecution.instances;
    expect(Object.keys(open)).toHaveLength(MAX_INSTANCES);
    expect(open['old-2']).toBeUndefined();
    expect(open['old-0']).toBeDefined();
    expect(open['old-1']).toBeDefined();
    expect(open[fresh]).toBeDefined();
    expect((await e.db.instances.get('old-2'))?.open).toBe(0);

    // nothing more to evict: a no-op
    expect(await e.store.dispatch(evictInstances()).unwrap()).toEqual([]);
  });
});
