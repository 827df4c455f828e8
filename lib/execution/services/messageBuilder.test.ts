import { describe, expect, it } from 'vitest';
import type { ConversationMessage, Resource, TemplateMessage } from '../../types';
import { buildChatMessages, formatResources, instanceTemplate, type BuildInput } from './messageBuilder';

const template: TemplateMessage[] = [
  { role: 'system', content: 'You assist {{user_name}}.' },
  { role: 'user', content: 'Summarize for {{ audience }}: {{selection}}' },
];

function input(overrides: Partial<BuildInput> = {}): BuildInput {
  return {
    template,
    conversation: [],
    resources: [],
    variables: { user_name: 'Ada', audience: 'kids', selection: 'The text.' },
    applyVariables: true,
    ...overrides,
  };
}

const resource = (over: Partial<Resource> = {}): Resource => ({
  id: 'r1',
  kind: 'page',
  title: 'A "quoted" <page> & co',
  source: 'https://example.test/a?b=1&c=2',
  text: 'Body of the page.',
  size: 'Body of the page.'.length,
  ...over,
});

const msg = (role: ConversationMessage['role'], content: string): ConversationMessage => ({
  id: `${role}:${content}`,
  parentId: null,
  role,
  content,
  timestamp: '2025-01-01T00:00:00.000Z',
});

describe('buildChatMessages', () => {
  it('resolves the template with the variables', () => {
    expect(buildChatMessages(input())).toEqual({
      messages: [
        { role: 'system', content: 'You assist Ada.' },
        { role: 'user', content: 'Summarize for kids: The text.' },
      ],
      missing: [],
    });
  });

  it('reports missing variables across all template messages, once each', () => {
    const built = buildChatMessages(input({ template: [...template, { role: 'user', content: '{{user_name}} {{extra}} {{audience}}' }], variables: {} }));
    expect(built.missing).toEqual(['user_name', 'audience', 'selection', 'extra']);
    expect(built.messages[0].content).toBe('You assist {{user_name}}.');
  });

  it('applyVariables=false sends the template literally and reports nothing missing', () => {
    const built = buildChatMessages(input({ applyVariables: false, variables: {} }));
    expect(built.missing).toEqual([]);
    expect(built.messages.map((m) => m.content)).toEqual(template.map((m) => m.content));

    const withValues = buildChatMessages(input({ applyVariables: false }));
    expect(withValues.messages[1].content).toBe('Summarize for {{ audience }}: {{selection}}');
  });

  it('attaches resources to the first user message, with title, source and text', () => {
    const r1 = resource();
    const r2 = resource({ id: 'r2', kind: 'file', title: 'notes.txt', source: 'notes.txt', text: 'File body.', size: 10 });
    const built = buildChatMessages(input({ template: [...template, { role: 'user', content: 'second user message' }], resources: [r1, r2] }));
    expect(built.messages).toHaveLength(3);
    expect(built.messages[0].content).toBe('You assist Ada.');
    expect(built.messages[2].content).toBe('second user message');

    const first = built.messages[1].content;
    expect(first.startsWith('Summarize for kids: The text.\n\n')).toBe(true);
    expect(first).toContain(formatResources([r1, r2]));
    // Both resources, in order, with their text; attribute values escaped so a title cannot break the tag.
    expect(first.indexOf('Body of the page.')).toBeLessThan(first.indexOf('File body.'));
    expect(first).toContain('title="A &quot;quoted&quot; &lt;page> &amp; co"');
    expect(first).toContain('source="https://example.test/a?b=1&amp;c=2"');
    expect(first).toContain('kind="file" title="notes.txt"');
  });

  it('a resource text is not a template: its {{x}} is sent as is', () => {
    const built = buildChatMessages(input({ resources: [resource({ text: 'Hello {{user_name}} {{unknown}}' })] }));
    expect(built.messages[1].content).toContain('Hello {{user_name}} {{unknown}}');
    expect(built.missing).toEqual([]);
  });

  it('with no user message in the template, resources become a user message of their own', () => {
    const r = resource();
    const built = buildChatMessages(input({ template: [{ role: 'system', content: 'Sys' }], resources: [r] }));
    expect(built.messages).toEqual([
      { role: 'system', content: 'Sys' },
      { role: 'user', content: formatResources([r]) },
    ]);
  });

  it('appends the conversation literally: model output with {{x}} is not expanded or reported', () => {
    const conversation = [msg('assistant', 'Use {{user_name}} and {{missing_one}} in your template.'), msg('user', 'And {{ audience }}?')];
    const built = buildChatMessages(input({ conversation }));
    expect(built.messages.slice(2)).toEqual([
      { role: 'assistant', content: 'Use {{user_name}} and {{missing_one}} in your template.' },
      { role: 'user', content: 'And {{ audience }}?' },
    ]);
    expect(built.missing).toEqual([]);
  });

  it('skips empty assistant messages (a failed answer with no text) but keeps empty user ones', () => {
    const built = buildChatMessages(input({ conversation: [msg('assistant', ''), msg('user', 'next')] }));
    expect(built.messages.map((m) => m.role)).toEqual(['system', 'user', 'user']);
  });

  it('sends only role and content (no timestamps or metadata)', () => {
    const built = buildChatMessages(input({ conversation: [{ ...msg('assistant', 'x'), taskId: 't', metadata: { partial: 'stopped' } }] }));
    expect(Object.keys(built.messages[2]).sort()).toEqual(['content', 'role']);
  });

  it('does not mutate the template', () => {
    const copy = structuredClone(template);
    buildChatMessages(input({ resources: [resource()] }));
    expect(template).toEqual(copy);
  });
});

describe('buildChatMessages: plain chat (no template)', () => {
  const chat = (over: Partial<BuildInput> = {}) => input({ template: [], applyVariables: false, variables: {}, ...over });

  it('sends the conversation alone, or after the instance system prompt, which is never expanded', () => {
    const conversation = [msg('user', 'Hi {{selection}}')];
    expect(buildChatMessages(chat({ conversation })).messages).toEqual([{ role: 'user', content: 'Hi {{selection}}' }]);
    const withSystem = buildChatMessages(input({ template: instanceTemplate([], '  Be brief, {{user_name}}.  '), conversation }));
    expect(withSystem.messages).toEqual([
      { role: 'system', content: 'Be brief, {{user_name}}.' },
      { role: 'user', content: 'Hi {{selection}}' },
    ]);
    expect(withSystem.missing).toEqual([]);
    // A blank system prompt is none.
    expect(instanceTemplate(template, '   ')).toBe(template);
  });

  it('resources go with the opening user message of the conversation', () => {
    const r = resource({ kind: 'selection', title: 'Bio', text: 'Plants make sugar.' });
    const built = buildChatMessages(chat({ conversation: [msg('user', 'Explain this.'), msg('assistant', 'Sure.'), msg('user', 'More?')], resources: [r] }));
    expect(built.messages).toEqual([
      { role: 'user', content: `Explain this.\n\n${formatResources([r])}` },
      { role: 'assistant', content: 'Sure.' },
      { role: 'user', content: 'More?' },
    ]);
  });

  it('a template without a user message keeps its resources in their own message before an answered conversation', () => {
    const r = resource();
    const built = buildChatMessages(
      input({ template: [{ role: 'system', content: 'Sys' }], resources: [r], conversation: [msg('assistant', 'A'), msg('user', 'Q')] }),
    );
    expect(built.messages).toEqual([
      { role: 'system', content: 'Sys' },
      { role: 'user', content: formatResources([r]) },
      { role: 'assistant', content: 'A' },
      { role: 'user', content: 'Q' },
    ]);
  });
});
