// Shared helpers for the engine's unit tests: a real store with its services on a fresh
// fake-indexeddb database, the real OpenAI client pointed at the local fake server, and a way to
// wait for every thunk to settle before the database closes.
import type { Middleware, UnknownAction } from '@reduxjs/toolkit';
import Dexie from 'dexie';
import { createCommandHandlers, type CommandHandlers } from '../../../lib/commands/commandHandlers';
import { createCommandMiddleware } from '../../../lib/commands/commandMiddleware';
import type { BackgroundPlatform } from '../../../lib/commands/backgroundPlatform';
import { openDatabase, type FlowbarDb } from '../../../lib/db/database';
import { openaiChatStream, openaiModelLister } from '../../../lib/llm/openaiChatStream';
import { pricesHydrated } from '../../../lib/prices/pricesSlice';
import { providersHydrated } from '../../../lib/providers/providersSlice';
import { createEngineServices, type EngineServices } from '../../../lib/store/engineServices';
import { makeStore, type AppStore, type RootState } from '../../../lib/store/makeStore';
import type { ExecutionConfig, ExecutionInstance, PriceTable, Prompt, ProviderInfo } from '../../../lib/types';

export const FAKE_PROVIDER_ID = 'fake';
export const FAKE_PROVIDER_NAME = 'Fake Local LLM';

export const DEFAULT_CONFIG: ExecutionConfig = {
  auto_run: false,
  allow_chat: true,
  show_variables: false,
  apply_variables: true,
  track_in_runs: true,
};

/** A prompt using scoped ({{user_name}}, {{org_name}}), user ({{audience}}) and computed ({{selection}}) variables. */
export function testPrompt(overrides: Partial<Prompt> = {}): Prompt {
  return {
    id: 'p-test',
    name: 'Test prompt',
    messages: [
      { role: 'system', content: 'You help {{ user_name }} of {{org_name}}.' },
      { role: 'user', content: 'Explain to {{audience}}: {{selection}}' },
    ],
    settings: { providerId: null, model: 'echo' },
    executionConfig: { ...DEFAULT_CONFIG },
    createdAt: 1,
    updatedAt: 1,
    ...overrides,
  };
}

/** A prompt answered by the fake server's scenario `model`, with no variables. */
export function scenarioPrompt(id: string, model: string, overrides: Partial<Prompt> = {}): Prompt {
  return testPrompt({
    id,
    name: `Scenario ${model}`,
    messages: [{ role: 'user', content: `Question for ${model}` }],
    settings: { providerId: null, model },
    ...overrides,
  });
}

export interface TestEngineOptions {
  /** base URL of the fake server (its `url`); the provider is the default one */
  serverUrl: string;
  apiKey?: string;
  /** written to the database only: loadPrompt reads them from there */
  prompts?: Prompt[];
  scoped?: Array<{ scope: 'user' | 'org' | 'project'; name: string; value: string }>;
  prices?: PriceTable;
  /** mark the database as already seeded, so hydrateStore does not add the built-in defaults */
  markSeeded?: boolean;
  /** reuse a database (a "worker restart") instead of a fresh one */
  db?: FlowbarDb;
  /** wire the command gate like the background does */
  withCommands?: boolean;
  services?: Partial<EngineServices>;
}

export interface TestEngine {
  store: AppStore;
  services: EngineServices;
  db: FlowbarDb;
  /** every action that reached the reducers, in order */
  actions: UnknownAction[];
  platform: BackgroundPlatform & { providersChangedCalls: number };
  state(): RootState;
  instance(instanceId: string): ExecutionInstance;
  /** dispatches like a page would through webext-redux (with `_sender`) */
  command(type: string, payload?: unknown): Promise<unknown>;
  /** resolves when no async thunk is pending */
  settled(timeoutMs?: number): Promise<void>;
  /** aborts streams, waits for thunks, closes (and deletes unless keepDb) the database */
  close(options?: { keepDb?: boolean }): Promise<void>;
}

/** A clock like Date.now that never returns the same value twice (so "newest first" is defined). */
export function monotonicNow(): () => number {
  let last = 0;
  return () => (last = Math.max(Date.now(), last + 1));
}

export async function waitFor(check: () => boolean | Promise<boolean>, what = 'condition', timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function makeTestEngine(options: TestEngineOptions): Promise<TestEngine> {
  const db = options.db ?? openDatabase(`test-${crypto.randomUUID()}`);
  if (!options.db) {
    await db.providers.put({ id: FAKE_PROVIDER_ID, name: FAKE_PROVIDER_NAME, baseURL: options.serverUrl, defaultModel: 'echo', createdAt: 1 });
    if (options.apiKey) await db.providerKeys.put({ providerId: FAKE_PROVIDER_ID, apiKey: options.apiKey });
    await db.settings.put({ key: 'defaultProviderId', value: FAKE_PROVIDER_ID });
    if (options.markSeeded ?? true) await db.settings.put({ key: 'seededVersion', value: 1 });
    if (options.prompts?.length) await db.prompts.bulkPut(options.prompts);
    if (options.scoped?.length) await db.scopedVariables.bulkPut(options.scoped.map((v) => ({ ...v, id: `${v.scope}:${v.name}` })));
    if (options.prices) await db.prices.bulkPut(Object.entries(options.prices).map(([model, price]) => ({ model, ...price })));
  }

  const services = createEngineServices({
    db,
    chatStream: openaiChatStream,
    listModels: openaiModelLister,
    streamFlushMs: 20,
    persistIntervalMs: 50,
    now: monotonicNow(),
    ...options.services,
  });

  const actions: UnknownAction[] = [];
  const pending = new Set<string>();
  const recorder: Middleware<{}, RootState> = () => (next) => (action) => {
    const a = action as UnknownAction & { meta?: { requestId?: string; requestStatus?: string } };
    if (a && typeof a === 'object' && typeof a.type === 'string') {
      actions.push(a);
      const { requestId, requestStatus } = a.meta ?? {};
      if (requestId && requestStatus === 'pending') pending.add(requestId);
      else if (requestId && requestStatus) pending.delete(requestId);
    }
    return next(action);
  };

  const platform = {
    providersChangedCalls: 0,
    async extractPageText(_tabId: number) {
      return { title: 'Fake page', url: 'https://example.test/page', text: 'Text of the fake page.' };
    },
    providersChanged() {
      platform.providersChangedCalls += 1;
    },
  };

  let handlers: CommandHandlers | undefined;
  const middleware: Middleware<{}, RootState>[] = [];
  if (options.withCommands) {
    middleware.push(
      createCommandMiddleware(
        new Proxy({} as CommandHandlers, { get: (_target, type: string) => handlers?.[type as keyof CommandHandlers] }),
      ) as Middleware<{}, RootState>,
    );
  }
  // The recorder sits after the gate: actions the gate refuses never reach it (nor the reducers).
  middleware.push(recorder);
  const store = makeStore(services, { middleware });
  if (options.withCommands) handlers = createCommandHandlers({ dispatch: store.dispatch, getState: store.getState, services, platform });

  if (!options.db) {
    const provider: ProviderInfo = {
      id: FAKE_PROVIDER_ID,
      name: FAKE_PROVIDER_NAME,
      baseURL: options.serverUrl,
      defaultModel: 'echo',
      hasKey: !!options.apiKey,
      createdAt: 1,
    };
    store.dispatch(providersHydrated({ providers: [provider], defaultProviderId: FAKE_PROVIDER_ID }));
    if (options.prices) store.dispatch(pricesHydrated(options.prices));
  }

  const settled = async (timeoutMs = 5000) => {
    await waitFor(() => pending.size === 0, `thunks to settle (${pending.size} pending)`, timeoutMs);
  };

  return {
    store,
    services,
    db,
    actions,
    platform,
    state: () => store.getState(),
    instance(instanceId) {
      const instance = store.getState().promptExecution.instances[instanceId];
      if (!instance) throw new Error(`no instance ${instanceId} in the store`);
      return instance;
    },
    command(type, payload) {
      return store.dispatch({ type, payload, _sender: { id: 'test-extension', url: 'chrome-extension://test/sidepanel.html' } } as UnknownAction) as unknown as Promise<unknown>;
    },
    settled,
    async close({ keepDb = false } = {}) {
      for (const controller of services.inFlight.values()) controller.abort();
      await settled().catch(() => undefined);
      services.batcher?.dispose();
      if (!keepDb) {
        db.close();
        await Dexie.delete(db.name);
      }
    },
  };
}

/** The chat completion requests the fake server received after `from` (an index into requests). */
export function chatRequestsSince<T extends { path: string }>(requests: T[], from: number): T[] {
  return requests.slice(from).filter((r) => r.path === '/v1/chat/completions');
}

/** What the fake server's long-N / slow-N-MS scenarios send: N chunks of "word{i} ". */
export const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i} `).join('');
