import type { ConversationMessage, ExecutionInstance, TemplateMessage } from '../../types';
import { findVariables, mergeVariables } from '../services/variableResolver';
import { activePath } from './conversationTree';

// Conversations as files: Markdown (the conversation as it reads: its active path) and JSON (the
// whole tree, every version and branch). Pure: the command gathers the data, the page saves the file.
// What goes in is listed field by field: nothing of a provider but its name, never a key.

/** What an export needs beside the instance. */
export interface ExportContext {
  /** the prompt's name and template, when it still exists */
  prompt?: { name: string; messages: readonly TemplateMessage[] };
  /** the provider's display name */
  providerName?: string;
  /** when the export was made (ISO) */
  exportedAt: string;
}

export const CONVERSATION_EXPORT_FORMAT = 'flowbar-conversations';
export const CONVERSATION_EXPORT_VERSION = 1;

/** The values of the variables the template uses, as the conversation ran with them. */
export function variablesUsed(instance: ExecutionInstance, template: readonly TemplateMessage[] | undefined): Record<string, string> {
  if (!template || !instance.executionConfig.apply_variables) return {};
  const values = mergeVariables(instance.variables);
  const used: Record<string, string> = {};
  for (const name of findVariables(template.map((m) => m.content))) if (values[name] !== undefined) used[name] = values[name];
  return used;
}

function modelOf(instance: ExecutionInstance): string {
  return instance.execution.lastMessageStats?.model || instance.settings.model || 'the provider’s default model';
}

const ROLE_HEADING: Record<ConversationMessage['role'], string> = { user: 'You', assistant: 'Answer', system: 'System' };
const PARTIAL_NOTE = { stopped: 'stopped before the end', error: 'the answer failed here', interrupted: 'interrupted' } as const;

/** A value on one Markdown line: line breaks shown as spaces, long values cut. */
function inline(value: string, max = 300): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}… (${value.length} characters)` : flat;
}

/** A fence longer than any run of backticks in the text, so the text cannot close it. */
function fenced(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

/** One conversation as Markdown: a header (prompt, variables used, model, stats), then its messages as they read. */
export function conversationToMarkdown(instance: ExecutionInstance, context: ExportContext): string {
  const lines: string[] = [`# ${inline(instance.title, 200)}`, ''];
  lines.push(`- **Prompt:** ${inline(context.prompt?.name ?? '(deleted prompt)', 200)}`);
  lines.push(`- **Model:** ${inline(modelOf(instance), 200)}${context.providerName ? ` (${inline(context.providerName, 100)})` : ''}`);
  const stats = instance.execution.lastMessageStats;
  const totals = [`${instance.runTracking.totalTokens} tokens`];
  if (instance.runTracking.totalCost > 0) totals.push(`$${instance.runTracking.totalCost.toFixed(4)}`);
  if (stats?.timeToFirstToken !== undefined) totals.push(`last answer: first token ${stats.timeToFirstToken} ms`);
  if (stats?.totalTime !== undefined) totals.push(`${stats.totalTime} ms in all`);
  lines.push(`- **Stats:** ${totals.join(' · ')}`);
  lines.push(`- **Started:** ${new Date(instance.createdAt).toISOString()} · **Exported:** ${context.exportedAt}`);
  const variables = Object.entries(variablesUsed(instance, context.prompt?.messages));
  if (variables.length > 0) {
    lines.push('- **Variables used:**');
    for (const [name, value] of variables) lines.push(`  - \`${name}\`: ${inline(value)}`);
  }
  const resources = instance.conversation.resources;
  if (resources.length > 0) lines.push(`- **Attached:** ${resources.map((r) => `${inline(r.title, 100)} (${r.kind}, ${r.size} characters)`).join('; ')}`);
  for (const message of activePath(instance.conversation)) {
    lines.push('', `## ${ROLE_HEADING[message.role]}`, '');
    // The user's words are plain text (kept literally in a fence); the model's answer is Markdown already.
    lines.push(message.role === 'assistant' ? message.content : fenced(message.content));
    const partial = message.metadata?.partial;
    if (partial) lines.push('', `*(${PARTIAL_NOTE[partial]})*`);
  }
  return `${lines.join('\n')}\n`;
}

/** Several conversations in one Markdown file, each under its own heading. */
export function conversationsToMarkdown(items: ReadonlyArray<{ instance: ExecutionInstance; context: ExportContext }>): string {
  return items.map(({ instance, context }) => conversationToMarkdown(instance, context)).join('\n---\n\n');
}

/** One conversation as plain data: the whole tree (every version, every branch) and what it ran with. */
export function conversationToJsonData(instance: ExecutionInstance, context: ExportContext) {
  return {
    instanceId: instance.instanceId,
    title: instance.title,
    prompt: { id: instance.promptId, name: context.prompt?.name ?? null },
    model: modelOf(instance),
    provider: context.providerName ?? null,
    variablesUsed: variablesUsed(instance, context.prompt?.messages),
    stats: { totalTokens: instance.runTracking.totalTokens, totalCost: instance.runTracking.totalCost, lastMessage: instance.execution.lastMessageStats },
    status: instance.status,
    createdAt: new Date(instance.createdAt).toISOString(),
    updatedAt: new Date(instance.updatedAt).toISOString(),
    resources: instance.conversation.resources.map(({ title, kind, source, text }) => ({ title, kind, source, text })),
    messages: instance.conversation.messages.map(({ id, parentId, role, content, timestamp, metadata }) => ({
      id,
      parentId,
      role,
      content,
      timestamp,
      ...(metadata ? { metadata } : {}),
    })),
    selected: instance.conversation.selected,
    /** the ids of the conversation as it reads */
    activePath: activePath(instance.conversation).map((m) => m.id),
  };
}

export function conversationsToJson(items: ReadonlyArray<{ instance: ExecutionInstance; context: ExportContext }>, exportedAt: string): string {
  return JSON.stringify(
    {
      format: CONVERSATION_EXPORT_FORMAT,
      version: CONVERSATION_EXPORT_VERSION,
      exportedAt,
      conversations: items.map(({ instance, context }) => conversationToJsonData(instance, context)),
    },
    null,
    2,
  );
}

/**
 * Takes out every occurrence of a secret (the stored provider keys), should one have been pasted
 * into a message or a variable: an export never carries a key.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) if (secret.length >= 6) result = result.split(secret).join('[key removed]');
  return result;
}

/** "Summarize: The cat…" → "summarize-the-cat"; a file name part. */
export function exportFileName(titles: readonly string[], format: 'markdown' | 'json', date: string): string {
  const slug =
    titles.length === 1
      ? titles[0]
          .toLowerCase()
          .replace(/[^\p{L}\p{N}]+/gu, '-')
          .replace(/^-+|-+$/g, '')
          .slice(0, 60) || 'conversation'
      : `${titles.length}-conversations`;
  return `flowbar-${slug}-${date}.${format === 'markdown' ? 'md' : 'json'}`;
}
