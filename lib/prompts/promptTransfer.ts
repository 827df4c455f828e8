import { z } from 'zod';
import { promptInput } from '../commands/commandSchemas';
import type { Prompt } from '../types';

// Import and export of the prompt library as JSON. Prompts hold no keys; providers are not exported.

const PROMPT_EXPORT_FORMAT = 'flowbar.prompts';

const exportFile = z.object({
  format: z.literal(PROMPT_EXPORT_FORMAT),
  version: z.literal(1),
  prompts: z.array(promptInput).max(10_000),
});

export function exportPrompts(prompts: Prompt[]): string {
  const entries = prompts.map(({ id, name, description, messages, settings, executionConfig }) => ({
    id,
    name,
    description,
    messages,
    settings,
    executionConfig,
  }));
  return JSON.stringify({ format: PROMPT_EXPORT_FORMAT, version: 1, prompts: entries }, null, 2);
}

/** Parses an export file; throws an Error whose message says what is wrong with it. */
export function parsePromptImport(json: string): z.output<typeof promptInput>[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new Error('This file is not JSON.');
  }
  const parsed = exportFile.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`This is not a Flowbar prompt export: ${issue.path.join('.') || 'file'}: ${issue.message}`);
  }
  return parsed.data.prompts;
}
