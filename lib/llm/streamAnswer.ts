import type { ChatRequest, ChatStream } from './chatModel';

export interface StreamedAnswer {
  text: string;
  reasoning: string;
  firstTokenAt: number | null;
  usage: { promptTokens?: number; completionTokens?: number; totalTokens?: number } | null;
}

export interface StreamAnswerHooks {
  now: () => number;
  /** each piece of text as it arrives (hand it to a batcher, not to the store) */
  onDelta(kind: 'text' | 'reasoning', text: string): void;
  /** once, when the first text or reasoning arrives */
  onFirstToken?(at: number): void;
  onUsage?(usage: NonNullable<StreamedAnswer['usage']>): void;
  /** every `progressEveryMs` with the answer so far, to save it while it streams */
  onProgress?(text: string, at: number): void;
  progressEveryMs?: number;
}

/**
 * Reads one streamed answer: the loop the prompt engine and the flow runner share. An error (the
 * provider's, or an abort) is thrown after the hooks have seen everything that arrived before it,
 * so the caller keeps the partial answer.
 */
export async function streamAnswer(chatStream: ChatStream, request: ChatRequest, hooks: StreamAnswerHooks): Promise<StreamedAnswer> {
  const answer: StreamedAnswer = { text: '', reasoning: '', firstTokenAt: null, usage: null };
  let lastProgressAt = hooks.now();
  for await (const part of chatStream(request)) {
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
