import { describe, expect, it } from 'vitest';
import { isLocalURL } from '../llm/providerError';
import { localOriginRules } from './localOriginRules';

const EXT = 'abcdefghijklmnopabcdefghijklmnop';

describe('isLocalURL (which providers get the rule)', () => {
  it('is true for loopback hosts only', () => {
    for (const url of [
      'http://localhost:11434/v1',
      'http://LOCALHOST/v1',
      'http://127.0.0.1:8080/v1',
      'http://[::1]:11434/v1',
      'https://localhost/v1',
      'http://127.0.0.2:1234/v1',
    ]) {
      expect(isLocalURL(url), url).toBe(true);
    }
    for (const url of [
      'https://api.openai.com/v1',
      'http://localhost.evil.test/v1',
      'http://127.0.0.1.nip.io/v1',
      'http://192.168.1.10:11434/v1',
      'http://evil.test/?u=http://localhost',
      'http://localhost@evil.test/v1',
      'not a url',
      '',
    ]) {
      expect(isLocalURL(url), url).toBe(false);
    }
  });
});

describe('localOriginRules', () => {
  it('one rule per local origin: removes the Origin header of the extension’s own XHR/fetch to it', () => {
    const rules = localOriginRules(
      [
        { baseURL: 'http://localhost:11434/v1' },
        { baseURL: 'https://api.openai.com/v1' },
        { baseURL: 'http://localhost:11434/api' }, // same origin: no second rule
        { baseURL: 'http://127.0.0.1:1234/v1' },
        { baseURL: 'http://[::1]:8000/v1' },
        { baseURL: 'https://openrouter.ai/api/v1' },
      ],
      EXT,
    );
    expect(rules.map((r) => r.condition.urlFilter)).toEqual(['|http://localhost:11434/', '|http://127.0.0.1:1234/', '|http://[::1]:8000/']);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const rule of rules) {
      expect(rule.action.type).toBe('modifyHeaders');
      expect(rule.action.requestHeaders).toEqual([{ header: 'origin', operation: 'remove' }]);
      expect(rule.action.responseHeaders).toBeUndefined();
      expect(rule.condition.initiatorDomains).toEqual([EXT]);
      expect(rule.condition.resourceTypes).toEqual(['xmlhttprequest']);
      expect(rule.condition.requestDomains).toBeUndefined();
    }
  });

  it('no local provider, no rule', () => {
    expect(localOriginRules([{ baseURL: 'https://api.groq.com/openai/v1' }, { baseURL: 'junk' }], EXT)).toEqual([]);
    expect(localOriginRules([], EXT)).toEqual([]);
  });

  it('a filter anchors at the origin: it does not match a longer host or another port', () => {
    const [rule] = localOriginRules([{ baseURL: 'http://localhost:11434/v1' }], EXT);
    const filter = rule.condition.urlFilter!;
    // urlFilter "|" anchors the start; the rest is a plain substring match
    const matches = (url: string) => url.startsWith(filter.slice(1));
    expect(matches('http://localhost:11434/v1/chat/completions')).toBe(true);
    expect(matches('http://localhost:114345/v1')).toBe(false);
    expect(matches('http://localhost:11434.evil.test/v1')).toBe(false);
  });
});
