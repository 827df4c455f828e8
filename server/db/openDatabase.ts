import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Database } from './schema.ts';

export type DatabaseConfig =
  /** embedded PostgreSQL (PGlite); no dataDir = in memory */
  | { kind: 'pglite'; dataDir?: string }
  /** url: what requests use (ideally a role that is, or is a member of, flowbar_app);
   *  migrationUrl: the tables' owner, for migrations and `init` (defaults to url) */
  | { kind: 'postgres'; url: string; migrationUrl?: string; poolSize?: number };

export interface OpenDatabase {
  /** requests: every query runs inside asUser() as flowbar_app */
  app: Kysely<Database>;
  /** the tables' owner: migrations and the first org only */
  owner: Kysely<Database>;
  description: string;
  close(): Promise<void>;
}

export async function openDatabase(config: DatabaseConfig): Promise<OpenDatabase> {
  if (config.kind === 'pglite') {
    if (config.dataDir) await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
    const pglite = config.dataDir ? await PGlite.create(config.dataDir) : await PGlite.create();
    // One embedded connection: app and owner share it (the dialect queues transactions); requests
    // still run as flowbar_app because asUser() sets the role in each transaction.
    const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
    return {
      app: db,
      owner: db,
      description: config.dataDir ? `embedded PostgreSQL (PGlite) in ${config.dataDir}` : 'embedded PostgreSQL (PGlite) in memory',
      close: () => db.destroy(),
    };
  }
  const connect = (url: string, max: number) => new Kysely<Database>({ dialect: new PostgresDialect({ pool: watchedPool(url, max) }) });
  const app = connect(config.url, config.poolSize ?? 10);
  const owner = config.migrationUrl && config.migrationUrl !== config.url ? connect(config.migrationUrl, 2) : app;
  return {
    app,
    owner,
    description: `PostgreSQL at ${redactUrl(config.url)}`,
    async close() {
      await app.destroy();
      if (owner !== app) await owner.destroy();
    },
  };
}

/**
 * A pool whose idle connections may be closed by the server (a restart, an administrator, a
 * fast shutdown): pg reports that as an 'error' on the pool, which would end the process if
 * nothing listened. The pool has already dropped that connection and opens another when needed.
 */
function watchedPool(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', (error) =>
    console.warn(`Flowbar server: an idle connection to ${redactUrl(url)} was closed (${error.message}); the next query opens another.`),
  );
  return pool;
}

/** A connection string without its password, for logs. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgresql://…';
  }
}
