import type { LocalRecord, RecordKey, TeamSyncState } from './syncState';
import { recordKey } from './syncState';
import type { PushConflict, PushResponse, SyncChange, SyncRecord } from './syncSchemas';

// The sync client's decisions, without IO: what a pull changes locally, what a push sends, and what
// its answer means. The engine (teamSyncEngine.ts) does the fetching and the writing.

export interface PullOutcome {
  records: TeamSyncState['records'];
  /** records to write into the local library (body null: delete the local copy) */
  writes: SyncRecord[];
}

/**
 * Pulled records newer than the local copy replace it, unless the local copy has an edit of its own
 * waiting: then it is kept, and the push (from the old version) gets the conflict the user resolves.
 */
export function mergePulled(orgId: string, records: TeamSyncState['records'], changes: SyncRecord[], acceptUserScope = false): PullOutcome {
  const next = { ...records };
  const writes: SyncRecord[] = [];
  for (const change of changes) {
    // the user's own synced user variables: taken only while they have opted in (into this org)
    if (change.kind === 'variable' && change.scope === 'user' && !acceptUserScope) continue;
    const key = recordKey(change.kind, change.id);
    const local = next[key];
    if (local && local.orgId !== orgId) continue; // an id another org already uses here: keep the first
    if (local && local.pending !== 'none') continue;
    if (local && local.version >= change.version) continue;
    next[key] = fromServer(orgId, change);
    writes.push(change);
  }
  return { records: next, writes };
}

export function fromServer(orgId: string, record: SyncRecord): LocalRecord {
  return {
    kind: record.kind,
    id: record.id,
    orgId,
    projectId: record.projectId,
    ...(record.kind === 'variable' && record.scope === 'user' && { scope: 'user' as const }),
    version: record.version,
    pending: 'none',
    deleted: record.body === null,
    ...(record.kind === 'variable' && record.body && { variable: record.body }),
  };
}

/** The records of an org with an edit to push (conflicts wait for the user). */
export function pendingRecords(records: TeamSyncState['records'], orgId: string): LocalRecord[] {
  return Object.values(records).filter((r) => r.orgId === orgId && r.pending === 'edit');
}

/** A pending record as a push change, with the body read from the local library (undefined: it is gone). */
export function toChange(record: LocalRecord, body: unknown): SyncChange {
  return {
    kind: record.kind,
    id: record.id,
    projectId: record.projectId,
    ...(record.kind === 'variable' && record.scope === 'user' && { scope: 'user' }),
    baseVersion: record.version,
    body: record.deleted ? null : body,
  } as SyncChange;
}

export function applyPushed(records: TeamSyncState['records'], applied: PushResponse['applied']): TeamSyncState['records'] {
  const next = { ...records };
  for (const { kind, id, version } of applied) {
    const key = recordKey(kind, id);
    if (next[key]) next[key] = { ...next[key], version, pending: 'none' };
  }
  return next;
}

/** The refused records wait for the user's choice, with the server's copy beside them. */
export function markConflicts(records: TeamSyncState['records'], conflicts: PushConflict['conflicts']): TeamSyncState['records'] {
  const next = { ...records };
  for (const conflict of conflicts) {
    const key = recordKey(conflict.kind, conflict.id);
    if (next[key]) next[key] = { ...next[key], pending: 'conflict', theirs: conflict.current };
  }
  return next;
}

/** Keep mine: push again, this time from the server's current version. */
export function keepMine(record: LocalRecord): LocalRecord {
  const { theirs, ...rest } = record;
  return { ...rest, version: theirs?.version ?? 0, pending: 'edit' };
}

/** Take theirs: the server's copy replaces mine (null: the server never had it, so it stays local only). */
export function takeTheirs(record: LocalRecord): LocalRecord | null {
  if (!record.theirs) return null;
  return fromServer(record.orgId, record.theirs);
}

export const conflictKeys = (records: TeamSyncState['records']): RecordKey[] =>
  (Object.keys(records) as RecordKey[]).filter((key) => records[key].pending === 'conflict');
