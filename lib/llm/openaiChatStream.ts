// ChatStream and ModelLister for any OpenAI-compatible endpoint (OpenAI, Ollama, DeepSeek, Groq,
// OpenRouter, ...). The only file that imports the openai SDK.

import OpenAI from 'openai';
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import type { ChatRequest, ChatStream, ModelLister } from './chatModel';
import { abortedError, redactSecret, timeoutError, toProviderError, type ProviderErrorContext, type TimeoutPhase } from './providerError';
import { createSilenceWatchdog, type SilenceWatchdog } from './silenceWatchdog';
import { readChatStream } from './sseChatReader';

const DEFAULT_WAIT_MS = 120_000;
const LIST_MODELS_TIMEOUT_MS = 15_000;
/** The SDK's own header timer is only a backstop: the watchdog below gives the clearer message first. */
const SDK_TIMER_SLACK_MS = 5_000;

function makeClient(baseURL: string, apiKey: string | undefined, timeoutMs: number): OpenAI {
  return new OpenAI({
    baseURL,
    // The SDK insists on a key; keyless servers (Ollama) ignore the header.
    apiKey: apiKey || 'no-key',
    maxRetries: 0,
    // The SDK validates a positive integer; its timer only covers the wait for response headers.
    timeout: Math.max(1, Math.round(timeoutMs)),
    dangerouslyAllowBrowser: true,
    // Failures reach the caller as ProviderError; the SDK's own console logging would only duplicate them.
    logLevel: 'off',
  });
}

function buildParams(request: ChatRequest): ChatCompletionCreateParamsStreaming {
  const params: ChatCompletionCreateParamsStreaming = {
    model: request.model,
    messages: request.messages.map(({ role, content }) => ({ role, content })),
    stream: true,
    stream_options: { include_usage: true },
  };
  if (request.temperature !== undefined) params.temperature = request.temperature;
  if (request.maxTokens !== undefined) {
    // OpenAI's reasoning models reject max_tokens; most other servers only know max_tokens.
    if (isOpenAIHost(request.baseURL)) params.max_completion_tokens = request.maxTokens;
    else params.max_tokens = request.maxTokens;
  }
  return params;
}

/**
 * The SDK builds and sends the request (auth, headers, HTTP errors as APIError); the body is read
 * here with a linear SSE parser (sseChatReader.ts). Two limits, both from the user's setting: the
 * wait for the provider to start answering, and the silence between two pieces of the body. An
 * answer that keeps arriving is never cut off.
 */
export const openaiChatStream: ChatStream = async function* (request) {
  const firstByteTimeoutMs = request.firstByteTimeoutMs ?? DEFAULT_WAIT_MS;
  const betweenChunksTimeoutMs = request.betweenChunksTimeoutMs ?? DEFAULT_WAIT_MS;
  const ctx: ProviderErrorContext = {
    providerName: request.providerName,
    baseURL: request.baseURL,
    apiKey: request.apiKey,
    model: request.model,
    timeoutMs: firstByteTimeoutMs,
  };

  // One controller for the caller's signal and the watchdog.
  const controller = new AbortController();
  let phase: TimeoutPhase = 'first-byte';
  let timedOut: TimeoutPhase | null = null;
  const watchdog = createSilenceWatchdog((limitMs) => {
    timedOut = phase;
    ctx.timeoutMs = limitMs;
    controller.abort();
  });
  const onCallerAbort = () => controller.abort();
  request.signal?.addEventListener('abort', onCallerAbort, { once: true });

  try {
    if (request.signal?.aborted) throw abortedError(ctx);
    const client = makeClient(request.baseURL, request.apiKey, firstByteTimeoutMs + SDK_TIMER_SLACK_MS);
    watchdog.waiting(firstByteTimeoutMs);
    const response = await client.chat.completions.create(buildParams(request), { signal: controller.signal }).asResponse();
    ctx.streaming = true;
    if (!response.body) throw new Error('the response had no body');

    const reads = watchedReads(response.body, watchdog, (at) => {
      phase = at;
      return at === 'first-byte' ? firstByteTimeoutMs : betweenChunksTimeoutMs;
    });
    // Batches, not single parts: each one costs a promise at every step up to the engine.
    yield* readChatStream(reads, (text) => redactSecret(text, request.apiKey));
    // An abort can end a read quietly instead of throwing: say why it ended.
    if (controller.signal.aborted) throw timedOut ? timeoutError(ctx, timedOut) : abortedError(ctx);
  } catch (err) {
    if (timedOut) throw timeoutError(ctx, timedOut);
    if (request.signal?.aborted) throw abortedError(ctx);
    throw toProviderError(err, ctx);
  } finally {
    watchdog.stop();
    request.signal?.removeEventListener('abort', onCallerAbort);
    // Covers a consumer that stops iterating early: the connection must not stay open.
    controller.abort();
  }
};

/**
 * The body's reads, each one timed by the watchdog: the first against the first-byte limit, the
 * others against the between-chunks limit (`limitFor` says which, and records it).
 */
async function* watchedReads(
  body: ReadableStream<Uint8Array>,
  watchdog: SilenceWatchdog,
  limitFor: (phase: TimeoutPhase) => number,
): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let phase: TimeoutPhase = 'first-byte';
  try {
    for (;;) {
      watchdog.waiting(limitFor(phase));
      const { done, value } = await reader.read();
      watchdog.received();
      if (done) return;
      if (value.byteLength === 0) continue;
      phase = 'between-chunks';
      yield value;
    }
  } finally {
    // Stopping early (a [DONE], a consumer that breaks off) releases the connection.
    reader.cancel().catch(() => undefined);
  }
}

export const openaiModelLister: ModelLister = async ({ baseURL, apiKey, providerName, signal, timeoutMs = LIST_MODELS_TIMEOUT_MS }) => {
  const ctx: ProviderErrorContext = { providerName, baseURL, apiKey, timeoutMs };
  if (signal?.aborted) throw abortedError(ctx);
  try {
    const client = makeClient(baseURL, apiKey, timeoutMs);
    const ids = new Set<string>();
    for await (const model of client.models.list({ signal })) {
      if (typeof model.id === 'string' && model.id) ids.add(model.id);
    }
    return [...ids].sort((a, b) => a.localeCompare(b));
  } catch (err) {
    if (signal?.aborted) throw abortedError(ctx);
    throw toProviderError(err, ctx);
  }
};

function isOpenAIHost(baseURL: string): boolean {
  try {
    return new URL(baseURL).hostname === 'api.openai.com';
  } catch {
    return false;
  }
}
