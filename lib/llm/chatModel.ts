// The provider-neutral chat interface the rest of Flowbar codes against; openaiChatStream.ts implements it.

export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

export interface ChatRequest {
  /** for error messages */
  providerName: string;
  /** e.g. http://localhost:11434/v1 */
  baseURL: string;
  /** may be empty (Ollama) */
  apiKey?: string;
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  /** aborting must abort the HTTP request */
  signal?: AbortSignal;
  /**
   * Longest wait for the provider to start answering: from sending the request to its response
   * headers and first body bytes. Default 120000.
   */
  firstByteTimeoutMs?: number;
  /**
   * Longest silence between two pieces of the body once it streams. A long answer that keeps
   * arriving is never cut off, however long it takes in all. Default 120000.
   */
  betweenChunksTimeoutMs?: number;
}

export type StreamPart =
  | { type: 'text-delta'; text: string }
  | { type: 'reasoning-delta'; text: string }
  | { type: 'usage'; promptTokens?: number; completionTokens?: number; totalTokens?: number }
  /** the whole list so far of sources sent beside the answer (Perplexity's `citations`); `[1]` is the first */
  | { type: 'citations'; urls: string[] }
  /** the model tried to call a tool; Flowbar offers none, so none runs */
  | { type: 'tool-call'; name: string }
  /** something in the stream was skipped (a malformed line); the answer goes on */
  | { type: 'warning'; message: string }
  /** last; 'length' = cut off by the token limit (normalised, see finishReason.ts) */
  | { type: 'finish'; finishReason: string | null };

/**
 * The parts of one stretch of the stream (one network read, or a slice of a large one), in order;
 * never empty. Parts travel in batches so that each part does not cost a promise at every step
 * between the reader and the engine (a fast answer has tens of thousands of them).
 */
export type StreamPartBatch = readonly StreamPart[];

/** Errors are thrown as ProviderError (see providerError.ts), after the batches that came before them. */
export type ChatStream = (request: ChatRequest) => AsyncIterable<StreamPartBatch>;

export interface ModelLister {
  (p: { baseURL: string; apiKey?: string; providerName: string; signal?: AbortSignal; timeoutMs?: number }): Promise<string[]>;
}
