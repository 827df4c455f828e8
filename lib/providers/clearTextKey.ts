import { isLocalURL } from '../llm/providerError';

/**
 * Whether a key sent to this base URL would cross the network unencrypted: plain http:// to a host
 * that is not this machine (loopback is the same isLocalURL that decides the Origin rules).
 */
export function keyWouldTravelInClearText(baseURL: string): boolean {
  try {
    return new URL(baseURL.trim()).protocol === 'http:' && !isLocalURL(baseURL.trim());
  } catch {
    return false;
  }
}
