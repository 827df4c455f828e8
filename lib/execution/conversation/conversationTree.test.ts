import { describe, expect, it } from 'vitest';
import { message } from '../../../tests/unit/helpers/fixtures';
import type { ConversationMessage } from '../../types';
import {
  activePath,
  addMessage,
  childrenOf,
  deleteTurn,
  pathTo,
  releaseChild,
  reserveChild,
  ROOT_KEY,
  selectVersion,
  turnOf,
  versionsOf,
  type ConversationTree,
} from './conversationTree';
import { placeReply } from './replyPlacement';

const empty: ConversationTree = { messages: [], selected: {} };
const contents = (messages: readonly ConversationMessage[]) => messages.map((m) => m.content);
const m = (id: string, role: ConversationMessage['role'], parentId: string | null) => message(role, id, { id, parentId });

/** a0 → q1 → a1 → q2 → a2, built with addMessage as the engine does */
function line(): ConversationTree {
  return [m('a0', 'assistant', null), m('q1', 'user', 'a0'), m('a1', 'assistant', 'q1'), m('q2', 'user', 'a1'), m('a2', 'assistant', 'q2')].reduce(
    addMessage,
    empty,
  );
}

describe('conversation tree: the active path', () => {
  it('a conversation without versions reads in the order it was written', () => {
    expect(contents(activePath(line()))).toEqual(['a0', 'q1', 'a1', 'q2', 'a2']);
    expect(activePath(empty)).toEqual([]);
  });

  it('with no choice made, the newest child is followed', () => {
    const tree: ConversationTree = { messages: [m('q', 'user', null), m('x', 'assistant', 'q'), m('y', 'assistant', 'q')], selected: {} };
    expect(contents(activePath(tree))).toEqual(['q', 'y']);
  });

  it('a reserved child not there yet ends the path at its parent (an answer on its way)', () => {
    const tree = reserveChild(line(), 'q2', 'pending');
    expect(contents(activePath(tree))).toEqual(['a0', 'q1', 'a1', 'q2']);
    expect(releaseChild(tree, 'q2', 'pending').selected).not.toHaveProperty('q2');
    // releasing does nothing once the message is there, or when another child was chosen since
    const arrived = addMessage(tree, m('pending', 'assistant', 'q2'));
    expect(releaseChild(arrived, 'q2', 'pending')).toBe(arrived);
  });

  it('pathTo gives the ancestors of a message, itself last', () => {
    expect(contents(pathTo(line(), 'a1'))).toEqual(['a0', 'q1', 'a1']);
    expect(pathTo(line(), null)).toEqual([]);
    expect(pathTo(line(), 'nope')).toEqual([]);
  });

  it('a cycle in damaged data does not loop forever', () => {
    const tree: ConversationTree = { messages: [m('x', 'user', 'y'), m('y', 'assistant', 'x'), m('r', 'user', null)], selected: { [ROOT_KEY]: 'r', r: 'x' } };
    expect(contents(activePath(tree))).toEqual(['r']);
    expect(pathTo(tree, 'x').length).toBeLessThanOrEqual(3);
  });
});

describe('conversation tree: retry versions', () => {
  it('a retried answer is a sibling of the earlier one; it is chosen, and switching back continues from the old one', () => {
    let tree = addMessage(line(), m('a1b', 'assistant', 'q1'));
    expect(contents(activePath(tree))).toEqual(['a0', 'q1', 'a1b']);
    expect(versionsOf(tree, 'a1b')).toEqual({ index: 2, count: 2, previousId: 'a1', nextId: null });
    expect(versionsOf(tree, 'a1')).toEqual({ index: 1, count: 2, previousId: null, nextId: 'a1b' });
    tree = selectVersion(tree, 'a1');
    // the old version's continuation is still there
    expect(contents(activePath(tree))).toEqual(['a0', 'q1', 'a1', 'q2', 'a2']);
    expect(tree.messages).toHaveLength(6);
  });

  it('placeReply for a retry: the last answer gets a sibling; an unanswered question its first answer; a named answer its own sibling', () => {
    const tree = line();
    expect(placeReply(tree, { kind: 'retry' })).toEqual({ parentId: 'q2', history: activePath(tree).slice(0, 4) });
    const unanswered = addMessage(tree, m('q3', 'user', 'a2'));
    expect(placeReply(unanswered, { kind: 'retry' })).toMatchObject({ parentId: 'q3' });
    expect(placeReply(tree, { kind: 'retry', answerId: 'a1' })).toEqual({ parentId: 'q1', history: pathTo(tree, 'q1') });
    expect(placeReply(tree, { kind: 'retry', answerId: 'q1' })).toHaveProperty('refused');
    expect(placeReply(empty, { kind: 'retry' })).toEqual({ parentId: null, history: [] });
    // the first answer to the template (no question before it) gets a sibling at the root
    const first = addMessage(empty, m('a0', 'assistant', null));
    expect(placeReply(first, { kind: 'retry' })).toEqual({ parentId: null, history: [] });
  });

  it('selecting an unknown message changes nothing', () => {
    const tree = line();
    expect(selectVersion(tree, 'nope')).toBe(tree);
    expect(versionsOf(tree, 'nope')).toBeNull();
  });
});

describe('conversation tree: edit branches', () => {
  it('an edited question is a new branch from the message before it; the old branch stays reachable', () => {
    const tree = line();
    const placed = placeReply(tree, { kind: 'edit', messageId: 'q1' });
    expect(placed).toEqual({ parentId: 'a0', history: pathTo(tree, 'a0') });
    let edited = addMessage(tree, m('q1b', 'user', 'a0'));
    edited = addMessage(edited, m('a1x', 'assistant', 'q1b'));
    expect(contents(activePath(edited))).toEqual(['a0', 'q1b', 'a1x']);
    expect(versionsOf(edited, 'q1b')).toMatchObject({ index: 2, count: 2, previousId: 'q1' });
    edited = selectVersion(edited, 'q1');
    expect(contents(activePath(edited))).toEqual(['a0', 'q1', 'a1', 'q2', 'a2']);
    edited = selectVersion(edited, 'q1b');
    expect(contents(activePath(edited))).toEqual(['a0', 'q1b', 'a1x']);
  });

  it('editing the very first question branches at the root; only questions can be edited', () => {
    const tree = [m('q1', 'user', null), m('a1', 'assistant', 'q1')].reduce(addMessage, empty);
    expect(placeReply(tree, { kind: 'edit', messageId: 'q1' })).toEqual({ parentId: null, history: [] });
    expect(placeReply(tree, { kind: 'edit', messageId: 'a1' })).toHaveProperty('refused');
    expect(childrenOf(addMessage(tree, m('q1b', 'user', null)), null).map((x) => x.id)).toEqual(['q1', 'q1b']);
  });

  it('a plain send goes after the active path', () => {
    expect(placeReply(line(), { kind: 'send' })).toEqual({ parentId: 'a2', history: activePath(line()) });
    expect(placeReply(empty, { kind: 'send' })).toEqual({ parentId: null, history: [] });
  });
});

describe('conversation tree: deleting a turn', () => {
  it('a turn is a question with all versions of its answer, found from either', () => {
    const tree = addMessage(line(), m('a1b', 'assistant', 'q1'));
    expect(turnOf(tree, 'q1').map((x) => x.id)).toEqual(['q1', 'a1', 'a1b']);
    expect(turnOf(tree, 'a1b').map((x) => x.id)).toEqual(['q1', 'a1', 'a1b']);
    // the first answer to the template has no question: its turn is its versions
    expect(turnOf(addMessage(tree, m('a0b', 'assistant', null)), 'a0').map((x) => x.id)).toEqual(['a0', 'a0b']);
  });

  it('deleting a middle turn: what followed it now follows the message before it', () => {
    const tree = deleteTurn(line(), 'q1');
    expect(contents(activePath(tree))).toEqual(['a0', 'q2', 'a2']);
    expect(tree.messages.map((x) => x.id)).toEqual(['a0', 'q2', 'a2']);
    expect(tree.messages.find((x) => x.id === 'q2')?.parentId).toBe('a0');
    expect(Object.keys(tree.selected)).not.toContain('q1');
    expect(Object.values(tree.selected)).not.toContain('q1');
  });

  it('deleting the last turn ends the path before it; deleting the first answer makes the next question first', () => {
    expect(contents(activePath(deleteTurn(line(), 'a2')))).toEqual(['a0', 'q1', 'a1']);
    const tree = deleteTurn(line(), 'a0');
    expect(contents(activePath(tree))).toEqual(['q1', 'a1', 'q2', 'a2']);
    expect(tree.messages.find((x) => x.id === 'q1')?.parentId).toBeNull();
  });

  it('the continuations of every version are kept; the one that was read stays chosen', () => {
    let tree = addMessage(line(), m('a1b', 'assistant', 'q1'));
    tree = addMessage(tree, m('q2b', 'user', 'a1b'));
    tree = addMessage(tree, m('a2b', 'assistant', 'q2b'));
    tree = selectVersion(tree, 'a1');
    const deleted = deleteTurn(tree, 'q1');
    expect(contents(activePath(deleted))).toEqual(['a0', 'q2', 'a2']);
    expect(childrenOf(deleted, 'a0').map((x) => x.id)).toEqual(['q2', 'q2b']);
    expect(contents(activePath(selectVersion(deleted, 'q2b')))).toEqual(['a0', 'q2b', 'a2b']);
  });

  it('deleting a turn off the active path leaves the path as it was', () => {
    let tree = addMessage(line(), m('q1b', 'user', 'a0'));
    tree = selectVersion(tree, 'q1');
    const deleted = deleteTurn(tree, 'q1b');
    expect(contents(activePath(deleted))).toEqual(['a0', 'q1', 'a1', 'q2', 'a2']);
    expect(deleteTurn(tree, 'nope')).toBe(tree);
  });
});
