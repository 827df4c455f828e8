// Checks the shape-based mapping against the openai SDK's real error classes (only tests import the SDK here).
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { describe, expect, it } from 'vitest';
import { isLocalURL, ProviderError, retryAfter, toProviderError } from './providerError';

const openai = { providerName: 'OpenAI', baseURL: 'https://api.openai.com/v1', apiKey: 'sk-test-123456' };
const ollama = { providerName: 'Ollama', baseURL: 'http://localhost:11434/v1' };

function httpError(status: number, body: object | undefined, headers: Record<string, string> = {}, text?: string) {
  return APIError.generate(status, body, text, new Headers(headers));
}

function connectionError(code: string) {
  const socketError = Object.assign(new Error(`connect ${code} 127.0.0.1:11434`), { code });
  return new APIConnectionError({ cause: new TypeError('fetch failed', { cause: socketError }) });
}

describe('toProviderError: HTTP statuses', () => {
  it('401 → auth, pointing at the options page', () => {
    const err = toProviderError(httpError(401, { error: { message: 'Incorrect API key provided' } }), openai);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.kind).toBe('auth');
    expect(err.status).toBe(401);
    expect(err.message).toBe('The key for OpenAI was refused (401). Check it in Options → Providers.');
  });

  it('401 without a key asks for one', () => {
    const err = toProviderError(httpError(401, undefined), { ...openai, apiKey: '' });
    expect(err.message).toBe('OpenAI needs an API key (401). Add it in Options → Providers.');
  });

  it('429 → rate-limit with Retry-After parsed', () => {
    const err = toProviderError(httpError(429, { error: { message: 'Rate limit reached', code: 'rate_limit_exceeded' } }, { 'retry-after': '20' }), openai);
    expect(err.kind).toBe('rate-limit');
    expect(err.retryAfterSeconds).toBe(20);
    expect(err.message).toBe('OpenAI is rate limiting requests (429). Try again in 20 s.');
  });

  it('429 insufficient_quota says waiting will not help', () => {
    const err = toProviderError(httpError(429, { error: { message: 'You exceeded your current quota', code: 'insufficient_quota' } }), openai);
    expect(err.kind).toBe('rate-limit');
    expect(err.message).toMatch(/out of quota .*billing/);
  });

  it('403 on a local base URL with an empty body → origin-refused', () => {
    const err = toProviderError(httpError(403, undefined, {}, ''), ollama);
    expect(err.kind).toBe('origin-refused');
    expect(err.message).toBe(
      'Ollama refused the request from the extension (403). Start Ollama with ' +
        'OLLAMA_ORIGINS=chrome-extension://*,moz-extension://* (Flowbar also strips the Origin header for local providers).',
    );
  });

  it('403 on a remote URL whose body mentions the origin → origin-refused', () => {
    const err = toProviderError(httpError(403, undefined, {}, 'origin not allowed'), {
      providerName: 'Home server',
      baseURL: 'http://192.168.1.20:8080/v1',
    });
    expect(err.kind).toBe('origin-refused');
    expect(err.message).toMatch(/^Home server refused the request from the extension \(403\)\. If it is Ollama/);
  });

  it('403 from a cloud provider with a JSON body → forbidden', () => {
    const err = toProviderError(httpError(403, { error: { message: 'Project does not have access to model gpt-5' } }), openai);
    expect(err.kind).toBe('forbidden');
    expect(err.message).toBe('OpenAI refused access (403): Project does not have access to model gpt-5. The key may not have access to this model.');
  });

  it.each([
    [400, 'bad-request'],
    [404, 'not-found'],
    [408, 'timeout'],
    [422, 'bad-request'],
    [500, 'server'],
    [502, 'server'],
    [503, 'server'],
  ] as const)('%i → %s', (status, kind) => {
    const err = toProviderError(httpError(status, { error: { message: 'details here' } }), openai);
    expect(err.kind).toBe(kind);
    expect(err.status).toBe(status);
  });

  it('404 names the model and the base URL', () => {
    const err = toProviderError(httpError(404, { error: { message: 'model "llama9" not found' } }), {
      ...ollama,
      model: 'llama9',
    });
    expect(err.message).toBe(
      'Ollama does not know the model "llama9" or the base URL http://localhost:11434/v1 (404): model "llama9" not found. ' +
        'Check them in Options → Providers.',
    );
  });

  it('uses a plain-text error body as the detail', () => {
    const err = toProviderError(httpError(500, undefined, {}, 'upstream exploded'), openai);
    expect(err.message).toBe('OpenAI had a server error (500): upstream exploded. Try again later.');
  });
});

describe('toProviderError: connection, abort, stream', () => {
  it('connection refused → network with a hint', () => {
    const err = toProviderError(connectionError('ECONNREFUSED'), ollama);
    expect(err.kind).toBe('network');
    expect(err.message).toBe('Could not reach Ollama at http://localhost:11434/v1: connection refused. Is it running?');
  });

  it('a browser "Failed to fetch" TypeError → network', () => {
    const err = toProviderError(new TypeError('Failed to fetch'), ollama);
    expect(err.kind).toBe('network');
    expect(err.message).toMatch(/^Could not reach Ollama at http:\/\/localhost:11434\/v1: the connection failed\./);
  });

  it('APIConnectionTimeoutError → timeout', () => {
    const err = toProviderError(new APIConnectionTimeoutError(), { ...openai, timeoutMs: 30_000 });
    expect(err.kind).toBe('timeout');
    expect(err.message).toBe('OpenAI did not finish answering within 30 s. Try again, or pick a faster model.');
  });

  it('APIUserAbortError and DOM AbortError → aborted', () => {
    expect(toProviderError(new APIUserAbortError(), openai).kind).toBe('aborted');
    expect(toProviderError(new DOMException('The operation was aborted.', 'AbortError'), openai).kind).toBe('aborted');
  });

  it('an error object inside a 200 stream → stream-error with the provider message', () => {
    // This is exactly what the SDK throws for `data: {"error": {...}}`.
    const sdkError = new APIError(undefined, { message: 'Upstream overloaded', code: 502 }, undefined, new Headers());
    const err = toProviderError(sdkError, { ...openai, streaming: true });
    expect(err.kind).toBe('stream-error');
    expect(err.message).toBe('OpenAI reported an error mid-answer: Upstream overloaded');
  });

  it('a socket error after the response started → stream-error "broke off"', () => {
    const socketError = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
    const err = toProviderError(new TypeError('terminated', { cause: socketError }), { ...ollama, streaming: true });
    expect(err.kind).toBe('stream-error');
    expect(err.message).toBe('The stream from Ollama broke off: the connection was closed');
  });

  it('passes a ProviderError through unchanged', () => {
    const original = new ProviderError({ kind: 'server', providerName: 'X', message: 'm' });
    expect(toProviderError(original, openai)).toBe(original);
  });
});

describe('secrets', () => {
  it('never includes the API key, even when the provider echoes it back', () => {
    const key = 'sk-live-SECRET-0123456789';
    const ctx = { providerName: 'OpenAI', baseURL: 'https://user:pw@api.example.com/v1?key=' + key, apiKey: key };
    const inputs: unknown[] = [
      httpError(401, { error: { message: `Incorrect API key provided: ${key}` } }),
      httpError(400, { error: { message: `bad key ${key}` } }),
      httpError(403, { error: { message: `key ${key} lacks access` } }),
      httpError(500, undefined, {}, `crash with ${key}`),
      new APIError(undefined, { message: `mid-stream ${key}` }, undefined, new Headers()),
      new TypeError(`fetch failed for ${key}`),
      connectionError('ENOTFOUND'),
    ];
    for (const input of inputs) {
      const err = toProviderError(input, ctx);
      expect(err.message).not.toContain(key);
      expect(JSON.stringify(err)).not.toContain(key);
      expect(String(err)).not.toContain(key);
      expect(err.message).not.toContain('pw@');
    }
  });
});

describe('helpers', () => {
  it('retryAfter reads seconds, milliseconds, and HTTP dates', () => {
    expect(retryAfter(new Headers({ 'retry-after': '2' }))).toBe(2);
    expect(retryAfter(new Headers({ 'retry-after-ms': '1500' }))).toBe(2);
    expect(retryAfter({ 'Retry-After': '7' })).toBe(7);
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    expect(retryAfter(new Headers({ 'retry-after': inTenSeconds }))).toBeGreaterThanOrEqual(9);
    expect(retryAfter(new Headers())).toBeUndefined();
    expect(retryAfter(undefined)).toBeUndefined();
  });

  it('isLocalURL recognises loopback hosts only', () => {
    expect(isLocalURL('http://localhost:11434/v1')).toBe(true);
    expect(isLocalURL('http://127.0.0.1:1234/v1')).toBe(true);
    expect(isLocalURL('http://[::1]:11434/v1')).toBe(true);
    expect(isLocalURL('https://api.openai.com/v1')).toBe(false);
    expect(isLocalURL('not a url')).toBe(false);
  });

  it('toJSON keeps the message for logs and stores', () => {
    const err = new ProviderError({ kind: 'rate-limit', providerName: 'Groq', message: 'slow down', status: 429 });
    expect(JSON.parse(JSON.stringify(err))).toMatchObject({ name: 'ProviderError', kind: 'rate-limit', message: 'slow down', status: 429 });
  });
});
