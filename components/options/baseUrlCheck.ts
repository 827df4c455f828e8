/** Client-side check of a provider's base URL; the background validates it again. Null = fine. */
export function baseUrlProblem(value: string): string | null {
  const trimmed = value.trim();
  if (!trimmed) return 'Enter the base URL, e.g. https://api.openai.com/v1.';
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return 'The base URL is not a URL. Write it in full, e.g. https://api.openai.com/v1.';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'The base URL must be an http:// or https:// address.';
  return null;
}

/** The base URL as the background stores it: trimmed, without trailing slashes. */
export function normalizeBaseUrl(value: string): string {
  return value.trim().replace(/\/+$/, '');
}
