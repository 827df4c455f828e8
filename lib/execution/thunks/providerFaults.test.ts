// What a user sees when the provider rate-limits or is slow: a notice while Flowbar waits, then the
// answer; or a clear error, with the setting's timeout.
import { describe, expect, it } from 'vitest';
import { scenarioPrompt, useFakeLlmServer, useTestEngines, waitFor } from '../../../tests/unit/helpers/testEngine';
import { settingsChanged } from '../../settings/settingsSlice';
import { selectStreamNoticeForInstance } from '../selectors/instanceSelectors';
import { executeMessage } from './executeMessageThunk';
import { startPromptInstance } from './startInstanceThunk';

const server = useFakeLlmServer();
const newEngine = useTestEngines(() => server().url);

const manual = { executionConfig: { auto_run: false, allow_chat: true, show_variables: true, apply_variables: true, track_in_runs: true } };

describe('provider faults', () => {
  it('a 429 shows "rate limited, retrying in N s" on the instance, then the answer arrives', async () => {
    const engine = await newEngine({ prompts: [scenarioPrompt('rl', 'ratelimited-1', manual)] });
    const instanceId = await engine.store.dispatch(startPromptInstance({ promptId: 'rl' })).unwrap();
    const done = engine.store.dispatch(executeMessage({ instanceId })).unwrap();

    await waitFor(() => selectStreamNoticeForInstance(engine.state(), instanceId) !== null, 'the rate-limit notice');
    expect(selectStreamNoticeForInstance(engine.state(), instanceId)).toMatch(/rate limiting requests: retrying in 1 s/);
    expect(engine.instance(instanceId).status).toBe('executing');

    expect(await done).toMatchObject({ outcome: 'completed' });
    const instance = engine.instance(instanceId);
    expect(instance.status).toBe('completed');
    expect(instance.conversation.messages.at(-1)?.content).toBe('You said: Question for ratelimited-1');
  });

  it('the request timeout from the settings ends a slow answer with a clear error, keeping what arrived', async () => {
    const engine = await newEngine({ prompts: [scenarioPrompt('slow', 'slow-200-30', manual)] });
    engine.store.dispatch(settingsChanged({ requestTimeoutSeconds: 1 }));
    const instanceId = await engine.store.dispatch(startPromptInstance({ promptId: 'slow' })).unwrap();
    await engine.store.dispatch(executeMessage({ instanceId })).unwrap();

    const instance = engine.instance(instanceId);
    expect(instance.status).toBe('error');
    expect(instance.error?.kind).toBe('timeout');
    const partial = instance.conversation.messages.at(-1)!;
    expect(partial.metadata?.partial).toBe('error');
    expect(partial.content).toMatch(/^word0 word1 /);
    expect(partial.content).not.toContain('word199');
  });
});
