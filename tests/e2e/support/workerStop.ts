import type { CDPSession } from '@playwright/test';
import type { startFakeLlmServer } from '../../support/fakeLlmServer.mjs';
import { expect, test } from './extensionFixture';

// Stopping the service worker mid-answer (the DevTools protocol, as Chrome stops an idle or busy
// worker), and checking what survived: shared by the prompt answer and the flow action tests.

/** 20,000 chunks over ten seconds: the worker is stopped well before the end. */
export const LONG_ANSWER_SCENARIO = 'timed-20000-10000';
/** The promise: a stopped worker loses at most the text of the last 250 ms. */
export const MAX_LOSS_MS = 250;

type FakeLlm = Awaited<ReturnType<typeof startFakeLlmServer>>;

export interface StopOutcome {
  /** the words the server had sent by the time the worker was gone: the most it can have kept */
  sentBeforeStop: number;
  /** the words sent until MAX_LOSS_MS before the stop: all must survive */
  mustKeep: number;
}

/**
 * Waits for the first chunk of `scenario`'s answer, stops every service worker `stopAfterMs` later
 * through `cdp` (made, with ServiceWorker enabled, before the answer started) and says what the
 * server had sent by then.
 */
export async function stopWorkerMidAnswer(cdp: CDPSession, llm: FakeLlm, scenario = LONG_ANSWER_SCENARIO, stopAfterMs = 500): Promise<StopOutcome> {
  await expect.poll(() => llm.requests.find((r) => r.body?.model === scenario)?.sentAt.length ?? 0, { timeout: 20_000 }).toBeGreaterThan(0);
  const request = llm.requests.find((r) => r.body?.model === scenario)!;
  const firstChunkAt = request.sentAt[0];
  await new Promise((resolve) => setTimeout(resolve, firstChunkAt + stopAfterMs - Date.now()));

  const stoppedAt = Date.now();
  await cdp.send('ServiceWorker.stopAllWorkers');
  // The worker reads and saves until it is gone, which is when the command has returned: what the
  // server sent until then is the most it can have kept (counted from `stoppedAt`, a save landing
  // in the milliseconds the stop takes failed the check).
  const goneBy = Date.now();
  await cdp.detach();
  const sentBeforeStop = request.sentAt.filter((at) => at <= goneBy).length;
  const mustKeep = request.sentAt.filter((at) => at <= stoppedAt - MAX_LOSS_MS).length;
  // stopped 300–800 ms into the answer, long before its end
  expect(stoppedAt - firstChunkAt).toBeGreaterThanOrEqual(300);
  expect(stoppedAt - firstChunkAt).toBeLessThanOrEqual(800);
  expect(sentBeforeStop).toBeLessThan(20_000);
  expect(mustKeep).toBeGreaterThan(0);
  return { sentBeforeStop, mustKeep };
}

/** The recovered text holds the answer's start up to some word: in order, none missing or repeated, at least all that had to survive. */
export function expectKeptWords(kept: string, { sentBeforeStop, mustKeep }: StopOutcome): void {
  const numbers = [...kept.matchAll(/\bword(\d+)\b/g)].map((m) => Number(m[1]));
  test.info().annotations.push({ type: 'kept', description: `${numbers.length} of ${sentBeforeStop} words sent before the stop (${mustKeep} required)` });
  expect(numbers.every((n, i) => n === i)).toBe(true);
  expect(numbers.length, 'words kept').toBeGreaterThanOrEqual(mustKeep);
  expect(numbers.length, 'words kept').toBeLessThanOrEqual(sentBeforeStop);
}
