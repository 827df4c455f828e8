/**
 * Rendering work that can wait a frame, done in slices: each job (render one message's Markdown,
 * highlight one code block) runs in a task of its own after the next frame, a few per task at
 * most, so that many of them at once (a jump to the top of a long conversation, the highlighter
 * arriving for every code block already shown) never make one long task. In order of scheduling.
 */
import { afterNextPaint } from './afterNextPaint';

/** Jobs started in one task until this much time has passed (the first one always runs). */
const SLICE_BUDGET_MS = 4;

interface Job {
  run: (() => void) | null;
}

const queue: Job[] = [];
let scheduled = false;

/** Runs `job` in a later slice; the returned function cancels it if it has not run yet. */
export function inSlices(job: () => void): () => void {
  const entry: Job = { run: job };
  queue.push(entry);
  schedule();
  return () => {
    entry.run = null;
  };
}

function schedule() {
  if (scheduled || queue.length === 0) return;
  scheduled = true;
  // After the next frame has been drawn, so the frame that shows the scroll or the first render
  // is not delayed by this work.
  afterNextPaint(runSlice);
}

function runSlice() {
  scheduled = false;
  const started = performance.now();
  while (queue.length > 0) {
    const job = queue.shift()!;
    if (!job.run) continue;
    try {
      job.run();
    } catch (error) {
      // reported as uncaught, without stopping the jobs after it
      setTimeout(() => {
        throw error;
      }, 0);
    }
    if (performance.now() - started >= SLICE_BUDGET_MS) break;
  }
  schedule();
}
