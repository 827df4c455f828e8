// @vitest-environment jsdom
// Run and the variables editor together, against a stand-in for the background that applies
// setVariable (as the engine does) and records every command.
import { configureStore, type Middleware } from '@reduxjs/toolkit';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider } from 'react-redux';
import { afterEach, describe, expect, it } from 'vitest';
import { instanceAdded, userValueSet } from '@/lib/execution';
import { promptSaved } from '@/lib/prompts/promptsSlice';
import { rootReducer } from '@/lib/store/rootReducer';
import { makeInstance } from '@/tests/unit/helpers/fixtures';
import { testPrompt } from '@/tests/unit/helpers/testEngine';
import { InstanceControls } from './InstanceControls';
import { VariablesEditor } from './VariablesEditor';

function renderRun(instanceId: string) {
  const sent: { type: string; payload: unknown }[] = [];
  const background: Middleware = (api) => (next) => (action) => {
    const { type, payload } = action as { type: string; payload: { instanceId: string; name: string; value: string } };
    if (!type.startsWith('cmd/')) return next(action);
    sent.push({ type, payload });
    if (type === 'cmd/instance/setVariable') api.dispatch(userValueSet({ ...payload, at: 1 }));
    return Promise.resolve({ ok: true });
  };
  const store = configureStore({ reducer: rootReducer, middleware: (defaults) => defaults().prepend(background) });
  store.dispatch(promptSaved(testPrompt({ id: 'p-vars', name: 'Letter', messages: [{ role: 'user', content: 'Write to {{recipient}} about {{topic}}' }] })));
  store.dispatch(instanceAdded(makeInstance({ instanceId, promptId: 'p-vars' })));
  render(
    <Provider store={store}>
      <VariablesEditor instanceId={instanceId} />
      <InstanceControls instanceId={instanceId} />
    </Provider>,
  );
  return { sent, run: screen.getByRole('button', { name: 'Run' }) };
}

afterEach(cleanup);

describe('Run with required variables', () => {
  it('is disabled while any is empty, names them, and pressing it focuses the first', async () => {
    const user = userEvent.setup();
    const { sent, run } = renderRun('vars-1');
    expect(run.getAttribute('aria-disabled')).toBe('true');
    expect(run.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(run.getAttribute('aria-describedby')!)?.textContent).toBe('Fill in recipient, topic first');

    await user.click(run);
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'recipient' }));
    expect(sent.filter((c) => c.type === 'cmd/instance/send')).toHaveLength(0);

    await user.type(screen.getByRole('textbox', { name: 'recipient' }), 'Ana');
    await user.type(screen.getByRole('textbox', { name: 'topic' }), 'tea');
    await waitFor(() => expect(run.getAttribute('aria-disabled')).toBe('false'));
    await user.click(run);
    expect(sent.filter((c) => c.type === 'cmd/instance/send')).toEqual([{ type: 'cmd/instance/send', payload: { instanceId: 'vars-1' } }]);
  });

  it('Enter in a one-line field goes to the next empty field, and runs once none is left', async () => {
    const user = userEvent.setup();
    const { sent } = renderRun('vars-2');
    await user.type(screen.getByRole('textbox', { name: 'recipient' }), 'Ana{Enter}');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'topic' })));
    expect(sent.filter((c) => c.type === 'cmd/instance/send')).toHaveLength(0);

    await user.type(screen.getByRole('textbox', { name: 'topic' }), 'tea{Enter}');
    await waitFor(() => expect(sent.filter((c) => c.type === 'cmd/instance/send')).toHaveLength(1));
    // The value typed just before Enter was saved before the run was asked for.
    const types = sent.map((c) => c.type);
    expect(types.lastIndexOf('cmd/instance/setVariable')).toBeLessThan(types.indexOf('cmd/instance/send'));
    expect(sent.find((c) => c.type === 'cmd/instance/setVariable' && (c.payload as { name: string }).name === 'topic')?.payload).toMatchObject({
      value: 'tea',
    });
  });
});
