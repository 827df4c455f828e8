import { scopedValuesRefreshed } from '../execution/executionSlice';
import { mergeScopedValues } from '../execution/services/variableResolver';
import { priceDeleted, priceSet } from '../prices/pricesSlice';
import { defaultPromptSet, promptDeleted, promptSaved } from '../prompts/promptsSlice';
import { exportPrompts, parsePromptImport } from '../prompts/promptTransfer';
import type { Prompt } from '../types';
import { scopedVariableDeleted, scopedVariableSet } from '../variables/scopedVariablesSlice';
import { settingsChanged } from '../settings/settingsSlice';
import type { CommandContext } from './commandContext';
import type { CommandPayload } from './commandSchemas';

/** The prompt library, the scoped variables, the price table and the settings: options-page commands. */
export function libraryCommands(ctx: CommandContext) {
  const { dispatch, getState, services } = ctx;
  const { db } = services;

  const savePrompt = async (input: CommandPayload<'cmd/prompts/save'>) => {
    const existing = input.id ? getState().prompts.byId[input.id] : undefined;
    const now = services.now();
    const prompt: Prompt = {
      ...input,
      id: input.id ?? services.newId(),
      builtIn: existing?.builtIn,
      pinned: existing?.pinned,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    await db.prompts.put(prompt);
    dispatch(promptSaved(prompt));
    return prompt.id;
  };

  const teamChosen = () => !!services.team && getState().team.connected && getState().team.selection.orgId !== null;
  const refreshScoped = () => dispatch(scopedValuesRefreshed(mergeScopedValues(getState().scopedVariables)));

  return {
    async 'cmd/prompts/save'(p: CommandPayload<'cmd/prompts/save'>) {
      if (p.id) services.team?.assertCanEdit('prompt', p.id);
      const id = await savePrompt(p);
      await services.team?.recordEdited('prompt', id);
      return { id };
    },
    async 'cmd/prompts/delete'(p: CommandPayload<'cmd/prompts/delete'>) {
      services.team?.assertCanEdit('prompt', p.id);
      await db.prompts.delete(p.id);
      dispatch(promptDeleted(p.id));
      await services.team?.recordEdited('prompt', p.id, true);
      await db.settings.put({ key: 'defaultPromptId', value: getState().prompts.defaultPromptId });
      return { ok: true as const };
    },
    async 'cmd/prompts/setDefault'(p: CommandPayload<'cmd/prompts/setDefault'>) {
      if (!getState().prompts.byId[p.id]) throw new Error('There is no such prompt.');
      await db.settings.put({ key: 'defaultPromptId', value: p.id });
      dispatch(defaultPromptSet(p.id));
      return { ok: true as const };
    },
    async 'cmd/prompts/setPinned'(p: CommandPayload<'cmd/prompts/setPinned'>) {
      const prompt = getState().prompts.byId[p.id];
      if (!prompt) throw new Error('There is no such prompt.');
      const pinned: Prompt = { ...prompt, pinned: p.pinned || undefined };
      await db.prompts.put(pinned);
      dispatch(promptSaved(pinned));
      return { ok: true as const };
    },
    async 'cmd/prompts/export'() {
      const { byId, order } = getState().prompts;
      return { json: exportPrompts(order.map((id) => byId[id])) };
    },
    async 'cmd/prompts/import'(p: CommandPayload<'cmd/prompts/import'>) {
      const prompts = parsePromptImport(p.json);
      for (const prompt of prompts) await savePrompt(prompt);
      return { count: prompts.length };
    },
    async 'cmd/variables/set'(p: CommandPayload<'cmd/variables/set'>) {
      // With an org chosen, its org and project variables are the team server's.
      if (p.scope !== 'user' && teamChosen()) {
        await services.team!.setVariable(p.scope, p.name, p.value);
        return { ok: true as const };
      }
      await db.scopedVariables.put({ id: `${p.scope}:${p.name}`, scope: p.scope, name: p.name, value: p.value });
      dispatch(scopedVariableSet(p));
      refreshScoped();
      if (p.scope === 'user') services.team?.userVariablesChanged(); // synced only when the user opted in
      return { ok: true as const };
    },
    async 'cmd/variables/delete'(p: CommandPayload<'cmd/variables/delete'>) {
      if (p.scope !== 'user' && teamChosen()) {
        await services.team!.setVariable(p.scope, p.name, null);
        return { ok: true as const };
      }
      await db.scopedVariables.delete(`${p.scope}:${p.name}`);
      dispatch(scopedVariableDeleted(p));
      refreshScoped();
      if (p.scope === 'user') services.team?.userVariablesChanged();
      return { ok: true as const };
    },
    async 'cmd/prices/set'(p: CommandPayload<'cmd/prices/set'>) {
      const price = { inputPerMillion: p.inputPerMillion, outputPerMillion: p.outputPerMillion };
      await db.prices.put({ model: p.model, ...price });
      dispatch(priceSet({ model: p.model, price }));
      return { ok: true as const };
    },
    async 'cmd/settings/set'(p: CommandPayload<'cmd/settings/set'>) {
      await db.settings.put({ key: 'requestTimeoutSeconds', value: p.requestTimeoutSeconds });
      dispatch(settingsChanged(p));
      return { ok: true as const };
    },
    async 'cmd/settings/selectionButton'(p: CommandPayload<'cmd/settings/selectionButton'>) {
      const setting = { enabled: p.enabled, offSites: [...new Set(p.offSites)] };
      await db.settings.put({ key: 'selectionButton', value: setting });
      dispatch(settingsChanged({ selectionButton: setting }));
      return { ok: true as const };
    },
    async 'cmd/prices/delete'(p: CommandPayload<'cmd/prices/delete'>) {
      await db.prices.delete(p.model);
      dispatch(priceDeleted(p.model));
      return { ok: true as const };
    },
  };
}
