import { useCallback, useEffect, useState } from 'react';
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
  const [state, setState] = useState<{ key: string | null; models: string[]; error: string | null }>({ key: null, models: [], error: null });
  const providerId = provider?.id ?? null;

  useEffect(() => {
    setState((s) => (s.key === providerId ? s : { key: providerId, models: [], error: null }));
  }, [providerId]);

  const load = useCallback(() => {
    if (!provider) return;
    cachedModels(provider, async (id) => (await send('cmd/providers/listModels', { id })).models).then(
      (models) => setState((s) => (s.key === provider.id || s.key === null ? { key: provider.id, models, error: null } : s)),
      (error: unknown) => setState((s) => (s.key === provider.id || s.key === null ? { key: provider.id, models: [], error: errorMessage(error) } : s)),
    );
  }, [provider, send]);

  return { models: state.key === providerId ? state.models : [], error: state.key === providerId ? state.error : null, load };
}
