// The words an instance is found by in History (runPersistence.searchWordsOf).
import { describe, expect, it } from 'vitest';
import { linearConversation, makeInstance, message } from '../../../tests/unit/helpers/fixtures';
import { searchWordsOf } from './runPersistence';

describe('searchWordsOf', () => {
  it('lower-cased words of 2+ letters or digits, title first, each once, cut at 40 characters', () => {
    const instance = makeInstance({
      title: 'Summarize: Pelicans',
      conversation: linearConversation(message('user', 'Why do PELICANS fly? a b 42'), message('assistant', `Because ${'x'.repeat(50)} they can.`)),
    });
    expect(searchWordsOf(instance)).toEqual(['summarize', 'pelicans', 'why', 'do', 'fly', '42', 'because', 'x'.repeat(40), 'they', 'can']);
  });

  it('keeps the first 400 words of a long answer and stops there (the later messages add none)', () => {
    const long = Array.from({ length: 20_000 }, (_v, i) => `word${i}`).join(' ');
    const instance = makeInstance({ title: 'T1', conversation: linearConversation(message('assistant', long), message('user', 'unseen')) });
    const words = searchWordsOf(instance);
    expect(words).toHaveLength(400);
    expect(words.slice(0, 3)).toEqual(['t1', 'word0', 'word1']);
    expect(words.at(-1)).toBe('word398');
    expect(words).not.toContain('unseen');
  });
});
