// Real providers' stream shapes (recorded in lib/llm/fixtures, replayed by the fake server's
// fixture-NAME scenarios) through the whole engine: what the conversation keeps and saves.
import { describe, expect, it } from 'vitest';
import { FAKE_PROVIDER_NAME, scenarioPrompt, useFakeLlmServer, useTestEngines } from '../../../tests/unit/helpers/testEngine';
import { executeMessage } from './executeMessageThunk';
import { startPromptInstance } from './startInstanceThunk';

const server = useFakeLlmServer();
const newEngine = useTestEngines(() => server().url);

async function answer(fixture: string) {
  const model = `fixture-${fixture}`;
  const engine = await newEngine({ prompts: [scenarioPrompt('p', model)] });
  const instanceId = await engine.store.dispatch(startPromptInstance({ promptId: 'p' })).unwrap();
  const result = await engine.store.dispatch(executeMessage({ instanceId })).unwrap();
  const message = engine.instance(instanceId).conversation.messages.at(-1)!;
  const saved = (await engine.db.instances.get(instanceId))?.conversation.messages.at(-1);
  return { engine, instanceId, result, message, saved };
}

describe('stream shapes through the engine', () => {
  it('Mistral content parts: the text is the answer, the thinking its reasoning', async () => {
    const { result, message } = await answer('content-parts-mistral');
    expect(result.outcome).toBe('completed');
    expect(message.content).toBe('The capital of France is **Paris**. It is known for the Eiffel Tower.');
    expect(message.metadata?.reasoning).toBe('Okay, the user asks for the capital of France. That is Paris.');
    expect(message.metadata?.finishReason).toBeUndefined(); // a plain stop is not worth a note
  });

  it('finish_reason "length": the answer is kept whole and marked cut off, in the store and the database', async () => {
    const { engine, instanceId, result, message, saved } = await answer('finish-length-openai');
    expect(result.outcome).toBe('completed');
    expect(message.content).toBe('Here are ten ideas:\n\n1. A garden journal\n2. A');
    expect(message.metadata?.finishReason).toBe('length');
    expect(message.metadata?.partial).toBeUndefined();
    expect(saved?.metadata?.finishReason).toBe('length');
    expect(engine.instance(instanceId).execution.lastMessageStats).toMatchObject({ promptTokens: 14, completionTokens: 12 });
  });

  it('Perplexity citations are saved with the answer, in order', async () => {
    const { message, saved } = await answer('citations-perplexity');
    expect(message.content).toBe('Paris is the capital of France[1][2]. Its population is about 2.1 million[3].');
    const urls = ['https://en.wikipedia.org/wiki/Paris', 'https://www.britannica.com/place/Paris', 'https://www.insee.fr/en/statistiques/2011101'];
    expect(message.metadata?.citations).toEqual(urls);
    expect(saved?.metadata?.citations).toEqual(urls);
  });

  it('tool-call deltas: an empty answer that says which tool the model tried to call', async () => {
    const { result, message, saved } = await answer('tool-calls-openai');
    expect(result.outcome).toBe('completed');
    expect(message.content).toBe('');
    expect(message.metadata).toMatchObject({ toolCalls: ['get_weather'], finishReason: 'tool_calls' });
    expect(saved?.metadata?.toolCalls).toEqual(['get_weather']);
  });

  it('a malformed line does not end the answer; the instance log says it was skipped', async () => {
    const { engine, instanceId, result, message } = await answer('malformed-line-ollama');
    expect(result.outcome).toBe('completed');
    expect(message.content).toBe('Grüße aus Köln — 東京 🙂 done.');
    const logged = engine.state().logs.entries.filter((e) => e.instanceId === instanceId && e.level === 'warn');
    expect(logged).toHaveLength(1);
    expect(logged[0].message.startsWith(`${FAKE_PROVIDER_NAME}: Skipped a line of the stream that is not valid JSON: {"id":"chatcmpl-417"`)).toBe(true);
  });

  it("the fake server's malformed scenario: the whole answer, not an error", async () => {
    const engine = await newEngine({ prompts: [scenarioPrompt('m', 'malformed')] });
    const instanceId = await engine.store.dispatch(startPromptInstance({ promptId: 'm' })).unwrap();
    const result = await engine.store.dispatch(executeMessage({ instanceId })).unwrap();
    expect(result.outcome).toBe('completed');
    expect(engine.instance(instanceId).conversation.messages.at(-1)?.content).toBe('word0 word1 word2 word3 word4 word5 ');
  });
});
