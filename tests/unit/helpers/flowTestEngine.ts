// A real store for the flow runner's unit tests: its own fake-indexeddb database, the real OpenAI
// client pointed at the local fake server (tests/support/fakeLlmServer.mjs), every dispatched action
// recorded with the time it was dispatched, and every model call timed on the client side.
import type { Middleware } from '@reduxjs/toolkit';
import Dexie from 'dexie';
import { createCommandHandlers, type CommandHandlers } from '../../../lib/commands/commandHandlers';
import { openDatabase, type FlowbarDb } from '../../../lib/db/database';
import type { z } from 'zod';
import { flowInput, type flowActionInput, type FlowInput } from '../../../lib/flows/flowInput';
import { FlowRunner } from '../../../lib/flows/flowRunner';
import type { FlowRun } from '../../../lib/flows/flowTypes';
import type { ChatRequest, ChatStream } from '../../../lib/llm/chatModel';
import { openaiChatStream, openaiModelLister } from '../../../lib/llm/openaiChatStream';
import { pricesHydrated } from '../../../lib/prices/pricesSlice';
import { providersHydrated } from '../../../lib/providers/providersSlice';
import { createEngineServices, type EngineServices } from '../../../lib/store/engineServices';
import { makeStore, type AppStore, type RootState } from '../../../lib/store/makeStore';
import type { PriceTable, ProviderInfo } from '../../../lib/types';

export const PROVIDER_ID = 'p';

/** One dispatched action, with performance.now() at dispatch. */
export interface RecordedAction {
  type: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  payload: any;
  at: number;
}

/** One model call as the client saw it (performance.now() times). */
export interface ChatCall {
  model: string;
  messages: ChatRequest['messages'];
  startedAt: number;
  endedAt: number | null;
  outcome: 'running' | 'done' | 'error';
}

export interface FlowEngineOptions {
  serverUrl: string;
  /** reuse a database by name (a worker restart): a new connection, nothing written at start */
  dbName?: string;
  prices?: PriceTable;
  /** awaited before a model call goes out: lets a test hold one call until another is in flight */
  beforeCall?: (request: ChatRequest) => Promise<void> | void;
  services?: Partial<EngineServices>;
}

export interface FlowEngine {
  store: AppStore;
  services: EngineServices;
  db: FlowbarDb;
  dbName: string;
  actions: RecordedAction[];
  calls: ChatCall[];
  handlers: CommandHandlers;
  state(): RootState;
  run(runId: string): FlowRun;
  runner(existingRunId?: string | null): FlowRunner;
  /** saves a flow through cmd/flows/save (the schema parses it first, as the command gate does) */
  saveFlow(input: unknown): Promise<string>;
  /** the "worker dies": every model call of this engine is cut and its database connection closed */
  kill(): void;
  close(options?: { keepDb?: boolean }): Promise<void>;
}

/** A clock like Date.now that never returns the same value twice. */
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

/** What the fake server's long-N / slow-N-MS scenarios send: N chunks of "word{i} ". */
export const words = (n: number) => Array.from({ length: n }, (_, i) => `word${i} `).join('');

export type ActionInput = z.input<typeof flowActionInput>;

/** An action of a flow input answered by the fake server's scenario `model`. */
export function action(name: string, model: string, user: string): ActionInput {
  return { name, promptId: null, messages: [{ role: 'user', content: user }], providerId: PROVIDER_ID, model, fileIds: [] };
}

export function step(actions: ActionInput[], extra: { id?: string; name?: string; continueOnError?: boolean } = {}) {
  return { name: extra.name ?? '', continueOnError: extra.continueOnError ?? false, actions, ...(extra.id ? { id: extra.id } : {}) };
}

export function flow(id: string, steps: ReturnType<typeof step>[], name = `Flow ${id}`): FlowInput {
  return flowInput.parse({ id, name, steps });
}

export async function makeFlowEngine(options: FlowEngineOptions): Promise<FlowEngine> {
  const fresh = !options.dbName;
  const dbName = options.dbName ?? `flows-${crypto.randomUUID()}`;
  const db = openDatabase(dbName);
  if (fresh) {
    // What hydrateStore needs to find on a "restart": the fake provider as the default, defaults seeded.
    await db.providers.put({ id: PROVIDER_ID, name: 'Fake', baseURL: options.serverUrl, defaultModel: 'echo', createdAt: 1 });
    await db.settings.bulkPut([
      { key: 'defaultProviderId', value: PROVIDER_ID },
      { key: 'seededVersion', value: 1 },
    ]);
    if (options.prices) await db.prices.bulkPut(Object.entries(options.prices).map(([model, price]) => ({ model, ...price })));
  }

  const kill = new AbortController();
  const calls: ChatCall[] = [];
  const chatStream: ChatStream = async function* (request) {
    await options.beforeCall?.(request);
    const call: ChatCall = { model: request.model, messages: request.messages, startedAt: performance.now(), endedAt: null, outcome: 'running' };
    calls.push(call);
    // The caller's signal or the engine's kill switch aborts the request.
    const controller = new AbortController();
    const abort = () => controller.abort();
    request.signal?.addEventListener('abort', abort);
    kill.signal.addEventListener('abort', abort);
    if (request.signal?.aborted || kill.signal.aborted) controller.abort();
    try {
      yield* openaiChatStream({ ...request, signal: controller.signal });
      call.outcome = 'done';
    } catch (error) {
      call.outcome = 'error';
      throw error;
    } finally {
      call.endedAt = performance.now();
      request.signal?.removeEventListener('abort', abort);
      kill.signal.removeEventListener('abort', abort);
    }
  };

  const services = createEngineServices({
    db,
    chatStream,
    listModels: openaiModelLister,
    streamFlushMs: 20,
    persistIntervalMs: 50,
    now: monotonicNow(),
    ...options.services,
  });

  const actions: RecordedAction[] = [];
  const recorder: Middleware<{}, RootState> = () => (next) => (a) => {
    if (a && typeof a === 'object' && 'type' in a && typeof a.type === 'string') {
      actions.push({ type: a.type, payload: (a as { payload?: unknown }).payload, at: performance.now() });
    }
    return next(a);
  };
  const store = makeStore(services, { middleware: [recorder] });
  if (fresh) {
    const provider: ProviderInfo = { id: PROVIDER_ID, name: 'Fake', baseURL: options.serverUrl, defaultModel: 'echo', hasKey: false, createdAt: 1 };
    store.dispatch(providersHydrated({ providers: [provider], defaultProviderId: PROVIDER_ID }));
    if (options.prices) store.dispatch(pricesHydrated(options.prices));
  }
  const handlers = createCommandHandlers({
    dispatch: store.dispatch,
    getState: store.getState,
    services,
    platform: { extractPageText: async () => ({ title: 'Fake page', url: 'https://example.test/', text: 'Page text.' }), providersChanged() {} },
  });

  const runners: FlowRunner[] = [];
  const engine: FlowEngine = {
    store,
    services,
    db,
    dbName,
    actions,
    calls,
    handlers,
    state: () => store.getState(),
    run(runId) {
      const run = store.getState().runs.byId[runId];
      if (!run) throw new Error(`no run ${runId} in the store`);
      return run;
    },
    runner(existingRunId = null) {
      const runner = new FlowRunner({ dispatch: store.dispatch, getState: store.getState, services }, existingRunId);
      runners.push(runner);
      return runner;
    },
    async saveFlow(input) {
      return (await handlers['cmd/flows/save'](flowInput.parse(input))).id;
    },
    kill() {
      db.close();
      kill.abort();
    },
    async close({ keepDb = false } = {}) {
      kill.abort();
      await waitFor(() => calls.every((c) => c.endedAt !== null), 'model calls to end').catch(() => undefined);
      await Promise.all(runners.map((r) => r.flushed()));
      await sleep(services.streamFlushMs + 5);
      db.close();
      if (!keepDb) await Dexie.delete(dbName);
    },
  };
  return engine;
}

/** The runs-slice (and run log) actions dispatched for one run, in order. */
export function runActions(actions: RecordedAction[], runId: string): RecordedAction[] {
  return actions.filter((a) => (a.type.startsWith('runs/') || a.type === 'logs/addLog') && a.payload?.runId === runId);
}
