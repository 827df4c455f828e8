import type { CommandInput } from '@/lib/commands/commandSchemas';
import type { ChatRole, ExecutionConfig, Prompt } from '@/lib/types';

/** A message being edited; `key` keeps React's identity while messages move. */
export interface MessageDraft {
  key: number;
  role: ChatRole;
  content: string;
}

/** The prompt editor's fields, as typed (numbers stay text until saved). */
export interface PromptDraft {
  name: string;
  description: string;
  messages: MessageDraft[];
  /** '' = the default provider */
  providerId: string;
  model: string;
  temperature: string;
  maxTokens: string;
  executionConfig: ExecutionConfig;
}

let nextKey = 1;
export function newMessage(role: ChatRole, content = ''): MessageDraft {
  return { key: nextKey++, role, content };
}

const DEFAULT_EXECUTION_CONFIG: ExecutionConfig = {
  auto_run: true,
  allow_chat: true,
  show_variables: true,
  apply_variables: true,
  track_in_runs: true,
};

export function draftFromPrompt(prompt: Prompt | undefined): PromptDraft {
  if (!prompt) {
    return {
      name: '',
      description: '',
      messages: [newMessage('system', 'You are a helpful assistant. Answer in Markdown, concisely.'), newMessage('user', '{{selection}}')],
      providerId: '',
      model: '',
      temperature: '',
      maxTokens: '',
      executionConfig: { ...DEFAULT_EXECUTION_CONFIG },
    };
  }
  return {
    name: prompt.name,
    description: prompt.description ?? '',
    messages: prompt.messages.map((m) => newMessage(m.role, m.content)),
    providerId: prompt.settings.providerId ?? '',
    model: prompt.settings.model,
    temperature: prompt.settings.temperature === undefined ? '' : String(prompt.settings.temperature),
    maxTokens: prompt.settings.maxTokens === undefined ? '' : String(prompt.settings.maxTokens),
    executionConfig: { ...DEFAULT_EXECUTION_CONFIG, ...prompt.executionConfig },
  };
}

export interface DraftProblems {
  name?: string;
  temperature?: string;
  maxTokens?: string;
}

export function draftProblems(draft: PromptDraft): DraftProblems {
  const problems: DraftProblems = {};
  if (!draft.name.trim()) problems.name = 'Enter a name for the prompt.';
  if (draft.temperature.trim() !== '') {
    const t = Number(draft.temperature);
    if (!Number.isFinite(t) || t < 0 || t > 2) problems.temperature = 'The temperature is a number from 0 to 2, or empty for the provider’s default.';
  }
  if (draft.maxTokens.trim() !== '') {
    const n = Number(draft.maxTokens);
    if (!Number.isInteger(n) || n <= 0 || n > 1_000_000) problems.maxTokens = 'Max tokens is a whole number from 1 to 1,000,000, or empty for no limit.';
  }
  return problems;
}

/** The save command's payload; call once draftProblems() found nothing. */
export function draftToInput(draft: PromptDraft, id: string | null): CommandInput<'cmd/prompts/save'> {
  return {
    id: id ?? undefined,
    name: draft.name.trim(),
    description: draft.description.trim() || undefined,
    messages: draft.messages.map(({ role, content }) => ({ role, content })),
    settings: {
      providerId: draft.providerId || null,
      model: draft.model.trim(),
      temperature: draft.temperature.trim() === '' ? undefined : Number(draft.temperature),
      maxTokens: draft.maxTokens.trim() === '' ? undefined : Number(draft.maxTokens),
    },
    executionConfig: draft.executionConfig,
  };
}

/** Compares drafts by what would be saved (message keys aside). */
export function sameDraft(a: PromptDraft, b: PromptDraft): boolean {
  const strip = (d: PromptDraft) => JSON.stringify({ ...d, messages: d.messages.map(({ role, content }) => ({ role, content })) });
  return strip(a) === strip(b);
}
