import { describe, expect, it } from 'vitest';
import type { ProviderCheckResult } from '@/lib/setup/providerCheck';
import { checkReducer, initialCheckState, nextCheckDelay, selectSetupCard, type CheckEvent, type CheckState } from './providerCheckMachine';

const refused: ProviderCheckResult = {
  status: 'failed',
  providerId: 'ollama',
  providerName: 'Ollama (local)',
  baseURL: 'http://localhost:11434/v1',
  hasKey: false,
  kind: 'network',
  message: 'Could not reach Ollama (local) at http://localhost:11434/v1: connection refused. Is it running?',
  checkedAt: 0,
};
const answered: ProviderCheckResult = {
  status: 'ok',
  providerId: 'ollama',
  providerName: 'Ollama (local)',
  baseURL: 'http://localhost:11434/v1',
  checkedAt: 0,
};

const run = (state: CheckState, ...events: CheckEvent[]) => events.reduce(checkReducer, state);
const finish = (state: CheckState, result: ProviderCheckResult) =>
  run(state, { type: 'check-started' }, { type: 'check-finished', generation: state.generation, result });

describe('the provider check', () => {
  it('checks at once when the panel opens, then shows the card and polls with backoff while it fails', () => {
    let state = initialCheckState('k');
    expect(nextCheckDelay(state)).toBe(0);
    expect(selectSetupCard(state)).toBeNull();
    const delays: (number | null)[] = [];
    for (let i = 0; i < 6; i++) {
      state = finish(state, refused);
      delays.push(nextCheckDelay(state));
    }
    expect(delays).toEqual([5_000, 10_000, 20_000, 30_000, 30_000, 30_000]);
    expect(selectSetupCard(state)?.headline).toMatch(/^Ollama isn't running at localhost:11434/);
  });

  it('keeps the card while a new check runs, and drops it once the provider answers; then stops polling', () => {
    let state = finish(initialCheckState('k'), refused);
    state = run(state, { type: 'check-started' });
    expect(nextCheckDelay(state)).toBeNull();
    expect(selectSetupCard(state)).not.toBeNull();
    state = run(state, { type: 'check-finished', generation: state.generation, result: answered });
    expect(selectSetupCard(state)).toBeNull();
    expect(nextCheckDelay(state)).toBeNull();
  });

  it('re-checks at once, past the cache, when the provider settings change or on Try again', () => {
    const settled = finish(initialCheckState('k'), answered);
    expect(run(settled, { type: 'providers-changed', providersKey: 'k' })).toBe(settled);
    const changed = run(settled, { type: 'providers-changed', providersKey: 'k2' });
    expect([nextCheckDelay(changed), changed.force]).toEqual([0, true]);
    const failing = finish(finish(initialCheckState('k'), refused), refused);
    const retried = run(failing, { type: 'retry' });
    expect([nextCheckDelay(retried), retried.failures, retried.force]).toEqual([0, 0, true]);
    expect(run(retried, { type: 'check-started' }).force).toBe(false);
  });

  it('ignores an answer to a check started before the providers changed', () => {
    let state = run(initialCheckState('k'), { type: 'check-started' });
    const stale = state.generation;
    state = run(state, { type: 'providers-changed', providersKey: 'k2' }, { type: 'check-started' });
    state = run(state, { type: 'check-finished', generation: stale, result: refused });
    expect(state.phase).toBe('checking');
    expect(selectSetupCard(state)).toBeNull();
    state = run(state, { type: 'check-finished', generation: state.generation, result: answered });
    expect(state.result).toBe(answered);
  });

  it('counts a failed command as a failure but keeps the last answer', () => {
    let state = finish(initialCheckState('k'), refused);
    state = run(state, { type: 'check-started' }, { type: 'check-errored', generation: state.generation });
    expect(state.result).toBe(refused);
    expect(nextCheckDelay(state)).toBe(10_000);
  });
});
