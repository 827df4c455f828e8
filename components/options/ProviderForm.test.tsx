// @vitest-environment jsdom
// The provider form says where a key would go before it is saved: not to another host (the saved key
// is dropped, as cmd/providers/save enforces), and not in clear text over plain http:// to another machine.
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { Provider } from 'react-redux';
import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_PROVIDER_ID, useTestEngines, type TestEngine } from '../../tests/unit/helpers/testEngine';
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
