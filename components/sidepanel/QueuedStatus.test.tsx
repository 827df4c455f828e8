// @vitest-environment jsdom
// "Queued (n ahead)" where the user looks: on the streaming answer of an instance and on a flow
// action's card, rendered from a real store state (the reducers the engine dispatches to).
import { configureStore } from '@reduxjs/toolkit';
import { cleanup, render, screen } from '@testing-library/react';
import { Provider } from 'react-redux';
import { afterEach, describe, expect, it } from 'vitest';
import { makeInstance } from '../../tests/unit/helpers/fixtures';
import { instanceAdded, messageStarted } from '@/lib/execution/executionSlice';
import { actionQueued, startActionRun, startRun } from '@/lib/flows/flowRunsSlice';
import { queuedNotice } from '@/lib/llm/requestQueue';
import { rootReducer } from '@/lib/store/rootReducer';
import { streamNoticeSet, streamStarted } from '@/lib/streaming/streamingSlice';
import { ActionRunCard } from '../flows/panel/ActionRunCard';
import { ConversationLog } from './ConversationLog';

afterEach(cleanup);

const storeWith = (...actions: Parameters<ReturnType<typeof configureStore>['dispatch']>[0][]) => {
  const store = configureStore({ reducer: rootReducer });
  for (const a of actions) store.dispatch(a);
  return store;
};

describe('a queued request shows its place', () => {
  it('on the instance: "Queued (2 ahead)" instead of waiting for the first token, gone once it is sent', () => {
    const store = storeWith(
      instanceAdded(makeInstance({ instanceId: 'i1' })),
      streamStarted({ taskId: 't1', startedAt: 1, model: 'm', providerId: 'p' }),
      messageStarted({ instanceId: 'i1', taskId: 't1', at: 1, answerId: 'a1', answerParentId: null }),
      streamNoticeSet({ taskId: 't1', notice: queuedNotice(2) }),
    );
    const { rerender } = render(
      <Provider store={store}>
        <ConversationLog instanceId="i1" />
      </Provider>,
    );
    expect(screen.getByRole('status').textContent).toBe('Queued (2 ahead)');
    store.dispatch(streamNoticeSet({ taskId: 't1', notice: null }));
    rerender(
      <Provider store={store}>
        <ConversationLog instanceId="i1" />
      </Provider>,
    );
    expect(screen.getByRole('status').textContent).toBe('Waiting for the first token…');
  });

  it('on a flow action card: "Queued (1 ahead)", then waiting for the answer once it is sent', () => {
    const at = { runId: 'r1', stepIndex: 0, actionIndex: 0 };
    const store = storeWith(
      startRun({ runId: 'r1', flowId: 'f', flowName: 'F', inputs: {}, steps: [{ stepId: 's', actions: [{ actionId: 'a', name: 'Summary' }] }], at: 1 }),
      startActionRun({ ...at, model: 'm', at: 2 }),
      actionQueued({ ...at, ahead: 1 }),
    );
    const ui = () => (
      <Provider store={store}>
        <ActionRunCard runId="r1" stepIndex={0} actionIndex={0} runBusy />
      </Provider>
    );
    const { rerender } = render(ui());
    expect(screen.getByRole('article', { name: 'Summary' }).textContent).toContain('Queued (1 ahead)');
    store.dispatch(actionQueued({ ...at, ahead: null }));
    rerender(ui());
    expect(screen.getByRole('article', { name: 'Summary' }).textContent).not.toContain('Queued');
    expect(screen.getByRole('article', { name: 'Summary' }).textContent).toContain('Waiting for the answer…');
  });
});
