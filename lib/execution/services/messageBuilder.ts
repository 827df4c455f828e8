import type { ChatMessage } from '../../llm/chatModel';
import type { ConversationMessage, Resource, TemplateMessage } from '../../types';
import { resolveTemplate } from './variableResolver';

export interface BuildInput {
  template: readonly (TemplateMessage & { literal?: boolean })[];
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

/**
 * The template an instance sends: its own system prompt (plain chat's, optional) first, then the
 * prompt's messages. The system prompt is user text: it is never variable-expanded.
 */
export function instanceTemplate(promptMessages: readonly TemplateMessage[], systemPrompt: string | undefined): BuildInput['template'] {
  const system = systemPrompt?.trim();
  return system ? [{ role: 'system', content: system, literal: true }, ...promptMessages] : promptMessages;
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
 * model output and chat input are never treated as templates. Resources go with the template's
 * first user message; in a template without one (plain chat) they go with the conversation's
 * opening user message, else they are a user message of their own right after the template.
 */
export function buildChatMessages(input: BuildInput): BuiltMessages {
  const missing = new Set<string>();
  const messages: ChatMessage[] = input.template.map((message) => {
    if (!input.applyVariables || message.literal) return { role: message.role, content: message.content };
    const resolved = resolveTemplate(message.content, input.variables);
    resolved.missing.forEach((name) => missing.add(name));
    return { role: message.role, content: resolved.text };
  });

  for (const message of input.conversation) {
    if (message.role === 'assistant' && message.content === '') continue;
    messages.push({ role: message.role, content: message.content });
  }

  if (input.resources.length > 0) {
    const block = formatResources(input.resources);
    const end = input.template.length;
    const templateUser = messages.slice(0, end).findIndex((m) => m.role === 'user');
    const target = templateUser >= 0 ? templateUser : messages[end]?.role === 'user' ? end : -1;
    if (target >= 0) messages[target] = { ...messages[target], content: `${messages[target].content}\n\n${block}` };
    else messages.splice(end, 0, { role: 'user', content: block });
  }
  return { messages, missing: [...missing] };
}
