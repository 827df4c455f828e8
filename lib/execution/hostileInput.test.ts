// Input a user (or a page) can throw at the engine: huge and binary-looking selections, templates
// with thousands of variables, provider URLs that are not URLs. Each ends in a clear state.
import { describe, expect, it } from 'vitest';
import { scenarioPrompt, testPrompt, useFakeLlmServer, useTestEngines } from '../../tests/unit/helpers/testEngine';
import { resolveTemplate } from './services/variableResolver';
import { executeMessage } from './thunks/executeMessageThunk';
import { startPromptInstance } from './thunks/startInstanceThunk';

const server = useFakeLlmServer();
const newEngine = useTestEngines(() => server().url);

const manual = { executionConfig: { auto_run: false, allow_chat: true, show_variables: true, apply_variables: true, track_in_runs: true } };
const lastChat = () =>
  server()
    .requests.filter((r) => r.path.endsWith('/chat/completions'))
    .at(-1)!;

describe('hostile input', () => {
  it('a multi-megabyte selection is sent whole and the run completes', async () => {
    const engine = await newEngine({
      prompts: [scenarioPrompt('big', 'long-5', { ...manual, messages: [{ role: 'user', content: 'Summarize {{selection}}' }] })],
    });
    const selection = 'lorem ipsum dolor sit amet '.repeat(120_000); // ~3.2 MB
    const instanceId = await engine.store.dispatch(startPromptInstance({ promptId: 'big', page: { selection } })).unwrap();
    await engine.store.dispatch(executeMessage({ instanceId })).unwrap();
    expect(engine.instance(instanceId).status).toBe('completed');
    const sent = (lastChat().body as { messages: { content: string }[] }).messages[0].content;
    expect(sent.length).toBe('Summarize '.length + selection.length);
  });

  it('binary-looking text (NUL, control characters, lone surrogates) reaches the model and the answer comes back', async () => {
    const engine = await newEngine({ prompts: [testPrompt({ id: 'bin', ...manual, messages: [{ role: 'user', content: '{{selection}}' }] })] });
    const selection = 'start\u0000\u0001\u001b[31m\ud800 \udfff\u200b\ufffd end';
    const instanceId = await engine.store.dispatch(startPromptInstance({ promptId: 'bin', page: { selection } })).unwrap();
    await engine.store.dispatch(executeMessage({ instanceId })).unwrap();
    const instance = engine.instance(instanceId);
    expect(instance.status).toBe('completed');
    expect(instance.conversation.messages.at(-1)?.content).toMatch(/^You said: start/);
    expect(instance.conversation.messages.at(-1)?.content).toMatch(/end$/);
  });

  it('a template with thousands of variables resolves in one pass and reports what is missing briefly', async () => {
    const names = Array.from({ length: 5000 }, (_v, i) => `v${i}`);
    const template = names.map((n) => `{{${n}}}`).join(' ');
    const values = Object.fromEntries(names.slice(0, 2500).map((n) => [n, `<${n}>`]));
    const resolved = resolveTemplate(template, values);
    expect(resolved.missing).toHaveLength(2500);
    expect(resolved.text.startsWith('<v0> <v1>')).toBe(true);

    const engine = await newEngine({ prompts: [testPrompt({ id: 'many', ...manual, messages: [{ role: 'user', content: template }] })] });
    const instanceId = await engine.store.dispatch(startPromptInstance({ promptId: 'many', variables: values })).unwrap();
    const requestsBefore = server().requests.length;
    await expect(engine.store.dispatch(executeMessage({ instanceId })).unwrap()).rejects.toThrow(/Fill in \{\{v2500\}\}.* and 2492 more before running/);
    const error = engine.instance(instanceId).error!;
    expect(error.kind).toBe('missing-variables');
    expect(error.missingVariables).toHaveLength(2500);
    expect(error.message.length).toBeLessThan(200);
    expect(server().requests.length).toBe(requestsBefore);
  });

  it('a provider URL that is not an http(s) URL is refused with a clear message', async () => {
    const engine = await newEngine({ withCommands: true });
    for (const baseURL of ['not a url', 'javascript:alert(1)', 'ftp://files.example/v1', '']) {
      await expect(engine.command('cmd/providers/save', { name: 'Bad', baseURL, defaultModel: 'x' })).rejects.toThrow(/base URL must be an http/);
    }
    expect(Object.values(engine.state().providers.byId).map((p) => p.name)).not.toContain('Bad');
  });
});
