// @vitest-environment jsdom
// A tab selected by a new run or the keyboard is scrolled into view after the next paint (not in
// React's commit, where it would force the layout of the conversation it opens); a clicked one not at all.
import { configureStore } from '@reduxjs/toolkit';
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import { Provider } from 'react-redux';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { instanceAdded } from '@/lib/execution/executionSlice';
import { rootReducer } from '@/lib/store/rootReducer';
import { makeInstance } from '../../tests/unit/helpers/fixtures';
import { InstanceTab } from './InstanceTab';

const scrolled = vi.fn();

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'] });
  scrolled.mockClear();
  HTMLElement.prototype.scrollIntoView = scrolled;
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function renderTab() {
  const store = configureStore({
    reducer: rootReducer,
    preloadedState: rootReducer(undefined, instanceAdded(makeInstance({ instanceId: 'i1' }))),
    middleware: (getDefault) => getDefault({ serializableCheck: false, immutableCheck: false }),
  });
  const onSelect = vi.fn();
  const view = (selected: boolean) => (
    <Provider store={store}>
      <InstanceTab instanceId="i1" selected={selected} tabbable onSelect={onSelect} />
    </Provider>
  );
  const { rerender, getByRole } = render(view(false));
  return { select: (selected: boolean) => rerender(view(selected)), tab: getByRole('tab'), onSelect };
}

const paint = () => act(() => void vi.advanceTimersByTime(50));

it('a tab selected by a run is brought into view once the next frame is painted, not during the render', () => {
  const { select } = renderTab();
  select(true);
  expect(scrolled).not.toHaveBeenCalled();
  paint();
  expect(scrolled).toHaveBeenCalledTimes(1);
  expect(scrolled).toHaveBeenCalledWith({ block: 'nearest', inline: 'nearest' });
});

it('a clicked tab is not scrolled, and one deselected before the paint is not either', () => {
  const { select, tab, onSelect } = renderTab();
  fireEvent.click(tab);
  expect(onSelect).toHaveBeenCalledWith('i1');
  select(true);
  paint();
  expect(scrolled).not.toHaveBeenCalled();

  select(false);
  select(true);
  select(false);
  paint();
  expect(scrolled).not.toHaveBeenCalled();
});
