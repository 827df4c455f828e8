import { ProviderError } from '../llm/providerError';
import { defaultProviderSet, providerDeleted, providerSaved } from '../providers/providersSlice';
import type { CommandContext } from './commandContext';
import type { CommandPayload } from './commandSchemas';

/** Providers and their keys. A key goes into `providerKeys` and nowhere else; the store only learns `hasKey`. */
export function providerCommands(ctx: CommandContext) {
  const { dispatch, getState, services, platform } = ctx;
  const { db } = services;

  const providerWithKey = async (id: string) => {
    const provider = getState().providers.byId[id];
    if (!provider) throw new Error('There is no such provider.');
    return { provider, apiKey: (await db.providerKeys.get(id))?.apiKey };
  };

  const listModels = async (id: string) => {
    const { provider, apiKey } = await providerWithKey(id);
    return services.listModels({ baseURL: provider.baseURL, apiKey, providerName: provider.name });
  };

  return {
    async 'cmd/providers/save'(p: CommandPayload<'cmd/providers/save'>) {
      const id = p.id ?? services.newId();
      const existing = getState().providers.byId[id];
      const row = {
        id,
        name: p.name,
        baseURL: p.baseURL.trim().replace(/\/+$/, ''),
        defaultModel: p.defaultModel.trim(),
        createdAt: existing?.createdAt ?? services.now(),
      };
      await db.transaction('rw', db.providers, db.providerKeys, async () => {
        await db.providers.put(row);
        if (p.apiKey) await db.providerKeys.put({ providerId: id, apiKey: p.apiKey.trim() });
        else if (p.apiKey !== undefined) await db.providerKeys.delete(id);
      });
      const hasKey = (await db.providerKeys.get(id)) !== undefined;
      dispatch(providerSaved({ ...row, hasKey }));
      await db.settings.put({ key: 'defaultProviderId', value: getState().providers.defaultProviderId });
      platform.providersChanged();
      return { id };
    },
    async 'cmd/providers/delete'(p: CommandPayload<'cmd/providers/delete'>) {
      await db.transaction('rw', db.providers, db.providerKeys, async () => {
        await db.providers.delete(p.id);
        await db.providerKeys.delete(p.id);
      });
      dispatch(providerDeleted(p.id));
      await db.settings.put({ key: 'defaultProviderId', value: getState().providers.defaultProviderId });
      platform.providersChanged();
      return { ok: true as const };
    },
    async 'cmd/providers/setDefault'(p: CommandPayload<'cmd/providers/setDefault'>) {
      await providerWithKey(p.id);
      dispatch(defaultProviderSet(p.id));
      await db.settings.put({ key: 'defaultProviderId', value: p.id });
      return { ok: true as const };
    },
    async 'cmd/providers/listModels'(p: CommandPayload<'cmd/providers/listModels'>) {
      return { models: await listModels(p.id) };
    },
    async 'cmd/providers/test'(p: CommandPayload<'cmd/providers/test'>) {
      const name = getState().providers.byId[p.id]?.name ?? 'The provider';
      try {
        const models = await listModels(p.id);
        return { ok: true, message: `Connected to ${name}: ${models.length} model${models.length === 1 ? '' : 's'} available.` };
      } catch (error) {
        return { ok: false, message: error instanceof ProviderError || error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
