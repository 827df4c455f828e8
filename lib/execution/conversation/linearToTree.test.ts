import { describe, expect, it } from 'vitest';
import { activePath } from './conversationTree';
import { linearToTree } from './linearToTree';

const at = '2025-01-01T00:00:00.000Z';

describe('linearToTree', () => {
  it('chains a saved list: each message follows the one before, and reads back the same', () => {
    const list = [
      { role: 'assistant' as const, content: 'first', taskId: 't1', timestamp: at },
      { role: 'user' as const, content: 'and?', timestamp: at },
      { role: 'assistant' as const, content: 'then', taskId: 't2', timestamp: at, metadata: { partial: 'stopped' as const } },
    ];
    const tree = linearToTree(list);
    expect(tree.messages.map((m) => [m.id, m.parentId])).toEqual([
      ['m0', null],
      ['m1', 'm0'],
      ['m2', 'm1'],
    ]);
    expect(activePath(tree).map(({ id: _id, parentId: _parentId, ...rest }) => rest)).toEqual(list);
    expect(tree.selected).toEqual({});
    expect(linearToTree([])).toEqual({ messages: [], selected: {} });
  });

  it('a conversation already a tree is left as it is', () => {
    const messages = [{ id: 'x', parentId: null, role: 'user' as const, content: 'q', timestamp: at }];
    const selected = { root: 'x' };
    expect(linearToTree(messages, selected)).toEqual({ messages, selected });
  });
});
