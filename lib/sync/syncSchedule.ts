// When the background syncs next without being asked: every `intervalMs` while the server answers;
// sooner after it did not (5 s, then every 10 s), so a run queued while the server was down is sent
// within about 10 s of its coming back while the worker lives. A worker the browser stopped syncs
// again when it next starts (no alarm: docs/team-server.md). A little jitter keeps a team's
// browsers from all calling at the same moment when the server returns.

export const OFFLINE_FIRST_RETRY_MS = 5_000;
export const OFFLINE_RETRY_MS = 10_000;

/** `failures`: syncs in a row that found the server unreachable; `random` in [0, 1) */
export function nextSyncDelay(failures: number, intervalMs: number, random: number): number {
  const base = failures === 0 ? intervalMs : Math.min(intervalMs, failures === 1 ? OFFLINE_FIRST_RETRY_MS : OFFLINE_RETRY_MS);
  // up to 20% earlier, never later: the bound holds
  return Math.round(base * (1 - 0.2 * random));
}
