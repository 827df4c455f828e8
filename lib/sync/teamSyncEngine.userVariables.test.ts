import { describe, expect, it } from 'vitest';
import type { TeamApi } from './teamApi';
import { createTeamSyncEngine, type TeamSyncPort } from './teamSyncEngine';
import type { MeResponse, SyncChange, SyncRecord } from './syncSchemas';
import type { TeamSyncState } from './syncState';
import type { UserVariableWrite } from './userVariableSync';

// The engine with the user-variable opt-in off and on, over a fake server that records every push.

const ORG = '00000000-0000-4000-8000-0000000000aa';
const USER = '00000000-0000-4000-8000-000000000001';
const me: MeResponse = {
  user: { id: USER, email: 'me@a.test', name: 'Me' },
  orgs: [{ id: ORG, name: 'Org A', role: 'member', settings: { collectRuns: false, collectRunText: false }, projects: [] }],
};
/** a user variable this user synced from another browser earlier */
const fromOtherBrowser: SyncRecord = {
  kind: 'variable',
  id: 'uvar-other',
  projectId: null,
  scope: 'user',
  version: 1,
  updatedAt: 1,
  updatedBy: USER,
  body: { name: 'city', value: 'Oslo' },
};

function setup() {
  const pushes: SyncChange[][] = [];
  const local = new Map([
    ['language', 'Klingon'],
    ['signature', 'Private'],
  ]);
  const written: UserVariableWrite[] = [];
  let reads = 0;
  let saved: TeamSyncState | null = null;
  const api: TeamApi = {
    origin: 'http://team.test',
    me: async () => me,
    pull: async () => ({ changes: [fromOtherBrowser], cursor: 'c1.x', more: false }),
    push: async (_org, changes) => {
      pushes.push(structuredClone(changes));
      return { ok: true, applied: changes.map((c) => ({ kind: c.kind, id: c.id, version: c.baseVersion + 1 })) };
    },
    variables: async () => ({ org: {}, project: {} }),
    uploadRuns: async () => ({ runs: [] }),
    members: async () => [],
    setMemberRole: async () => undefined,
    removeMember: async () => undefined,
  };
  const port: TeamSyncPort = {
    loadState: async () => saved,
    saveState: async (s) => void (saved = structuredClone(s)),
    applyRecords: async () => undefined,
    readBody: async () => undefined,
    queuedRuns: async () => [],
    runUpload: async () => null,
    removeQueuedRuns: async () => undefined,
    userVariables: async () => (reads++, [...local].map(([name, value]) => ({ name, value }))),
    writeUserVariables: async (writes) => {
      written.push(...writes);
      for (const { name, value } of writes) {
        if (value === null) local.delete(name);
        else local.set(name, value);
      }
    },
  };
  let n = 0;
  const engine = createTeamSyncEngine({ api, port, newId: () => `id${++n}` });
  const userChanges = () => pushes.flat().filter((c): c is Extract<SyncChange, { kind: 'variable' }> => c.kind === 'variable' && c.scope === 'user');
  return { engine, pushes, local, written, userChanges, reads: () => reads };
}

describe('user variables in the sync engine', () => {
  it('while the opt-in is off (the default), no user variable is in any push, none is read, and pulled ones are not written here', async () => {
    const t = setup();
    await t.engine.setVariable(ORG, null, 'team', 'Platform', () => 'v1');
    await t.engine.syncOnce();
    t.local.set('language', 'changed');
    await t.engine.setVariable(ORG, null, 'team', 'Infra', () => 'v2');
    await t.engine.syncOnce();
    expect(t.pushes).toHaveLength(2); // the org variable went both times
    expect(t.userChanges()).toEqual([]);
    expect(JSON.stringify(t.pushes)).not.toMatch(/Klingon|Private|changed|language|signature/);
    expect(t.reads()).toBe(0);
    expect(t.written).toEqual([]);
    expect(JSON.stringify(await t.engine.state())).not.toContain('Oslo');
  });

  it("on, they are pushed as user scope and the server's are joined in; off again, later changes stay here and nothing local is deleted", async () => {
    const t = setup();
    await t.engine.setUserVariableSync(ORG);
    await t.engine.syncOnce();
    expect(t.userChanges().map((c) => [c.body?.name, c.body?.value, c.baseVersion])).toEqual([
      ['language', 'Klingon', 0],
      ['signature', 'Private', 0],
    ]);
    expect(t.local.get('city')).toBe('Oslo');
    // An edit here goes up from the version the server gave.
    t.local.set('language', 'Esperanto');
    await t.engine.syncOnce();
    expect(t.pushes.at(-1)).toEqual([
      { kind: 'variable', id: expect.stringMatching(/^uvar-/), projectId: null, scope: 'user', baseVersion: 1, body: { name: 'language', value: 'Esperanto' } },
    ]);
    await t.engine.setUserVariableSync(null);
    const before = t.pushes.length;
    t.local.set('language', 'Off the record');
    t.local.delete('signature');
    await t.engine.syncOnce();
    expect(t.pushes.length).toBe(before);
    expect(Object.fromEntries(t.local)).toEqual({ language: 'Off the record', city: 'Oslo' });
  });
});
