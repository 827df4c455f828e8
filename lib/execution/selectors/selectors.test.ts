import type { UnknownAction } from '@reduxjs/toolkit';
import { describe, expect, it } from 'vitest';
import { makeInstance } from '../../../tests/unit/helpers/fixtures';
import { addLog } from '../../logs/logsSlice';
import { pageContextReported } from '../../page/pageSlice';
import { promptSaved } from '../../prompts/promptsSlice';
import { rootReducer, type RootState } from '../../store/rootReducer';
import { deltasReceived, streamStarted } from '../../streaming/streamingSlice';
import type { Prompt } from '../../types';
import { firstTokenReceived, instanceAdded, messageStarted, scopedValuesRefreshed, userValueSet } from '../executionSlice';
import { selectInstance, selectStreamingTextForInstance } from './instanceSelectors';
import { selectResolvedMessages } from './messageSelectors';
import { selectMergedVariables, selectMissingVariables, selectTemplateVariables } from './variableSelectors';

const prompt = (id: string, content: string): Prompt => ({
  id,
  name: id,
  messages: [{ role: 'user', content }],
  settings: { providerId: null, model: 'echo' },
  executionConfig: { auto_run: false, allow_chat: true, show_variables: false, apply_variables: true, track_in_runs: true },
  createdAt: 1,
  updatedAt: 1,
});

function setup(): RootState {
  const actions: UnknownAction[] = [
    promptSaved(prompt('p1', 'Hello {{name}} from {{org}}')),
    promptSaved(prompt('p2', 'Other {{thing}}')),
    instanceAdded(
      makeInstance({ instanceId: 'a', promptId: 'p1', variables: { scopedValues: { org: 'Acme' }, userValues: { name: 'Ada' }, computedValues: {} } }),
    ),
    instanceAdded(makeInstance({ instanceId: 'b', promptId: 'p1' })),
    instanceAdded(makeInstance({ instanceId: 'c', promptId: 'p2' })),
    streamStarted({ taskId: 'ta', startedAt: 1, model: 'echo', providerId: 'f' }),
    streamStarted({ taskId: 'tb', startedAt: 1, model: 'echo', providerId: 'f' }),
    messageStarted({ instanceId: 'a', taskId: 'ta', at: 2, answerId: 'ans-a', answerParentId: null }),
    messageStarted({ instanceId: 'b', taskId: 'tb', at: 2, answerId: 'ans-b', answerParentId: null }),
    deltasReceived({ ta: { text: 'first ' } }),
  ];
  return actions.reduce(rootReducer, rootReducer(undefined, { type: '@@init' }));
}

const selectors = {
  selectInstance,
  selectMergedVariables,
  selectResolvedMessages,
  selectStreamingTextForInstance,
  selectTemplateVariables,
  selectMissingVariables,
};
type Name = keyof typeof selectors;

/** Calls every selector for instance `a`, returning the results and how many times each recomputed in total. */
function probe(state: RootState) {
  const results = Object.fromEntries(Object.entries(selectors).map(([name, s]) => [name, s(state, 'a')])) as Record<Name, unknown>;
  const counts = Object.fromEntries(Object.entries(selectors).map(([name, s]) => [name, s.recomputations()])) as Record<Name, number>;
  return { results, counts };
}

function recomputed(before: Record<Name, number>, after: Record<Name, number>): Name[] {
  return (Object.keys(before) as Name[]).filter((name) => after[name] !== before[name]).sort();
}

describe('memoized selectors', () => {
  it('compute the right values', () => {
    const state = setup();
    expect(selectMergedVariables(state, 'a')).toEqual({ org: 'Acme', name: 'Ada' });
    expect(selectResolvedMessages(state, 'a')).toEqual([{ role: 'user', content: 'Hello Ada from Acme' }]);
    expect(selectStreamingTextForInstance(state, 'a')).toBe('first ');
    expect(selectStreamingTextForInstance(state, 'c')).toBe('');
    expect(selectMissingVariables(state, 'b')).toEqual(['name', 'org']);
    expect(selectTemplateVariables(state, 'c')).toEqual(['thing']);
    expect(selectResolvedMessages(state, 'nope')).toEqual([]);
    expect(selectMergedVariables(state, 'nope')).toEqual({});
  });

  it('do not recompute when unrelated state changes', () => {
    let state = setup();
    const first = probe(state);
    const unrelated: UnknownAction[] = [
      addLog({ level: 'info', message: 'hello', at: 1 }),
      pageContextReported({ tabId: 1, title: 'Page', url: 'https://x.test', selection: 'some text', updatedAt: 5 }),
      userValueSet({ instanceId: 'b', name: 'name', value: 'Bob', at: 6 }), // another instance of the same prompt
      firstTokenReceived({ instanceId: 'b', timeToFirstToken: 3 }),
      deltasReceived({ tb: { text: 'other answer' } }), // another instance's stream
      promptSaved(prompt('p2', 'Changed {{thing}}')), // another prompt
    ];
    for (const action of unrelated) {
      const before = probe(state);
      state = rootReducer(state, action);
      const after = probe(state);
      expect(recomputed(before.counts, after.counts), action.type).toEqual([]);
      for (const name of Object.keys(selectors) as Name[]) expect(after.results[name], `${action.type}: ${name}`).toBe(before.results[name]);
    }
    // same state, called again: no work at all
    expect(probe(state).counts).toEqual(probe(state).counts);
    expect(first.results.selectInstance).toBe(probe(state).results.selectInstance);
  });

  it('recompute exactly when their inputs change', () => {
    let state = setup();
    let before = probe(state);

    // the instance's own streamed text: only the streaming selector
    state = rootReducer(state, deltasReceived({ ta: { text: 'second' } }));
    let after = probe(state);
    expect(recomputed(before.counts, after.counts)).toEqual(['selectStreamingTextForInstance']);
    expect(after.results.selectStreamingTextForInstance).toBe('first second');

    // the instance's status changes, its variables do not
    before = after;
    state = rootReducer(state, firstTokenReceived({ instanceId: 'a', timeToFirstToken: 10 }));
    after = probe(state);
    expect(recomputed(before.counts, after.counts)).toContain('selectInstance');
    expect(recomputed(before.counts, after.counts)).not.toContain('selectMergedVariables');
    expect(after.results.selectMergedVariables).toBe(before.results.selectMergedVariables);

    // a user value of the instance: variables and messages
    before = after;
    state = rootReducer(state, userValueSet({ instanceId: 'a', name: 'name', value: 'Grace', at: 7 }));
    after = probe(state);
    expect(recomputed(before.counts, after.counts)).toEqual(expect.arrayContaining(['selectInstance', 'selectMergedVariables', 'selectResolvedMessages']));
    expect(recomputed(before.counts, after.counts)).not.toContain('selectStreamingTextForInstance');
    expect(after.results.selectResolvedMessages).toEqual([{ role: 'user', content: 'Hello Grace from Acme' }]);

    // scoped values refreshed from the options page
    before = after;
    state = rootReducer(state, scopedValuesRefreshed({ org: 'Globex' }));
    after = probe(state);
    expect(recomputed(before.counts, after.counts)).toEqual(expect.arrayContaining(['selectMergedVariables', 'selectResolvedMessages']));
    expect(after.results.selectMergedVariables).toEqual({ org: 'Globex', name: 'Grace' });

    // the instance's prompt is edited: messages and template variables, not merged values
    before = after;
    state = rootReducer(state, promptSaved(prompt('p1', 'Bye {{name}} ({{extra}})')));
    after = probe(state);
    const changed = recomputed(before.counts, after.counts);
    expect(changed).toEqual(expect.arrayContaining(['selectResolvedMessages', 'selectTemplateVariables', 'selectMissingVariables']));
    expect(changed).not.toContain('selectMergedVariables');
    expect(changed).not.toContain('selectInstance');
    expect(after.results.selectResolvedMessages).toEqual([{ role: 'user', content: 'Bye Grace ({{extra}})' }]);
    expect(after.results.selectMissingVariables).toEqual(['extra']);
  });

  it('keep a separate cache per instance: alternating ids does not recompute', () => {
    const state = setup();
    selectMergedVariables(state, 'a');
    selectMergedVariables(state, 'b');
    const count = selectMergedVariables.recomputations();
    for (let i = 0; i < 5; i++) {
      selectMergedVariables(state, 'a');
      selectMergedVariables(state, 'b');
      selectResolvedMessages(state, 'a');
      selectResolvedMessages(state, 'b');
    }
    expect(selectMergedVariables.recomputations()).toBe(count);
  });
});

describe('selectActivePath / selectVersionsOf', () => {
  it('the path of the store’s tree; the same array while an answer streams, a new one when a version is chosen', async () => {
    const { rootReducer } = await import('../../store/rootReducer');
    const { instanceAdded, messageStarted, versionSelected } = await import('../executionSlice');
    const { deltasReceived, streamStarted } = await import('../../streaming/streamingSlice');
    const { selectActivePath, selectVersionsOf } = await import('./conversationSelectors');
    const { chain, makeInstance, message } = await import('../../../tests/unit/helpers/fixtures');
    const [q, a1] = chain(message('user', 'q', { id: 'q' }), message('assistant', 'a1', { id: 'a1' }));
    const a2 = message('assistant', 'a2', { id: 'a2', parentId: 'q' });
    let state = rootReducer(
      undefined,
      instanceAdded(makeInstance({ instanceId: 'i', conversation: { messages: [q, a1, a2], selected: {}, currentInput: '', resources: [] } })),
    );
    expect(selectActivePath(state, 'i').map((m) => m.id)).toEqual(['q', 'a2']);
    expect(selectVersionsOf(state, 'i', 'a2')).toEqual({ index: 2, count: 2, previousId: 'a1', nextId: null });

    state = rootReducer(state, streamStarted({ taskId: 't', startedAt: 1, model: 'm', providerId: 'p' }));
    state = rootReducer(state, messageStarted({ instanceId: 'i', taskId: 't', at: 1, answerId: 'a3', answerParentId: 'q' }));
    const during = selectActivePath(state, 'i');
    expect(during.map((m) => m.id)).toEqual(['q']);
    state = rootReducer(state, deltasReceived({ t: { text: 'more text' } }));
    expect(selectActivePath(state, 'i')).toBe(during);

    const other = rootReducer(
      rootReducer(
        undefined,
        instanceAdded(makeInstance({ instanceId: 'j', conversation: { messages: [q, a1, a2], selected: {}, currentInput: '', resources: [] } })),
      ),
      versionSelected({ instanceId: 'j', messageId: 'a1', at: 2 }),
    );
    expect(selectActivePath(other, 'j').map((m) => m.id)).toEqual(['q', 'a1']);
    expect(selectActivePath(state, 'i')).toBe(during);
    expect(selectActivePath(state, 'nope')).toEqual([]);
  });
});
