/** Well-known OpenAI-compatible endpoints, to fill the provider form quickly. */
export interface ProviderPreset {
  /** names the preset in links: options.html#providers/new?preset=openai */
  id: string;
  label: string;
  name: string;
  baseURL: string;
  defaultModel: string;
}

export const PROVIDER_PRESETS: readonly ProviderPreset[] = [
  { id: 'openai', label: 'OpenAI', name: 'OpenAI', baseURL: 'https://api.openai.com/v1', defaultModel: 'gpt-4o-mini' },
  { id: 'ollama', label: 'Ollama', name: 'Ollama (local)', baseURL: 'http://localhost:11434/v1', defaultModel: 'llama3.2' },
  { id: 'openrouter', label: 'OpenRouter', name: 'OpenRouter', baseURL: 'https://openrouter.ai/api/v1', defaultModel: 'openai/gpt-4o-mini' },
  { id: 'groq', label: 'Groq', name: 'Groq', baseURL: 'https://api.groq.com/openai/v1', defaultModel: 'llama-3.3-70b-versatile' },
  { id: 'deepseek', label: 'DeepSeek', name: 'DeepSeek', baseURL: 'https://api.deepseek.com/v1', defaultModel: 'deepseek-chat' },
  { id: 'lmstudio', label: 'LM Studio', name: 'LM Studio (local)', baseURL: 'http://localhost:1234/v1', defaultModel: '' },
];

export function presetById(id: string | null | undefined): ProviderPreset | undefined {
  return PROVIDER_PRESETS.find((preset) => preset.id === id);
}
