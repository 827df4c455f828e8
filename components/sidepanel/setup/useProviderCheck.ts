import { useCallback, useEffect, useReducer } from 'react';
import { useAppSelector, useCommand } from '@/components/storeHooks';
import type { RootState } from '@/lib/store/rootReducer';
import { checkReducer, initialCheckState, nextCheckDelay, selectSetupCard } from './providerCheckMachine';

/** The default provider's settings that a check depends on, as one string (a change, a new key included, re-checks). */
export function selectProviderSettingsKey(state: RootState): string {
  const { byId, defaultProviderId } = state.providers;
  const provider = defaultProviderId ? byId[defaultProviderId] : undefined;
  return provider ? `${provider.id}\n${provider.baseURL}\n${provider.hasKey}\n${provider.updatedAt ?? 0}` : '';
}

/**
 * The IO of the provider check: runs the check the machine asks for, after the first paint
 * (effects run after it), polls while it fails, and re-checks when the default provider changes.
 */
export function useProviderCheck() {
  const send = useCommand();
  const providersKey = useAppSelector(selectProviderSettingsKey);
  const [state, dispatch] = useReducer(checkReducer, providersKey, initialCheckState);

  useEffect(() => dispatch({ type: 'providers-changed', providersKey }), [providersKey]);

  const delay = nextCheckDelay(state);
  const { generation, force, failures } = state;
  useEffect(() => {
    if (delay === null) return;
    const timer = setTimeout(() => {
      dispatch({ type: 'check-started' });
      send('cmd/providers/check', { force }).then(
        (result) => dispatch({ type: 'check-finished', generation, result }),
        () => dispatch({ type: 'check-errored', generation }),
      );
    }, delay);
    return () => clearTimeout(timer);
  }, [delay, generation, force, failures, send]);

  const retry = useCallback(() => dispatch({ type: 'retry' }), []);
  return { card: selectSetupCard(state), checking: state.phase === 'checking', retry };
}
