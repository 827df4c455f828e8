import { configureStore } from '@reduxjs/toolkit';
import { describe, expect, it } from 'vitest';
import { firstTokenReceived, instanceAdded, messageCompleted, messageStarted } from '@/lib/execution';
import { promptSaved } from '@/lib/prompts/promptsSlice';
import { rootReducer } from '@/lib/store/rootReducer';
import { streamNoticeSet, streamStarted } from '@/lib/streaming/streamingSlice';
import { makeInstance } from '@/tests/unit/helpers/fixtures';
import { testPrompt } from '@/tests/unit/helpers/testEngine';
import { selectInstanceTitles, selectRunStatus } from './selectors';

describe('selectRunStatus', () => {
  it('follows a run from queued through streaming to stopped', () => {
    const store = configureStore({ reducer: rootReducer });
    store.dispatch(instanceAdded(makeInstance({ instanceId: 'run' })));
    const status = () => selectRunStatus(store.getState(), 'run');
    expect(status()).toBe('idle');
    store.dispatch(messageStarted({ instanceId: 'run', taskId: 't1', at: 1, answerId: 'a1', answerParentId: null }));
    store.dispatch(streamStarted({ taskId: 't1', startedAt: 1, model: 'm', providerId: 'p' }));
    expect(status()).toBe('waiting');
    store.dispatch(streamNoticeSet({ taskId: 't1', notice: 'Queued (2 ahead)', queuedAhead: 2 }));
    expect(status()).toBe('queued');
    store.dispatch(streamNoticeSet({ taskId: 't1', notice: null })); // sent
    expect(status()).toBe('waiting');
    store.dispatch(firstTokenReceived({ instanceId: 'run', timeToFirstToken: 3 }));
    expect(status()).toBe('streaming');
    store.dispatch(
      messageCompleted({
        instanceId: 'run',
        message: { id: 'a1', parentId: null, role: 'assistant', content: 'Par', timestamp: 't', metadata: { partial: 'stopped' } },
        stats: {},
        at: 4,
      }),
    );
    expect(status()).toBe('stopped');
  });
});

describe('selectInstanceTitles', () => {
  it('titles each run with its prompt name and selection, or its stored title once the prompt is gone', () => {
    const store = configureStore({ reducer: rootReducer });
    store.dispatch(promptSaved(testPrompt({ id: 'p-sum', name: 'Summarize' })));
    store.dispatch(
      instanceAdded(
        makeInstance({
          instanceId: 'a',
          promptId: 'p-sum',
          variables: { userValues: {}, scopedValues: {}, computedValues: { selection: 'Plants turn light into sugar every day' } },
        }),
      ),
    );
    store.dispatch(
      instanceAdded(makeInstance({ instanceId: 'b', promptId: 'p-sum', variables: { userValues: { topic: 'Tides' }, scopedValues: {}, computedValues: {} } })),
    );
    store.dispatch(instanceAdded(makeInstance({ instanceId: 'c', promptId: 'deleted', title: 'Old prompt: some text' })));
    const titles = selectInstanceTitles(store.getState());
    expect(titles.a.label).toBe('Summarize: Plants turn light into sugar…');
    expect(titles.b.label).toBe('Summarize: Tides');
    expect(titles.c.label).toBe('Old prompt: some text');
  });
});
