import { describe, expect, it } from 'vitest';
import { createPatchPacer, type PacerClock } from './patchPacer';

/** A clock whose time only moves when told; timers run when their time comes. */
function manualClock() {
  let now = 0;
  let timers: Array<{ at: number; run: () => void; id: number }> = [];
  let nextId = 1;
  const clock: PacerClock = {
    now: () => now,
    setTimeout: (run, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, run, id });
      return id;
    },
    clearTimeout: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const timer of timers.filter((t) => t.at <= now)) {
      timers = timers.filter((t) => t !== timer);
      timer.run();
    }
  };
  return { clock, advance, pending: () => timers.length };
}

describe('createPatchPacer', () => {
  it('sends at once after a quiet stretch, then at most once per gap, one send for a whole burst', () => {
    const { clock, advance } = manualClock();
    const sent: number[] = [];
    const pacer = createPatchPacer(() => sent.push(clock.now()), 50, clock);
    pacer.changed();
    expect(sent).toEqual([0]);
    advance(10);
    pacer.changed();
    advance(5);
    pacer.changed();
    pacer.changed();
    expect(sent).toEqual([0]);
    advance(35);
    expect(sent).toEqual([0, 50]);
    advance(200); // quiet
    pacer.changed();
    expect(sent).toEqual([0, 50, 250]);
  });

  it('flush sends what is pending now and only then; dispose drops it', () => {
    const { clock, advance, pending } = manualClock();
    let sends = 0;
    const pacer = createPatchPacer(() => (sends += 1), 50, clock);
    pacer.flush();
    expect(sends).toBe(0);
    pacer.changed();
    pacer.changed();
    expect(sends).toBe(1);
    pacer.flush();
    expect(sends).toBe(2);
    expect(pending()).toBe(0);
    advance(100);
    expect(sends).toBe(2);
    advance(1);
    pacer.changed(); // the gap since the flush has passed
    expect(sends).toBe(3);
    pacer.changed();
    pacer.dispose();
    advance(100);
    expect(sends).toBe(3);
  });
});
