// {{date}} is the user's local date: at the same instant, Auckland and Honolulu are on different days
// from UTC. Node applies a change of process.env.TZ at once, so each test sets the zone it needs.
import { afterEach, describe, expect, it } from 'vitest';
import { computeRuntimeValues } from './variableResolver';

const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

describe('{{date}}', () => {
  it('is the next day in Auckland when UTC is still on the evening before', () => {
    process.env.TZ = 'Pacific/Auckland'; // UTC+13 in March
    expect(computeRuntimeValues({}, new Date('2025-03-01T20:00:00Z')).date).toBe('2025-03-02');
  });

  it('is the day before in Honolulu when UTC is already past midnight', () => {
    process.env.TZ = 'Pacific/Honolulu'; // UTC-10
    expect(computeRuntimeValues({}, new Date('2025-03-01T05:00:00Z')).date).toBe('2025-02-28');
  });

  it('matches UTC in UTC, zero-padded', () => {
    process.env.TZ = 'UTC';
    expect(computeRuntimeValues({}, new Date('2024-02-09T23:59:00Z')).date).toBe('2024-02-09');
  });
});
