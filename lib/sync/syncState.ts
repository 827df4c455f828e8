import type { MeResponse, SyncKind, SyncRecord, VariableBody } from './syncSchemas';

// What the sync client remembers between runs (the background keeps it in its own database; no page
// sees it): the last /me, one pull cursor per org, and what it knows of every shared record.

export type RecordKey = `${SyncKind}:${string}`;
export const recordKey = (kind: SyncKind, id: string): RecordKey => `${kind}:${id}`;

export interface LocalRecord {
  kind: SyncKind;
  id: string;
  orgId: string;
  projectId: string | null;
  /** a user variable (synced by the user's choice, only they can read it); absent: shared */
  scope?: 'user';
  /** the server version the local copy is based on; 0: never on the server yet */
  version: number;
  /** 'edit': changed here, to push; 'conflict': the push was refused, the user chooses */
  pending: 'none' | 'edit' | 'conflict';
  /** deleted here (pending), or a tombstone from the server */
  deleted: boolean;
  /** a variable's name and value (prompts and flows live in their own tables) */
  variable?: VariableBody;
  /** the server's copy when a push was refused (null: the server never had it) */
  theirs?: SyncRecord | null;
}

export interface TeamSyncState {
  me: MeResponse | null;
  cursors: Record<string, string>;
  records: Record<RecordKey, LocalRecord>;
  /** the opt-in to sync this browser's user variables, into one org; joining: the first sync after turning it on */
  userVariables?: { orgId: string; joining: boolean };
}

export const emptySyncState = (): TeamSyncState => ({ me: null, cursors: {}, records: {} });

/** A run waiting to go to the server's ai_runs / ai_tasks. Sent again after each new message of its chat (the server skips what it has). */
export interface QueuedRun {
  runId: string;
  orgId: string;
  projectId: string | null;
  queuedAt: number;
  /** a flow run (db.flowRuns); absent: a prompt run (db.runs) */
  source?: 'flow';
}
