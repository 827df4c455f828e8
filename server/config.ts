import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { DatabaseConfig } from './db/openDatabase.ts';

export interface ServerConfig {
  command: 'start' | 'init' | 'openapi';
  database: DatabaseConfig;
  host: string;
  port: number;
  /** the URL extensions use (printed by init); defaults to http://host:port */
  publicUrl: string;
  bodyLimit?: number;
  init: { orgName: string; email: string; name: string };
}

export const usage = `Usage: npm run server -- [start|init|openapi] [options]
  start (default)        serve the API
  init                   create the first org, its owner and a token, and print how to connect an extension
  openapi                print the OpenAPI description
Options:
  --database-url URL     PostgreSQL (or DATABASE_URL); without it, the embedded database (PGlite)
  --migration-url URL    the tables' owner for migrations (or DATABASE_MIGRATION_URL; default: the database URL)
  --data-dir DIR         the embedded database's folder (or FLOWBAR_DATA_DIR; default ~/.flowbar-server)
  --host HOST            (or HOST; default 127.0.0.1)
  --port PORT            (or PORT; default 8787)
  --public-url URL       the URL extensions reach the server at (printed by init)
  --org NAME --email EMAIL --name NAME    for init`;

export function defaultDataDir(): string {
  const home = os.homedir();
  return home ? path.join(home, '.flowbar-server') : path.resolve('.flowbar-server');
}

export function readConfig(argv: string[], env: NodeJS.ProcessEnv): ServerConfig {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'database-url': { type: 'string' },
      'migration-url': { type: 'string' },
      'data-dir': { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      'public-url': { type: 'string' },
      'body-limit': { type: 'string' },
      org: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
    },
  });
  const command = positionals[0] ?? 'start';
  if (command !== 'start' && command !== 'init' && command !== 'openapi') throw new Error(`Unknown command "${command}".\n${usage}`);
  const url = values['database-url'] ?? env.DATABASE_URL;
  const database: DatabaseConfig = url
    ? { kind: 'postgres', url, migrationUrl: values['migration-url'] ?? env.DATABASE_MIGRATION_URL }
    : { kind: 'pglite', dataDir: path.resolve(values['data-dir'] ?? env.FLOWBAR_DATA_DIR ?? defaultDataDir()) };
  const host = values.host ?? env.HOST ?? '127.0.0.1';
  const port = Number(values.port ?? env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not "${values.port ?? env.PORT}".`);
  const bodyLimit = values['body-limit'] ? Number(values['body-limit']) : undefined;
  return {
    command,
    database,
    host,
    port,
    publicUrl: values['public-url'] ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    bodyLimit,
    init: {
      orgName: values.org ?? 'My team',
      email: values.email ?? `${os.userInfo().username || 'owner'}@localhost`,
      name: values.name ?? (os.userInfo().username || 'Owner'),
    },
  };
}
