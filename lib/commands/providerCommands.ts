import { checkKeyWithOneToken } from '../llm/keyCheck';
import { keyBelongsTo } from '../providers/keyOrigin';
import { providerLabel } from '../providers/providerLabel';
import { toProviderError } from '../llm/providerError';
import { CHECK_CACHE_MS, CHECK_TIMEOUT_MS, checkKey, createCheckCache, type ProviderCheckResult } from '../setup/providerCheck';
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

  /**
   * Where a probe goes and with which key. A stored key goes only to the origin it was saved
   * with: probing an edited URL on another host before saving sends only a key typed in the form (or none).
   */
  const probeTarget = async (p: CommandPayload<'cmd/providers/test'>) => {
    const saved = p.id ? await providerWithKey(p.id) : undefined;
    const baseURL = (p.baseURL ?? saved?.provider.baseURL ?? '').trim().replace(/\/+$/, '');
    const storedKeyApplies = saved !== undefined && keyBelongsTo(saved.provider.baseURL, baseURL);
    const apiKey = p.apiKey === null ? undefined : p.apiKey?.trim() || (storedKeyApplies ? saved.apiKey : undefined);
    const providerName = providerLabel(p.name ?? saved?.provider.name, baseURL);
    return { baseURL, apiKey, providerName, defaultModel: p.defaultModel?.trim() || saved?.provider.defaultModel || '' };
  };

  const listModels = async (p: CommandPayload<'cmd/providers/test'>) => services.listModels(await probeTarget(p));

  /** Does the default provider answer? A model listing with a short timeout, cached for a few seconds. */
  const checks = createCheckCache(CHECK_CACHE_MS, services.now);
  const checkDefault = async (force: boolean): Promise<ProviderCheckResult> => {
    const { byId, defaultProviderId } = getState().providers;
    const provider = defaultProviderId ? byId[defaultProviderId] : undefined;
    if (!provider) return { status: 'no-provider', checkedAt: services.now() };
    return checks.get(
      checkKey(provider),
      async () => {
        const about = { providerId: provider.id, providerName: providerLabel(provider.name, provider.baseURL), baseURL: provider.baseURL };
        const apiKey = (await db.providerKeys.get(provider.id))?.apiKey;
        try {
          await services.listModels({ ...about, apiKey, timeoutMs: CHECK_TIMEOUT_MS });
          return { status: 'ok', ...about, checkedAt: services.now() };
        } catch (caught) {
          const error = toProviderError(caught, { ...about, apiKey, timeoutMs: CHECK_TIMEOUT_MS });
          // Rate limited means it answered and took the key: nothing to set up.
          if (error.kind === 'rate-limit') return { status: 'ok', ...about, checkedAt: services.now() };
          return { status: 'failed', ...about, hasKey: provider.hasKey, kind: error.kind, message: error.message, checkedAt: services.now() };
        }
      },
      force,
    );
  };

  return {
    async 'cmd/providers/save'(p: CommandPayload<'cmd/providers/save'>) {
      const id = p.id ?? services.newId();
      const existing = getState().providers.byId[id];
      const before = await db.providers.get(id);
      const row = {
        id,
        name: p.name,
        baseURL: p.baseURL.trim().replace(/\/+$/, ''),
        defaultModel: p.defaultModel.trim(),
        createdAt: existing?.createdAt ?? services.now(),
        updatedAt: services.now(),
        // absent: the default limit (also for rows saved before the setting existed)
        ...(p.maxConcurrentRequests !== undefined && { maxConcurrentRequests: p.maxConcurrentRequests }),
      };
      // A stored key belongs to the origin it was saved with: moving the provider to another origin
      // drops it unless a key is typed again (enforced here, whatever the page sent).
      const movedAway = before !== undefined && !keyBelongsTo(before.baseURL, row.baseURL);
      let keyDropped = false;
      await db.transaction('rw', db.providers, db.providerKeys, async () => {
        await db.providers.put(row);
        if (p.apiKey?.trim()) await db.providerKeys.put({ providerId: id, apiKey: p.apiKey.trim() });
        else if (p.apiKey !== undefined || movedAway) {
          keyDropped = p.apiKey === undefined && (await db.providerKeys.get(id)) !== undefined;
          await db.providerKeys.delete(id);
        }
      });
      const hasKey = (await db.providerKeys.get(id)) !== undefined;
      dispatch(providerSaved({ ...row, hasKey }));
      checks.clear();
      await db.settings.put({ key: 'defaultProviderId', value: getState().providers.defaultProviderId });
      platform.providersChanged();
      return { id, keyDropped };
    },
    async 'cmd/providers/delete'(p: CommandPayload<'cmd/providers/delete'>) {
      await db.transaction('rw', db.providers, db.providerKeys, async () => {
        await db.providers.delete(p.id);
        await db.providerKeys.delete(p.id);
      });
      dispatch(providerDeleted(p.id));
      checks.clear();
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
      return { models: await listModels(p) };
    },
    async 'cmd/providers/check'(p: CommandPayload<'cmd/providers/check'>) {
      return checkDefault(p.force);
    },
    /**
     * Lists the models, then, when a key would be sent, checks it with a one-token chat answer
     * (see keyCheck.ts): a listing alone proves nothing where /models is served without a key.
     */
    async 'cmd/providers/test'(p: CommandPayload<'cmd/providers/test'>) {
      const target = await probeTarget(p);
      const name = target.providerName;
      let models: string[];
      try {
        models = await services.listModels(target);
      } catch (error) {
        return { ok: false, message: messageOf(error) };
      }
      const listed = `${models.length} model${models.length === 1 ? '' : 's'} listed`;
      if (!target.apiKey) return { ok: true, message: `Reached ${name}: ${listed}; the key is checked on the first run (no key is set).` };
      const model = target.defaultModel || models[0];
      if (!model)
        return {
          ok: false,
          message: `Reached ${name}, but it lists no models and no default model is set, so the key could not be checked. Enter a default model and test again.`,
        };
      try {
        await checkKeyWithOneToken(services.chatStream, { providerName: name, baseURL: target.baseURL, apiKey: target.apiKey, model });
        return { ok: true, message: `Connected to ${name}: the key works (a one-token answer from ${model}); ${listed}.` };
      } catch (error) {
        return { ok: false, message: `${name} listed its models, but a one-token test answer from ${model} failed. ${messageOf(error)}` };
      }
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
