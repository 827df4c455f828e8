import type { ChatMessage } from '../../llm/chatModel';
import type { ConversationMessage, Resource, TemplateMessage } from '../../types';
import { resolveTemplate } from './variableResolver';

export interface BuildInput {
  template: readonly TemplateMessage[];
  conversation: readonly ConversationMessage[];
  resources: readonly Resource[];
  variables: Record<string, string>;
  applyVariables: boolean;
}

export interface BuiltMessages {
  messages: ChatMessage[];
  /** variables the template uses that have no value (empty when applyVariables is off) */
  missing: string[];
}

/** Resources travel with the first user message of the template, each in a tagged block. */
export function formatResources(resources: readonly Resource[]): string {
  return resources
    .map((r) => `<resource kind="${r.kind}" title="${escapeAttribute(r.title)}" source="${escapeAttribute(r.source)}">\n${r.text}\n</resource>`)
    .join('\n\n');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/**
 * Builds what is sent to the model: the template (variables replaced when applyVariables is on),
 * the attached resources, then the conversation so far. Conversation messages are sent literally:
 * model output and chat input are never treated as templates.
 */
export function buildChatMessages(input: BuildInput): BuiltMessages {
  const missing = new Set<string>();
  const messages: ChatMessage[] = input.template.map((message) => {
    if (!input.applyVariables) return { role: message.role, content: message.content };
    const resolved = resolveTemplate(message.content, input.variables);
    resolved.missing.forEach((name) => missing.add(name));
    return { role: message.role, content: resolved.text };
  });

  if (input.resources.length > 0) {
    const block = formatResources(input.resources);
    const firstUser = messages.findIndex((m) => m.role === 'user');
    if (firstUser >= 0) messages[firstUser] = { ...messages[firstUser], content: `${messages[firstUser].content}\n\n${block}` };
    else messages.push({ role: 'user', content: block });
  }

  for (const message of input.conversation) {
    if (message.role === 'assistant' && message.content === '') continue;
    messages.push({ role: message.role, content: message.content });
  }
  return { messages, missing: [...missing] };
}
