// @vitest-environment jsdom
// Scroll-follow while an answer grows: it follows only while the reader is at the end, stops at
// once when the user scrolls, and reads the scroll height only in ResizeObserver callbacks (after
// the frame's layout), never in an event handler where it would force a layout.
import { act, cleanup, render } from '@testing-library/react';
import { useRef } from 'react';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { useStickToBottom } from './useStickToBottom';

class DrivenResizeObserver {
  static last: DrivenResizeObserver;
  constructor(readonly callback: ResizeObserverCallback) {
    DrivenResizeObserver.last = this;
  }
  observe() {
    this.resize(); // as browsers do: a first callback on observing
  }
  disconnect() {}
  resize() {
    inResizeCallback = true;
    try {
      this.callback([], this as unknown as ResizeObserver);
    } finally {
      inResizeCallback = false;
    }
  }
}

class DrivenIntersectionObserver {
  static last: DrivenIntersectionObserver;
  observed: Element | null = null;
  observeCalls = 0;
  constructor(
    readonly callback: IntersectionObserverCallback,
    readonly options: IntersectionObserverInit,
  ) {
    DrivenIntersectionObserver.last = this;
  }
  observe(element: Element) {
    this.observed = element;
    this.observeCalls += 1;
  }
  unobserve() {
    this.observed = null;
  }
  disconnect() {
    this.observed = null;
  }
  report(isIntersecting: boolean) {
    if (this.observed) this.callback([{ target: this.observed, isIntersecting } as IntersectionObserverEntry], this as unknown as IntersectionObserver);
  }
}

let inResizeCallback = false;
let heightReadsOutsideResize = 0;

beforeEach(() => {
  vi.stubGlobal('ResizeObserver', DrivenResizeObserver);
  vi.stubGlobal('IntersectionObserver', DrivenIntersectionObserver);
  heightReadsOutsideResize = 0;
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function Panel() {
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const end = useRef<HTMLDivElement>(null);
  useStickToBottom(scroller, content, end);
  return (
    <div data-testid="scroller" ref={scroller}>
      <div ref={content}>text</div>
      <div ref={end} />
    </div>
  );
}

function mount() {
  const { getByTestId } = render(<Panel />);
  const scroller = getByTestId('scroller');
  let height = 1000;
  Object.defineProperty(scroller, 'scrollHeight', {
    get: () => {
      if (!inResizeCallback) heightReadsOutsideResize += 1;
      return height;
    },
  });
  const grow = (by: number) => {
    height += by;
    act(() => DrivenResizeObserver.last.resize());
  };
  return { scroller, grow, io: DrivenIntersectionObserver.last };
}

it('follows the growing end while the reader is there, and asks the browser (not the layout) whether they are', () => {
  const { scroller, grow, io } = mount();
  expect(io.options.root).toBe(scroller);
  expect(io.options.rootMargin).toBe('0px 0px 48px 0px');
  grow(200);
  expect(scroller.scrollTop).toBe(1200);
  grow(300);
  expect(scroller.scrollTop).toBe(1500);
  // the end scrolled out of view some other way: no more following until it is back
  act(() => io.report(false));
  grow(100);
  expect(scroller.scrollTop).toBe(1500);
  act(() => io.report(true));
  grow(100);
  expect(scroller.scrollTop).toBe(1700);
  expect(heightReadsOutsideResize).toBe(0);
});

it('stops following as soon as the user scrolls, even if an update lands before the observer has seen it', () => {
  const { scroller, grow, io } = mount();
  grow(200);
  scroller.scrollTop = 400; // the user's wheel scrolled up
  scroller.dispatchEvent(new WheelEvent('wheel', { deltaY: -800 }));
  grow(100); // a streamed update in the same frame
  expect(scroller.scrollTop).toBe(400);
  // the observer is asked again, and says where the reader is with the next frame
  expect(io.observeCalls).toBe(2);
  act(() => io.report(false));
  grow(100);
  expect(scroller.scrollTop).toBe(400);

  // back at the end (a wheel down to it): following resumes
  scroller.dispatchEvent(new WheelEvent('wheel', { deltaY: 5000 }));
  act(() => io.report(true));
  grow(100);
  expect(scroller.scrollTop).toBe(1500);
  for (const type of ['keydown', 'pointerdown', 'scroll']) scroller.dispatchEvent(new Event(type));
  expect(heightReadsOutsideResize).toBe(0);
});
