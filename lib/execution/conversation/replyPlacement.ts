import type { ConversationMessage } from '../../types';
import { activePath, pathTo, type ConversationTree } from './conversationTree';

/** What a message asks for: a plain send, a new version of an answer, or an edited question. */
export type ReplyRequest =
  | { kind: 'send' }
  /** answerId: the answer to answer again; absent = the last answer of the active path (or its unanswered question) */
  | { kind: 'retry'; answerId?: string }
  /** a new version of this question, sent from the message before it */
  | { kind: 'edit'; messageId: string };

export interface ReplyPlacement {
  /** the message the new message (the edited question, or else the answer) follows */
  parentId: string | null;
  /** the conversation up to and including that message: what the model receives before it */
  history: ConversationMessage[];
}

/** Where a message goes in the tree; a reason instead when the request names what is not there. */
export function placeReply(tree: ConversationTree, request: ReplyRequest): ReplyPlacement | { refused: string } {
  if (request.kind === 'send') {
    const history = activePath(tree);
    return { parentId: history.at(-1)?.id ?? null, history };
  }
  if (request.kind === 'edit') {
    const message = tree.messages.find((m) => m.id === request.messageId);
    if (!message || message.role !== 'user') return { refused: 'Only a message you sent can be edited.' };
    return { parentId: message.parentId, history: pathTo(tree, message.parentId) };
  }
  if (request.answerId !== undefined) {
    const answer = tree.messages.find((m) => m.id === request.answerId);
    if (!answer || answer.role !== 'assistant') return { refused: 'That answer is not in this conversation any more.' };
    return { parentId: answer.parentId, history: pathTo(tree, answer.parentId) };
  }
  const path = activePath(tree);
  const last = path.at(-1);
  // The last answer gets a new version; a question left unanswered (a failure) gets its first.
  if (last?.role === 'assistant') return { parentId: last.parentId, history: path.slice(0, -1) };
  return { parentId: last?.id ?? null, history: path };
}
