// @vitest-environment jsdom
// The chat box against a store like the panel's proxy: commands go to a stand-in for the background
// whose answer the test decides, the state comes from the real reducers.
import { configureStore, type Middleware } from '@reduxjs/toolkit';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider } from 'react-redux';
import { afterEach, describe, expect, it } from 'vitest';
import { instanceAdded, instanceErrorSet } from '@/lib/execution';
import { rootReducer } from '@/lib/store/rootReducer';
import { makeInstance } from '@/tests/unit/helpers/fixtures';
import { ChatBox } from './ChatBox';

interface SentCommand {
  type: string;
  payload: unknown;
  resolve(result: unknown): void;
  reject(error: Error): void;
}

/** A store whose `cmd/*` dispatches wait for the test to answer them, as the background would. */
function panelStore(instanceId: string) {
  const sent: SentCommand[] = [];
  const background: Middleware = () => (next) => (action) => {
    const { type, payload } = action as { type: string; payload: unknown };
    if (!type.startsWith('cmd/')) return next(action);
    return new Promise((resolve, reject) => sent.push({ type, payload, resolve, reject }));
  };
  const store = configureStore({ reducer: rootReducer, middleware: (defaults) => defaults().prepend(background) });
  store.dispatch(instanceAdded(makeInstance({ instanceId })));
  return { store, sent };
}

/** Each test its own instance: the box keeps unsent drafts per instance for the page's lifetime. */
function renderChatBox(instanceId: string) {
  const { store, sent } = panelStore(instanceId);
  render(
    <Provider store={store}>
      <ChatBox instanceId={instanceId} />
    </Provider>,
  );
  return { store, sent, box: screen.getByRole<HTMLTextAreaElement>('textbox', { name: 'Message' }) };
}

afterEach(cleanup);

describe('ChatBox', () => {
  it('keeps the typed text while the message is not accepted, and after a refusal shows why', async () => {
    const user = userEvent.setup();
    const { sent, box } = renderChatBox('chat');
    await user.type(box, 'Explain this again');
    await user.keyboard('{Enter}');

    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ type: 'cmd/instance/send', payload: { instanceId: 'chat', text: 'Explain this again' } });
    // not accepted yet: the text is still there (the box waits, disabled)
    expect(box.value).toBe('Explain this again');
    expect(box.disabled).toBe(true);

    sent[0].reject(new Error('Chat is turned off for "Summarize".'));
    await waitFor(() => expect(box.disabled).toBe(false));
    expect(box.value).toBe('Explain this again');
    expect(screen.getByRole('alert').textContent).toContain('Chat is turned off for "Summarize".');
  });

  it('clears the text once the message is accepted', async () => {
    const user = userEvent.setup();
    const { sent, box } = renderChatBox('chat-accepted');
    await user.type(box, 'And the second point?');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(box.value).toBe('And the second point?');

    sent[0].resolve({ taskId: 'task-1' });
    await waitFor(() => expect(box.value).toBe(''));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a refusal the instance shows already is not repeated under the box', async () => {
    const user = userEvent.setup();
    const { store, sent, box } = renderChatBox('chat-refused');
    await user.type(box, 'Hello{Enter}');
    const reason = 'Fill in {{topic}} before running.';
    store.dispatch(instanceErrorSet({ instanceId: 'chat-refused', error: { kind: 'missing-variables', message: reason, missingVariables: ['topic'] }, at: 1 }));
    sent[0].reject(new Error(reason));
    await waitFor(() => expect(box.disabled).toBe(false));
    expect(box.value).toBe('Hello');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
