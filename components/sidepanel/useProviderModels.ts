import { useCallback, useState } from 'react';
import { useCommand } from '@/components/storeHooks';
import type { ProviderInfo } from '@/lib/types';
import { errorMessage } from './format';
import { cachedModels } from './providerModels';

/**
 * The models a provider lists, for the model picker's suggestions. Fetched when `load` is called
 * (the field is focused), not on every panel paint; cached per provider for the panel session.
 */
export function useProviderModels(provider: ProviderInfo | undefined) {
  const send = useCommand();
  const [listing, setListing] = useState<{ providerId: string; models: string[]; error: string | null } | null>(null);
  const providerId = provider?.id ?? null;

  const load = useCallback(() => {
    if (!provider) return;
    // Kept by provider: an answer for a provider no longer chosen is not shown (see `mine`).
    const keep = (models: string[], error: string | null) => setListing({ providerId: provider.id, models, error });
    cachedModels(provider, async (id) => (await send('cmd/providers/listModels', { id })).models).then(
      (models) => keep(models, null),
      (error: unknown) => keep([], errorMessage(error)),
    );
  }, [provider, send]);

  const mine = listing?.providerId === providerId ? listing : null;
  return { models: mine?.models ?? [], error: mine?.error ?? null, load };
}
