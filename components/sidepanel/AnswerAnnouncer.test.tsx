// @vitest-environment jsdom
// What a screen reader hears of a conversation: each finished answer once, as text; never the
// streamed updates, never the messages a conversation opened with, never an old message rendering
// its Markdown as it scrolls near, never a version switched back to.
import { configureStore } from '@reduxjs/toolkit';
import { act, cleanup, render } from '@testing-library/react';
import { Provider } from 'react-redux';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { instanceAdded, messageCompleted, messageStarted, versionSelected } from '@/lib/execution/executionSlice';
import { deltasReceived, streamRemoved, streamStarted } from '@/lib/streaming/streamingSlice';
import { rootReducer } from '@/lib/store/rootReducer';
import type { ConversationMessage } from '@/lib/types';
import { linearConversation, makeInstance, message } from '../../tests/unit/helpers/fixtures';
import { ANSWER_GOES_ON, MAX_ANNOUNCED_CHARS } from './AnswerAnnouncer';
import { ConversationLog } from './ConversationLog';

/** IntersectionObserver as the test drives it: nothing is near until `bringAllNear`. */
class DrivenIntersectionObserver {
  static all: DrivenIntersectionObserver[] = [];
  readonly targets = new Set<Element>();
  constructor(private readonly callback: IntersectionObserverCallback) {
    DrivenIntersectionObserver.all.push(this);
  }
  observe(target: Element) {
    this.targets.add(target);
  }
  unobserve(target: Element) {
    this.targets.delete(target);
  }
  disconnect() {
    this.targets.clear();
  }
  static bringAllNear() {
    for (const observer of DrivenIntersectionObserver.all) {
      const entries = [...observer.targets].map((target) => ({ target, isIntersecting: true }) as IntersectionObserverEntry);
      if (entries.length) observer.callback(entries, observer as unknown as IntersectionObserver);
    }
  }
}

beforeEach(() => {
  DrivenIntersectionObserver.all = [];
  (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver = DrivenIntersectionObserver;
});
afterEach(() => {
  cleanup();
  delete (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver;
});

function renderConversation(messages: ConversationMessage[]) {
  const store = configureStore({
    reducer: rootReducer,
    preloadedState: rootReducer(
      undefined,
      instanceAdded(makeInstance({ instanceId: 'i1', status: 'completed', conversation: linearConversation(...messages) })),
    ),
    middleware: (getDefault) => getDefault({ serializableCheck: false, immutableCheck: false }),
  });
  const { container } = render(
    <Provider store={store}>
      <ConversationLog instanceId="i1" />
    </Provider>,
  );
  /** Text of every element a screen reader would read out when it changes (live regions), but the progress line. */
  const liveText = () =>
    [...container.querySelectorAll('[aria-live]:not([aria-live="off"]), [role="log"]:not([aria-live="off"]), [role="alert"]')].map(
      (el) => el.textContent ?? '',
    );
  const progress = () => container.querySelector('.progress[role="status"]')?.textContent ?? null;
  return { store, container, liveText, progress };
}

const longHistory = (turns: number) =>
  Array.from({ length: turns }, (_, i) => [message('user', `Question ${i}`), message('assistant', `## Answer ${i}\n\nSome **text** for answer ${i}.`)]).flat();

it('a conversation opened from the history is not read out, nor are old messages as they render their Markdown', async () => {
  const { container, liveText } = renderConversation(longHistory(10));
  expect(liveText()).toEqual(['']);
  // the first 14 of 20 messages wait to be near; the answers among them are plain text until then
  expect(container.querySelectorAll('.markdown-deferred').length).toBe(7);

  // the list watches for them from after its first paint (ConversationLog)
  await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
  act(() => DrivenIntersectionObserver.bringAllNear());
  // they render in slices of work (components/renderSlices.ts), in later tasks
  for (let i = 0; i < 100 && container.querySelector('.markdown-deferred'); i++) await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
  expect(container.querySelectorAll('.markdown-deferred').length).toBe(0);
  expect(container.querySelectorAll('h2').length).toBe(10);
  expect(liveText()).toEqual(['']);
  // the conversation itself is a log, not a live region
  expect(container.querySelector('[role="log"]')?.getAttribute('aria-live')).toBe('off');
});

it('a streamed answer is announced once, when it has finished, as text without Markdown marks', () => {
  const question = message('user', 'Tell me about tables');
  const { store, liveText, progress } = renderConversation([question]);
  const answer = message('assistant', '## Tables\n\n| Model | Price |\n| --- | --- |\n| small | **1.5** |', { parentId: question.id, taskId: 't1' });

  act(() => {
    store.dispatch(messageStarted({ instanceId: 'i1', taskId: 't1', at: 1, answerId: answer.id, answerParentId: question.id }));
    store.dispatch(streamStarted({ taskId: 't1', startedAt: 1, model: 'm', providerId: 'p' }));
  });
  const chunks = ['## Tab', 'les\n\n| Model | Price |\n| --- | --- |\n', '| small | **1.5** |'];
  for (const text of chunks) {
    act(() => void store.dispatch(deltasReceived({ t1: { text } })));
    // the growing text is on screen but in no live region; the progress line does not change with it
    expect(liveText()).toEqual(['']);
    expect(progress()).toBe('Answering…');
  }

  act(() => {
    store.dispatch(messageCompleted({ instanceId: 'i1', message: answer, stats: { tokens: 9 }, at: 2 }));
    store.dispatch(streamRemoved('t1'));
  });
  expect(liveText()).toEqual(['Tables\nModel, Price\nsmall, 1.5']);
  expect(progress()).toBeNull();
});

it('a very long answer is announced by its beginning, cut at a paragraph, and a note that it goes on', () => {
  const question = message('user', 'Tell me everything');
  const { store, liveText } = renderConversation([question]);
  const paragraphs = Array.from({ length: 400 }, (_v, i) => `Paragraph **${i}** of the long answer.`);
  const answer = message('assistant', paragraphs.join('\n\n'), { parentId: question.id, taskId: 't1' });
  expect(answer.content.length).toBeGreaterThan(MAX_ANNOUNCED_CHARS);
  act(() => {
    store.dispatch(messageStarted({ instanceId: 'i1', taskId: 't1', at: 1, answerId: answer.id, answerParentId: question.id }));
    store.dispatch(messageCompleted({ instanceId: 'i1', message: answer, stats: { tokens: 9 }, at: 2 }));
  });
  const [said] = liveText();
  const lines = said.split('\n');
  expect(lines[0]).toBe('Paragraph 0 of the long answer.');
  expect(lines.at(-1)).toBe(ANSWER_GOES_ON);
  // whole paragraphs only, in order, and not the end of the answer
  const spoken = lines.slice(0, -1);
  expect(spoken).toEqual(paragraphs.slice(0, spoken.length).map((p) => p.replace(/\*\*/g, '')));
  expect(spoken.length).toBeGreaterThan(100);
  expect(spoken.length).toBeLessThan(paragraphs.length);
  expect(said.length).toBeLessThanOrEqual(MAX_ANNOUNCED_CHARS + ANSWER_GOES_ON.length + 1);
});

it('says a new answer once: not again on later updates, nor for an earlier version switched back to', () => {
  const question = message('user', 'Pick a colour');
  const first = message('assistant', 'Blue.', { parentId: question.id, taskId: 't1' });
  const { store, container, liveText } = renderConversation([question, first]);
  expect(liveText()).toEqual(['']);

  // Retry: a second version of the answer arrives and is said
  const second = message('assistant', 'Green.', { parentId: question.id, taskId: 't2' });
  act(() => {
    store.dispatch(messageStarted({ instanceId: 'i1', taskId: 't2', at: 3, answerId: second.id, answerParentId: question.id }));
    store.dispatch(messageCompleted({ instanceId: 'i1', message: second, stats: {}, at: 4 }));
  });
  expect(liveText()).toEqual(['Green.']);
  const said = container.querySelector('[aria-live="polite"] p');

  // Switching back to the first version (known already) and forth again: nothing new is said
  act(() => void store.dispatch(versionSelected({ instanceId: 'i1', messageId: first.id, at: 5 })));
  expect(container.querySelector('.message-assistant')?.textContent).toContain('Blue.');
  act(() => void store.dispatch(versionSelected({ instanceId: 'i1', messageId: second.id, at: 6 })));
  expect(liveText()).toEqual(['Green.']);
  // the same node: a screen reader has no change to announce
  expect(container.querySelector('[aria-live="polite"] p')).toBe(said);

  // A third answer with the same words as the second is said again (a new node)
  const third = message('assistant', 'Green.', { parentId: question.id, taskId: 't3' });
  act(() => {
    store.dispatch(messageStarted({ instanceId: 'i1', taskId: 't3', at: 7, answerId: third.id, answerParentId: question.id }));
    store.dispatch(messageCompleted({ instanceId: 'i1', message: third, stats: {}, at: 8 }));
  });
  expect(liveText()).toEqual(['Green.']);
  expect(container.querySelector('[aria-live="polite"] p')).not.toBe(said);
});
