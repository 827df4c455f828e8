import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../app.ts';
import { createOrgWithOwner } from '../cli/initFirstOrg.ts';
import { openTestDatabase, type Backend, type TestDatabase } from './testDatabase.ts';

// Two orgs on one server: A with an owner, an admin, a member and a viewer (added through the API),
// and B with its own owner. Tests act as these people through app.inject.

export interface Person {
  userId: string;
  token: string;
}

export interface Team {
  db: TestDatabase;
  app: FastifyInstance;
  orgA: { id: string; owner: Person; admin: Person; member: Person; viewer: Person };
  orgB: { id: string; owner: Person };
  close(): Promise<void>;
}

export interface Reply<T = any> {
  status: number;
  body: T;
}

export async function call<T = any>(
  app: FastifyInstance,
  token: string | null,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
): Promise<Reply<T>> {
  const response = await app.inject({
    method,
    url,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...(payload !== undefined && { payload: payload as object }),
  });
  return { status: response.statusCode, body: (response.body ? response.json() : null) as T };
}

export async function startTeam(backend: Backend, appOptions: Partial<AppOptions> = {}): Promise<Team> {
  const db = await openTestDatabase(backend);
  const a = await db.owner.transaction().execute((tx) => createOrgWithOwner(tx, { orgName: 'Org A', email: 'owner@a.test', name: 'Ann' }));
  const b = await db.owner.transaction().execute((tx) => createOrgWithOwner(tx, { orgName: 'Org B', email: 'owner@b.test', name: 'Bob' }));
  const app = await buildApp({ db: db.app, ...appOptions });
  const add = async (role: string, email: string): Promise<Person> => {
    const reply = await call(app, a.token, 'POST', `/orgs/${a.orgId}/members`, { email, name: role, role });
    if (reply.status !== 200) throw new Error(`adding ${role}: ${JSON.stringify(reply.body)}`);
    return { userId: reply.body.userId, token: reply.body.token };
  };
  return {
    db,
    app,
    orgA: {
      id: a.orgId,
      owner: { userId: a.userId, token: a.token },
      admin: await add('admin', 'admin@a.test'),
      member: await add('member', 'member@a.test'),
      viewer: await add('viewer', 'viewer@a.test'),
    },
    orgB: { id: b.orgId, owner: { userId: b.userId, token: b.token } },
    async close() {
      await app.close();
      await db.close();
    },
  };
}

export const samplePrompt = (name = 'Summarise') => ({
  name,
  messages: [{ role: 'user' as const, content: 'Summarise {{selection}} for {{team}}' }],
  settings: { providerId: null, model: '' },
  executionConfig: { auto_run: true, allow_chat: true, show_variables: false, apply_variables: true, track_in_runs: true },
});

export const sampleRun = (id: string, taskIds: string[] = [`${id}-t1`], output = 'the answer') => ({
  id,
  projectId: null,
  sourceType: 'prompt' as const,
  sourceId: 'p1',
  name: 'Summarise: hello',
  totalTokens: 30,
  totalCost: 0.001,
  createdAt: 1_700_000_000_000,
  tasks: taskIds.map((taskId) => ({
    id: taskId,
    model: 'llama3.2',
    provider: 'Ollama',
    promptTokens: 10,
    completionTokens: 20,
    cost: 0.001,
    timeToFirstToken: 120,
    duration: 900,
    status: 'completed' as const,
    error: null,
    output,
    createdAt: 1_700_000_000_500,
  })),
});
