import { expect, it } from 'vitest';
import { formatClock, formatTokens } from './format';

it('formats token counts and clock times as the locale does, with one formatter reused', () => {
  expect(formatTokens(undefined)).toBe('—');
  for (const count of [0, 7, 1234, 1234567]) expect(formatTokens(count)).toBe(count.toLocaleString());
  const at = Date.UTC(2026, 11, 2, 7, 5, 9);
  expect(formatClock(at)).toBe(new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }));
  expect(formatClock(at + 61_000)).toBe(new Date(at + 61_000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' }));
});
