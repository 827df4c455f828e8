// Shared helpers for the engine's unit tests: a real store with its services on a fresh
// fake-indexeddb database, the real OpenAI client pointed at the local fake server, and a way to
// wait for every thunk to settle before the database closes. The lifecycle of a test file (the
// fake server around its tests, its engines closed after each test) and the pieces the flow
// engine (flowTestEngine.ts) builds on are here too.
import type { Middleware, UnknownAction } from '@reduxjs/toolkit';
import Dexie from 'dexie';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startFakeLlmServer, type FakeLlmServer, type FakeLlmServerOptions } from '../../support/fakeLlmServer.mjs';
import { createCommandHandlers, type CommandHandlers } from '../../../lib/commands/commandHandlers';
import { createCommandMiddleware } from '../../../lib/commands/commandMiddleware';
import type { BackgroundPlatform } from '../../../lib/commands/backgroundPlatform';
import { SEED_VERSION } from '../../../lib/setup/firstInstallDefaults';
import { openDatabase, type FlowbarDb } from '../../../lib/db/database';
import type { ChatStream } from '../../../lib/llm/chatModel';
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

/**
 * Starts the local fake LLM server before a test file's (or describe block's) tests and closes it
 * after them. Call it at that level; the getter returns the running server.
 */
export function useFakeLlmServer(options?: FakeLlmServerOptions): () => FakeLlmServer {
  let server: FakeLlmServer | undefined;
  beforeAll(async () => {
    server = await startFakeLlmServer(options);
  });
  afterAll(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error('the fake LLM server runs from beforeAll to afterAll');
    return server;
  };
}

/** An engine of these helpers (TestEngine, FlowEngine): on a database, closed when its test ends. */
interface ClosableEngine {
  db: FlowbarDb;
  close(options?: { keepDb?: boolean }): Promise<void>;
}

/**
 * Returns a function that registers an engine (and returns it) to be closed after the test. Engines
 * on one database (a "worker restart") close in the order they were made: each keeps the database
 * for the next, the last one deletes it.
 */
export function closeEnginesAfterEach<E extends ClosableEngine>(): (engine: E) => E {
  const open: E[] = [];
  afterEach(async () => {
    const engines = open.splice(0);
    for (const [i, engine] of engines.entries()) {
      await engine.close({ keepDb: engines.slice(i + 1).some((later) => later.db.name === engine.db.name) });
    }
  });
  return (engine) => {
    open.push(engine);
    return engine;
  };
}

/** makeTestEngine on `serverUrl()` (unless the options name another), each engine closed after its test. */
export function useTestEngines(serverUrl: () => string): (options?: Partial<TestEngineOptions>) => Promise<TestEngine> {
  const closeAfterTest = closeEnginesAfterEach<TestEngine>();
  return async (options = {}) => closeAfterTest(await makeTestEngine({ serverUrl: serverUrl(), ...options }));
}

/** The engine’s services as the tests run them: quick stream flushes, a clock that never repeats. */
export function testEngineServices(db: FlowbarDb, chatStream: ChatStream, overrides?: Partial<EngineServices>): EngineServices {
  return createEngineServices({
    db,
    chatStream,
    listModels: openaiModelLister,
    streamFlushMs: 20,
    now: monotonicNow(),
    ...overrides,
  });
}

/** The fake server as a provider. */
export interface FakeProvider {
  id: string;
  name: string;
  baseURL: string;
  apiKey?: string;
}

/**
 * Writes `provider` to a fresh database as the default provider, with `prices`: what hydrateStore
 * finds after a "worker restart". Marked as seeded (unless told not to), so hydrateStore adds no
 * built-in defaults.
 */
export async function writeFakeProvider(
  db: FlowbarDb,
  provider: FakeProvider,
  { prices, markSeeded = true }: { prices?: PriceTable; markSeeded?: boolean } = {},
): Promise<void> {
  await db.providers.put({ id: provider.id, name: provider.name, baseURL: provider.baseURL, defaultModel: 'echo', createdAt: 1 });
  if (provider.apiKey) await db.providerKeys.put({ providerId: provider.id, apiKey: provider.apiKey });
  await db.settings.put({ key: 'defaultProviderId', value: provider.id });
  if (markSeeded) await db.settings.put({ key: 'seededVersion', value: SEED_VERSION });
  if (prices) await db.prices.bulkPut(Object.entries(prices).map(([model, price]) => ({ model, ...price })));
}

/** Puts `provider` (the default) and `prices` in the store, as hydrateStore would from the database. */
export function dispatchFakeProvider(store: AppStore, provider: FakeProvider, prices?: PriceTable): void {
  const info: ProviderInfo = { id: provider.id, name: provider.name, baseURL: provider.baseURL, defaultModel: 'echo', hasKey: !!provider.apiKey, createdAt: 1 };
  store.dispatch(providersHydrated({ providers: [info], defaultProviderId: provider.id }));
  if (prices) store.dispatch(pricesHydrated(prices));
}

/** A middleware that hands `record` every action on its way to the reducers. */
export function actionRecorder(record: (action: UnknownAction) => void): Middleware<object, RootState> {
  return () => (next) => (action) => {
    if (action && typeof action === 'object' && typeof (action as { type?: unknown }).type === 'string') record(action as UnknownAction);
    return next(action);
  };
}

export async function makeTestEngine(options: TestEngineOptions): Promise<TestEngine> {
  const db = options.db ?? openDatabase(`test-${crypto.randomUUID()}`);
  const provider: FakeProvider = { id: FAKE_PROVIDER_ID, name: FAKE_PROVIDER_NAME, baseURL: options.serverUrl, apiKey: options.apiKey };
  if (!options.db) {
    await writeFakeProvider(db, provider, { prices: options.prices, markSeeded: options.markSeeded ?? true });
    if (options.prompts?.length) await db.prompts.bulkPut(options.prompts);
    if (options.scoped?.length) await db.scopedVariables.bulkPut(options.scoped.map((v) => ({ ...v, id: `${v.scope}:${v.name}` })));
  }

  const services = testEngineServices(db, openaiChatStream, options.services);

  const actions: UnknownAction[] = [];
  // async thunks between their pending and their fulfilled/rejected action
  const pending = new Set<string>();
  const recorder = actionRecorder((action) => {
    actions.push(action);
    const { requestId, requestStatus } = (action as { meta?: { requestId?: string; requestStatus?: string } }).meta ?? {};
    if (requestId && requestStatus === 'pending') pending.add(requestId);
    else if (requestId && requestStatus) pending.delete(requestId);
  });

  const platform = {
    providersChangedCalls: 0,
    async extractPageText(_tabId: number) {
      return { title: 'Fake page', url: 'https://example.test/page', text: 'Text of the fake page.', source: 'article' as const };
    },
    providersChanged() {
      platform.providersChangedCalls += 1;
    },
    async listShortcuts() {
      return [{ name: 'run-default-prompt', description: 'Run the default prompt on the selection', shortcut: 'Alt+Shift+F' }];
    },
  };

  let handlers: CommandHandlers | undefined;
  const middleware: Middleware<object, RootState>[] = [];
  if (options.withCommands) {
    middleware.push(
      createCommandMiddleware(new Proxy({} as CommandHandlers, { get: (_target, type: string) => handlers?.[type as keyof CommandHandlers] })) as Middleware<
        object,
        RootState
      >,
    );
  }
  // The recorder sits after the gate: actions the gate refuses never reach it (nor the reducers).
  middleware.push(recorder);
  const store = makeStore(services, { middleware });
  if (options.withCommands) handlers = createCommandHandlers({ dispatch: store.dispatch, getState: store.getState, services, platform });

  if (!options.db) dispatchFakeProvider(store, provider, options.prices);

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
      return store.dispatch({
        type,
        payload,
        _sender: { id: 'test-extension', url: 'chrome-extension://test/sidepanel.html' },
      } as UnknownAction) as unknown as Promise<unknown>;
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
