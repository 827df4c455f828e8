// History search on both of its paths: a rare word (read the index's few matches) and a common one
// (more matches than the index probe reads: walk the newest rows until a page is full).
import { afterEach, describe, expect, it } from 'vitest';
import { linearConversation, makeInstance, message } from '../../../tests/unit/helpers/fixtures';
import { openDatabase, type FlowbarDb } from '../../db/database';
import { createLatestOnly, SupersededError } from './latestOnly';
import { searchHistory, toInstanceRow } from './runPersistence';

let db: FlowbarDb | undefined;
afterEach(async () => {
  await db?.delete();
  db = undefined;
});

async function seed(count: number, wordsOf: (i: number) => string) {
  db = openDatabase(`search-${crypto.randomUUID()}`);
  await db.instances.bulkPut(
    Array.from({ length: count }, (_v, i) =>
      toInstanceRow(
        makeInstance({ instanceId: `i${i}`, title: `Run ${i}`, updatedAt: 1000 + i, conversation: linearConversation(message('assistant', wordsOf(i))) }),
        false,
      ),
    ),
  );
  return db;
}

describe('searchHistory', () => {
  it('a common word (more matches than the index probe): newest first, paged, and combined with a rarer word', async () => {
    const base = await seed(900, (i) => `common answer number ${i}${i % 100 === 7 ? ' tangerine' : ''}`);
    const first = await searchHistory(base, 'common', 0, 30);
    expect(first.items.map((h) => h.instanceId)).toEqual(Array.from({ length: 30 }, (_v, k) => `i${899 - k}`));
    expect(first.hasMore).toBe(true);

    const last = await searchHistory(base, 'comm', 880, 30);
    expect(last.items.map((h) => h.instanceId)).toEqual(Array.from({ length: 20 }, (_v, k) => `i${19 - k}`));
    expect(last.hasMore).toBe(false);

    const both = await searchHistory(base, 'common tangerine', 0, 30);
    expect(both.items.map((h) => h.instanceId)).toEqual(['i807', 'i707', 'i607', 'i507', 'i407', 'i307', 'i207', 'i107', 'i7']);
  });

  it('a rare word reads only its matches, newest first', async () => {
    const base = await seed(300, (i) => (i % 50 === 0 ? `a pelican story ${i}` : `something else ${i}`));
    const page = await searchHistory(base, 'pelic', 0, 4);
    expect(page.items.map((h) => h.instanceId)).toEqual(['i250', 'i200', 'i150', 'i100']);
    expect(page.hasMore).toBe(true);
    expect((await searchHistory(base, 'pelican', 4, 4)).items.map((h) => h.instanceId)).toEqual(['i50', 'i0']);
    expect((await searchHistory(base, 'zebra', 0, 4)).items).toEqual([]);
  });

  it('a search whose signal aborts mid-walk stops at its next row and does not answer', async () => {
    const base = await seed(900, (i) => `common answer number ${i}`);
    const controller = new AbortController();
    let visited = 0;
    // abort from inside the walk, after a few rows have been read
    const { each } = Object.getPrototypeOf(base.instances.orderBy('updatedAt'));
    const original = each;
    Object.getPrototypeOf(base.instances.orderBy('updatedAt')).each = function (this: unknown, fn: (row: unknown) => void) {
      return original.call(this, (row: unknown) => {
        if (++visited === 5) controller.abort(new SupersededError());
        fn(row);
      });
    };
    try {
      await expect(searchHistory(base, 'common', 0, 30, controller.signal)).rejects.toBeInstanceOf(SupersededError);
    } finally {
      Object.getPrototypeOf(base.instances.orderBy('updatedAt')).each = original;
    }
    // the walk stopped at the row after the abort (a page of 30 needs 31)
    expect(visited).toBeLessThanOrEqual(6);
  });

  it('latest only: typing fast, every stale query rejects and the newest one answers', async () => {
    const base = await seed(900, (i) => `common answer number ${i}${i === 3 ? ' tangerine' : ''}`);
    const latest = createLatestOnly();
    const typed = ['c', 'co', 'com', 'comm', 'tangerine'];
    const answers = typed.map((q) => latest.run('view', (signal) => searchHistory(base, q, 0, 30, signal)));
    const settled = await Promise.allSettled(answers);
    expect(settled.slice(0, -1).every((s) => s.status === 'rejected' && s.reason instanceof SupersededError)).toBe(true);
    const last = settled.at(-1);
    expect(last?.status === 'fulfilled' && last.value.items.map((h) => h.instanceId)).toEqual(['i3']);
    // another key is independent
    await expect(latest.run('other', async () => 42)).resolves.toBe(42);
  });
});
