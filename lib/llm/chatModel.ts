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
  /** whole-request timeout, streaming included; default 120000 */
  timeoutMs?: number;
}

export type StreamPart =
  | { type: 'text-delta'; text: string }
  | { type: 'reasoning-delta'; text: string }
  | { type: 'usage'; promptTokens?: number; completionTokens?: number; totalTokens?: number }
  | { type: 'finish'; finishReason: string | null };

/** Errors are thrown as ProviderError (see providerError.ts). */
export type ChatStream = (request: ChatRequest) => AsyncIterable<StreamPart>;

export interface ModelLister {
  (p: { baseURL: string; apiKey?: string; providerName: string; signal?: AbortSignal; timeoutMs?: number }): Promise<string[]>;
}
