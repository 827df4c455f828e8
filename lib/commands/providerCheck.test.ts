// `cmd/providers/check`: whether the default provider answers, for the panel's setup card. Against
// the local fake server and a closed port; the key goes to the provider only, never into the answer.
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { FAKE_PROVIDER_ID, useFakeLlmServer, useTestEngines } from '../../tests/unit/helpers/testEngine';
import type { ProviderCheckResult } from '../setup/providerCheck';

const server = useFakeLlmServer();
const engineWith = useTestEngines(() => server().url);

const check = async (e: Awaited<ReturnType<typeof engineWith>>, force = false) =>
  ((await e.command('cmd/providers/check', { force })) as { payload: ProviderCheckResult }).payload;
const modelRequests = () => server().requests.filter((r) => r.path.endsWith('/models')).length;

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe('the default provider check', () => {
  it('answers ok for a provider that lists its models, and asks it at most once every few seconds', async () => {
    const e = await engineWith({ withCommands: true, apiKey: 'sk-check-secret' });
    const before = modelRequests();
    const first = await check(e);
    expect(first).toMatchObject({ status: 'ok', providerId: FAKE_PROVIDER_ID });
    expect(JSON.stringify(first)).not.toContain('sk-check-secret');
    expect(server().requests.at(-1)!.headers.authorization).toBe('Bearer sk-check-secret');
    await check(e);
    await check(e);
    expect(modelRequests()).toBe(before + 1);
    await check(e, true); // Try again
    expect(modelRequests()).toBe(before + 2);
  });

  it('reports a closed port as not running, a refused key as auth, and re-checks once the provider is saved', async () => {
    const e = await engineWith({ withCommands: true });
    const port = await closedPort();
    await e.command('cmd/providers/save', { id: FAKE_PROVIDER_ID, name: 'Ollama (local)', baseURL: `http://127.0.0.1:${port}/v1`, defaultModel: 'echo' });
    const down = await check(e);
    expect(down).toMatchObject({ status: 'failed', kind: 'network', baseURL: `http://127.0.0.1:${port}/v1`, hasKey: false });

    await e.command('cmd/providers/save', { id: FAKE_PROVIDER_ID, name: 'Local', baseURL: server().url, defaultModel: 'echo', apiKey: 'bad-key' });
    const refused = await check(e);
    expect(refused).toMatchObject({ status: 'failed', kind: 'auth', hasKey: true });
    expect(JSON.stringify(refused)).not.toContain('bad-key');

    await e.command('cmd/providers/save', { id: FAKE_PROVIDER_ID, name: 'Local', baseURL: server().url, defaultModel: 'echo', apiKey: 'sk-good' });
    expect((await check(e)).status).toBe('ok'); // not the cached refusal
  });

  it('says so when there is no provider at all', async () => {
    const e = await engineWith({ withCommands: true });
    await e.command('cmd/providers/delete', { id: FAKE_PROVIDER_ID });
    expect((await check(e)).status).toBe('no-provider');
  });
});
