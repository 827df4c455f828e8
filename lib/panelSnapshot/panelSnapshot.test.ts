// The panel's first-paint snapshot: what it holds, that nothing else of the state gets in (no key,
// no answer, no page), and when the worker writes it.
import { configureStore } from '@reduxjs/toolkit';
import { describe, expect, it, vi } from 'vitest';
import { makeInstance, message } from '../../tests/unit/helpers/fixtures';
import { testPrompt } from '../../tests/unit/helpers/testEngine';
import { hydrationFinished } from '../app/appSlice';
import { keepPanelSnapshot } from '../background/panelSnapshotWriter';
import { instanceAdded, messageStarted } from '../execution/executionSlice';
import { pageContextReported } from '../page/pageSlice';
import { defaultPromptSet, promptSaved } from '../prompts/promptsSlice';
import { providerSaved } from '../providers/providersSlice';
import { rootReducer } from '../store/rootReducer';
import { deltasReceived, streamStarted } from '../streaming/streamingSlice';
import type { ProviderInfo } from '../types';
import { parsePanelSnapshot, selectPanelSnapshot, type PanelSnapshot } from './panelSnapshot';

const SECRET = 'sk-live-THIS-MUST-NOT-LEAK-0123456789';

function fullState() {
  const store = configureStore({ reducer: rootReducer, middleware: (d) => d({ serializableCheck: false, immutableCheck: false }) });
  // A key wherever one could plausibly sit: beside a provider (as if a field leaked into the store),
  // in a prompt's text, in an answer, in the page's selection.
  store.dispatch(providerSaved({ id: 'prov', name: 'OpenAI', baseURL: 'https://api.openai.com/v1', hasKey: true, apiKey: SECRET } as unknown as ProviderInfo));
  store.dispatch(promptSaved(testPrompt({ id: 'p1', name: 'Summarize', messages: [{ role: 'user', content: `key ${SECRET}` }] })));
  store.dispatch(promptSaved(testPrompt({ id: 'p2', name: 'Translate' })));
  store.dispatch(defaultPromptSet('p2'));
  store.dispatch(
    instanceAdded(
      makeInstance({
        instanceId: 'i1',
        title: 'Summarize: otters',
        createdAt: 1,
        conversation: { messages: [message('assistant', SECRET)], selected: {}, currentInput: SECRET, resources: [] },
      }),
    ),
  );
  store.dispatch(pageContextReported({ tabId: 1, title: 'T', url: 'https://x.test', selection: SECRET, updatedAt: 1 }));
  store.dispatch(streamStarted({ taskId: 't1', startedAt: 1, model: 'm', providerId: 'prov' }));
  store.dispatch(deltasReceived({ t1: { text: SECRET } }));
  return store;
}

describe('panel snapshot', () => {
  it('holds the prompt picker and the tab titles, and nothing else of the state: no key, no answer, no page', () => {
    const snapshot = selectPanelSnapshot(fullState().getState());
    expect(snapshot).toEqual({
      v: 1,
      prompts: [
        { id: 'p1', name: 'Summarize' },
        { id: 'p2', name: 'Translate' },
      ],
      defaultPromptId: 'p2',
      tabs: [{ instanceId: 'i1', title: 'Summarize: otters' }],
    });
    expect(JSON.stringify(snapshot)).not.toContain(SECRET);
    expect(JSON.stringify(snapshot).length).toBeLessThan(300);
  });

  it('reads back what was written, and refuses what is not a snapshot', () => {
    const snapshot = selectPanelSnapshot(fullState().getState());
    expect(parsePanelSnapshot(JSON.parse(JSON.stringify(snapshot)))).toEqual(snapshot);
    expect(parsePanelSnapshot(undefined)).toBeNull();
    expect(parsePanelSnapshot({ ...snapshot, v: 0 })).toBeNull();
    expect(parsePanelSnapshot({ ...snapshot, prompts: [{ id: 1 }] })).toBeNull();
  });

  it('the worker writes it once hydrated, again when prompts or tabs change, not while an answer streams', async () => {
    vi.useFakeTimers();
    try {
      const store = fullState();
      const write = vi.fn(async (_snapshot: PanelSnapshot) => undefined);
      keepPanelSnapshot(store, write, 300);
      store.dispatch(promptSaved(testPrompt({ id: 'p3', name: 'Before hydration' })));
      expect(write).not.toHaveBeenCalled();
      store.dispatch(hydrationFinished());
      expect(write).toHaveBeenCalledTimes(1);
      expect(write.mock.calls[0][0]).toMatchObject({ prompts: [{ name: 'Summarize' }, { name: 'Translate' }, { name: 'Before hydration' }] });

      for (let i = 0; i < 20; i++) store.dispatch(deltasReceived({ t1: { text: 'more ' } }));
      store.dispatch(messageStarted({ instanceId: 'i1', taskId: 't2', at: 2, answerId: 'a2', answerParentId: null })); // the instance changes, its title does not
      await vi.advanceTimersByTimeAsync(1000);
      expect(write).toHaveBeenCalledTimes(1);

      store.dispatch(instanceAdded(makeInstance({ instanceId: 'i2', title: 'Translate: rivers', createdAt: 2 })));
      store.dispatch(promptSaved(testPrompt({ id: 'p4', name: 'Explain' })));
      expect(write).toHaveBeenCalledTimes(1); // gathered, then written once
      await vi.advanceTimersByTimeAsync(300);
      expect(write).toHaveBeenCalledTimes(2);
      expect(write.mock.calls[1][0]).toMatchObject({ tabs: [{ instanceId: 'i1' }, { instanceId: 'i2', title: 'Translate: rivers' }] });
    } finally {
      vi.useRealTimers();
    }
  });
});
