import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICES, estimateCost, findPrice, type PriceTable } from './costEstimator';

const table: PriceTable = {
  'gpt-4o': { inputPerMillion: 2.5, outputPerMillion: 10 },
  'gpt-4o-mini': { inputPerMillion: 0.15, outputPerMillion: 0.6 },
};

describe('estimateCost', () => {
  it('prices an exact model id', () => {
    expect(estimateCost(table, 'gpt-4o', 1_000_000, 0)).toBeCloseTo(2.5);
    expect(estimateCost(table, 'gpt-4o', 1000, 500)).toBeCloseTo((1000 * 2.5 + 500 * 10) / 1e6);
  });

  it('prices a dated snapshot by the longest matching prefix', () => {
    expect(estimateCost(table, 'gpt-4o-2024-08-06', 1_000_000, 1_000_000)).toBeCloseTo(12.5);
    expect(estimateCost(table, 'gpt-4o-mini-2024-07-18', 1_000_000, 1_000_000)).toBeCloseTo(0.75);
  });

  it('does not treat a longer word as a snapshot of a shorter key', () => {
    expect(findPrice(table, 'gpt-4oo')).toBeUndefined();
  });

  it('matches ids case-insensitively', () => {
    expect(findPrice(table, 'GPT-4o')).toEqual(table['gpt-4o']);
  });

  it('returns undefined for unlisted models, local ones included', () => {
    expect(estimateCost(table, 'llama3.1:8b', 100, 100)).toBeUndefined();
    expect(estimateCost(DEFAULT_PRICES, 'qwen2.5:7b', 100, 100)).toBeUndefined();
  });

  it('returns undefined when a token count is unknown or invalid', () => {
    expect(estimateCost(table, 'gpt-4o', undefined, 10)).toBeUndefined();
    expect(estimateCost(table, 'gpt-4o', 10, undefined)).toBeUndefined();
    expect(estimateCost(table, 'gpt-4o', Number.NaN, 10)).toBeUndefined();
    expect(estimateCost(table, 'gpt-4o', -1, 10)).toBeUndefined();
  });

  it('costs zero for zero tokens of a priced model', () => {
    expect(estimateCost(table, 'gpt-4o', 0, 0)).toBe(0);
  });
});

describe('DEFAULT_PRICES', () => {
  it('covers the common hosted models with positive prices', () => {
    for (const id of ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'gpt-4.1-mini', 'deepseek-chat', 'deepseek-reasoner', 'llama-3.1-8b-instant']) {
      const price = findPrice(DEFAULT_PRICES, id);
      expect(price, id).toBeDefined();
      expect(price!.inputPerMillion).toBeGreaterThan(0);
      expect(price!.outputPerMillion).toBeGreaterThan(0);
    }
  });

  it('prices gpt-4.1-mini as itself, not as gpt-4.1', () => {
    expect(findPrice(DEFAULT_PRICES, 'gpt-4.1-mini-2025-04-14')).toEqual(DEFAULT_PRICES['gpt-4.1-mini']);
  });
});
