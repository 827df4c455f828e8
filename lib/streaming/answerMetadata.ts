import { isNotableFinish } from '../llm/finishReason';
import type { ConversationMessage } from '../types';
import type { StreamingResponse } from './streamingSlice';

/** The metadata a finished (or partial) answer keeps from its stream: always the model and provider that wrote it. */
export function answerMetadata(stream: StreamingResponse, partial: NonNullable<ConversationMessage['metadata']>['partial']): ConversationMessage['metadata'] {
  const metadata: NonNullable<ConversationMessage['metadata']> = { model: stream.model, providerId: stream.providerId };
  if (partial) metadata.partial = partial;
  if (stream.reasoning) metadata.reasoning = stream.reasoning;
  if (isNotableFinish(stream.finishReason)) metadata.finishReason = stream.finishReason;
  if (stream.citations.length > 0) metadata.citations = stream.citations;
  if (stream.toolCalls.length > 0) metadata.toolCalls = stream.toolCalls;
  return metadata;
}
