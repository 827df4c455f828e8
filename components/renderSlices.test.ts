// @vitest-environment jsdom
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { inSlices } from './renderSlices';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'requestAnimationFrame'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A job that keeps the thread busy for `ms` (real time: the budget is measured in real time). */
const busyJob = (ran: string[], name: string, ms: number) => () => {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy
  }
  ran.push(name);
};

/** One frame, then the task after it: one slice of work. */
function nextSlice() {
  vi.advanceTimersToNextFrame();
  vi.advanceTimersByTime(1);
}

it('runs jobs after the next frame, in order, starting no more after its budget is spent', () => {
  const ran: string[] = [];
  inSlices(busyJob(ran, 'a', 6));
  inSlices(busyJob(ran, 'b', 6));
  inSlices(busyJob(ran, 'c', 0));
  inSlices(busyJob(ran, 'd', 0));
  expect(ran).toEqual([]); // nothing in the caller's task

  nextSlice();
  expect(ran).toEqual(['a']); // a spent the budget: b waits for the next slice
  nextSlice();
  expect(ran).toEqual(['a', 'b']);
  nextSlice();
  expect(ran).toEqual(['a', 'b', 'c', 'd']); // quick jobs share a slice
});

it('a cancelled job never runs, and a failing one does not stop the others', () => {
  const ran: string[] = [];
  const cancel = inSlices(busyJob(ran, 'cancelled', 0));
  inSlices(() => {
    throw new Error('job failed');
  });
  inSlices(busyJob(ran, 'after', 0));
  cancel();
  vi.advanceTimersToNextFrame();
  // the error is reported as uncaught, from a task of its own, after the other jobs ran
  expect(() => {
    vi.advanceTimersByTime(1);
    vi.advanceTimersByTime(1);
  }).toThrow('job failed');
  expect(ran).toEqual(['after']);
});
