import { describe, expect, it } from 'vitest';
import { nextSyncDelay } from './syncSchedule';

describe('nextSyncDelay', () => {
  it('syncs at the interval while the server answers', () => {
    expect(nextSyncDelay(0, 30_000, 0)).toBe(30_000);
  });
  it('retries after 5 s, then every 10 s while the server does not answer: never waits the whole interval', () => {
    expect([1, 2, 3, 10, 1000].map((n) => nextSyncDelay(n, 30_000, 0))).toEqual([5_000, 10_000, 10_000, 10_000, 10_000]);
    expect(nextSyncDelay(3, 2_000, 0)).toBe(2_000); // a shorter interval still wins
  });
  it('jitters up to 20% earlier, never later than the bound', () => {
    for (const random of [0, 0.25, 0.5, 0.999]) {
      const delay = nextSyncDelay(4, 30_000, random);
      expect(delay).toBeLessThanOrEqual(10_000);
      expect(delay).toBeGreaterThanOrEqual(8_000);
    }
  });
});
