import { createAsyncThunk } from '@reduxjs/toolkit';
import { hydrationFinished } from '../app/appSlice';
import { instanceAdded } from '../execution/executionSlice';
import { isInFlight, recoverInterruptedInstance } from '../execution/services/interruptRecovery';
import { finishTask, loadOpenInstances, loadStreamedTask, saveInstance, settleLeftoverPieces } from '../execution/services/runPersistence';
import { mergeScopedValues } from '../execution/services/variableResolver';
import { MAX_INSTANCES } from '../execution/thunks/cleanupInstanceThunk';
import { fetchScopedVariables } from '../execution/thunks/fetchScopedVariablesThunk';
import { hydrateFlows } from '../flows/hydrateFlows';
import { pricesHydrated } from '../prices/pricesSlice';
import { promptsHydrated } from '../prompts/promptsSlice';
import { providersHydrated } from '../providers/providersSlice';
import { settingsChanged } from '../settings/settingsSlice';
import { selectionButtonSetting } from '../selectionButton/siteSettingSchema';
import {
  BUILT_IN_PROMPTS,
  DEFAULT_PRICES,
  DEFAULT_PROVIDER,
  DEFAULT_SCOPED_VARIABLES,
  PROMPTS_ADDED_BY_SEED_VERSION,
  SEED_VERSION,
} from '../setup/firstInstallDefaults';
import type { FlowbarDb } from '../db/database';
import type { ThunkConfig } from './thunkConfig';

const SEEDED_KEY = 'seededVersion';

/**
 * First install: the defaults go into the database once; a user's deletions stay deleted. A profile
 * seeded by an older version gets the built-in prompts added since, once (a prompt of the same id
 * is left as it is).
 */
async function seedFirstInstall(db: FlowbarDb, now: number): Promise<void> {
  await db.transaction('rw', [db.settings, db.prompts, db.providers, db.prices, db.scopedVariables], async () => {
    const seeded = (await db.settings.get(SEEDED_KEY))?.value;
    if (typeof seeded === 'number' && seeded >= SEED_VERSION) return;
    if (seeded) {
      for (let version = Number(seeded) + 1; version <= SEED_VERSION; version++) {
        for (const prompt of PROMPTS_ADDED_BY_SEED_VERSION[version] ?? []) {
          if (!(await db.prompts.get(prompt.id))) await db.prompts.add({ ...prompt, createdAt: now, updatedAt: now });
        }
      }
      await db.settings.put({ key: SEEDED_KEY, value: SEED_VERSION });
      return;
    }
    await db.prompts.bulkPut(BUILT_IN_PROMPTS.map((p) => ({ ...p, createdAt: now, updatedAt: now })));
    await db.providers.put({ ...DEFAULT_PROVIDER, createdAt: now });
    await db.prices.bulkPut(Object.entries(DEFAULT_PRICES).map(([model, price]) => ({ model, ...price })));
    await db.scopedVariables.bulkPut(DEFAULT_SCOPED_VARIABLES);
    await db.settings.bulkPut([
      { key: SEEDED_KEY, value: SEED_VERSION },
      { key: 'defaultPromptId', value: BUILT_IN_PROMPTS[0].id },
      { key: 'defaultProviderId', value: DEFAULT_PROVIDER.id },
    ]);
  });
}

/**
 * Rebuilds the store from the database when the worker starts: library, providers (with
 * `hasKey` only), prices, scoped variables, and the instances that were open, an answer cut off
 * by the stop marked interrupted.
 */
export const hydrateStore = createAsyncThunk<void, void, ThunkConfig>('app/hydrate', async (_arg, { dispatch, getState, extra }) => {
  const { db } = extra;
  const now = extra.now();
  await seedFirstInstall(db, now);

  const [prompts, providers, keyIds, prices, settings] = await Promise.all([
    db.prompts.orderBy('name').toArray(),
    db.providers.toArray(),
    db.providerKeys.toCollection().primaryKeys(),
    db.prices.toArray(),
    db.settings.bulkGet(['defaultPromptId', 'defaultProviderId', 'requestTimeoutSeconds', 'selectionButton']),
  ]);
  const withKey = new Set(keyIds);
  dispatch(promptsHydrated({ prompts, defaultPromptId: (settings[0]?.value as string | null) ?? prompts[0]?.id ?? null }));
  dispatch(
    providersHydrated({
      providers: providers.sort((a, b) => a.createdAt - b.createdAt).map((p) => ({ ...p, hasKey: withKey.has(p.id) })),
      defaultProviderId: (settings[1]?.value as string | null) ?? providers[0]?.id ?? null,
    }),
  );
  if (typeof settings[2]?.value === 'number') dispatch(settingsChanged({ requestTimeoutSeconds: settings[2].value }));
  const selectionButton = selectionButtonSetting.safeParse(settings[3]?.value);
  if (selectionButton.success) dispatch(settingsChanged({ selectionButton: selectionButton.data }));
  dispatch(pricesHydrated(Object.fromEntries(prices.map(({ model, ...price }) => [model, price]))));
  await dispatch(fetchScopedVariables({ force: true })).unwrap();

  const scopedValues = mergeScopedValues(getState().scopedVariables);
  const open = await loadOpenInstances(db, MAX_INSTANCES);
  for (const stored of open.reverse()) {
    let instance = { ...stored, variables: { ...stored.variables, scopedValues } };
    if (isInFlight(instance)) {
      const stored = instance.execution.currentTaskId ? await db.tasks.get(instance.execution.currentTaskId) : undefined;
      // The answer so far is the task's output and the pieces saved while it streamed.
      const task = stored && (await loadStreamedTask(db, stored));
      instance = recoverInterruptedInstance(instance, task, now);
      await saveInstance(db, instance);
      if (task) await finishTask(db, task.taskId, { status: 'interrupted', error: 'interrupted', output: task.output, updatedAt: now });
    }
    dispatch(instanceAdded(instance));
  }
  // Flows first: a cut-off flow action's pieces are its output; what is left after it belongs to no task.
  await hydrateFlows(db, dispatch, now);
  await settleLeftoverPieces(db, now);
  dispatch(hydrationFinished());
});
