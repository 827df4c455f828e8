import { recordKey, type LocalRecord, type TeamSyncState } from './syncState';
import type { SyncRecord, VariableBody } from './syncSchemas';

// Syncing the user's own variables (opt-in, options → Team), without IO. Local user variables are
// this browser's `scopedVariables` rows of scope 'user', keyed by name; on the server each is a record
// of scope 'user' in one org, which only its owner can read (server/migrations/0004_user_variables.ts).
// While the opt-in is off the engine calls none of this, and no user record is pushed or written.

/** a write into this browser's user variables: value null deletes the name */
export interface UserVariableWrite {
  name: string;
  value: string | null;
}

export const isUserRecord = (record: { kind: string; scope?: 'user' }): boolean => record.kind === 'variable' && record.scope === 'user';

/** the org's user records that stand for a name here: live ones, and deletions not pushed yet */
function byName(records: TeamSyncState['records'], orgId: string): Map<string, LocalRecord> {
  const out = new Map<string, LocalRecord>();
  for (const r of Object.values(records))
    if (isUserRecord(r) && r.orgId === orgId && r.variable && (!r.deleted || r.pending !== 'none')) out.set(r.variable.name, r);
  return out;
}

/**
 * This browser's user variables into the sync state: a new name becomes a new record, a changed value
 * an edit, a name gone a deletion, each pending until pushed (from the version it started from).
 */
export function reconcileUserVariables(records: TeamSyncState['records'], orgId: string, local: VariableBody[], newId: () => string): TeamSyncState['records'] {
  const next = { ...records };
  const known = byName(records, orgId);
  const localNames = new Set<string>();
  const edited = (r: LocalRecord): LocalRecord['pending'] => (r.pending === 'conflict' ? 'conflict' : 'edit');
  for (const { name, value } of local) {
    localNames.add(name);
    const r = known.get(name);
    if (!r) {
      const id = `uvar-${newId()}`;
      next[recordKey('variable', id)] = {
        kind: 'variable',
        id,
        orgId,
        projectId: null,
        scope: 'user',
        version: 0,
        pending: 'edit',
        deleted: false,
        variable: { name, value },
      };
    } else if (r.deleted || r.variable!.value !== value)
      next[recordKey('variable', r.id)] = { ...r, pending: edited(r), deleted: false, variable: { name, value } };
  }
  for (const r of known.values())
    if (!r.deleted && !localNames.has(r.variable!.name)) next[recordKey('variable', r.id)] = { ...r, pending: edited(r), deleted: true };
  return next;
}

/**
 * Turning the opt-in on, after a full pull of the org: the server's user variables this browser does
 * not have are written here; where both have a name, this browser's value wins (reconcile then
 * pushes it). Nothing local is deleted.
 */
export function joinUserVariables(records: TeamSyncState['records'], orgId: string, local: VariableBody[]): UserVariableWrite[] {
  const localNames = new Set(local.map((v) => v.name));
  const writes: UserVariableWrite[] = [];
  for (const r of byName(records, orgId).values())
    if (!r.deleted && !localNames.has(r.variable!.name)) writes.push({ name: r.variable!.name, value: r.variable!.value });
  return writes;
}

/** What pulled user records change here (a rename deletes the old name; a tombstone deletes it). */
export function pulledUserWrites(before: TeamSyncState['records'], pulled: SyncRecord[]): UserVariableWrite[] {
  const writes: UserVariableWrite[] = [];
  for (const record of pulled) {
    if (record.kind !== 'variable' || record.scope !== 'user') continue;
    const previous = before[recordKey('variable', record.id)]?.variable;
    if (previous && (!record.body || previous.name !== record.body.name)) writes.push({ name: previous.name, value: null });
    if (record.body) writes.push({ name: record.body.name, value: record.body.value });
  }
  return writes;
}

/** The state without any user record (the opt-in turned off: local values stay, the server is not told). */
export function withoutUserRecords(records: TeamSyncState['records']): TeamSyncState['records'] {
  return Object.fromEntries(Object.entries(records).filter(([, r]) => !isUserRecord(r)));
}
