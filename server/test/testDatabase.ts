import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { migrateToLatest } from '../db/migrate.ts';
import { openDatabase, type OpenDatabase } from '../db/openDatabase.ts';

// Every server suite runs once per backend: the embedded PGlite and the real PostgreSQL that
// postgresGlobalSetup.ts started. Each suite gets a fresh, migrated database of its own.

export const backends = ['pglite', 'postgres'] as const;
export type Backend = (typeof backends)[number];

export interface TestDatabase extends OpenDatabase {
  backend: Backend;
  /** postgres: the connection strings (requests, migrations) of this suite's database */
  urls?: { app: string; migration: string };
}

export async function openTestDatabase(backend: Backend): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const db = await openDatabase({ kind: 'pglite' });
    await migrateToLatest(db.owner);
    return { ...db, backend };
  }
  const info = inject('postgres');
  const name = `flowbar_test_${randomBytes(6).toString('hex')}`;
  const url = (user: { user: string; password: string }, database: string) =>
    `postgresql://${user.user}:${encodeURIComponent(user.password)}@${info.host}:${info.port}/${database}`;
  const admin = new pg.Client({ connectionString: url(info.superuser, 'postgres') });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  // Requests connect as flowbar_api (a member of flowbar_app, not the owner); migrations as the superuser.
  const urls = { app: url(info.api, name), migration: url(info.superuser, name) };
  const db = await openDatabase({ kind: 'postgres', url: urls.app, migrationUrl: urls.migration, poolSize: 4 });
  await migrateToLatest(db.owner);
  return {
    ...db,
    backend,
    urls,
    async close() {
      await db.close();
      const cleanup = new pg.Client({ connectionString: url(info.superuser, 'postgres') });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
