import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

// A throwaway PostgreSQL cluster for the tests: Debian's postgresql (scripts/ensure-deps.sh --postgres
// installs it), run as the unprivileged postgres user when we are root, in a temporary directory,
// listening on 127.0.0.1 and a free port only, with password authentication.

export interface PostgresInfo {
  host: string;
  port: number;
  superuser: { user: string; password: string };
  /** a login role that is a member of flowbar_app: what the server connects as in the tests */
  api: { user: string; password: string };
}

export interface RunningPostgres {
  info: PostgresInfo;
  stop(): Promise<void>;
}

function findBinDir(): string {
  const candidates: string[] = [];
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) candidates.push(path.dirname(onPath));
  const fromPgConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (fromPgConfig.status === 0) candidates.push(fromPgConfig.stdout.trim());
  if (existsSync('/usr/lib/postgresql')) {
    for (const version of readdirSync('/usr/lib/postgresql').sort().reverse()) candidates.push(`/usr/lib/postgresql/${version}/bin`);
  }
  const found = candidates.find((dir) => existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl')));
  if (!found) throw new Error('PostgreSQL is not installed (no initdb). Run `bash scripts/ensure-deps.sh --postgres` (npm test does).');
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startPostgres(): Promise<RunningPostgres> {
  const binDir = findBinDir();
  const asRoot = process.getuid?.() === 0;
  const root = mkdtempSync(path.join(os.tmpdir(), 'flowbar-pg-'));
  const dataDir = path.join(root, 'data');
  const superPassword = randomBytes(18).toString('base64url');
  const pwFile = path.join(root, 'pwfile');
  writeFileSync(pwFile, superPassword + '\n', { mode: 0o600 });
  if (asRoot) {
    const pwd = execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim();
    const grp = execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim();
    chownSync(root, Number(pwd), Number(grp));
    chownSync(pwFile, Number(pwd), Number(grp));
  }
  const run = (tool: string, args: string[]) => {
    const command = path.join(binDir, tool);
    const result = asRoot
      ? spawnSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8' })
      : spawnSync(command, args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`${tool} failed: ${result.stderr || result.stdout}`);
  };
  run('initdb', ['-D', dataDir, '-U', 'postgres', `--pwfile=${pwFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--no-locale']);
  const port = await freePort();
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories=${root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  run('pg_ctl', ['-D', dataDir, '-l', path.join(root, 'server.log'), '-w', '-t', '60', '-o', options, 'start']);

  const info: PostgresInfo = {
    host: '127.0.0.1',
    port,
    superuser: { user: 'postgres', password: superPassword },
    api: { user: 'flowbar_api', password: randomBytes(18).toString('base64url') },
  };
  const client = new pg.Client({ host: info.host, port, user: 'postgres', password: superPassword, database: 'postgres' });
  await client.connect();
  // The migration makes flowbar_app when missing; the login role that is a member of it is the
  // operator's job (docs/team-server.md), done here for the tests.
  await client.query(`create role flowbar_app nologin nosuperuser nobypassrls`);
  await client.query(`create role ${info.api.user} login nosuperuser nobypassrls nocreatedb nocreaterole password '${info.api.password}' in role flowbar_app`);
  await client.end();

  return {
    info,
    async stop() {
      run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
      rmSync(root, { recursive: true, force: true });
    },
  };
}
