// @vitest-environment jsdom
// A streamed answer becomes the finished message in the same element: its blocks are not rendered
// again when it completes, and what only a finished answer has (actions, a partial badge) appears.
import { configureStore } from '@reduxjs/toolkit';
import { act, cleanup, render } from '@testing-library/react';
import { Provider } from 'react-redux';
import { afterEach, expect, it } from 'vitest';
import { instanceAdded, messageCompleted, messageFailed, messageStarted } from '@/lib/execution/executionSlice';
import { rootReducer } from '@/lib/store/rootReducer';
import { deltasReceived, streamRemoved, streamStarted } from '@/lib/streaming/streamingSlice';
import { linearConversation, makeInstance, message } from '../../../tests/unit/helpers/fixtures';
import { ConversationLog } from '../ConversationLog';

afterEach(cleanup);

const ANSWER = '## Plan\n\nFirst paragraph.\n\n- one\n- two\n\nLast paragraph.';

function streamAnswer() {
  const question = message('user', 'Make a plan');
  const store = configureStore({
    reducer: rootReducer,
    preloadedState: rootReducer(undefined, instanceAdded(makeInstance({ instanceId: 'i1', status: 'completed', conversation: linearConversation(question) }))),
    middleware: (getDefault) => getDefault({ serializableCheck: false, immutableCheck: false }),
  });
  const { container } = render(
    <Provider store={store}>
      <ConversationLog instanceId="i1" />
    </Provider>,
  );
  const answer = message('assistant', ANSWER, { parentId: question.id, taskId: 't1' });
  act(() => {
    store.dispatch(messageStarted({ instanceId: 'i1', taskId: 't1', at: 1, answerId: answer.id, answerParentId: question.id }));
    store.dispatch(streamStarted({ taskId: 't1', startedAt: 1, model: 'm', providerId: 'p' }));
  });
  return { store, container, question, answer };
}

const deliver = (store: ReturnType<typeof streamAnswer>['store'], ...chunks: string[]) => {
  for (const text of chunks) act(() => void store.dispatch(deltasReceived({ t1: { text } })));
};

it('the finished answer keeps the elements it streamed into', () => {
  const { store, container, answer } = streamAnswer();
  const items = () => container.querySelectorAll('li.message');
  // waiting: the answer's place is already in the conversation, after the question
  expect(items()).toHaveLength(2);
  const progress = () => container.querySelector('.progress[role="status"]')?.textContent ?? null;
  expect(progress()).toBe('Waiting for the first token…');

  deliver(store, '## Plan\n\nFirst para', 'graph.\n\n- one\n- two\n\n', 'Last paragraph.');
  const streamed = items()[1];
  expect(streamed.classList.contains('message-streaming')).toBe(true);
  expect(streamed.getAttribute('aria-busy')).toBe('true');
  const heading = streamed.querySelector('h2');
  const list = streamed.querySelector('ul');
  expect(heading?.textContent).toBe('Plan');
  expect(streamed.querySelector('.markdown-caret')).not.toBeNull();
  expect(progress()).toBe('Answering…');
  expect(streamed.querySelector('.message-actions')).toBeNull();

  act(() => {
    store.dispatch(messageCompleted({ instanceId: 'i1', message: answer, stats: { tokens: 9 }, at: 2 }));
    store.dispatch(streamRemoved('t1'));
  });
  expect(items()).toHaveLength(2);
  const finished = items()[1];
  expect(finished).toBe(streamed);
  expect(finished.querySelector('h2')).toBe(heading);
  expect(finished.querySelector('ul')).toBe(list);
  expect(finished.classList.contains('message-streaming')).toBe(false);
  expect(finished.hasAttribute('aria-busy')).toBe(false);
  expect(finished.querySelector('.markdown-caret')).toBeNull();
  expect(finished.querySelector('.markdown-settled')).not.toBeNull();
  expect(progress()).toBeNull();
  // what a finished answer has
  expect(finished.querySelector('.message-actions')?.textContent).toContain('Retry this answer');
});

it('a stream that breaks keeps what arrived, in the same element, marked Failed; one that broke before any text leaves nothing', () => {
  const { store, container, answer } = streamAnswer();
  deliver(store, '## Plan\n\nFirst paragraph.\n\n');
  const streamed = container.querySelectorAll('li.message')[1];
  const heading = streamed.querySelector('h2');
  const partial = { ...answer, content: '## Plan\n\nFirst paragraph.\n\n', metadata: { partial: 'error' as const } };
  act(() => {
    store.dispatch(messageFailed({ instanceId: 'i1', error: { kind: 'network', message: 'The connection broke.' }, partial, stats: {}, at: 2 }));
    store.dispatch(streamRemoved('t1'));
  });
  const failed = container.querySelectorAll('li.message')[1];
  expect(failed).toBe(streamed);
  expect(failed.querySelector('h2')).toBe(heading);
  expect(failed.querySelector('.partial-badge')?.textContent).toBe('Failed');

  const second = streamAnswer();
  act(() => {
    second.store.dispatch(messageFailed({ instanceId: 'i1', error: { kind: 'network', message: 'Unreachable.' }, partial: null, stats: {}, at: 2 }));
    second.store.dispatch(streamRemoved('t1'));
  });
  const messages = second.container.querySelectorAll('li.message');
  expect(messages).toHaveLength(1);
  expect(messages[0].classList.contains('message-user')).toBe(true);
});
