/** A price typed in a field, in USD per million tokens; null if it is not a number ≥ 0. */
export function parsePrice(value: string): number | null {
  if (value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : null;
}
