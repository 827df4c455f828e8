import type { InputHTMLAttributes } from 'react';

/** A field for a price in USD per million tokens: a number ≥ 0, decimals allowed. */
export function PriceInput(props: Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'min' | 'step' | 'inputMode'>) {
  return <input type="number" min={0} step="any" inputMode="decimal" {...props} />;
}

/** A price typed in a field, in USD per million tokens; null if it is not a number ≥ 0. */
export function parsePrice(value: string): number | null {
  if (value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : null;
}
