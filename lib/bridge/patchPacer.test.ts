import { describe, expect, it } from 'vitest';
import { createPatchPacer, type PacerClock } from './patchPacer';

/** A clock whose time only moves when told; timers run when their time comes, the after-burst sends when the burst ends. */
function manualClock() {
  let now = 0;
  let timers: Array<{ at: number; run: () => void; id: number }> = [];
  let tasks: Array<() => void> = [];
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
    afterBurst: (run) => {
      tasks.push(run);
    },
  };
  /** the end of the current burst of updates: the sends queued after it run */
  const endTask = () => {
    const due = tasks;
    tasks = [];
    for (const run of due) run();
  };
  const advance = (ms: number) => {
    endTask();
    now += ms;
    for (const timer of timers.filter((t) => t.at <= now)) {
      timers = timers.filter((t) => t !== timer);
      timer.run();
    }
  };
  return { clock, advance, endTask, pending: () => timers.length + tasks.length };
}

describe('createPatchPacer', () => {
  it('sends at the end of the burst after a quiet stretch, then at most once per gap, one send for a whole burst', () => {
    const { clock, advance, endTask } = manualClock();
    const sent: number[] = [];
    const pacer = createPatchPacer(() => sent.push(clock.now()), 50, clock);
    pacer.changed();
    pacer.changed();
    expect(sent).toEqual([]);
    endTask();
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
    endTask();
    expect(sent).toEqual([0, 50, 250]);
  });

  it('keeps a burst of updates in one send: the first of them does not start the gap alone', () => {
    const { clock, advance, endTask, pending } = manualClock();
    const sends: string[][] = [];
    let changes: string[] = [];
    const pacer = createPatchPacer(
      () => {
        sends.push(changes);
        changes = [];
      },
      50,
      clock,
    );
    for (const change of ['first token', 'status', 'text']) {
      changes.push(change);
      pacer.changed();
    }
    endTask();
    expect(sends).toEqual([['first token', 'status', 'text']]);
    expect(pending()).toBe(0);
    advance(100);
    for (const change of ['last text', 'usage', 'finish', 'answer']) {
      changes.push(change);
      pacer.changed();
    }
    endTask();
    expect(sends).toEqual([
      ['first token', 'status', 'text'],
      ['last text', 'usage', 'finish', 'answer'],
    ]);
  });

  it('flush sends what is pending now and only then; dispose drops it', () => {
    const { clock, advance, endTask, pending } = manualClock();
    let sends = 0;
    const pacer = createPatchPacer(() => (sends += 1), 50, clock);
    pacer.flush();
    expect(sends).toBe(0);
    pacer.changed();
    pacer.flush(); // before the end of the burst
    expect(sends).toBe(1);
    endTask(); // the queued send was the flush's: nothing more
    expect(sends).toBe(1);
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
    endTask();
    expect(sends).toBe(3);
    pacer.changed();
    pacer.dispose();
    advance(100);
    expect(sends).toBe(3);
  });
});
