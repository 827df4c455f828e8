import type { ChatStream } from './chatModel';
import { ProviderError } from './providerError';

// "Test connection" with a key: listing /models proves little, since some providers serve it
// without a key. The cheapest request every OpenAI-compatible provider guards with the key is a chat
// completion; asked for one token (max_tokens 1) it costs a few input tokens at most. It goes through
// the same chatStream a run uses, so the check sends exactly the headers a run would.

const KEY_CHECK_TIMEOUT_MS = 30_000;

export interface KeyCheckTarget {
  providerName: string;
  baseURL: string;
  apiKey: string;
  model: string;
}

/**
 * Resolves when the provider accepted the key: its answer began (the first streamed part, or an
 * error reported inside a 200 stream, which comes only after authentication). Rejects with the
 * ProviderError otherwise (401 refused key, 403, unknown model, ...).
 */
export async function checkKeyWithOneToken(chatStream: ChatStream, target: KeyCheckTarget): Promise<void> {
  const controller = new AbortController();
  try {
    const parts = chatStream({
      ...target,
      messages: [{ role: 'user', content: 'Hi' }],
      maxTokens: 1,
      signal: controller.signal,
      firstByteTimeoutMs: KEY_CHECK_TIMEOUT_MS,
      betweenChunksTimeoutMs: KEY_CHECK_TIMEOUT_MS,
    })[Symbol.asyncIterator]();
    // The first batch of parts is enough; returning early ends the request (chatStream's contract).
    await parts.next();
    await parts.return?.();
  } catch (error) {
    if (error instanceof ProviderError && error.kind === 'stream-error') return;
    throw error;
  } finally {
    controller.abort();
  }
}
