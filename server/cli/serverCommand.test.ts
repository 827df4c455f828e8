import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, openTestDatabase, type TestDatabase } from '../test/testDatabase.ts';

// `npm run server -- init` creates the first org, owner and token and prints how to connect;
// `npm run server` then serves that org: on the embedded database (a data dir) and on PostgreSQL (DATABASE_URL).

const repo = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(repo, 'node_modules/.bin/tsx');

describe.each(backends)('the server command (%s)', (backend) => {
  let env: NodeJS.ProcessEnv;
  let dataDir: string | undefined;
  let database: TestDatabase | undefined;

  beforeAll(async () => {
    const base = { ...process.env, DATABASE_URL: '', DATABASE_MIGRATION_URL: '', FLOWBAR_DATA_DIR: '' };
    if (backend === 'pglite') {
      dataDir = mkdtempSync(path.join(os.tmpdir(), 'flowbar-server-'));
      env = { ...base, FLOWBAR_DATA_DIR: path.join(dataDir, 'not', 'made', 'yet') };
    } else {
      database = await openTestDatabase('postgres');
      await database.app.destroy(); // the command makes its own connections
      env = { ...base, DATABASE_URL: database.urls!.app, DATABASE_MIGRATION_URL: database.urls!.migration };
    }
    for (const key of Object.keys(env)) if (env[key] === '') delete env[key];
  });
  afterAll(async () => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    await database?.close().catch(() => {});
  });

  it('init prints the server URL and a token that the started server accepts; a second init refuses', { timeout: 240_000 }, async () => {
    const init = spawnSync(
      'npm',
      ['run', '--silent', 'server', '--', 'init', '--org', 'Acme', '--email', 'Ann@Acme.test', '--name', 'Ann', '--public-url', 'http://team.example:8787'],
      { cwd: repo, env, encoding: 'utf8' },
    );
    expect(init.status, init.stderr).toBe(0);
    expect(init.stdout).toContain('Server URL: http://team.example:8787');
    const token = /Token:\s+(fbt_[A-Za-z0-9_-]+)/.exec(init.stdout)?.[1];
    expect(token).toBeDefined();

    const again = spawnSync(tsx, ['server/main.ts', 'init'], { cwd: repo, env, encoding: 'utf8' });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('has an org already');

    const server = spawn(tsx, ['server/main.ts', '--port', '0'], { cwd: repo, env });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        server.stdout.on('data', (chunk) => {
          out += chunk;
          const match = /Flowbar team server on (http:\/\/\S+) /.exec(out);
          if (match) resolve(match[1]);
        });
        server.stderr.on('data', (chunk) => (out += chunk));
        server.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
      });
      const me = await fetch(`${url}/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(me.status).toBe(200);
      const body = await me.json();
      expect(body.user.email).toBe('ann@acme.test');
      expect(body.orgs).toMatchObject([{ name: 'Acme', role: 'owner' }]);
      expect((await fetch(`${url}/me`, { headers: { authorization: 'Bearer fbt_wrong' } })).status).toBe(401);
    } finally {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
  });
});
