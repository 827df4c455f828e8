// @vitest-environment jsdom
// The model picker against a store like the panel's proxy: commands go to a stand-in for the
// background whose answer the test decides, the state comes from the real reducers.
import { configureStore, type Middleware } from '@reduxjs/toolkit';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider } from 'react-redux';
import { afterEach, describe, expect, it } from 'vitest';
import { instanceAdded } from '@/lib/execution';
import { providersHydrated } from '@/lib/providers/providersSlice';
import { rootReducer } from '@/lib/store/rootReducer';
import type { ProviderInfo } from '@/lib/types';
import { makeInstance } from '@/tests/unit/helpers/fixtures';
import { ModelPicker } from './ModelPicker';

interface SentCommand {
  type: string;
  payload: unknown;
  resolve(result: unknown): void;
  reject(error: Error): void;
}

const provider = (id: string, name: string, defaultModel: string): ProviderInfo => ({
  id,
  name,
  baseURL: `http://127.0.0.1:9/${id}`,
  defaultModel,
  hasKey: false,
  createdAt: 1,
});

/** Two open instances on the default provider; each test names its providers (the model lists are cached per provider for the page). */
function renderPickers(prefix: string) {
  const sent: SentCommand[] = [];
  const background: Middleware = () => (next) => (action) => {
    const { type, payload } = action as { type: string; payload: unknown };
    if (!type.startsWith('cmd/')) return next(action);
    return new Promise((resolve, reject) => sent.push({ type, payload, resolve, reject }));
  };
  const store = configureStore({ reducer: rootReducer, middleware: (defaults) => defaults().prepend(background) });
  const local = provider(`${prefix}-local`, 'Local', 'llama3.2');
  const cloud = provider(`${prefix}-cloud`, 'Cloud', 'gpt-4o-mini');
  store.dispatch(providersHydrated({ providers: [local, cloud], defaultProviderId: local.id }));
  store.dispatch(instanceAdded(makeInstance({ instanceId: 'one', settings: { providerId: null, model: '' } })));
  store.dispatch(instanceAdded(makeInstance({ instanceId: 'two', settings: { providerId: null, model: 'qwen' } })));
  render(
    <Provider store={store}>
      <ModelPicker instanceId="one" />
      <ModelPicker instanceId="two" />
    </Provider>,
  );
  const [one, two] = screen.getAllByRole('group', { name: 'Model for the next message' });
  const parts = (group: HTMLElement) => ({
    provider: within(group).getByRole<HTMLSelectElement>('combobox', { name: 'Provider' }),
    model: within(group).getByRole<HTMLInputElement>('combobox', { name: 'Model' }),
    suggestions: () => [...group.querySelectorAll('datalist option')].map((o) => (o as HTMLOptionElement).value),
  });
  return { store, sent, local, cloud, one: parts(one), two: parts(two) };
}

const listings = (sent: SentCommand[]) => sent.filter((c) => c.type === 'cmd/providers/listModels');

afterEach(cleanup);

describe('ModelPicker', () => {
  it('shows the instance pick, suggests the provider models fetched once per provider, and applies a typed model on Enter', async () => {
    const user = userEvent.setup();
    const { sent, local, one, two } = renderPickers('a');
    expect(one.provider.value).toBe('');
    expect(
      within(one.provider)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Default (Local)', 'Local', 'Cloud']);
    expect(one.model.value).toBe('');
    expect(one.model.placeholder).toBe('llama3.2 (default)');
    expect(two.model.value).toBe('qwen');
    expect(listings(sent)).toHaveLength(0); // nothing is asked before the field is used

    await user.click(one.model);
    expect(listings(sent).map((c) => c.payload)).toEqual([{ id: local.id }]);
    await act(async () => listings(sent)[0].resolve({ models: ['llama3.2', 'qwen', 'mistral'] }));
    expect(one.suggestions()).toEqual(['llama3.2', 'qwen', 'mistral']);

    await user.click(two.model); // another instance, the same provider: the list is not asked again
    expect(listings(sent)).toHaveLength(1);
    await act(async () => undefined);
    expect(two.suggestions()).toEqual(['llama3.2', 'qwen', 'mistral']);

    await user.click(one.model);
    await user.keyboard('my-own-model{Enter}');
    expect(sent.filter((c) => c.type === 'cmd/instance/setModel').map((c) => c.payload)).toEqual([
      { instanceId: 'one', providerId: null, model: 'my-own-model' },
    ]);
  });

  it('another provider applies at once with its default model and lists its own models; a failed listing is asked again', async () => {
    const user = userEvent.setup();
    const { store, sent, cloud, two } = renderPickers('b');
    await user.selectOptions(two.provider, cloud.id);
    const [change] = sent.filter((c) => c.type === 'cmd/instance/setModel');
    expect(change.payload).toEqual({ instanceId: 'two', providerId: cloud.id, model: '' });
    expect(two.model.value).toBe('');

    // The background applies it: the picker follows the store.
    act(() => {
      store.dispatch({ type: 'promptExecution/instanceModelSet', payload: { instanceId: 'two', providerId: cloud.id, model: '', at: 2 } });
    });
    expect(two.provider.value).toBe(cloud.id);
    expect(two.model.placeholder).toBe('gpt-4o-mini (default)');

    fireEvent.focus(two.model);
    expect(listings(sent).map((c) => c.payload)).toEqual([{ id: cloud.id }]);
    await act(async () => listings(sent)[0].reject(new Error('Cloud refused the key.')));
    expect(two.model.title).toContain('Cloud refused the key.');
    fireEvent.blur(two.model);
    fireEvent.focus(two.model);
    expect(listings(sent)).toHaveLength(2);
  });
});
