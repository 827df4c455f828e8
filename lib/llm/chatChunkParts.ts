// One parsed `chat.completion.chunk` → the StreamParts it carries. Pure and stateful per stream: it
// remembers usage, the finish reason, the citations and the tool calls already seen, and gives the
// usage and the finish last (end()), whichever chunk they came in.

import type { StreamPart } from './chatModel';
import { splitDeltaContent } from './deltaContent';
import { normalizeFinishReason } from './finishReason';
import { isRecord } from './isRecord';

type Usage = Extract<StreamPart, { type: 'usage' }>;

/** An `{"error": {...}}` object inside a 200 stream (OpenAI, OpenRouter, vLLM send these). */
export class StreamErrorEvent extends Error {
  /** the provider's error body; toProviderError reads it as a mid-answer error */
  readonly error: Record<string, unknown>;
  constructor(error: Record<string, unknown>) {
    super(typeof error.message === 'string' ? error.message : 'error event in the stream');
    this.name = 'StreamErrorEvent';
    this.error = error;
  }
}

export interface ChatChunkMapper {
  /** the parts of one chunk, in order; throws StreamErrorEvent for an error object */
  parts(chunk: unknown): StreamPart[];
  /** after the last chunk: the usage (if any was sent), then the finish */
  end(): StreamPart[];
}

export function createChatChunkMapper(): ChatChunkMapper {
  let usage: Usage | null = null;
  let finishReason: string | null = null;
  let citationsKey = '';
  /** tool calls by their index: named once their name arrived */
  const toolCalls = new Map<number, { named: boolean }>();

  const noteToolCall = (out: StreamPart[], index: number, name: unknown) => {
    const call = toolCalls.get(index) ?? { named: false };
    toolCalls.set(index, call);
    if (!call.named && typeof name === 'string' && name) {
      call.named = true;
      out.push({ type: 'tool-call', name });
    }
  };

  return {
    parts(chunk) {
      if (!isRecord(chunk)) return [];
      if (isRecord(chunk.error)) throw new StreamErrorEvent(chunk.error);
      const out: StreamPart[] = [];
      const choice: unknown = Array.isArray(chunk.choices) ? (chunk.choices as unknown[])[0] : undefined;
      const delta = isRecord(choice) && isRecord(choice.delta) ? choice.delta : undefined;
      if (delta) {
        const content = splitDeltaContent(delta.content);
        // `||`, not `??`: some servers send both reasoning fields with one of them empty.
        const reasoning = str(delta.reasoning_content) || str(delta.reasoning) || content.reasoning;
        if (reasoning) out.push({ type: 'reasoning-delta', text: reasoning });
        if (content.text) out.push({ type: 'text-delta', text: content.text });
        if (Array.isArray(delta.tool_calls)) {
          (delta.tool_calls as unknown[]).forEach((call, position) => {
            if (!isRecord(call)) return;
            const index = typeof call.index === 'number' ? call.index : position;
            noteToolCall(out, index, isRecord(call.function) ? call.function.name : undefined);
          });
        }
        // The deprecated single function call.
        if (isRecord(delta.function_call)) noteToolCall(out, -1, delta.function_call.name);
      }
      if (isRecord(choice)) finishReason = normalizeFinishReason(choice.finish_reason) ?? finishReason;
      // Perplexity repeats the whole list on every chunk: pass it on when it changed.
      if (Array.isArray(chunk.citations)) {
        const urls = (chunk.citations as unknown[]).filter((u): u is string => typeof u === 'string');
        const key = urls.join('\n');
        if (key !== citationsKey) {
          citationsKey = key;
          out.push({ type: 'citations', urls });
        }
      }
      // OpenAI: a last chunk with empty choices; Ollama/DeepSeek/OpenRouter: on the finish chunk; Groq: x_groq.
      const chunkUsage = isRecord(chunk.usage) ? chunk.usage : isRecord(chunk.x_groq) && isRecord(chunk.x_groq.usage) ? chunk.x_groq.usage : null;
      if (chunkUsage) usage = usagePart(chunkUsage);
      return out;
    },
    end() {
      const out: StreamPart[] = [];
      // A tool call whose name never came still deserves its note.
      for (const call of toolCalls.values()) if (!call.named) out.push({ type: 'tool-call', name: 'an unnamed tool' });
      if (usage) out.push(usage);
      out.push({ type: 'finish', finishReason });
      return out;
    },
  };
}

function usagePart(usage: Record<string, unknown>): Usage {
  const part: Usage = { type: 'usage' };
  if (typeof usage.prompt_tokens === 'number') part.promptTokens = usage.prompt_tokens;
  if (typeof usage.completion_tokens === 'number') part.completionTokens = usage.completion_tokens;
  if (typeof usage.total_tokens === 'number') part.totalTokens = usage.total_tokens;
  return part;
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
