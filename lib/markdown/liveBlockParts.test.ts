import { describe, expect, it } from 'vitest';
import { liveBlockParts } from './liveBlockParts';

const sentence = (i: number) => `Sentence number ${i} says something about otters. `;

describe('liveBlockParts', () => {
  it('a long paragraph is cut at sentence ends into parts that join back to it', () => {
    const raw = Array.from({ length: 200 }, (_v, i) => sentence(i)).join('');
    const parts = liveBlockParts(raw, 500);
    expect(parts.join('')).toBe(raw);
    expect(parts.length).toBeGreaterThan(15);
    for (const part of parts.slice(0, -1)) {
      expect(part.endsWith('.')).toBe(true);
      expect(part.length).toBeGreaterThanOrEqual(500);
      expect(part.length).toBeLessThan(600);
    }
  });

  it('as the paragraph grows, its earlier parts stay the same strings (their DOM is kept)', () => {
    const full = Array.from({ length: 120 }, (_v, i) => sentence(i)).join('');
    let previous: string[] = [];
    for (let length = 100; length <= full.length; length += 37) {
      const parts = liveBlockParts(full.slice(0, length), 400);
      expect(parts.join('')).toBe(full.slice(0, length));
      // every part but the last of the shorter text is unchanged
      expect(parts.slice(0, previous.length - 1)).toEqual(previous.slice(0, -1));
      previous = parts;
    }
    expect(previous.length).toBeGreaterThan(10);
  });

  it('a paragraph with no sentence end is cut at a space, one in Chinese at the window end, and its cuts never move as it grows', () => {
    const runOn = Array.from({ length: 1500 }, (_v, i) => `word${i}`).join(' ');
    const chinese = '这是一个很长的句子没有句号'.repeat(600);
    for (const full of [runOn, chinese]) {
      let previous: string[] = [];
      for (let length = 300; length <= full.length; length += 211) {
        const text = full.slice(0, length);
        const parts = liveBlockParts(text, 400);
        expect(parts.join('')).toBe(text);
        expect(parts.slice(0, previous.length - 1)).toEqual(previous.slice(0, -1));
        for (const part of parts.slice(0, -1)) expect(part.length).toBeLessThanOrEqual(800);
        previous = parts;
      }
      expect(previous.length).toBeGreaterThan(8);
    }
    // the run-on line is cut between words, never inside one
    for (const part of liveBlockParts(runOn, 400).slice(0, -1)) expect(part.endsWith(' ')).toBe(true);
  });

  it('a block grown since the last call is cut as if cut afresh (it resumes from the last cut), whatever was cut in between', () => {
    const mixed = Array.from({ length: 900 }, (_v, i) => (i % 40 === 39 ? sentence(i) : `word${i} `)).join('') + '这是一个很长的句子没有句号。'.repeat(80);
    const other = Array.from({ length: 60 }, (_v, i) => sentence(i)).join('');
    for (let length = 250; length <= mixed.length; length += 173) {
      const text = mixed.slice(0, length);
      const grown = liveBlockParts(text, 300); // after the shorter text: resumes
      liveBlockParts(other, 300); // another block: the next call cannot resume
      const afresh = liveBlockParts(text, 300);
      expect(grown).toEqual(afresh);
      expect(grown.join('')).toBe(text);
      liveBlockParts(text.slice(0, Math.max(0, length - 173)), 300); // the next iteration grows from here
    }
  });

  it('never cuts inside a code span, strong emphasis or link text', () => {
    const raw = `${'word '.repeat(90)}\`code. still code. \` **bold. still bold.** [link. text](u) ${'after. '.repeat(60)}`;
    const parts = liveBlockParts(raw, 400);
    expect(parts.join('')).toBe(raw);
    for (const part of parts) {
      expect(part.split('`').length % 2).toBe(1);
      expect(part.split('**').length % 2).toBe(1);
    }
    expect(parts.length).toBeGreaterThan(1);
  });

  it('short blocks and blocks that are not one plain paragraph stay whole', () => {
    const long = sentence(1).repeat(100);
    expect(liveBlockParts('A short one. Two.', 400)).toEqual(['A short one. Two.']);
    for (const raw of [
      `# ${long}`,
      `- ${long}`,
      `1. ${long}`,
      `> ${long}`,
      `    ${long}`,
      `| ${long}`,
      `\`\`\`\n${long}`,
      `<div>${long}`,
      `${long}\n${long}`,
    ]) {
      expect(liveBlockParts(raw, 400)).toEqual([raw]);
    }
  });
});
