import { hostOf } from './keyOrigin';

/**
 * What messages call a provider: its name, else the host of its base URL (an unnamed draft reads
 * "The key for api.example.com was refused", never "The key for  was refused").
 */
export function providerLabel(name: string | undefined, baseURL: string | undefined): string {
  return name?.trim() || (baseURL ? hostOf(baseURL) : '') || 'The provider';
}
