import { DEFAULT_REQUESTS_PER_PROVIDER, providerQueueKey } from '../llm/requestQueue';
import type { ProviderInfo } from '../types';

// How many requests may be in flight at once to a provider's host: its own setting, else the default.
// Chromium opens at most 6 connections per host (HTTP/1.1), so more than 6 would only wait unseen
// inside the browser again, with their timeouts running.

export const MIN_CONCURRENT_REQUESTS = 1;
export const MAX_CONCURRENT_REQUESTS = 6;

/** A provider's own limit, or the default for one saved without the setting. */
export function requestLimitOf(provider: Pick<ProviderInfo, 'maxConcurrentRequests'>): number {
  return provider.maxConcurrentRequests ?? DEFAULT_REQUESTS_PER_PROVIDER;
}

/**
 * The limit of the request queue's key `origin` (lib/llm/requestQueue.ts keys by origin): the
 * smallest limit of the providers at that origin, since they share its connections; the default
 * when none is (a probe of an unsaved address).
 */
export function requestLimitAt(providers: Iterable<Pick<ProviderInfo, 'baseURL' | 'maxConcurrentRequests'>>, origin: string): number {
  let limit: number | undefined;
  for (const provider of providers) {
    if (providerQueueKey(provider.baseURL) !== origin) continue;
    limit = Math.min(limit ?? Infinity, requestLimitOf(provider));
  }
  return limit ?? DEFAULT_REQUESTS_PER_PROVIDER;
}

/** What is wrong with the form's text for the setting, or null (empty: the default). */
export function requestLimitProblem(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || value < MIN_CONCURRENT_REQUESTS || value > MAX_CONCURRENT_REQUESTS) {
    return `Enter a whole number from ${MIN_CONCURRENT_REQUESTS} to ${MAX_CONCURRENT_REQUESTS}, or leave it empty for the default (${DEFAULT_REQUESTS_PER_PROVIDER}). Chromium opens at most ${MAX_CONCURRENT_REQUESTS} connections to one host.`;
  }
  return null;
}
