// ChatStream and ModelLister for any OpenAI-compatible endpoint (OpenAI, Ollama, DeepSeek, Groq,
// OpenRouter, ...). The only file that imports the openai SDK.

import OpenAI from 'openai';
import type { ChatCompletionChunk, ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import type { ChatRequest, ChatStream, ModelLister, StreamPart } from './chatModel';
import { abortedError, timeoutError, toProviderError, type ProviderErrorContext } from './providerError';
import { smallChunkFetch } from './smallChunkFetch';

const DEFAULT_TIMEOUT_MS = 120_000;
const LIST_MODELS_TIMEOUT_MS = 15_000;

/** Fields real providers add to the chunk that the SDK's types do not know. */
type ProviderChunk = ChatCompletionChunk & { x_groq?: { usage?: CompletionUsage | null } };
type ProviderDelta = ChatCompletionChunk.Choice.Delta & {
  reasoning_content?: string | null; // DeepSeek, vLLM
  reasoning?: string | null; // OpenRouter, Ollama
};

function makeClient(baseURL: string, apiKey: string | undefined, timeoutMs: number): OpenAI {
  return new OpenAI({
    baseURL,
    // The SDK insists on a key; keyless servers (Ollama) ignore the header.
    apiKey: apiKey || 'no-key',
    maxRetries: 0,
    // The SDK validates a positive integer; its timer only covers the wait for response headers.
    timeout: Math.max(1, Math.round(timeoutMs)),
    dangerouslyAllowBrowser: true,
    fetch: smallChunkFetch,
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

export const openaiChatStream: ChatStream = async function* (request) {
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const ctx: ProviderErrorContext = {
    providerName: request.providerName,
    baseURL: request.baseURL,
    apiKey: request.apiKey,
    model: request.model,
    timeoutMs,
  };

  // One controller for the caller's signal and the whole-request timer: the SDK's own timeout stops
  // once headers arrive, and a stream can stall long after that.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onCallerAbort = () => controller.abort();
  request.signal?.addEventListener('abort', onCallerAbort, { once: true });

  let finishReason: string | null = null;
  let usage: CompletionUsage | undefined;
  try {
    if (request.signal?.aborted) throw abortedError(ctx);
    const client = makeClient(request.baseURL, request.apiKey, timeoutMs);
    const stream = await client.chat.completions.create(buildParams(request), { signal: controller.signal });
    ctx.streaming = true;

    for await (const raw of stream) {
      const chunk = raw as ProviderChunk;
      const choice = chunk.choices?.[0];
      const delta = choice?.delta as ProviderDelta | undefined;
      // `||`, not `??`: some servers send both fields with one of them empty.
      const reasoning = delta?.reasoning_content || delta?.reasoning;
      if (reasoning) yield { type: 'reasoning-delta', text: reasoning };
      if (delta?.content) yield { type: 'text-delta', text: delta.content };
      if (choice?.finish_reason) finishReason = choice.finish_reason;
      // OpenAI: a last chunk with empty choices; Ollama/DeepSeek/OpenRouter: on the finish chunk; Groq: x_groq.
      const chunkUsage = chunk.usage ?? chunk.x_groq?.usage;
      if (chunkUsage) usage = chunkUsage;
    }
    // An abort mid-stream ends the SDK's iteration quietly instead of throwing: say why it ended.
    if (controller.signal.aborted) throw timedOut ? timeoutError(ctx) : abortedError(ctx);

    if (usage) yield usagePart(usage);
    yield { type: 'finish', finishReason };
  } catch (err) {
    if (timedOut) throw timeoutError(ctx);
    if (request.signal?.aborted) throw abortedError(ctx);
    throw toProviderError(err, ctx);
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', onCallerAbort);
    // Covers a consumer that stops iterating early: the connection must not stay open.
    controller.abort();
  }
};

function usagePart(usage: CompletionUsage): Extract<StreamPart, { type: 'usage' }> {
  const part: Extract<StreamPart, { type: 'usage' }> = { type: 'usage' };
  if (typeof usage.prompt_tokens === 'number') part.promptTokens = usage.prompt_tokens;
  if (typeof usage.completion_tokens === 'number') part.completionTokens = usage.completion_tokens;
  if (typeof usage.total_tokens === 'number') part.totalTokens = usage.total_tokens;
  return part;
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
