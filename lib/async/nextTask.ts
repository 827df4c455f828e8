// Running something in the event loop's next task, after the work queued now (its promise
// callbacks included). A message to oneself, not setTimeout(0): nested timers are clamped to 4 ms
// each, which a fast stream would pay on every yield.

/** Calls `run` in a task of its own, as soon as the tasks already queued have run. */
export function inNextTask(run: () => void): void {
  if (typeof MessageChannel === 'undefined') {
    setTimeout(run, 0);
    return;
  }
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    run();
  };
  channel.port2.postMessage(null);
}

/** Resolves in the next task: lets queued timers and messages (a Stop, a batch flush) run. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => inNextTask(resolve));
}
