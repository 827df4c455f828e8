import type { ChatRequest, ChatStream, StreamPart } from './chatModel';
import { rateLimitDelay, sleepUnlessAborted } from './rateLimitRetry';
import { mergeDeltas } from './streamParts';
import { nextTask } from '../async/nextTask';

interface StreamedAnswer {
  text: string;
  reasoning: string;
  firstTokenAt: number | null;
  usage: { promptTokens?: number; completionTokens?: number; totalTokens?: number } | null;
  /** why the model stopped ('length' = cut off by the token limit); null if the stream did not say */
  finishReason: string | null;
  /** sources sent beside the answer, in order ([1] is the first) */
  citations: string[];
  /** tools the model tried to call (Flowbar offers none, so none ran) */
  toolCalls: string[];
}

interface StreamAnswerHooks {
  now: () => number;
  /** the text that arrived, one string per run of text in a batch of the stream (hand it to a batcher, not to the store) */
  onDelta(kind: 'text' | 'reasoning', text: string): void;
  /** once, when the first text or reasoning arrives */
  onFirstToken?(at: number): void;
  onUsage?(usage: NonNullable<StreamedAnswer['usage']>): void;
  /** a rate-limited call is waited on and tried again (bounded); told before each wait */
  onRateLimitRetry?(seconds: number, attempt: number): void;
  /** the whole list of citations, each time it changes */
  onCitations?(urls: string[]): void;
  /** each tool the model tried to call */
  onToolCall?(name: string): void;
  /** something in the stream was skipped; the answer went on (for the run's log) */
  onWarning?(message: string): void;
  /** once, at the end of a stream that ended normally */
  onFinish?(finishReason: string | null): void;
}

/**
 * Reads one streamed answer: the loop the prompt engine and the flow runner share. An error (the
 * provider's, or an abort) is thrown after the hooks have seen everything that arrived before it,
 * so the caller keeps the partial answer.
 */
export async function streamAnswer(chatStream: ChatStream, request: ChatRequest, hooks: StreamAnswerHooks): Promise<StreamedAnswer> {
  for (let attempt = 0; ; attempt++) {
    const answer: StreamedAnswer = { text: '', reasoning: '', firstTokenAt: null, usage: null, finishReason: null, citations: [], toolCalls: [] };
    try {
      return await readStream(chatStream, request, hooks, answer);
    } catch (error) {
      // Only a call that produced nothing yet is tried again: a 429 is refused before any text.
      const seconds = answer.firstTokenAt === null && hooks.onRateLimitRetry ? rateLimitDelay(error, attempt) : null;
      if (seconds === null) throw error;
      hooks.onRateLimitRetry?.(seconds, attempt + 1);
      await sleepUnlessAborted(seconds * 1000, request.signal);
    }
  }
}

/** Longest stretch of parsing without letting timers and messages run (Stop, batch flushes). */
const MAX_BUSY_MS = 25;

async function readStream(chatStream: ChatStream, request: ChatRequest, hooks: StreamAnswerHooks, answer: StreamedAnswer): Promise<StreamedAnswer> {
  let busySince = performance.now();
  for await (const batch of chatStream(request)) {
    // A fast stream arrives as resolved promises only, which never give way to a task.
    if (performance.now() - busySince > MAX_BUSY_MS) {
      await nextTask();
      busySince = performance.now();
    }
    // One string per run of text (or reasoning) in the batch, not one per token: each costs a
    // batcher append, a piece append and a clock read.
    for (const part of mergeDeltas(batch)) readPart(part, hooks, answer);
  }
  return answer;
}

function readPart(part: StreamPart, hooks: StreamAnswerHooks, answer: StreamedAnswer): void {
  switch (part.type) {
    case 'usage': {
      const { type: _type, ...usage } = part;
      answer.usage = { ...answer.usage, ...usage };
      hooks.onUsage?.(answer.usage);
      return;
    }
    case 'finish':
      answer.finishReason = part.finishReason;
      hooks.onFinish?.(part.finishReason);
      return;
    case 'citations':
      answer.citations = part.urls;
      hooks.onCitations?.(part.urls);
      return;
    case 'tool-call':
      answer.toolCalls.push(part.name);
      hooks.onToolCall?.(part.name);
      return;
    case 'warning':
      hooks.onWarning?.(part.message);
      return;
  }
  if (!part.text) return;
  if (answer.firstTokenAt === null) {
    answer.firstTokenAt = hooks.now();
    hooks.onFirstToken?.(answer.firstTokenAt);
  }
  if (part.type === 'text-delta') answer.text += part.text;
  else answer.reasoning += part.text;
  hooks.onDelta(part.type === 'text-delta' ? 'text' : 'reasoning', part.text);
}
