import { describe, expect, it } from 'vitest';
import { applyPushed, keepMine, markConflicts, mergePulled, pendingRecords, takeTheirs, toChange } from './syncMerge';
import type { LocalRecord } from './syncState';
import type { SyncRecord } from './syncSchemas';

const ORG = 'org-a';
const variable = (id: string, version: number, value: string | null): SyncRecord => ({
  kind: 'variable',
  id,
  projectId: null,
  version,
  updatedAt: 1,
  updatedBy: '00000000-0000-4000-8000-000000000001',
  body: value === null ? null : { name: id, value },
});
const local = (over: Partial<LocalRecord>): LocalRecord => ({
  kind: 'variable',
  id: 'v',
  orgId: ORG,
  projectId: null,
  version: 1,
  pending: 'none',
  deleted: false,
  ...over,
});

describe('mergePulled', () => {
  it('takes newer records, ignores older or equal ones, and records tombstones', () => {
    const records = { 'variable:a': local({ id: 'a', version: 2 }), 'variable:b': local({ id: 'b', version: 1 }) };
    const out = mergePulled(ORG, records, [variable('a', 2, 'same'), variable('b', 3, null), variable('c', 1, 'new')]);
    expect(out.writes.map((w) => w.id)).toEqual(['b', 'c']);
    expect(out.records['variable:b']).toMatchObject({ version: 3, deleted: true });
    expect(out.records['variable:c']).toMatchObject({ version: 1, variable: { name: 'c', value: 'new' } });
    expect(out.records['variable:a'].version).toBe(2);
  });

  it('keeps a local edit waiting to be pushed (its push meets the conflict), and never lets another org overwrite an id', () => {
    const records = { 'variable:a': local({ id: 'a', version: 1, pending: 'edit' }), 'variable:b': local({ id: 'b', orgId: 'org-b' }) };
    const out = mergePulled(ORG, records, [variable('a', 2, 'theirs'), variable('b', 5, 'x')]);
    expect(out.writes).toEqual([]);
    expect(out.records).toEqual(records);
  });
});

describe('push decisions', () => {
  it('pushes edits from the version they started from; a deletion as a null body', () => {
    const records = {
      'variable:a': local({ id: 'a', version: 4, pending: 'edit', variable: { name: 'a', value: '1' } }),
      'variable:b': local({ id: 'b', pending: 'conflict' }),
      'variable:c': local({ id: 'c', pending: 'edit', deleted: true, orgId: 'org-b' }),
    };
    expect(pendingRecords(records, ORG).map((r) => r.id)).toEqual(['a']);
    expect(toChange(records['variable:a'], records['variable:a'].variable)).toEqual({
      kind: 'variable',
      id: 'a',
      projectId: null,
      baseVersion: 4,
      body: { name: 'a', value: '1' },
    });
    expect(toChange(records['variable:c'], { name: 'c', value: 'x' }).body).toBeNull();
  });

  it('an accepted push takes the new versions; a refused one waits for the user with the server copy', () => {
    const records = { 'variable:a': local({ id: 'a', version: 1, pending: 'edit' }) };
    expect(applyPushed(records, [{ kind: 'variable', id: 'a', version: 2 }])['variable:a']).toMatchObject({ version: 2, pending: 'none' });
    const theirs = variable('a', 3, 'theirs');
    const conflicted = markConflicts(records, [{ kind: 'variable', id: 'a', baseVersion: 1, current: theirs }])['variable:a'];
    expect(conflicted).toMatchObject({ pending: 'conflict', theirs });
    expect(keepMine(conflicted)).toMatchObject({ version: 3, pending: 'edit' });
    expect(keepMine(conflicted)).not.toHaveProperty('theirs');
    expect(takeTheirs(conflicted)).toMatchObject({ version: 3, pending: 'none', variable: { value: 'theirs' } });
    expect(takeTheirs({ ...conflicted, theirs: null })).toBeNull();
  });
});
