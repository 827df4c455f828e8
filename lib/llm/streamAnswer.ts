import type { ChatRequest, ChatStream } from './chatModel';
import { rateLimitDelay, sleepUnlessAborted } from './rateLimitRetry';

interface StreamedAnswer {
  text: string;
  reasoning: string;
  firstTokenAt: number | null;
  usage: { promptTokens?: number; completionTokens?: number; totalTokens?: number } | null;
}

interface StreamAnswerHooks {
  now: () => number;
  /** each piece of text as it arrives (hand it to a batcher, not to the store) */
  onDelta(kind: 'text' | 'reasoning', text: string): void;
  /** once, when the first text or reasoning arrives */
  onFirstToken?(at: number): void;
  onUsage?(usage: NonNullable<StreamedAnswer['usage']>): void;
  /** every `progressEveryMs` with the answer so far, to save it while it streams */
  onProgress?(text: string, at: number): void;
  progressEveryMs?: number;
  /** a rate-limited call is waited on and tried again (bounded); told before each wait */
  onRateLimitRetry?(seconds: number, attempt: number): void;
}

/**
 * Reads one streamed answer: the loop the prompt engine and the flow runner share. An error (the
 * provider's, or an abort) is thrown after the hooks have seen everything that arrived before it,
 * so the caller keeps the partial answer.
 */
export async function streamAnswer(chatStream: ChatStream, request: ChatRequest, hooks: StreamAnswerHooks): Promise<StreamedAnswer> {
  for (let attempt = 0; ; attempt++) {
    const answer: StreamedAnswer = { text: '', reasoning: '', firstTokenAt: null, usage: null };
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

/**
 * Lets queued tasks run. A message to oneself, not setTimeout(0): nested timers are clamped to
 * 4 ms each, which a fast stream would pay on every yield.
 */
function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

async function readStream(chatStream: ChatStream, request: ChatRequest, hooks: StreamAnswerHooks, answer: StreamedAnswer): Promise<StreamedAnswer> {
  let lastProgressAt = hooks.now();
  let busySince = performance.now();
  for await (const part of chatStream(request)) {
    // A fast stream arrives as resolved promises only, which never give way to a task.
    if (performance.now() - busySince > MAX_BUSY_MS) {
      await yieldToEventLoop();
      busySince = performance.now();
    }
    if (part.type === 'usage') {
      const { type: _type, ...usage } = part;
      answer.usage = { ...answer.usage, ...usage };
      hooks.onUsage?.(answer.usage);
      continue;
    }
    if (part.type === 'finish' || !part.text) continue;
    if (answer.firstTokenAt === null) {
      answer.firstTokenAt = hooks.now();
      hooks.onFirstToken?.(answer.firstTokenAt);
    }
    if (part.type === 'text-delta') answer.text += part.text;
    else answer.reasoning += part.text;
    hooks.onDelta(part.type === 'text-delta' ? 'text' : 'reasoning', part.text);
    if (hooks.onProgress && hooks.progressEveryMs !== undefined) {
      const now = hooks.now();
      if (now - lastProgressAt >= hooks.progressEveryMs) {
        lastProgressAt = now;
        hooks.onProgress(answer.text, now);
      }
    }
  }
  return answer;
}
