import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSilenceWatchdog } from './silenceWatchdog';

afterEach(() => {
  vi.useRealTimers();
});

describe('createSilenceWatchdog', () => {
  it('fires when one wait lasts its limit, never for many short waits that add up to more', () => {
    vi.useFakeTimers();
    const fired: number[] = [];
    const watchdog = createSilenceWatchdog(
      (limit) => fired.push(limit),
      () => Date.now(),
    );
    for (let i = 0; i < 20; i++) {
      watchdog.waiting(1000);
      vi.advanceTimersByTime(300); // bytes every 300 ms: 6 s in all
      watchdog.received();
    }
    expect(fired).toEqual([]);
    watchdog.waiting(1000);
    vi.advanceTimersByTime(999);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([1000]);
  });

  it('does not count the time between waits (the consumer working), and a shorter limit is not delayed by a longer one', () => {
    vi.useFakeTimers();
    const fired: number[] = [];
    const watchdog = createSilenceWatchdog(
      (limit) => fired.push(limit),
      () => Date.now(),
    );
    watchdog.waiting(10_000); // first byte
    vi.advanceTimersByTime(50);
    watchdog.received();
    vi.advanceTimersByTime(5_000); // not waiting: not silence
    watchdog.waiting(200); // between chunks
    vi.advanceTimersByTime(199);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([200]);
  });

  it('stop() ends it: nothing fires afterwards', () => {
    vi.useFakeTimers();
    const onSilence = vi.fn();
    const watchdog = createSilenceWatchdog(onSilence, () => Date.now());
    watchdog.waiting(100);
    watchdog.stop();
    vi.advanceTimersByTime(1000);
    expect(onSilence).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });
});
