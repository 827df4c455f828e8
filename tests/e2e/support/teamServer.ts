import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../../server/app.ts';
import { createOrgWithOwner } from '../../../server/cli/initFirstOrg.ts';
import { migrateToLatest } from '../../../server/db/migrate.ts';
import { openDatabase, type OpenDatabase } from '../../../server/db/openDatabase.ts';

// The real team server (server/) for the browser tests: on an in-memory PGlite, listening on a free
// port of 127.0.0.1, with two orgs. It can be stopped and started again on the same port (the same
// database), as a server that goes down and comes back.

export interface Member {
  userId: string;
  token: string;
}

export interface TeamServer {
  url: string;
  db: OpenDatabase;
  orgA: { id: string; owner: Member };
  orgB: { id: string; owner: Member };
  addMember(role: 'admin' | 'member' | 'viewer', email: string): Promise<Member>;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startTeamServer(): Promise<TeamServer> {
  const db = await openDatabase({ kind: 'pglite' });
  await migrateToLatest(db.owner);
  const a = await db.owner.transaction().execute((tx) => createOrgWithOwner(tx, { orgName: 'Org A', email: 'ann@a.test', name: 'Ann' }));
  const b = await db.owner.transaction().execute((tx) => createOrgWithOwner(tx, { orgName: 'Org B', email: 'bob@b.test', name: 'Bob' }));
  let app: FastifyInstance | null = await buildApp({ db: db.app });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as AddressInfo).port;
  const inject = async (token: string, method: 'POST' | 'PATCH', url: string, payload: object) => {
    const reply = await app!.inject({ method, url, headers: { authorization: `Bearer ${token}` }, payload });
    if (reply.statusCode !== 200) throw new Error(`${method} ${url}: ${reply.body}`);
    return reply.json();
  };
  await inject(a.token, 'PATCH', `/orgs/${a.orgId}`, { collectRuns: true, collectRunText: true });
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    orgA: { id: a.orgId, owner: { userId: a.userId, token: a.token } },
    orgB: { id: b.orgId, owner: { userId: b.userId, token: b.token } },
    async addMember(role, email) {
      const body = await inject(a.token, 'POST', `/orgs/${a.orgId}/members`, { email, name: role, role });
      return { userId: body.userId, token: body.token };
    },
    async stop() {
      await app?.close();
      app = null;
    },
    async start() {
      app = await buildApp({ db: db.app });
      await app.listen({ host: '127.0.0.1', port });
    },
    async close() {
      await app?.close();
      await db.close();
    },
  };
}
