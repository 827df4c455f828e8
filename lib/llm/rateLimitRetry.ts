import { ProviderError } from './providerError';

/** How often a rate-limited call is tried again, and the longest wait Flowbar accepts before giving up. */
const MAX_RATE_LIMIT_RETRIES = 2;
const MAX_RETRY_WAIT_SECONDS = 60;

/**
 * Seconds to wait before trying a rate-limited call again (Retry-After when the provider sent one,
 * else 2, 4 s), or null when it should not be retried: not a 429, retries used up, or a wait so
 * long (a quota, not a burst) that the user is better told at once.
 */
export function rateLimitDelay(error: unknown, attempt: number): number | null {
  if (!(error instanceof ProviderError) || error.kind !== 'rate-limit') return null;
  if (attempt >= MAX_RATE_LIMIT_RETRIES) return null;
  const seconds = error.retryAfterSeconds ?? 2 ** (attempt + 1);
  return seconds <= MAX_RETRY_WAIT_SECONDS ? Math.max(0, seconds) : null;
}

/** Resolves after `ms`, or rejects at once when the signal aborts (Stop during the wait). */
export function sleepUnlessAborted(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the abort's own reason, as fetch rejects with it
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- as above
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
