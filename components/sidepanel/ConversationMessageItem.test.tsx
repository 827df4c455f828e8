// @vitest-environment jsdom
// How an answer's end and sources show: citations as numbered safe links, "cut off" with Continue
// (which sends the follow-up through cmd/instance/send), a tool call the model tried.
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider } from 'react-redux';
import { afterEach, describe, expect, it } from 'vitest';
import { instanceAdded } from '@/lib/execution/executionSlice';
import { CONTINUE_MESSAGE } from '@/lib/llm/answerNotes';
import { rootReducer, type RootState } from '@/lib/store/rootReducer';
import type { ConversationMessage, ExecutionInstance } from '@/lib/types';
import { linearConversation, makeInstance, message } from '../../tests/unit/helpers/fixtures';
import { ConversationLog } from './ConversationLog';

afterEach(cleanup);

/** A page's proxy store, as far as the panel uses it: state to read, and the commands it sends. */
function renderLog(messages: ConversationMessage[], overrides: Partial<ExecutionInstance> = {}) {
  const instance = makeInstance({ instanceId: 'i1', status: 'completed', conversation: linearConversation(...messages), ...overrides });
  const state: RootState = rootReducer(undefined, instanceAdded(instance));
  const sent: { type: string; payload: unknown }[] = [];
  const store = {
    getState: () => state,
    subscribe: () => () => undefined,
    dispatch: (action: { type: string; payload: unknown }) => {
      sent.push(action);
      return Promise.resolve({ taskId: 't2', outcome: 'completed' });
    },
  };
  render(
    <Provider store={store as never}>
      <ConversationLog instanceId="i1" />
    </Provider>,
  );
  return { sent };
}

describe('ConversationMessageItem: how an answer ended, and its sources', () => {
  it('citations: numbered links under the answer, only for http(s) URLs', () => {
    renderLog([
      message('assistant', 'Paris is the capital[1][2], and more[3].', {
        metadata: { citations: ['https://en.wikipedia.org/wiki/Paris', 'javascript:alert(document.domain)', 'http://example.com/x'] },
      }),
    ]);
    const sources = screen.getByRole('region', { name: 'Sources' });
    const items = within(sources).getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('value'))).toEqual(['1', '2', '3']);
    const links = within(sources).getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://en.wikipedia.org/wiki/Paris', 'http://example.com/x']);
    for (const a of links) expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    // the javascript: entry keeps its number, as text
    expect(items[1].textContent).toBe('javascript:alert(document.domain)');
    expect(items[1].querySelector('a')).toBeNull();
  });

  it('finish reason "length": "Cut off by the token limit" and Continue sends the follow-up', async () => {
    const { sent } = renderLog([message('assistant', '1. A garden journal\n2. A', { metadata: { finishReason: 'length' } })]);
    expect(screen.getByRole('note').textContent).toContain('Cut off by the token limit.');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(sent).toEqual([{ type: 'cmd/instance/send', payload: { instanceId: 'i1', text: CONTINUE_MESSAGE } }]);
  });

  it('Continue only on the last answer, and not when chat is off', () => {
    renderLog([
      message('assistant', 'first, cut', { metadata: { finishReason: 'length' } }),
      message('user', 'Continue exactly where you stopped.'),
      message('assistant', 'the rest, cut again', { metadata: { finishReason: 'length' } }),
    ]);
    expect(screen.getAllByRole('note')).toHaveLength(2);
    expect(screen.getAllByRole('button', { name: 'Continue' })).toHaveLength(1);
    cleanup();
    renderLog([message('assistant', 'cut', { metadata: { finishReason: 'length' } })], {
      executionConfig: { auto_run: false, allow_chat: false, show_variables: false, apply_variables: true, track_in_runs: true },
    });
    expect(screen.getByRole('note').textContent).toContain('Cut off by the token limit.');
    expect(screen.queryByRole('button', { name: 'Continue' })).toBeNull();
  });

  it('a tool call: a visible note naming the tool, not an empty answer', () => {
    renderLog([message('assistant', '', { metadata: { finishReason: 'tool_calls', toolCalls: ['get_weather'] } })]);
    expect(screen.getByRole('note').textContent).toBe('The model tried to call a tool (get_weather). Flowbar offers no tools, so none ran.');
  });

  it('a plain answer has no notes and no sources', () => {
    renderLog([message('assistant', 'Done.')]);
    expect(screen.queryByRole('note')).toBeNull();
    expect(screen.queryByRole('region', { name: 'Sources' })).toBeNull();
  });
});

describe('ConversationMessageItem: a long message the user sent', () => {
  it('is shown by its beginning with Show all; Show all shows it whole, Edit starts from the whole text', async () => {
    const selection = Array.from({ length: 400 }, (_v, i) => `Sentence ${i} of a long selection.`).join(' ');
    renderLog([message('user', selection), message('assistant', 'A summary.')]);
    const text = () => document.querySelector('li.message-user .plain-text')?.textContent ?? '';
    expect(text().length).toBeLessThan(1300);
    expect(selection.startsWith(text().replace(/…$/, ''))).toBe(true);
    expect(text()).not.toContain('Sentence 399');

    const showAll = screen.getByRole('button', { name: /^Show all \(1[0-9.]+k chars\)$/ });
    expect(showAll.getAttribute('aria-expanded')).toBe('false');
    await userEvent.click(showAll);
    expect(text()).toBe(selection);
    await userEvent.click(screen.getByRole('button', { name: 'Show less' }));
    expect(text()).not.toContain('Sentence 399');

    await userEvent.click(screen.getByRole('button', { name: /^Edit/ }));
    expect(screen.getByRole('textbox', { name: 'Edited message' })).toHaveProperty('value', selection);
  });

  it('a short one is shown whole, with no Show all', () => {
    renderLog([message('user', 'A short question'), message('assistant', 'A short answer.')]);
    expect(document.querySelector('li.message-user .plain-text')?.textContent).toBe('A short question');
    expect(screen.queryByRole('button', { name: /Show all/ })).toBeNull();
  });
});
