import type { ProviderErrorKind } from '../llm/providerError';

// Whether the default provider answers: what the background's `cmd/providers/check` returns to the
// panel (never a key), and the short-lived cache that keeps the check cheap.

export type ProviderCheckResult =
  | { status: 'ok'; providerId: string; providerName: string; baseURL: string; checkedAt: number }
  | { status: 'no-provider'; checkedAt: number }
  | {
      status: 'failed';
      providerId: string;
      providerName: string;
      baseURL: string;
      hasKey: boolean;
      kind: ProviderErrorKind;
      /** the provider error's message, in the user's words (keys scrubbed) */
      message: string;
      checkedAt: number;
    };

/** How long one answer is reused: the panel may ask often, the provider is asked at most this often. */
export const CHECK_CACHE_MS = 4_000;
/** A check is a model listing with this timeout, far below the chat timeout. */
export const CHECK_TIMEOUT_MS = 3_000;

/**
 * One answer per provider settings (`key`) for `ttlMs`, and one check in flight per key shared by
 * every caller. `force` skips a cached answer (the user pressed Try again) but still joins one in flight.
 */
export function createCheckCache(ttlMs: number, now: () => number) {
  const answers = new Map<string, ProviderCheckResult>();
  const inFlight = new Map<string, Promise<ProviderCheckResult>>();
  return {
    async get(key: string, run: () => Promise<ProviderCheckResult>, force = false): Promise<ProviderCheckResult> {
      const cached = answers.get(key);
      if (!force && cached && now() - cached.checkedAt < ttlMs) return cached;
      const running = inFlight.get(key);
      if (running) return running;
      const check = run()
        .then((result) => {
          answers.set(key, result);
          return result;
        })
        .finally(() => inFlight.delete(key));
      inFlight.set(key, check);
      return check;
    },
    /** providers changed: the next check asks again */
    clear() {
      answers.clear();
    },
  };
}

/** The settings a check depends on: a change of any of them makes an earlier answer stale. */
export function checkKey(provider: { id: string; baseURL: string; hasKey: boolean }): string {
  return `${provider.id}\n${provider.baseURL}\n${provider.hasKey ? 'key' : 'no key'}`;
}
