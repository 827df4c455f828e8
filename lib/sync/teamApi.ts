import { z } from 'zod';
import {
  errorResponse,
  memberRemovedResponse,
  memberRoleResponse,
  meResponse,
  membersResponse,
  pullResponse,
  pushConflict,
  pushResponse,
  runsUploadResponse,
  scopedVariablesResponse,
  type MemberInfo,
  type MemberRole,
  type MeResponse,
  type PullResponse,
  type PushConflict,
  type PushResponse,
  type RunUpload,
  type RunsUploadResponse,
  type ScopedVariablesResponse,
  type SyncChange,
} from './syncSchemas';

// The thin HTTP edge of the sync client: one function per endpoint, every reply checked with the
// shared wire schemas. The token is sent only to the server URL it was given with (fixed paths under
// that origin, redirects refused), and never appears in an error message.

/** The server did not answer (down, no network, a timeout): the client works offline. */
export class TeamOfflineError extends Error {
  readonly offline = true;
}

/** The server answered with a refusal ({ error, message }). */
export class TeamHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type PushResult = { ok: true; applied: PushResponse['applied'] } | { ok: false; conflicts: PushConflict['conflicts'] };

export interface TeamApi {
  readonly origin: string;
  me(): Promise<MeResponse>;
  pull(orgId: string, cursor: string | null, limit?: number): Promise<PullResponse>;
  push(orgId: string, changes: SyncChange[]): Promise<PushResult>;
  variables(orgId: string, projectId: string | null): Promise<ScopedVariablesResponse>;
  uploadRuns(orgId: string, runs: RunUpload[]): Promise<RunsUploadResponse>;
  members(orgId: string): Promise<MemberInfo[]>;
  setMemberRole(orgId: string, userId: string, role: MemberRole): Promise<void>;
  removeMember(orgId: string, userId: string): Promise<void>;
}

export interface TeamApiOptions {
  serverUrl: string;
  token: string;
  fetch?: typeof fetch;
  /** a request that takes longer counts as offline (ms) */
  timeoutMs?: number;
}

/** The server URL as the client keeps it: http(s), no credentials, query or fragment; the path kept without a trailing slash. */
export function normaliseServerUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new Error('The server URL is not a valid address (e.g. https://flowbar.example.com).');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('The server URL must start with http:// or https://.');
  if (url.username || url.password) throw new Error('Put the token in the token field, not in the URL.');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export function createTeamApi(options: TeamApiOptions): TeamApi {
  const base = normaliseServerUrl(options.serverUrl);
  const origin = new URL(base).origin;
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => fetch(...args));
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function request<T>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    schema: z.ZodType<T>,
    body?: unknown,
    accept409?: z.ZodType<unknown>,
  ): Promise<T | { conflict: unknown }> {
    const url = new URL(base + path);
    if (url.origin !== origin) throw new Error('refusing to send the token to another origin');
    let response: Response;
    try {
      response = await doFetch(url, {
        method,
        redirect: 'error',
        credentials: 'omit',
        headers: { authorization: `Bearer ${options.token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw new TeamOfflineError(`The team server at ${origin} does not answer.`);
    }
    const text = await response.text().catch(() => '');
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: a proxy's page, say
    }
    if (response.status === 409 && accept409) return { conflict: accept409.parse(json) };
    if (!response.ok) {
      const refusal = errorResponse.safeParse(json);
      if (response.status >= 500 && !refusal.success) throw new TeamOfflineError(`The team server at ${origin} failed (HTTP ${response.status}).`);
      throw new TeamHttpError(
        response.status,
        refusal.success ? refusal.data.error : `http_${response.status}`,
        refusal.success ? refusal.data.message : `The team server answered HTTP ${response.status}.`,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new TeamHttpError(response.status, 'bad_reply', `The team server's reply to ${path.split('?')[0]} is not what this version of Flowbar expects.`);
    return parsed.data;
  }
  const org = (orgId: string) => `/orgs/${encodeURIComponent(orgId)}`;

  return {
    origin,
    me: () => request('GET', '/me', meResponse) as Promise<MeResponse>,
    pull: (orgId, cursor, limit = 500) =>
      request('GET', `${org(orgId)}/sync?${new URLSearchParams({ ...(cursor && { cursor }), limit: String(limit) })}`, pullResponse) as Promise<PullResponse>,
    async push(orgId, changes) {
      const reply = await request('POST', `${org(orgId)}/sync/push`, pushResponse, { changes }, pushConflict);
      if ('conflict' in reply) return { ok: false, conflicts: (reply.conflict as PushConflict).conflicts };
      return { ok: true, applied: reply.applied };
    },
    variables: (orgId, projectId) =>
      request(
        'GET',
        `${org(orgId)}/variables${projectId ? `?${new URLSearchParams({ projectId })}` : ''}`,
        scopedVariablesResponse,
      ) as Promise<ScopedVariablesResponse>,
    uploadRuns: (orgId, runs) => request('POST', `${org(orgId)}/runs`, runsUploadResponse, { runs }) as Promise<RunsUploadResponse>,
    members: async (orgId) => ((await request('GET', `${org(orgId)}/members`, membersResponse)) as { members: MemberInfo[] }).members,
    async setMemberRole(orgId, userId, role) {
      await request('PATCH', `${org(orgId)}/members/${encodeURIComponent(userId)}`, memberRoleResponse, { role });
    },
    async removeMember(orgId, userId) {
      await request('DELETE', `${org(orgId)}/members/${encodeURIComponent(userId)}`, memberRemovedResponse);
    },
  };
}
