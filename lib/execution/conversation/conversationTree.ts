import type { ConversationMessage } from '../../types';

// A conversation is a tree of messages (parentId), with the chosen child of each message that has
// several. A retried answer is a new child of the same question (a version of the turn); an
// edited question a new child of the message before it (a branch). The linear conversation the
// user sees and the model receives is the active path: from the root, the chosen child each time.
// Pure functions over plain data: reducers, selectors, the migration and export share them.

/** The key of the first messages' choice in `selected` (message ids are generated, never this). */
export const ROOT_KEY = 'root';

export interface ConversationTree {
  messages: readonly ConversationMessage[];
  selected: Readonly<Record<string, string>>;
}

export function parentKey(parentId: string | null): string {
  return parentId ?? ROOT_KEY;
}

/** The children of a message (null: the first messages), oldest first. */
export function childrenOf(tree: ConversationTree, parentId: string | null): ConversationMessage[] {
  return tree.messages.filter((m) => m.parentId === parentId);
}

function chosenChild(children: readonly ConversationMessage[], chosenId: string | undefined): ConversationMessage | undefined {
  // A choice whose message is not there yet is an answer on its way: the path ends before it.
  if (chosenId !== undefined) return children.find((m) => m.id === chosenId);
  return children.at(-1);
}

/** The conversation as it reads: from the first message, the chosen (else newest) child each time. */
export function activePath(tree: ConversationTree): ConversationMessage[] {
  const byParent = new Map<string, ConversationMessage[]>();
  for (const message of tree.messages) {
    const key = parentKey(message.parentId);
    const list = byParent.get(key);
    if (list) list.push(message);
    else byParent.set(key, [message]);
  }
  const path: ConversationMessage[] = [];
  const seen = new Set<string>();
  let key = ROOT_KEY;
  for (;;) {
    const next = chosenChild(byParent.get(key) ?? [], tree.selected[key]);
    if (!next || seen.has(next.id)) return path;
    seen.add(next.id);
    path.push(next);
    key = next.id;
  }
}

/** The messages from the first one down to `messageId` (inclusive); empty when it is null or unknown. */
export function pathTo(tree: ConversationTree, messageId: string | null): ConversationMessage[] {
  const byId = new Map(tree.messages.map((m) => [m.id, m]));
  const path: ConversationMessage[] = [];
  const seen = new Set<string>();
  let current = messageId === null ? undefined : byId.get(messageId);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    path.push(current);
    current = current.parentId === null ? undefined : byId.get(current.parentId);
  }
  return path.reverse();
}

export interface Versions {
  /** 1-based position of the message among its siblings */
  index: number;
  count: number;
  previousId: string | null;
  nextId: string | null;
}

/** Where a message stands among the versions of its turn (its siblings): ‹ index/count ›. */
export function versionsOf(tree: ConversationTree, messageId: string): Versions | null {
  const message = tree.messages.find((m) => m.id === messageId);
  if (!message) return null;
  const siblings = childrenOf(tree, message.parentId);
  const at = siblings.findIndex((m) => m.id === messageId);
  return { index: at + 1, count: siblings.length, previousId: siblings[at - 1]?.id ?? null, nextId: siblings[at + 1]?.id ?? null };
}

/** Adds a message under its parent and makes it the chosen one there. */
export function addMessage(tree: ConversationTree, message: ConversationMessage): ConversationTree {
  return { messages: [...tree.messages, message], selected: { ...tree.selected, [parentKey(message.parentId)]: message.id } };
}

/** Chooses a version: the conversation continues from it (and from the children chosen below it). */
export function selectVersion(tree: ConversationTree, messageId: string): ConversationTree {
  const message = tree.messages.find((m) => m.id === messageId);
  if (!message) return tree;
  return { messages: tree.messages, selected: { ...tree.selected, [parentKey(message.parentId)]: messageId } };
}

/** Marks where an answer will go before it exists: the active path ends at its parent meanwhile. */
export function reserveChild(tree: ConversationTree, parentId: string | null, childId: string): ConversationTree {
  return { messages: tree.messages, selected: { ...tree.selected, [parentKey(parentId)]: childId } };
}

/** Drops a reservation whose message never came (a failure before any text): the newest child shows again. */
export function releaseChild(tree: ConversationTree, parentId: string | null, childId: string): ConversationTree {
  const key = parentKey(parentId);
  if (tree.selected[key] !== childId || tree.messages.some((m) => m.id === childId)) return tree;
  const { [key]: _dropped, ...selected } = tree.selected;
  return { messages: tree.messages, selected };
}

/**
 * The messages a turn is made of: a question with all versions of its answer; or, for an answer
 * that follows no question (the first answer to the prompt's template), that answer's versions.
 */
export function turnOf(tree: ConversationTree, messageId: string): ConversationMessage[] {
  const message = tree.messages.find((m) => m.id === messageId);
  if (!message) return [];
  const parent = message.parentId === null ? undefined : tree.messages.find((m) => m.id === message.parentId);
  const head = message.role === 'assistant' && parent?.role === 'user' ? parent : message;
  if (head.role === 'user') return [head, ...childrenOf(tree, head.id).filter((m) => m.role === 'assistant')];
  return childrenOf(tree, head.parentId).filter((m) => m.role === head.role);
}

/**
 * Deletes the turn `messageId` belongs to. What followed it (in every version) is kept and now
 * follows the message before the turn; the conversation reads on from where the turn was.
 */
export function deleteTurn(tree: ConversationTree, messageId: string): ConversationTree {
  const turn = turnOf(tree, messageId);
  if (turn.length === 0) return tree;
  const removed = new Set(turn.map((m) => m.id));
  const newParent = turn[0].parentId;
  const path = activePath(tree);
  const onPath = path.findIndex((m) => removed.has(m.id));
  // The message that read on after the turn (on the active path) stays chosen where the turn was.
  const follower = onPath >= 0 ? path.slice(onPath).find((m) => !removed.has(m.id)) : undefined;

  const messages = tree.messages
    .filter((m) => !removed.has(m.id))
    .map((m) => (m.parentId !== null && removed.has(m.parentId) ? { ...m, parentId: newParent } : m));
  const selected: Record<string, string> = {};
  for (const [key, id] of Object.entries(tree.selected)) if (!removed.has(key) && !removed.has(id)) selected[key] = id;
  const key = parentKey(newParent);
  if (follower) selected[key] = follower.id;
  else if (onPath >= 0) delete selected[key];
  return { messages, selected };
}
