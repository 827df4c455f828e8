import { DEFAULT_PRICES } from '../llm/costEstimator';
import type { ExecutionConfig, Prompt } from '../types';
import type { ProviderRow, ScopedVariableRow } from '../db/database';

// What a new user gets: a local Ollama as the provider, a few everyday prompts, and the prices
// of well-known models.

export const DEFAULT_PROVIDER: ProviderRow = {
  id: 'ollama',
  name: 'Ollama (local)',
  baseURL: 'http://localhost:11434/v1',
  defaultModel: 'llama3.2',
  createdAt: 0,
};

const RUN_ON_SELECTION: ExecutionConfig = {
  auto_run: true,
  allow_chat: true,
  show_variables: true,
  apply_variables: true,
  track_in_runs: true,
};

function builtIn(id: string, name: string, description: string, instruction: string): Prompt {
  return {
    id,
    name,
    description,
    messages: [
      { role: 'system', content: 'You are a helpful assistant inside a browser. Answer in Markdown, concisely.' },
      { role: 'user', content: `${instruction}\n\n{{selection}}` },
    ],
    settings: { providerId: null, model: '', temperature: 0.3 },
    executionConfig: RUN_ON_SELECTION,
    builtIn: true,
    createdAt: 0,
    updatedAt: 0,
  };
}

export const BUILT_IN_PROMPTS: Prompt[] = [
  builtIn('summarize', 'Summarize', 'A few bullet points on the selection', 'Summarize this text in a few bullet points:'),
  builtIn('explain', 'Explain', 'Explain the selection simply', 'Explain this simply, as to a curious newcomer:'),
  builtIn('translate', 'Translate', 'Translate into {{language}}', 'Translate this text into {{language}}. Reply with the translation only:'),
  builtIn('fix-grammar', 'Fix grammar', 'Correct grammar and spelling', 'Fix the grammar and spelling of this text. Keep its meaning and tone; reply with the corrected text only:'),
];

export const DEFAULT_SCOPED_VARIABLES: ScopedVariableRow[] = [{ id: 'user:language', scope: 'user', name: 'language', value: 'English' }];

export { DEFAULT_PRICES };
