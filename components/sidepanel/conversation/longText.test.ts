import { describe, expect, it } from 'vitest';
import { LONG_MESSAGE_CHARS, PREVIEW_CHARS, previewOf } from './longText';

describe('previewOf', () => {
  it('a short message is shown whole', () => {
    const text = 'word '.repeat(LONG_MESSAGE_CHARS / 5);
    expect(text.length).toBe(LONG_MESSAGE_CHARS);
    expect(previewOf(text)).toBe(text);
  });

  it('a long one by its beginning, cut at a line end, else at a space, else at the limit', () => {
    const lines = Array.from({ length: 200 }, (_v, i) => `Line ${i} of the selected text.`).join('\n');
    const byLine = previewOf(lines);
    expect(lines.startsWith(byLine)).toBe(true);
    expect(lines[byLine.length]).toBe('\n');
    expect(byLine.length).toBeLessThanOrEqual(PREVIEW_CHARS);
    expect(byLine.length).toBeGreaterThan(PREVIEW_CHARS / 2);

    const words = 'otter '.repeat(1000);
    const byWord = previewOf(words);
    expect(words[byWord.length]).toBe(' ');
    expect(byWord.endsWith('otter')).toBe(true);

    const cjk = '这是一个很长的句子'.repeat(500);
    expect(previewOf(cjk)).toBe(cjk.slice(0, PREVIEW_CHARS));
  });
});
