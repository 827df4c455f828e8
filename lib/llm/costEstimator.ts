// Turns token counts into dollars. Pure: the price table is data the caller passes in.

export interface ModelPrice {
  /** USD per million prompt tokens */
  inputPerMillion: number;
  /** USD per million completion tokens */
  outputPerMillion: number;
}

export type PriceTable = Record<string, ModelPrice>;

/**
 * List prices (USD per million tokens, no cache discounts) as published late 2025. Unlisted models,
 * local ones included, get no estimate rather than a made-up one.
 */
export const DEFAULT_PRICES: PriceTable = {
  'gpt-4o': { inputPerMillion: 2.5, outputPerMillion: 10 },
  'gpt-4o-mini': { inputPerMillion: 0.15, outputPerMillion: 0.6 },
  'gpt-4.1': { inputPerMillion: 2, outputPerMillion: 8 },
  'gpt-4.1-mini': { inputPerMillion: 0.4, outputPerMillion: 1.6 },
  // Listed so the prefix rule does not price it as gpt-4.1.
  'gpt-4.1-nano': { inputPerMillion: 0.1, outputPerMillion: 0.4 },
  'deepseek-chat': { inputPerMillion: 0.28, outputPerMillion: 0.42 },
  'deepseek-reasoner': { inputPerMillion: 0.28, outputPerMillion: 0.42 },
  'llama-3.1-8b-instant': { inputPerMillion: 0.05, outputPerMillion: 0.08 },
  'llama-3.3-70b-versatile': { inputPerMillion: 0.59, outputPerMillion: 0.79 },
};

/**
 * The price of a model: its exact id, else the longest key that prefixes it up to a '-', ':' or '@'
 * (so 'gpt-4o' prices 'gpt-4o-2024-08-06' but not 'gpt-4oo'). Ids compare case-insensitively.
 */
export function findPrice(table: PriceTable, model: string): ModelPrice | undefined {
  const id = model.trim().toLowerCase();
  let best: { key: string; price: ModelPrice } | undefined;
  for (const [key, price] of Object.entries(table)) {
    const k = key.toLowerCase();
    if (k === id) return price;
    const isPrefix = id.startsWith(k) && /[-:@]/.test(id.charAt(k.length));
    if (isPrefix && (!best || k.length > best.key.length)) best = { key: k, price };
  }
  return best?.price;
}

/** USD for one call; undefined when the model has no price or either token count is unknown. */
export function estimateCost(table: PriceTable, model: string, promptTokens?: number, completionTokens?: number): number | undefined {
  if (!isCount(promptTokens) || !isCount(completionTokens)) return undefined;
  const price = findPrice(table, model);
  if (!price) return undefined;
  return (promptTokens * price.inputPerMillion + completionTokens * price.outputPerMillion) / 1_000_000;
}

function isCount(value: number | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
