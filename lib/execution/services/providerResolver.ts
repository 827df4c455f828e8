import type { RootState } from '../../store/rootReducer';
import type { InstanceError, PromptSettings, ProviderInfo } from '../../types';

/** Which provider and model a call uses: the prompt's own, else the defaults. */
export function resolveProvider(
  state: Pick<RootState, 'providers'>,
  settings: PromptSettings,
): { provider: ProviderInfo; model: string } | { error: InstanceError } {
  const providerId = settings.providerId ?? state.providers.defaultProviderId;
  const provider = providerId ? state.providers.byId[providerId] : undefined;
  if (!provider) {
    return { error: { kind: 'no-provider', message: 'No provider is set up: add one in Options → Providers.' } };
  }
  const model = settings.model.trim() || provider.defaultModel.trim();
  if (!model) {
    return { error: { kind: 'no-provider', message: `Choose a model for ${provider.name} in Options → Providers.` } };
  }
  return { provider, model };
}
