import { describe, expect, it } from 'vitest';
import { keyWouldTravelInClearText } from './clearTextKey';
import { hostOf, keyBelongsTo } from './keyOrigin';
import { providerLabel } from './providerLabel';

describe('keyBelongsTo: a key goes only to the origin it was saved with', () => {
  it('allows another path on the same scheme, host and port', () => {
    expect(keyBelongsTo('https://api.example.com/v1', 'https://api.example.com/v2/')).toBe(true);
    expect(keyBelongsTo('https://API.example.com/v1', 'https://api.example.com:443/v1')).toBe(true);
  });
  it('refuses another host, port or scheme, and anything that is not a URL', () => {
    expect(keyBelongsTo('https://api.example.com/v1', 'https://api.example.com.evil.test/v1')).toBe(false);
    expect(keyBelongsTo('http://127.0.0.1:11434/v1', 'http://localhost:11434/v1')).toBe(false);
    expect(keyBelongsTo('http://127.0.0.1:11434/v1', 'http://127.0.0.1:11435/v1')).toBe(false);
    expect(keyBelongsTo('https://api.example.com/v1', 'http://api.example.com/v1')).toBe(false);
    expect(keyBelongsTo('https://api.example.com/v1', 'not a url')).toBe(false);
    expect(keyBelongsTo('not a url', 'not a url')).toBe(false);
  });
});

describe('keyWouldTravelInClearText', () => {
  it('is true for plain http:// to another machine only', () => {
    expect(keyWouldTravelInClearText('http://192.168.1.20:8080/v1')).toBe(true);
    expect(keyWouldTravelInClearText('http://models.example.com/v1')).toBe(true);
    for (const safe of [
      'https://models.example.com/v1',
      'http://localhost:11434/v1',
      'http://127.0.0.1:1234/v1',
      'http://[::1]:8080/v1',
      'http://ollama.localhost/v1',
      'nonsense',
    ]) {
      expect(keyWouldTravelInClearText(safe), safe).toBe(false);
    }
  });
});

describe('names in messages', () => {
  it('uses the name, else the host of the base URL', () => {
    expect(providerLabel(' Groq ', 'https://api.groq.com/openai/v1')).toBe('Groq');
    expect(providerLabel('', 'https://api.groq.com/openai/v1')).toBe('api.groq.com');
    expect(providerLabel(undefined, 'http://127.0.0.1:11434/v1')).toBe('127.0.0.1:11434');
    expect(hostOf('not a url ')).toBe('not a url');
  });
});
