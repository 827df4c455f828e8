import { z } from 'zod';

// The team server's wire format: one definition of every record that travels between the extension's
// sync client and the server (server/). Both import this module, so the two cannot drift.
// Plain zod only: no Node, browser or extension APIs here.
// Times on the wire are epoch milliseconds, like the extension's own records.

/** A client-generated id (prompts, flows, variables, runs, tasks): the extension's ids are UUIDs or short slugs. */
export const clientId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'an id is 1–128 letters, digits, "-" or "_"');
/** A server-generated id (users, orgs, projects, tokens). */
export const serverId = z.uuid();
export const epochMs = z.number().int().nonnegative();

export const memberRole = z.enum(['owner', 'admin', 'member', 'viewer']);
export type MemberRole = z.infer<typeof memberRole>;

// ---------------------------------------------------------------------------------------------
// The synced records' bodies: what a client edits (lib/types.ts Prompt, lib/flows/flowTypes.ts Flow).

const chatRole = z.enum(['system', 'user', 'assistant']);
const templateMessage = z.strictObject({ role: chatRole, content: z.string().max(200_000) });

export const promptBody = z.strictObject({
  name: z.string().min(1).max(200),
  description: z.string().max(2_000).optional(),
  messages: z.array(templateMessage).max(200),
  settings: z.strictObject({
    providerId: z.string().max(128).nullable(),
    model: z.string().max(200),
    temperature: z.number().min(0).max(2).optional(),
    maxTokens: z.number().int().positive().optional(),
  }),
  executionConfig: z.strictObject({
    auto_run: z.boolean(),
    allow_chat: z.boolean(),
    show_variables: z.boolean(),
    apply_variables: z.boolean(),
    track_in_runs: z.boolean(),
  }),
});
export type PromptBody = z.infer<typeof promptBody>;

const flowAction = z.strictObject({
  id: clientId,
  name: z.string().min(1).max(200),
  promptId: clientId.nullable(),
  messages: z.array(templateMessage).max(200),
  providerId: z.string().max(128).nullable(),
  model: z.string().max(200),
  temperature: z.number().min(0).max(2).optional(),
  /** files stay in the browser that attached them (decision in docs/team-server.md); ids travel as given */
  fileIds: z.array(clientId).max(100),
});
const flowStep = z.strictObject({
  id: clientId,
  name: z.string().max(200),
  actionIds: z.array(clientId).max(100),
  continueOnError: z.boolean(),
});
/** A flow travels with its actions (the extension keeps them in a separate slice). */
export const flowBody = z.strictObject({
  name: z.string().min(1).max(200),
  description: z.string().max(2_000).optional(),
  steps: z.array(flowStep).max(100),
  actions: z.array(flowAction).max(500),
});
export type FlowBody = z.infer<typeof flowBody>;

/** An org variable (projectId null), a project variable, or (scope 'user') a user variable its owner chose to sync. */
export const variableBody = z.strictObject({
  name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/, 'a variable name is a letter or "_" then letters, digits, "_", "." or "-"'),
  value: z.string().max(100_000),
});
export type VariableBody = z.infer<typeof variableBody>;

/**
 * 'user': a user variable, synced because its owner turned that on (options → Team). Only the owner (the
 * token's user) pulls, pushes or reads it; projectId is null. Absent: the org's or the project's.
 * A record's scope is fixed when it is created.
 */
export const variableScope = z.literal('user');

export const syncKind = z.enum(['prompt', 'flow', 'variable']);
export type SyncKind = z.infer<typeof syncKind>;

// ---------------------------------------------------------------------------------------------
// A record as the server stores and sends it. body null = deleted (a tombstone, so pulls see deletions).

const recordEnvelope = {
  id: clientId,
  /** null: the whole org's; else the project's */
  projectId: serverId.nullable(),
  /** 1 on creation, +1 on every accepted edit */
  version: z.number().int().positive(),
  updatedAt: epochMs,
  updatedBy: serverId,
};
export const syncRecord = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('prompt'), ...recordEnvelope, body: promptBody.nullable() }),
  z.strictObject({ kind: z.literal('flow'), ...recordEnvelope, body: flowBody.nullable() }),
  z.strictObject({ kind: z.literal('variable'), ...recordEnvelope, scope: variableScope.optional(), body: variableBody.nullable() }),
]);
export type SyncRecord = z.infer<typeof syncRecord>;

// ---------------------------------------------------------------------------------------------
// Pull: GET /orgs/:orgId/sync?cursor=…  → the changes after the cursor, oldest first.

/** Opaque to clients: send back what the last pull returned; omit it for a first, full pull. */
export const syncCursor = z.string().min(1).max(200);
export const pullQuery = z.strictObject({
  cursor: syncCursor.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});
export const pullResponse = z.strictObject({
  changes: z.array(syncRecord),
  /** where the next pull starts */
  cursor: syncCursor,
  /** more changes are waiting: pull again with the new cursor */
  more: z.boolean(),
});
export type PullResponse = z.infer<typeof pullResponse>;

// ---------------------------------------------------------------------------------------------
// Push: POST /orgs/:orgId/sync/push. All or nothing: one stale change refuses the whole push (409).

const changeEnvelope = {
  id: clientId,
  projectId: serverId.nullable(),
  /** the version the edit started from; 0 for a record the server has never seen */
  baseVersion: z.number().int().nonnegative(),
};
export const syncChange = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('prompt'), ...changeEnvelope, body: promptBody.nullable() }),
  z.strictObject({ kind: z.literal('flow'), ...changeEnvelope, body: flowBody.nullable() }),
  z.strictObject({ kind: z.literal('variable'), ...changeEnvelope, scope: variableScope.optional(), body: variableBody.nullable() }),
]);
export type SyncChange = z.infer<typeof syncChange>;

export const pushRequest = z.strictObject({
  changes: z
    .array(syncChange)
    .min(1)
    .max(500)
    .refine((changes) => new Set(changes.map((c) => `${c.kind}:${c.id}`)).size === changes.length, 'a push names each record once'),
});
export type PushRequest = z.infer<typeof pushRequest>;

export const pushResponse = z.strictObject({
  applied: z.array(z.strictObject({ kind: syncKind, id: clientId, version: z.number().int().positive() })),
});
export type PushResponse = z.infer<typeof pushResponse>;

/** 409: the server's copy of each record whose baseVersion was stale (current null: the client thought it existed). */
export const pushConflict = z.strictObject({
  error: z.literal('conflict'),
  message: z.string(),
  conflicts: z.array(
    z.strictObject({
      kind: syncKind,
      id: clientId,
      baseVersion: z.number().int().nonnegative(),
      current: syncRecord.nullable(),
    }),
  ),
});
export type PushConflict = z.infer<typeof pushConflict>;

// ---------------------------------------------------------------------------------------------
// Runs: POST /orgs/:orgId/runs. Append-only and idempotent: ids are client-generated, a run or task
// sent twice is stored once. Tasks may arrive later under a run already stored (a chat goes on).

export const taskStatus = z.enum(['completed', 'error', 'stopped', 'interrupted']);
export const taskUpload = z.strictObject({
  id: clientId,
  model: z.string().max(200),
  provider: z.string().max(200),
  promptTokens: z.number().int().nonnegative().nullable(),
  completionTokens: z.number().int().nonnegative().nullable(),
  cost: z.number().nonnegative().nullable(),
  /** milliseconds */
  timeToFirstToken: z.number().int().nonnegative().nullable(),
  /** milliseconds */
  duration: z.number().int().nonnegative().nullable(),
  status: taskStatus,
  error: z.string().max(10_000).nullable(),
  /** the answer; stored only when the org collects run text */
  output: z.string().max(1_000_000).optional(),
  createdAt: epochMs,
});
export type TaskUpload = z.infer<typeof taskUpload>;

export const runUpload = z.strictObject({
  id: clientId,
  projectId: serverId.nullable(),
  sourceType: z.enum(['prompt', 'flow']),
  sourceId: z.string().max(128),
  name: z.string().max(500).nullable(),
  totalTokens: z.number().int().nonnegative(),
  totalCost: z.number().nonnegative(),
  createdAt: epochMs,
  tasks: z.array(taskUpload).max(500),
});
export type RunUpload = z.infer<typeof runUpload>;

export const runsUploadRequest = z.strictObject({ runs: z.array(runUpload).min(1).max(100) });
export const runsUploadResponse = z.strictObject({
  runs: z.array(z.strictObject({ id: clientId, stored: z.boolean(), tasksStored: z.number().int().nonnegative() })),
});
export type RunsUploadResponse = z.infer<typeof runsUploadResponse>;

export const storedTask = taskUpload.extend({ output: z.string().nullable(), userId: serverId });
export const storedRun = runUpload.extend({ userId: serverId, tasks: z.array(storedTask), receivedAt: epochMs });
export type StoredRun = z.infer<typeof storedRun>;

// ---------------------------------------------------------------------------------------------
// Who am I: GET /me — the orgs and projects the token's user belongs to (the Team page, the switcher).

export const orgSettings = z.strictObject({
  /** runs and tasks go to the server's ai_runs / ai_tasks */
  collectRuns: z.boolean(),
  /** and with them the answers' text */
  collectRunText: z.boolean(),
});
export type OrgSettings = z.infer<typeof orgSettings>;

export const projectInfo = z.strictObject({ id: serverId, name: z.string(), createdAt: epochMs });
export const meResponse = z.strictObject({
  user: z.strictObject({ id: serverId, email: z.string(), name: z.string() }),
  orgs: z.array(
    z.strictObject({
      id: serverId,
      name: z.string(),
      role: memberRole,
      settings: orgSettings,
      projects: z.array(projectInfo),
    }),
  ),
});
export type MeResponse = z.infer<typeof meResponse>;

// ---------------------------------------------------------------------------------------------
// Members: GET /orgs/:orgId/members; PATCH / DELETE /orgs/:orgId/members/:userId (owners and admins).

export const memberInfo = z.strictObject({ userId: serverId, email: z.string(), name: z.string(), role: memberRole });
export type MemberInfo = z.infer<typeof memberInfo>;
export const membersResponse = z.strictObject({ members: z.array(memberInfo) });
export const memberRoleRequest = z.strictObject({ role: memberRole });
export const memberRoleResponse = z.strictObject({ userId: serverId, role: memberRole });
export const memberRemovedResponse = z.strictObject({ userId: serverId, removed: z.literal(true) });

/** GET /orgs/:orgId/variables?projectId=…: the server half of fetchScopedVariables({ userId, orgId, projectId }). */
export const scopedVariablesResponse = z.strictObject({
  org: z.record(z.string(), z.string()),
  project: z.record(z.string(), z.string()),
});
export type ScopedVariablesResponse = z.infer<typeof scopedVariablesResponse>;

/** Every refusal has this shape: a stable code and a sentence for the user. */
export const errorResponse = z.object({
  error: z.string(),
  message: z.string(),
  issues: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional(),
});
export type ErrorResponse = z.infer<typeof errorResponse>;
