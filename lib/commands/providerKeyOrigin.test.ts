// A stored key goes only to the origin it was saved for: moving a provider to another origin with the
// key field left alone drops the key in the background command, whatever the page sent.
import { describe, expect, it } from 'vitest';
import { chatRequestsSince, scenarioPrompt, testPrompt, useFakeLlmServer, useTestEngines, type TestEngine } from '../../tests/unit/helpers/testEngine';

const oldHost = useFakeLlmServer();
const newHost = useFakeLlmServer();
const newEngine = useTestEngines(() => oldHost().url);

const KEY = 'sk-live-ORIGIN-SECRET-0123456789';
const autoRun = { ...testPrompt().executionConfig, auto_run: true };

async function send<T = unknown>(e: TestEngine, type: string, payload?: unknown): Promise<T> {
  return ((await e.command(type, payload)) as { payload: T }).payload;
}

async function runEcho(e: TestEngine, server: ReturnType<typeof oldHost>) {
  const from = server.requests.length;
  await send(e, 'cmd/prompt/run', { promptId: 'echo' });
  await e.settled();
  const [request] = chatRequestsSince(server.requests, from);
  expect(request, 'the run reached this server').toBeDefined();
  return request;
}

describe('a stored key and the origin it was saved for', () => {
  it('is dropped when the base URL moves to another origin and no key is typed: the new host never sees it', async () => {
    const e = await newEngine({ withCommands: true, prompts: [scenarioPrompt('echo', 'echo', { executionConfig: autoRun })] });
    const { id } = await send<{ id: string }>(e, 'cmd/providers/save', { name: 'Keyed', baseURL: oldHost().url, defaultModel: 'echo', apiKey: KEY });
    await send(e, 'cmd/providers/setDefault', { id });
    expect((await runEcho(e, oldHost())).headers.authorization).toBe(`Bearer ${KEY}`);

    // Another port is another origin (another server); the key field is left as it was.
    const saved = await send<{ id: string; keyDropped: boolean }>(e, 'cmd/providers/save', { id, name: 'Keyed', baseURL: newHost().url, defaultModel: 'echo' });
    const request = await runEcho(e, newHost());
    expect(String(request.headers.authorization)).not.toContain(KEY);
    expect(JSON.stringify(newHost().requests)).not.toContain(KEY);

    expect(await e.db.providerKeys.get(id)).toBeUndefined();
    expect(e.state().providers.byId[id]).toMatchObject({ baseURL: newHost().url, hasKey: false });
    expect(saved).toEqual({ id, keyDropped: true }); // the form tells the user
  });

  it('stays for another path on the same origin, and a key typed with the new origin is kept', async () => {
    const e = await newEngine({ withCommands: true, prompts: [scenarioPrompt('echo', 'echo', { executionConfig: autoRun })] });
    const origin = new URL(oldHost().url).origin;
    const { id } = await send<{ id: string }>(e, 'cmd/providers/save', { name: 'Keyed', baseURL: `${origin}/api/v1`, defaultModel: 'echo', apiKey: KEY });
    const samePlace = await send<{ keyDropped: boolean }>(e, 'cmd/providers/save', { id, name: 'Keyed', baseURL: oldHost().url, defaultModel: 'echo' });
    expect((await e.db.providerKeys.get(id))?.apiKey).toBe(KEY);
    expect(samePlace.keyDropped).toBe(false);

    const moved = await send<{ keyDropped: boolean }>(e, 'cmd/providers/save', {
      id,
      name: 'Keyed',
      baseURL: newHost().url,
      defaultModel: 'echo',
      apiKey: 'sk-new-host-key',
    });
    expect((await e.db.providerKeys.get(id))?.apiKey).toBe('sk-new-host-key');
    await send(e, 'cmd/providers/setDefault', { id });
    expect((await runEcho(e, newHost())).headers.authorization).toBe('Bearer sk-new-host-key');
    expect(moved.keyDropped).toBe(false);
  });
});
