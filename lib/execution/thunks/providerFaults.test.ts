// What a user sees when the provider rate-limits or is slow: a notice while Flowbar waits, then the
// answer; or a clear error, with the setting's timeout.
import { describe, expect, it } from 'vitest';
import { FAKE_PROVIDER_NAME, scenarioPrompt, useFakeLlmServer, useTestEngines, waitFor, words } from '../../../tests/unit/helpers/testEngine';
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

  it('the wait from the settings limits silence, not answering: chunks every 300 ms for longer than it complete', async () => {
    const engine = await newEngine({ prompts: [scenarioPrompt('slow', 'slow-8-300', manual)] });
    engine.store.dispatch(settingsChanged({ requestTimeoutSeconds: 1 }));
    const instanceId = await engine.store.dispatch(startPromptInstance({ promptId: 'slow' })).unwrap();
    const started = Date.now();
    expect(await engine.store.dispatch(executeMessage({ instanceId })).unwrap()).toMatchObject({ outcome: 'completed' });
    expect(Date.now() - started).toBeGreaterThan(2000); // twice the limit, and not cut
    const instance = engine.instance(instanceId);
    expect(instance.status).toBe('completed');
    expect(instance.conversation.messages.at(-1)).toMatchObject({ content: words(8) });
    expect(instance.conversation.messages.at(-1)?.metadata?.partial).toBeUndefined();
  });

  it('an answer gone silent mid-way ends with a clear timeout error, keeping what arrived', async () => {
    const engine = await newEngine({ prompts: [scenarioPrompt('stall', 'stall-5-300', manual)] });
    engine.store.dispatch(settingsChanged({ requestTimeoutSeconds: 1 }));
    const instanceId = await engine.store.dispatch(startPromptInstance({ promptId: 'stall' })).unwrap();
    await engine.store.dispatch(executeMessage({ instanceId })).unwrap();

    const instance = engine.instance(instanceId);
    expect(instance.status).toBe('error');
    expect(instance.error?.kind).toBe('timeout');
    expect(instance.error?.message).toBe(
      `${FAKE_PROVIDER_NAME} went silent for 1 s in the middle of the answer. Try again, or allow a longer wait in Options → General.`,
    );
    const partial = instance.conversation.messages.at(-1)!;
    expect(partial.metadata?.partial).toBe('error');
    expect(partial.content).toBe(words(5));
  });
});
