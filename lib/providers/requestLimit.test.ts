import { describe, expect, it } from 'vitest';
import { DEFAULT_REQUESTS_PER_PROVIDER, providerQueueKey } from '../llm/requestQueue';
import { requestLimitAt, requestLimitProblem } from './requestLimit';

const origin = providerQueueKey('http://localhost:11434/v1');

describe('requestLimitAt', () => {
  it('is the provider’s own setting at its origin, the default for a provider saved without one', () => {
    expect(requestLimitAt([{ baseURL: 'http://localhost:11434/v1', maxConcurrentRequests: 2 }], origin)).toBe(2);
    expect(requestLimitAt([{ baseURL: 'http://localhost:11434/v1' }], origin)).toBe(DEFAULT_REQUESTS_PER_PROVIDER);
  });

  it('two providers on one origin share its connections: the smallest limit counts; other origins do not', () => {
    const providers = [
      { baseURL: 'http://localhost:11434/v1', maxConcurrentRequests: 5 },
      { baseURL: 'http://localhost:11434/api', maxConcurrentRequests: 3 },
      { baseURL: 'http://localhost:1234/v1', maxConcurrentRequests: 1 },
    ];
    expect(requestLimitAt(providers, origin)).toBe(3);
    expect(requestLimitAt(providers, providerQueueKey('http://localhost:1234/v1'))).toBe(1);
    // one of them without the setting brings in the default
    expect(requestLimitAt([...providers, { baseURL: 'http://localhost:11434/x' }], origin)).toBe(3);
    expect(requestLimitAt([{ baseURL: 'http://localhost:11434/v1', maxConcurrentRequests: 6 }, { baseURL: 'http://localhost:11434/x' }], origin)).toBe(
      DEFAULT_REQUESTS_PER_PROVIDER,
    );
  });

  it('an origin no saved provider uses (a probe of an unsaved address) gets the default', () => {
    expect(requestLimitAt([{ baseURL: 'http://localhost:11434/v1', maxConcurrentRequests: 1 }], 'https://other.test')).toBe(DEFAULT_REQUESTS_PER_PROVIDER);
  });
});

describe('requestLimitProblem', () => {
  it('accepts empty (the default) and whole numbers from 1 to 6', () => {
    for (const text of ['', '  ', '1', '4', ' 6 ']) expect(requestLimitProblem(text)).toBeNull();
  });
  it('refuses anything else with the range and the reason', () => {
    for (const text of ['0', '7', '-1', '2.5', '1e1', 'four', '0x3'])
      expect(requestLimitProblem(text)).toMatch(/^Enter a whole number from 1 to 6.*at most 6 connections/);
  });
});
