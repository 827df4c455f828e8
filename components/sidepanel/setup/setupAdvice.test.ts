import { describe, expect, it } from 'vitest';
import type { ProviderCheckResult } from '@/lib/setup/providerCheck';
import { OLLAMA_ORIGINS_COMMAND, setupAdvice } from './setupAdvice';

type Failed = Extract<ProviderCheckResult, { status: 'failed' }>;
const failed = (over: Partial<Failed>): Failed => ({
  status: 'failed',
  providerId: 'ollama',
  providerName: 'Ollama (local)',
  baseURL: 'http://localhost:11434/v1',
  hasKey: false,
  kind: 'network',
  message: 'Could not reach it.',
  checkedAt: 0,
  ...over,
});

describe('the setup card wording', () => {
  it('says Ollama is not running at the host of its base URL, and offers a preset and the options', () => {
    const advice = setupAdvice(failed({ baseURL: 'http://127.0.0.1:9/v1' }))!;
    expect(advice.headline).toBe("Ollama isn't running at 127.0.0.1:9: start it, or add a provider (OpenAI, OpenRouter, Groq…).");
    expect(advice.links.map((l) => l.hash)).toEqual(['#providers/new?preset=openai&default=1', '#providers/new?default=1', '#providers/edit?id=ollama']);
    expect(setupAdvice(failed({ kind: 'timeout' }))!.headline).toMatch(/^Ollama isn't answering at localhost:11434:/);
  });

  it('adapts to other providers: a local one by its name, a remote one by its host', () => {
    expect(setupAdvice(failed({ providerName: 'LM Studio', baseURL: 'http://localhost:1234/v1' }))!.headline).toMatch(
      /^LM Studio isn't running at localhost:1234: start it/,
    );
    const remote = setupAdvice(failed({ providerId: 'oa', providerName: 'OpenAI', baseURL: 'https://api.openai.com/v1' }))!;
    expect(remote.headline).toMatch(/^Can't reach OpenAI at api\.openai\.com: check your connection/);
    expect(remote.links[0]).toEqual({ label: 'Edit OpenAI', hash: '#providers/edit?id=oa' });
  });

  it('tells a refused key from a missing one and leads to the provider form', () => {
    const refused = setupAdvice(failed({ kind: 'auth', hasKey: true, providerName: 'Groq', providerId: 'g', baseURL: 'https://api.groq.com/openai/v1' }))!;
    expect(refused.headline).toBe("Groq refused the API key: fix it in the provider's settings.");
    expect(refused.links[0]).toEqual({ label: 'Fix the key', hash: '#providers/edit?id=g' });
    expect(setupAdvice(failed({ kind: 'auth', hasKey: false, providerName: 'Groq', baseURL: 'https://api.groq.com/openai/v1' }))!.headline).toMatch(
      /^Groq needs an API key/,
    );
  });

  it('shows the OLLAMA_ORIGINS fix for a 403 from a local provider', () => {
    const advice = setupAdvice(
      failed({ kind: 'origin-refused', message: 'Ollama (local) refused the request from the extension (403). Start Ollama with OLLAMA_ORIGINS=…' }),
    )!;
    expect(advice.headline).toMatch(/refused Flowbar's request \(403\)/);
    expect(advice.fix?.command).toBe(OLLAMA_ORIGINS_COMMAND);
  });

  it('has nothing to say when the provider answers, and offers presets when there is no provider', () => {
    expect(setupAdvice({ status: 'ok', providerId: 'x', providerName: 'X', baseURL: 'http://x', checkedAt: 0 })).toBeNull();
    expect(setupAdvice({ status: 'no-provider', checkedAt: 0 })!.headline).toMatch(/^No provider is set up/);
  });
});
