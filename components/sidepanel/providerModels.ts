import type { ProviderInfo } from '@/lib/types';

/**
 * The model lists the panel has fetched (cmd/providers/listModels), per provider and for this panel
 * session: a provider is asked once, unless its settings changed or the listing failed (then the
 * next ask tries again).
 */
const listings = new Map<string, Promise<string[]>>();

const keyOf = (provider: ProviderInfo) => `${provider.id}\n${provider.baseURL}\n${provider.updatedAt ?? provider.createdAt}`;

export function cachedModels(provider: ProviderInfo, list: (providerId: string) => Promise<string[]>): Promise<string[]> {
  const key = keyOf(provider);
  let listing = listings.get(key);
  if (!listing) {
    listing = list(provider.id);
    listings.set(key, listing);
    listing.catch(() => listings.delete(key));
  }
  return listing;
}
