import { describe, expect, it } from 'vitest';
import { addLog, logsSlice, MAX_LOG_ENTRIES } from './logsSlice';

describe('logsSlice', () => {
  it('numbers entries and keeps only the latest MAX_LOG_ENTRIES', () => {
    let state = logsSlice.reducer(undefined, { type: '@@init' });
    const total = MAX_LOG_ENTRIES + 37;
    for (let i = 1; i <= total; i++) state = logsSlice.reducer(state, addLog({ level: 'info', message: `m${i}`, at: i }));
    expect(state.entries).toHaveLength(MAX_LOG_ENTRIES);
    expect(state.entries[0]).toMatchObject({ id: 38, message: 'm38', at: 38 });
    expect(state.entries.at(-1)).toMatchObject({ id: total, message: `m${total}` });
    // ids stay unique and increasing after the cap
    const ids = state.entries.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    expect(state.nextId).toBe(total + 1);
  });

  it('stamps the time when none is given', () => {
    const before = Date.now();
    const state = logsSlice.reducer(undefined, addLog({ level: 'warn', message: 'x', instanceId: 'i1' }));
    expect(state.entries[0].at).toBeGreaterThanOrEqual(before);
    expect(state.entries[0]).toMatchObject({ level: 'warn', instanceId: 'i1' });
  });
});
