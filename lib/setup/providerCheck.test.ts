import { describe, expect, it } from 'vitest';
import { checkKey, createCheckCache, type ProviderCheckResult } from './providerCheck';

const ok = (checkedAt: number): ProviderCheckResult => ({ status: 'ok', providerId: 'p', providerName: 'P', baseURL: 'http://x', checkedAt });

describe('the provider check cache', () => {
  it('asks the provider at most once per ttl, then again', async () => {
    let clock = 1_000;
    const cache = createCheckCache(4_000, () => clock);
    let calls = 0;
    const run = async () => {
      calls += 1;
      return ok(clock);
    };
    await cache.get('k', run);
    clock += 3_999;
    await cache.get('k', run);
    expect(calls).toBe(1);
    clock += 1;
    await cache.get('k', run);
    expect(calls).toBe(2);
  });

  it('shares one check in flight, and force skips only a cached answer', async () => {
    const cache = createCheckCache(4_000, () => 0);
    let calls = 0;
    let release!: () => void;
    const run = () => {
      calls += 1;
      return new Promise<ProviderCheckResult>((resolve) => (release = () => resolve(ok(0))));
    };
    const first = cache.get('k', run);
    const second = cache.get('k', run, true);
    release();
    expect(await first).toBe(await second);
    expect(calls).toBe(1);
    await cache.get(
      'k',
      async () => {
        calls += 1;
        return ok(0);
      },
      true,
    );
    expect(calls).toBe(2);
  });

  it('keys answers by the settings that matter and forgets them on clear', async () => {
    expect(checkKey({ id: 'a', baseURL: 'u', hasKey: false })).not.toBe(checkKey({ id: 'a', baseURL: 'u', hasKey: true }));
    const cache = createCheckCache(4_000, () => 0);
    let calls = 0;
    const run = async () => {
      calls += 1;
      return ok(0);
    };
    await cache.get('k', run);
    cache.clear();
    await cache.get('k', run);
    expect(calls).toBe(2);
  });
});
