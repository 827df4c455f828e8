import { describe, expect, it } from 'vitest';
import { chain, makeInstance, message } from '../../../tests/unit/helpers/fixtures';
import { conversationsToJson, conversationToMarkdown, exportFileName, redactSecrets, variablesUsed } from './conversationExport';
import { addMessage, selectVersion } from './conversationTree';

const template = [{ role: 'user' as const, content: 'Summarize {{selection}} for {{audience}}' }];

function instanceWithVersions() {
  const [a0, q1, a1] = chain(
    message('assistant', 'First **answer**', { id: 'a0' }),
    message('user', 'Why? ``` not a fence', { id: 'q1' }),
    message('assistant', 'Because.', { id: 'a1', metadata: { partial: 'stopped' } }),
  );
  let tree = [a0, q1, a1].reduce(addMessage, { messages: [], selected: {} });
  tree = addMessage(tree, message('assistant', 'Another version', { id: 'a1b', parentId: 'q1' }));
  tree = selectVersion(tree, 'a1');
  return makeInstance({
    title: 'Summarize: otters',
    settings: { providerId: null, model: 'llama3.2' },
    variables: {
      userValues: { audience: 'kids' },
      scopedValues: { unused: 'x', team_token: 'should not appear' },
      computedValues: { selection: 'Otters\nhold hands' },
    },
    conversation: { messages: [...tree.messages], selected: { ...tree.selected }, currentInput: '', resources: [] },
    runTracking: { runId: null, sourceType: 'prompt', sourceId: 'p1', runName: null, totalTokens: 321, totalCost: 0.0123 },
    execution: {
      currentTaskId: null,
      messageStartTime: null,
      timeToFirstToken: undefined,
      lastMessageStats: { model: 'llama3.2:8b', timeToFirstToken: 120, totalTime: 900 },
    },
  });
}

const context = { prompt: { name: 'Summarize', messages: template }, providerName: 'Ollama', exportedAt: '2026-01-02T03:04:05.000Z' };

describe('conversationToMarkdown', () => {
  it('a header with the prompt, the variables the template used, model and stats; then the conversation as it reads', () => {
    const md = conversationToMarkdown(instanceWithVersions(), context);
    expect(md.startsWith('# Summarize: otters\n')).toBe(true);
    expect(md).toContain('- **Prompt:** Summarize');
    expect(md).toContain('- **Model:** llama3.2:8b (Ollama)');
    expect(md).toContain('- **Stats:** 321 tokens · $0.0123 · last answer: first token 120 ms · 900 ms in all');
    expect(md).toContain('  - `selection`: Otters hold hands');
    expect(md).toContain('  - `audience`: kids');
    // only the variables the template uses
    expect(md).not.toContain('unused');
    expect(md).not.toContain('should not appear');
    // the chosen version, not the other
    expect(md).toContain('Because.');
    expect(md).not.toContain('Another version');
    expect(md).toContain('*(stopped before the end)*');
    // the answer is Markdown as it is; the user's text is fenced so it stays literal, even with backticks in it
    expect(md).toContain('## Answer\n\nFirst **answer**');
    expect(md).toContain('## You\n\n````text\nWhy? ``` not a fence\n````');
  });

  it('a deleted prompt and an instance that never ran still export', () => {
    const md = conversationToMarkdown(makeInstance({ title: 'Lonely' }), { exportedAt: '2026-01-01T00:00:00.000Z' });
    expect(md).toContain('**Prompt:** (deleted prompt)');
    expect(md).toContain('**Model:** echo');
    expect(md).not.toContain('## ');
  });
});

describe('conversationsToJson', () => {
  it('the whole tree with the choices and the path, listed field by field', () => {
    const instance = instanceWithVersions();
    const data = JSON.parse(conversationsToJson([{ instance, context }], context.exportedAt));
    expect(data).toMatchObject({ format: 'flowbar-conversations', version: 1, exportedAt: context.exportedAt });
    const [c] = data.conversations;
    expect(c.messages.map((m: { id: string }) => m.id)).toEqual(['a0', 'q1', 'a1', 'a1b']);
    expect(c.activePath).toEqual(['a0', 'q1', 'a1']);
    expect(c.selected).toEqual({ q1: 'a1', root: 'a0', a0: 'q1' });
    expect(c.variablesUsed).toEqual({ selection: 'Otters\nhold hands', audience: 'kids' });
    expect(Object.keys(c).sort()).toEqual([
      'activePath',
      'createdAt',
      'instanceId',
      'messages',
      'model',
      'prompt',
      'provider',
      'resources',
      'selected',
      'stats',
      'status',
      'title',
      'updatedAt',
      'variablesUsed',
    ]);
    expect(JSON.stringify(data)).not.toContain('team_token');
  });
});

describe('export helpers', () => {
  it('redactSecrets takes every occurrence of a key out; short strings are not treated as keys', () => {
    expect(redactSecrets('key sk-abcdef123 and again sk-abcdef123.', ['sk-abcdef123', 'ab'])).toBe('key [key removed] and again [key removed].');
  });

  it('variablesUsed is empty when variables are not applied', () => {
    const instance = instanceWithVersions();
    expect(variablesUsed({ ...instance, executionConfig: { ...instance.executionConfig, apply_variables: false } }, template)).toEqual({});
  });

  it('file names: the title for one, a count for several', () => {
    expect(exportFileName(['Summarize: Otters hold hands!'], 'markdown', '2026-01-02')).toBe('flowbar-summarize-otters-hold-hands-2026-01-02.md');
    expect(exportFileName(['a', 'b', 'c'], 'json', '2026-01-02')).toBe('flowbar-3-conversations-2026-01-02.json');
    expect(exportFileName(['!!!'], 'json', '2026-01-02')).toBe('flowbar-conversation-2026-01-02.json');
  });
});
