/** Well-known OpenAI-compatible endpoints, to fill the provider form quickly. */
export interface ProviderPreset {
  label: string;
  name: string;
  baseURL: string;
  defaultModel: string;
}

export const PROVIDER_PRESETS: readonly ProviderPreset[] = [
  { label: 'OpenAI', name: 'OpenAI', baseURL: 'https://api.openai.com/v1', defaultModel: 'gpt-4o-mini' },
  { label: 'Ollama', name: 'Ollama (local)', baseURL: 'http://localhost:11434/v1', defaultModel: 'llama3.2' },
  { label: 'OpenRouter', name: 'OpenRouter', baseURL: 'https://openrouter.ai/api/v1', defaultModel: 'openai/gpt-4o-mini' },
  { label: 'Groq', name: 'Groq', baseURL: 'https://api.groq.com/openai/v1', defaultModel: 'llama-3.3-70b-versatile' },
  { label: 'DeepSeek', name: 'DeepSeek', baseURL: 'https://api.deepseek.com/v1', defaultModel: 'deepseek-chat' },
  { label: 'LM Studio', name: 'LM Studio (local)', baseURL: 'http://localhost:1234/v1', defaultModel: '' },
];
