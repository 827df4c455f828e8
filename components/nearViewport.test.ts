// @vitest-environment jsdom
import { afterEach, expect, it, vi } from 'vitest';
import { NearViewportObserver } from './nearViewport';

afterEach(() => vi.unstubAllGlobals());

/** A stand-in for the browser's IntersectionObserver that the test drives. */
class FakeIntersectionObserver {
  static last: FakeIntersectionObserver | undefined;
  readonly observed = new Set<Element>();
  constructor(
    readonly callback: IntersectionObserverCallback,
    readonly options: IntersectionObserverInit,
  ) {
    FakeIntersectionObserver.last = this;
  }
  observe(element: Element) {
    this.observed.add(element);
  }
  unobserve(element: Element) {
    this.observed.delete(element);
  }
  disconnect() {
    this.observed.clear();
  }
  intersect(element: Element, isIntersecting: boolean) {
    this.callback([{ target: element, isIntersecting } as IntersectionObserverEntry], this as unknown as IntersectionObserver);
  }
}

it('tells elements that asked before it was attached, once, when they come near', () => {
  vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
  const near = new NearViewportObserver('1200px 0px');
  const [a, b] = [document.createElement('div'), document.createElement('div')];
  const onA = vi.fn();
  const onB = vi.fn();
  near.observe(a, onA);
  near.observe(b, onB);
  const root = document.createElement('div');
  near.attach(root);
  const io = FakeIntersectionObserver.last!;
  expect(io.options).toEqual({ root, rootMargin: '1200px 0px' });
  expect([...io.observed]).toEqual([a, b]);

  io.intersect(a, false);
  expect(onA).not.toHaveBeenCalled();
  io.intersect(a, true);
  io.intersect(a, true);
  expect(onA).toHaveBeenCalledTimes(1);
  expect([...io.observed]).toEqual([b]);

  const stop = near.observe(document.createElement('p'), vi.fn());
  expect(io.observed.size).toBe(2);
  stop();
  expect(io.observed.size).toBe(1);
  expect(onB).not.toHaveBeenCalled();
});

it('without IntersectionObserver, everything is near at once, before and after attaching', () => {
  vi.stubGlobal('IntersectionObserver', undefined);
  const near = new NearViewportObserver('0px');
  const before = vi.fn();
  near.observe(document.createElement('div'), before);
  near.attach(null);
  expect(before).toHaveBeenCalledTimes(1);
  const after = vi.fn();
  near.observe(document.createElement('div'), after);
  expect(after).toHaveBeenCalledTimes(1);
});
