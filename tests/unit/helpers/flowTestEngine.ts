// A real store for the flow runner's unit tests: its own fake-indexeddb database, the real OpenAI
// client pointed at the local fake server (tests/support/fakeLlmServer.mjs), every dispatched action
// recorded with the time it was dispatched, and every model call timed on the client side. Built
// on the pieces of testEngine.ts.
import Dexie from 'dexie';
import { createCommandHandlers, type CommandHandlers } from '../../../lib/commands/commandHandlers';
import { createCommandMiddleware } from '../../../lib/commands/commandMiddleware';
import { openDatabase, type FlowbarDb } from '../../../lib/db/database';
import type { z } from 'zod';
import { flowInput, type flowActionInput, type FlowInput } from '../../../lib/flows/flowInput';
import { FlowRunner } from '../../../lib/flows/flowRunner';
import type { FlowRun } from '../../../lib/flows/flowTypes';
import type { ChatRequest, ChatStream } from '../../../lib/llm/chatModel';
import { openaiChatStream } from '../../../lib/llm/openaiChatStream';
import type { EngineServices } from '../../../lib/store/engineServices';
import { makeStore, type AppStore, type RootState } from '../../../lib/store/makeStore';
import type { PriceTable } from '../../../lib/types';
import {
  actionRecorder,
  closeEnginesAfterEach,
  dispatchFakeProvider,
  sleep,
  testEngineServices,
  waitFor,
  writeFakeProvider,
  type FakeProvider,
} from './testEngine';

export const PROVIDER_ID = 'p';

/** One dispatched action, with performance.now() at dispatch. */
export interface RecordedAction {
  type: string;
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
  /** the store as an extension page holds it: state, and dispatch through the command gate */
  pageStore(): { getState(): RootState; subscribe(listener: () => void): () => void; dispatch(action: { type: string; payload: unknown }): unknown };
  /** the "worker dies": every model call of this engine is cut and its database connection closed */
  kill(): void;
  close(options?: { keepDb?: boolean }): Promise<void>;
}

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
  const provider: FakeProvider = { id: PROVIDER_ID, name: 'Fake', baseURL: options.serverUrl };
  if (fresh) await writeFakeProvider(db, provider, { prices: options.prices });

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

  const services = testEngineServices(db, chatStream, options.services);

  const actions: RecordedAction[] = [];
  const recorder = actionRecorder((a) => actions.push({ type: a.type, payload: (a as { payload?: unknown }).payload, at: performance.now() }));
  // The command gate, as in the worker: a `cmd/*` action carrying a `_sender` (what the bridge adds
  // to a page's dispatch) runs its handler, so component tests can render against this store.
  let handlers!: CommandHandlers;
  const gate = createCommandMiddleware(new Proxy({} as CommandHandlers, { get: (_target, type: string) => handlers[type as keyof CommandHandlers] }));
  const store = makeStore(services, { middleware: [recorder, gate] });
  if (fresh) dispatchFakeProvider(store, provider, options.prices);
  handlers = createCommandHandlers({
    dispatch: store.dispatch,
    getState: store.getState,
    services,
    platform: {
      extractPageText: async () => ({ title: 'Fake page', url: 'https://example.test/', text: 'Page text.', source: 'article' as const }),
      providersChanged() {},
      listShortcuts: async () => [],
    },
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
      const run = store.getState().flowRuns.byId[runId];
      if (!run) throw new Error(`no run ${runId} in the store`);
      return run;
    },
    pageStore() {
      return {
        getState: store.getState,
        subscribe: store.subscribe,
        dispatch: (action: { type: string; payload: unknown }) =>
          (store.dispatch({ ...action, _sender: { id: 'test-page' } }) as unknown as Promise<{ payload: unknown }>).then((r) => r.payload),
      };
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

/** makeFlowEngine on `serverUrl()`, each engine closed after its test (see closeEnginesAfterEach). */
export function useFlowEngines(serverUrl: () => string): (options?: Partial<FlowEngineOptions>) => Promise<FlowEngine> {
  const closeAfterTest = closeEnginesAfterEach<FlowEngine>();
  return async (options = {}) => closeAfterTest(await makeFlowEngine({ serverUrl: serverUrl(), ...options }));
}

/** The flow-runs-slice (and run log) actions dispatched for one run, in order. */
export function runActions(actions: RecordedAction[], runId: string): RecordedAction[] {
  return actions.filter((a) => (a.type.startsWith('flowRuns/') || a.type === 'logs/addLog') && a.payload?.runId === runId);
}
