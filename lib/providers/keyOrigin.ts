// A provider's key belongs to the origin (scheme, host, port) of the base URL it was saved with.
// Another path on that origin is the same provider; another origin may be someone else's server.

/** The origin of a base URL, or null when it is not a URL. */
export function originOf(baseURL: string): string | null {
  try {
    return new URL(baseURL.trim()).origin;
  } catch {
    return null;
  }
}

/** Whether a key saved with `savedBaseURL` may go to `baseURL`: only on the very same origin. */
export function keyBelongsTo(savedBaseURL: string, baseURL: string): boolean {
  const saved = originOf(savedBaseURL);
  return saved !== null && saved !== 'null' && saved === originOf(baseURL);
}

/** The host (with port) a base URL points to, for messages; the trimmed text when it is not a URL. */
export function hostOf(baseURL: string): string {
  try {
    return new URL(baseURL.trim()).host || baseURL.trim();
  } catch {
    return baseURL.trim();
  }
}
