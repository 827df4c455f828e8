import type { ConversationMessage } from '../../types';
import type { ConversationTree } from './conversationTree';

/** A message as schema versions 1–3 saved it: a list, no ids. */
export type LinearMessage = Omit<ConversationMessage, 'id' | 'parentId'> & Partial<Pick<ConversationMessage, 'id' | 'parentId'>>;

/**
 * A list of messages (as saved before branches) as a tree: each message follows the one before
 * it, ids `m0`, `m1`… (unique within the conversation; new messages get generated ids). Already
 * converted conversations are returned as they are.
 */
export function linearToTree(
  messages: readonly LinearMessage[],
  selected?: Record<string, string>,
): ConversationTree & { messages: ConversationMessage[]; selected: Record<string, string> } {
  if (selected && messages.every((m) => typeof m.id === 'string' && m.parentId !== undefined)) return { messages: messages as ConversationMessage[], selected };
  const converted = messages.map((message, i): ConversationMessage => ({ ...message, id: `m${i}`, parentId: i === 0 ? null : `m${i - 1}` }));
  return { messages: converted, selected: {} };
}
