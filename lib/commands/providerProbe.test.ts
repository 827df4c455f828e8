// List models and Test connection on the settings being edited: a stored key only ever goes to the
// base URL it was saved with.
import { describe, expect, it } from 'vitest';
import { useFakeLlmServer, useTestEngines, FAKE_PROVIDER_ID } from '../../tests/unit/helpers/testEngine';

const server = useFakeLlmServer();
const engineWith = useTestEngines(() => server().url);

/** The command gate answers `{ payload }`, as webext-redux expects. */
type Probe = { payload: { ok: boolean; message: string } };

const lastModelsRequest = () => server().requests.filter((r) => r.path.endsWith('/models')).at(-1)!;

describe('provider probes', () => {
  it('tests unsaved settings with the key typed in the form', async () => {
    const e = await engineWith({ withCommands: true });
    const { payload: result } = (await e.command('cmd/providers/test', { name: 'Draft', baseURL: server().url, apiKey: 'sk-typed' })) as Probe;
    expect(result).toMatchObject({ ok: true });
    expect(result.message).toMatch(/^Connected to Draft: \d+ models? available\.$/);
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
