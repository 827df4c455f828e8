// @vitest-environment jsdom
// The provider form says where a key would go before it is saved: not to another host (the saved key
// is dropped, as cmd/providers/save enforces), and not in clear text over plain http:// to another machine.
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { Provider } from 'react-redux';
import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_PROVIDER_ID, useTestEngines, type TestEngine } from '../../tests/unit/helpers/testEngine';
import { providerQueueKey } from '@/lib/llm/requestQueue';
import { ProviderForm } from './ProviderForm';

afterEach(cleanup);

// No request leaves these tests: saving a provider only writes the database.
const newEngine = useTestEngines(() => 'https://api.example.test/v1');

/** The store as an extension page holds it: state from the background, dispatch sends a command. */
function PageStore({ engine, children }: { engine: TestEngine; children: ReactNode }) {
  const pageStore = {
    getState: engine.store.getState,
    subscribe: engine.store.subscribe,
    dispatch: async (action: { type: string; payload: unknown }) => ((await engine.command(action.type, action.payload)) as { payload: unknown }).payload,
  };
  return <Provider store={pageStore as never}>{children}</Provider>;
}

async function renderForm(options: { baseURL?: string; apiKey?: string; providerId?: string | null } = {}) {
  const engine = await newEngine({ serverUrl: options.baseURL ?? 'https://api.example.test/v1', apiKey: options.apiKey, withCommands: true });
  render(
    <PageStore engine={engine}>
      <ProviderForm
        providerId={options.providerId === undefined ? FAKE_PROVIDER_ID : options.providerId}
        focusFirstField={false}
        onSaved={() => {}}
        onDeleted={() => {}}
      />
    </PageStore>,
  );
  return { engine, user: userEvent.setup() };
}

const baseUrlField = () => screen.getByLabelText('Base URL');
const keyField = () => screen.getByLabelText('API key');
const droppedWarning = () => screen.queryByText(/saving removes it/);
const clearTextWarning = () => screen.queryByText(/key would travel unencrypted/);

describe('the provider form and a saved key', () => {
  it('warns before saving that moving to another host drops the saved key, and the save does drop it', async () => {
    const { engine, user } = await renderForm({ apiKey: 'sk-saved-for-example' });
    expect(droppedWarning()).toBeNull();

    await user.clear(baseUrlField());
    await user.type(baseUrlField(), 'https://other-host.test/v1');
    const warning = droppedWarning();
    expect(warning?.textContent).toMatch(/now points to other-host\.test, not api\.example\.test/);
    expect(keyField().getAttribute('aria-describedby')).toContain(warning!.id);

    // typing a key for the new host: nothing is dropped
    await user.type(keyField(), 'sk-for-other-host');
    expect(droppedWarning()).toBeNull();
    await user.clear(keyField());
    expect(droppedWarning()).not.toBeNull();

    await user.click(screen.getByRole('button', { name: 'Save provider' }));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(`Saved Fake Local LLM. Its saved key was removed: it belonged to api.example.test.`),
    );
    expect(await engine.db.providerKeys.get(FAKE_PROVIDER_ID)).toBeUndefined();
  });

  it('says nothing for another path on the same origin', async () => {
    const { user } = await renderForm({ apiKey: 'sk-saved-for-example' });
    await user.clear(baseUrlField());
    await user.type(baseUrlField(), 'https://api.example.test/v2/');
    expect(droppedWarning()).toBeNull();
    expect(clearTextWarning()).toBeNull();
  });
});

describe('the provider form and a key in clear text', () => {
  it('warns when a key is typed for a remote plain http:// address', async () => {
    const { user } = await renderForm({ providerId: null });
    await user.type(baseUrlField(), 'http://192.168.1.20:8080/v1');
    expect(clearTextWarning()).toBeNull(); // no key, nothing to leak
    await user.type(keyField(), 'sk-typed');
    expect(clearTextWarning()?.textContent).toMatch(/^192\.168\.1\.20:8080 is reached over plain http:\/\//);
    expect(keyField().getAttribute('aria-describedby')).toContain(clearTextWarning()!.id);
  });

  it('warns for a saved key on a remote http:// provider, but not for loopback or https', async () => {
    const { user } = await renderForm({ baseURL: 'http://models.lan:8000/v1', apiKey: 'sk-saved' });
    expect(clearTextWarning()).not.toBeNull();

    await user.clear(baseUrlField());
    await user.type(baseUrlField(), 'https://models.lan/v1'); // another origin: the saved key would be dropped, so none travels
    expect(clearTextWarning()).toBeNull();
    await user.type(keyField(), 'sk-typed');
    expect(clearTextWarning()).toBeNull();

    await user.clear(baseUrlField());
    await user.type(baseUrlField(), 'http://127.0.0.1:11434/v1');
    expect(clearTextWarning()).toBeNull();
    await user.clear(baseUrlField());
    await user.type(baseUrlField(), 'http://localhost:11434/v1');
    expect(clearTextWarning()).toBeNull();
  });
});

describe('the provider form and requests at once', () => {
  const limitField = () => screen.getByLabelText('Requests at once');
  const save = (user: ReturnType<typeof userEvent.setup>) => user.click(screen.getByRole('button', { name: 'Save provider' }));

  it('a provider saved before the setting shows the default; a typed limit is saved, and the engine’s queue uses it', async () => {
    const { engine, user } = await renderForm();
    expect((await engine.db.providers.get(FAKE_PROVIDER_ID))?.maxConcurrentRequests).toBeUndefined();
    expect(limitField()).toHaveProperty('value', '');
    expect(limitField().getAttribute('placeholder')).toBe('4');
    expect(screen.getByText(/Chromium opens at most 6 connections to one host/)).not.toBeNull();

    await user.type(limitField(), '2');
    await save(user);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Saved Fake Local LLM.'));
    expect((await engine.db.providers.get(FAKE_PROVIDER_ID))?.maxConcurrentRequests).toBe(2);
    expect(engine.state().providers.byId[FAKE_PROVIDER_ID].maxConcurrentRequests).toBe(2);
    // the next requests to its host: two go out, a third waits its turn
    const queue = engine.services.requestQueue;
    const origin = providerQueueKey('https://api.example.test/v1');
    const releases = [await queue.acquire(origin), await queue.acquire(origin)];
    const third = queue.acquire(origin);
    expect(queue.load(origin)).toEqual({ active: 2, waiting: 1 });
    releases[0]();
    releases.push(await third);
    for (const release of releases.slice(1)) release();

    // emptied again: back to the default
    await user.clear(limitField());
    await save(user);
    await waitFor(async () => expect((await engine.db.providers.get(FAKE_PROVIDER_ID))?.maxConcurrentRequests).toBeUndefined());
  });

  it.each(['0', '7', '2.5', 'four'])('refuses %s with a clear message next to the field, and saves nothing', async (typed) => {
    const { engine, user } = await renderForm();
    await user.clear(screen.getByLabelText('Name'));
    await user.type(screen.getByLabelText('Name'), 'Renamed');
    await user.type(limitField(), typed);
    await save(user);

    const error = screen.getByText(/^Enter a whole number from 1 to 6, or leave it empty for the default \(4\)\./);
    expect(limitField().getAttribute('aria-invalid')).toBe('true');
    expect(limitField().getAttribute('aria-describedby')).toBe(error.id);
    expect(document.activeElement).toBe(limitField());
    expect(screen.getByRole('alert').textContent).toMatch(/not saved/);
    // nothing was lost either: the typed values stay in the form, the saved row is as it was
    expect(limitField()).toHaveProperty('value', typed);
    expect(screen.getByLabelText('Name')).toHaveProperty('value', 'Renamed');
    const row = await engine.db.providers.get(FAKE_PROVIDER_ID);
    expect(row?.name).toBe('Fake Local LLM');
    expect(row?.maxConcurrentRequests).toBeUndefined();
  });

  it('the command refuses an out-of-range limit whatever the page sends', async () => {
    const { engine } = await renderForm();
    await expect(
      engine.command('cmd/providers/save', {
        id: FAKE_PROVIDER_ID,
        name: 'X',
        baseURL: 'https://api.example.test/v1',
        defaultModel: '',
        maxConcurrentRequests: 7,
      }),
    ).rejects.toThrow('cmd/providers/save: maxConcurrentRequests: Requests at once can be at most 6: Chromium opens at most 6 connections to one host');
    await expect(
      engine.command('cmd/providers/save', {
        id: FAKE_PROVIDER_ID,
        name: 'X',
        baseURL: 'https://api.example.test/v1',
        defaultModel: '',
        maxConcurrentRequests: 0,
      }),
    ).rejects.toThrow(/at least 1/);
    expect((await engine.db.providers.get(FAKE_PROVIDER_ID))?.name).toBe('Fake Local LLM');
  });
});
