// List models and Test connection on the settings being edited: a stored key only ever goes to the
// base URL it was saved with.
import { describe, expect, it } from 'vitest';
import { useFakeLlmServer, useTestEngines, FAKE_PROVIDER_ID } from '../../tests/unit/helpers/testEngine';

const server = useFakeLlmServer();
const engineWith = useTestEngines(() => server().url);

/** The command gate answers `{ payload }`, as webext-redux expects. */
type Probe = { payload: { ok: boolean; message: string } };

const lastModelsRequest = () =>
  server()
    .requests.filter((r) => r.path.endsWith('/models'))
    .at(-1)!;

describe('provider probes', () => {
  it('tests unsaved settings with the key typed in the form', async () => {
    const e = await engineWith({ withCommands: true });
    const { payload: result } = (await e.command('cmd/providers/test', { name: 'Draft', baseURL: server().url, apiKey: 'sk-typed' })) as Probe;
    expect(result).toMatchObject({ ok: true });
    expect(result.message).toMatch(/^Connected to Draft: the key works \(a one-token answer from echo\); \d+ models? listed\.$/);
    expect(lastModelsRequest().headers.authorization).toBe('Bearer sk-typed');
    expect(Object.values(e.state().providers.byId).map((p) => p.name)).not.toContain('Draft'); // nothing saved
  });

  it('uses the stored key for its own base URL, and never sends it to an edited one', async () => {
    const e = await engineWith({ withCommands: true, apiKey: 'sk-stored-secret' });
    await e.command('cmd/providers/listModels', { id: FAKE_PROVIDER_ID, baseURL: server().url });
    expect(lastModelsRequest().headers.authorization).toBe('Bearer sk-stored-secret');

    // The same server under another name: the form's URL no longer matches the saved one.
    const edited = server().url.replace('127.0.0.1', 'localhost');
    await e.command('cmd/providers/listModels', { id: FAKE_PROVIDER_ID, baseURL: edited });
    expect(lastModelsRequest().headers.authorization).not.toContain('sk-stored-secret');
  });

  it('reports a refused key and a missing target clearly', async () => {
    const e = await engineWith({ withCommands: true });
    const { payload: refused } = (await e.command('cmd/providers/test', { name: 'Draft', baseURL: server().url, apiKey: 'bad-key' })) as Probe;
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/key for Draft was refused/i);
    await expect(e.command('cmd/providers/test', {})).rejects.toThrow(/saved provider or a base URL/);
  });
});

describe('Test connection checks the key, not only the model list', () => {
  // /models answers any key (or none); a chat completion needs `Bearer sk-right`.
  const guarded = useFakeLlmServer({ chatKey: 'sk-right' });
  const guardedEngine = useTestEngines(() => guarded().url);
  const test = async (payload: Record<string, unknown>) => {
    const e = await guardedEngine({ withCommands: true });
    return ((await e.command('cmd/providers/test', payload)) as Probe).payload;
  };
  const lastChat = () =>
    guarded()
      .requests.filter((r) => r.path.endsWith('/chat/completions'))
      .at(-1)!;

  it('a wrong key fails even though the models are listed', async () => {
    const result = await test({ name: 'Guarded', baseURL: guarded().url, apiKey: 'sk-wrong', defaultModel: 'echo' });
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/^Guarded listed its models, but a one-token test answer from echo failed\. The key for Guarded was refused \(401\)/);
    // the check is one short chat completion with the typed key
    expect(lastChat().headers.authorization).toBe('Bearer sk-wrong');
    expect(lastChat().body).toMatchObject({ model: 'echo', max_tokens: 1 });
  });

  it('the right key passes; without a default model the first listed model answers', async () => {
    const result = await test({ name: 'Guarded', baseURL: guarded().url, apiKey: 'sk-right' });
    expect(result).toMatchObject({ ok: true });
    expect(result.message).toMatch(/^Connected to Guarded: the key works \(a one-token answer from echo\); 7 models listed\.$/);
    expect(lastChat().headers.authorization).toBe('Bearer sk-right');
  });

  it('without a key it says plainly that only the models were listed', async () => {
    const before = guarded().requests.length;
    const result = await test({ name: 'Guarded', baseURL: guarded().url });
    expect(result).toEqual({ ok: true, message: 'Reached Guarded: 7 models listed; the key is checked on the first run (no key is set).' });
    expect(
      guarded()
        .requests.slice(before)
        .map((r) => r.path),
    ).toEqual(['/v1/models']);
  });

  it('with the Name field empty, messages name the host', async () => {
    const host = new URL(guarded().url).host;
    const wrong = await test({ baseURL: guarded().url, apiKey: 'sk-wrong', defaultModel: 'echo' });
    expect(wrong.message).toContain(`The key for ${host} was refused (401)`);
    expect(wrong.message).not.toMatch(/""|for\s+was|The provider/);
    const keyless = await test({ name: '  ', baseURL: guarded().url });
    expect(keyless.message).toBe(`Reached ${host}: 7 models listed; the key is checked on the first run (no key is set).`);
  });
});
