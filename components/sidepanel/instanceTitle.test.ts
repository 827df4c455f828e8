import { describe, expect, it } from 'vitest';
import { clockTime, firstWords, instanceTitles, titleLabel } from './instanceTitle';

// Local times, so the expectations hold in any time zone.
const at = (h: number, m: number, s = 0) => new Date(2026, 11, 1, h, m, s).getTime();

describe('firstWords', () => {
  it('keeps the first five words on one line and marks what it left out', () => {
    expect(firstWords('Plants turn\n light   into sugar through photosynthesis')).toBe('Plants turn light into sugar…');
    expect(firstWords('  Short text ')).toBe('Short text');
    expect(firstWords('')).toBe('');
  });

  it('stops before 40 characters, cutting a single long word', () => {
    expect(firstWords('Supercalifragilistic expialidocious and more words here')).toBe('Supercalifragilistic expialidocious and…');
    expect(firstWords('x'.repeat(60))).toBe(`${'x'.repeat(40)}…`);
  });
});

describe('clockTime', () => {
  it('is the local 24-hour time, with seconds when asked', () => {
    expect(clockTime(at(9, 5, 7))).toBe('09:05');
    expect(clockTime(at(21, 45, 3), true)).toBe('21:45:03');
  });
});

describe('instanceTitles', () => {
  it('names a run by its prompt, the first words of its input and its start time', () => {
    const titles = instanceTitles([
      { instanceId: 'a', promptName: 'Summarize', input: 'Photosynthesis is how plants make food from light', createdAt: at(14, 5) },
    ]);
    expect(titles.a).toEqual({
      label: 'Summarize: Photosynthesis is how plants make…',
      time: '14:05',
      full: 'Summarize: Photosynthesis is how plants make… · 14:05',
    });
    expect(titleLabel('Explain', '')).toBe('Explain');
  });

  it('tells apart repeat runs of a prompt on the same input: by minute, then second, then a number', () => {
    const runs = [
      { instanceId: 'earlier', promptName: 'Explain', input: 'the same text', createdAt: at(10, 0, 0) },
      { instanceId: 'first', promptName: 'Explain', input: 'the same text', createdAt: at(10, 30, 5) },
      { instanceId: 'second', promptName: 'Explain', input: 'the same text', createdAt: at(10, 30, 40) },
      { instanceId: 'third', promptName: 'Explain', input: 'the same text', createdAt: at(10, 30, 40) + 200 },
      { instanceId: 'other', promptName: 'Explain', input: 'another text', createdAt: at(10, 30, 40) },
    ];
    const titles = instanceTitles(runs);
    expect(titles.earlier.time).toBe('10:00');
    expect(titles.first.time).toBe('10:30:05');
    expect(titles.second.time).toBe('10:30:40 #1');
    expect(titles.third.time).toBe('10:30:40 #2');
    expect(titles.other.time).toBe('10:30'); // its label tells it apart already
    expect(new Set(Object.values(titles).map((t) => t.full)).size).toBe(runs.length);
  });
});
