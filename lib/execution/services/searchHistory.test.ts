// History search on both of its paths: a rare word (read the index's few matches) and a common one
// (more matches than the index probe reads: walk the newest rows until a page is full).
import { afterEach, describe, expect, it } from 'vitest';
import { linearConversation, makeInstance, message } from '../../../tests/unit/helpers/fixtures';
import { openDatabase, type FlowbarDb } from '../../db/database';
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
      toInstanceRow(makeInstance({ instanceId: `i${i}`, title: `Run ${i}`, updatedAt: 1000 + i, conversation: linearConversation(message('assistant', wordsOf(i))) }), false),
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
});
