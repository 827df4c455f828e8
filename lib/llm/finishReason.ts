// Why the model stopped, as servers spell it, in OpenAI's words.

/** Other spellings of "the token limit was reached" (Mistral's model_length; Anthropic-style gateways' max_tokens). */
const LENGTH_ALIASES = new Set(['length', 'model_length', 'max_tokens']);

/** The finish reason, with the token-limit spellings folded into 'length'; null when none was sent. */
export function normalizeFinishReason(raw: unknown): string | null {
  if (typeof raw !== 'string' || !raw) return null;
  return LENGTH_ALIASES.has(raw) ? 'length' : raw;
}

/** A finish reason worth telling the user about (a plain stop is not). */
export function isNotableFinish(reason: string | null | undefined): reason is string {
  return !!reason && reason !== 'stop' && reason !== 'eos' && reason !== 'end_turn';
}
