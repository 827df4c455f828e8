import { describe, expect, it } from 'vitest';
import { mergePulled, toChange } from './syncMerge';
import type { LocalRecord, TeamSyncState } from './syncState';
import type { SyncRecord } from './syncSchemas';
import { isUserRecord, joinUserVariables, pulledUserWrites, reconcileUserVariables, withoutUserRecords } from './userVariableSync';

const ORG = 'org-a';
const userRecord = (id: string, name: string, value: string, over: Partial<LocalRecord> = {}): LocalRecord => ({
  kind: 'variable',
  id,
  orgId: ORG,
  projectId: null,
  scope: 'user',
  version: 1,
  pending: 'none',
  deleted: false,
  variable: { name, value },
  ...over,
});
const records = (...list: LocalRecord[]): TeamSyncState['records'] => Object.fromEntries(list.map((r) => [`${r.kind}:${r.id}`, r]));
const pulled = (id: string, version: number, body: { name: string; value: string } | null): SyncRecord => ({
  kind: 'variable',
  id,
  projectId: null,
  scope: 'user',
  version,
  updatedAt: 1,
  updatedBy: '00000000-0000-4000-8000-000000000001',
  body,
});
let n = 0;
const newId = () => `n${++n}`;

describe('reconcileUserVariables', () => {
  it('a new name becomes a new user record, a changed value an edit, a name gone a deletion; equal ones stay as they are', () => {
    const before = records(userRecord('a', 'language', 'English'), userRecord('b', 'tone', 'dry'), userRecord('c', 'gone', 'x'));
    const next = reconcileUserVariables(
      before,
      ORG,
      [
        { name: 'language', value: 'English' },
        { name: 'tone', value: 'warm' },
        { name: 'city', value: 'Oslo' },
      ],
      () => 'fixed',
    );
    expect(next['variable:a']).toEqual(before['variable:a']);
    expect(next['variable:b']).toMatchObject({ pending: 'edit', version: 1, variable: { name: 'tone', value: 'warm' } });
    expect(next['variable:c']).toMatchObject({ pending: 'edit', deleted: true });
    expect(next['variable:uvar-fixed']).toEqual(userRecord('uvar-fixed', 'city', 'Oslo', { version: 0, pending: 'edit' }));
    // as pushed: a user-scope change from the version it started from
    expect(toChange(next['variable:b'], next['variable:b'].variable)).toEqual({
      kind: 'variable',
      id: 'b',
      projectId: null,
      scope: 'user',
      baseVersion: 1,
      body: { name: 'tone', value: 'warm' },
    });
  });

  it('leaves shared variables and other orgs alone, and brings back a name deleted here before it was pushed', () => {
    const shared: LocalRecord = { ...userRecord('s', 'language', 'Org'), scope: undefined };
    const otherOrg = userRecord('o', 'language', 'Other', { orgId: 'org-b' });
    const deletedHere = userRecord('d', 'tone', 'dry', { pending: 'edit', deleted: true });
    const next = reconcileUserVariables(records(shared, otherOrg, deletedHere), ORG, [{ name: 'tone', value: 'dry' }], newId);
    expect(next['variable:s']).toEqual(shared);
    expect(next['variable:o']).toEqual(otherOrg);
    expect(next['variable:d']).toMatchObject({ deleted: false, pending: 'edit', variable: { name: 'tone', value: 'dry' } });
    expect(Object.keys(next)).toHaveLength(3);
  });
});

describe('joinUserVariables', () => {
  it("writes the server's names this browser lacks; where both have a name, this browser's value is kept (nothing local deleted)", () => {
    const state = records(userRecord('a', 'language', 'Server'), userRecord('b', 'city', 'Oslo'), userRecord('t', 'old', 'x', { deleted: true }));
    expect(joinUserVariables(state, ORG, [{ name: 'language', value: 'Mine' }])).toEqual([{ name: 'city', value: 'Oslo' }]);
    // then reconcile pushes mine for the shared name
    const next = reconcileUserVariables(
      state,
      ORG,
      [
        { name: 'language', value: 'Mine' },
        { name: 'city', value: 'Oslo' },
      ],
      newId,
    );
    expect(next['variable:a']).toMatchObject({ pending: 'edit', variable: { value: 'Mine' } });
    expect(next['variable:b'].pending).toBe('none');
  });
});

describe('pulled user variables', () => {
  it('are taken only while opted in', () => {
    const change = pulled('a', 1, { name: 'language', value: 'Server' });
    expect(mergePulled(ORG, {}, [change]).writes).toEqual([]);
    expect(mergePulled(ORG, {}, [change]).records).toEqual({});
    const on = mergePulled(ORG, {}, [change], true);
    expect(on.writes).toEqual([change]);
    expect(isUserRecord(on.records['variable:a'])).toBe(true);
  });

  it('write their value here; a rename or a tombstone deletes the old name', () => {
    const before = records(userRecord('a', 'language', 'English'), userRecord('b', 'tone', 'dry'));
    expect(
      pulledUserWrites(before, [pulled('a', 2, { name: 'lang', value: 'English' }), pulled('b', 2, null), pulled('c', 1, { name: 'city', value: 'Oslo' })]),
    ).toEqual([
      { name: 'language', value: null },
      { name: 'lang', value: 'English' },
      { name: 'tone', value: null },
      { name: 'city', value: 'Oslo' },
    ]);
  });
});

it('turning the opt-in off drops the user records from the sync state, nothing else', () => {
  const shared: LocalRecord = { ...userRecord('s', 'language', 'Org'), scope: undefined };
  expect(withoutUserRecords(records(shared, userRecord('a', 'language', 'Mine')))).toEqual(records(shared));
});
