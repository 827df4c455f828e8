import type { FlowbarDb } from '../db/database';
import type { ChatStream, ModelLister } from '../llm/chatModel';
import { createRequestQueue, type RequestQueue } from '../llm/requestQueue';
import type { StreamBatcher } from '../streaming/streamBatcher';
import type { PageText } from '../page/pageText';
import type { TeamService } from '../team/teamService';
import type { Prompt } from '../types';

/**
 * The IO the thunks use, handed to them as the thunk extra argument, so tests give them a
 * fake-indexeddb database and a model client pointed at a local test server.
 */
export interface EngineServices {
  db: FlowbarDb;
  chatStream: ChatStream;
  listModels: ModelLister;
  now: () => number;
  newId: () => string;
  /** how often streamed text reaches the store (ms) */
  streamFlushMs: number;
  /** longest time streamed text (of a prompt's answer or a flow action) waits before it is saved as a piece (ms) */
  pieceFlushMs: number;
  /** prompt reads in flight, so concurrent loads of one prompt read it once */
  promptReads: Map<string, Promise<Prompt | undefined>>;
  /** model calls in flight, by taskId: aborting one cancels its HTTP request */
  inFlight: Map<string, AbortController>;
  /** one batcher for all streams, made on first use */
  batcher: StreamBatcher | null;
  /** model requests wait here for a free connection to their provider's host (prompts and flows alike); makeStore sets it up with the providers' limits */
  requestQueue: RequestQueue;
  /**
   * The main text of the page in front of the user (`fallbackTabId`: the page last reported, when
   * the browser names none); absent where there is no browser: `{{page_text}}` then stays unset.
   */
  readPageText?: (fallbackTabId: number | null) => Promise<PageText>;
  /** the team server connection (the background sets it once the store exists; absent in most tests) */
  team?: TeamService;
}

export function createEngineServices(io: Pick<EngineServices, 'db' | 'chatStream' | 'listModels'> & Partial<EngineServices>): EngineServices {
  return {
    now: () => Date.now(),
    newId: () => crypto.randomUUID(),
    streamFlushMs: 200,
    // Well under the promised 250 ms: a piece must also be committed before a stop to count.
    pieceFlushMs: 100,
    promptReads: new Map(),
    inFlight: new Map(),
    batcher: null,
    requestQueue: createRequestQueue(),
    ...io,
  };
}
