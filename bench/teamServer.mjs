// 7. The team server under load: N simulated extensions (default 200) pulling, pushing edits and
// sending runs for S seconds (default 60) against `npm run server` on 127.0.0.1, on the embedded
// PGlite and, when PostgreSQL is installed, on a throwaway PostgreSQL cluster.
//
// Each client is one user (4 orgs of N/4 members), one request in flight at a time, no think time
// (a closed loop: the figures are what the server sustains, not what 200 people would ask of it):
//   pull     GET /orgs/:org/sync with its cursor (50%)
//   push     an edit of its own prompt from the version it holds, now and then of the org's one
//            shared prompt (a 409 there is counted, and the client takes the server's version) (20%)
//   runs     POST /orgs/:org/runs with 1–3 new runs of 2 tasks each; one batch in ten is sent twice
//            (a lost reply) (30%)
// At the end the server is stopped and ai_runs / ai_tasks are counted in the database: every run
// acknowledged must be there once (lost = acknowledged but missing; duplicated = rows beyond the
// distinct ids), and nothing else.
//
//   node bench/teamServer.mjs [--seconds 60] [--clients 200] [--backend pglite|postgres|both]
//   npm run bench -- team [--quick]          (--quick: 10 s)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';
import { publish, row } from './lib/report.mjs';
import { percentile } from './lib/util.mjs';

export const name = 'team';
export const title = '7. The team server: 200 clients';
export const budgetMs = 12 * 60_000;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ORGS = 4;

function argValue(args, flag, fallback) {
  const i = args.indexOf(flag);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
}

/** `npm run server` as a child process (tsx), on the given database options; resolves with its URL. */
function startServer(extraArgs) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--port', '0', ...extraArgs], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const onData = (chunk) => {
      out += chunk;
      const match = /Flowbar team server on (http:\/\/[^\s]+)/.exec(out);
      if (match) resolve({ url: match[1], child, stop: () => stopChild(child) });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => (out += chunk));
    child.once('exit', (code) => reject(new Error(`the server exited (${code}): ${out.slice(-2000)}`)));
  });
}

function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}

function runInit(extraArgs) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'server/main.ts', 'init', '--org', 'Bench org 0', '--email', 'owner@bench.test', '--name', 'Owner', ...extraArgs],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.once('exit', (code) => {
      const token = /fbt_[A-Za-z0-9_-]+/.exec(out)?.[0];
      if (code === 0 && token) resolve(token);
      else reject(new Error(`init failed (${code}): ${out.slice(-2000)}`));
    });
  });
}

async function api(url, token, method, route, body) {
  const response = await fetch(url + route, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body && { 'content-type': 'application/json' }) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

const prompt = (name, text) => ({
  name,
  messages: [{ role: 'user', content: text }],
  settings: { providerId: null, model: '' },
  executionConfig: { auto_run: true, allow_chat: true, show_variables: false, apply_variables: true, track_in_runs: true },
});

const runUpload = (id, now) => ({
  id,
  projectId: null,
  sourceType: 'prompt',
  sourceId: 'bench',
  name: `Bench run ${id}`,
  totalTokens: 300,
  totalCost: 0.0003,
  createdAt: now,
  tasks: [1, 2].map((n) => ({
    id: `${id}-t${n}`,
    model: 'llama3.2',
    provider: 'Ollama',
    promptTokens: 100,
    completionTokens: 50,
    cost: 0.00015,
    timeToFirstToken: 120,
    duration: 900,
    status: 'completed',
    error: null,
    output: 'An answer of a few words.',
    createdAt: now,
  })),
});

/** Orgs, members (one token each), one shared prompt per org. */
async function setUp(url, ownerToken, clients) {
  const me = await api(url, ownerToken, 'GET', '/me');
  const orgIds = [me.body.orgs[0].id];
  for (let i = 1; i < ORGS; i++) orgIds.push((await api(url, ownerToken, 'POST', '/orgs', { name: `Bench org ${i}` })).body.id);
  for (const orgId of orgIds) {
    const patch = await api(url, ownerToken, 'PATCH', `/orgs/${orgId}`, { collectRuns: true, collectRunText: true });
    if (patch.status !== 200) throw new Error(`PATCH org: ${JSON.stringify(patch.body)}`);
    await api(url, ownerToken, 'POST', `/orgs/${orgId}/sync/push`, {
      changes: [{ kind: 'prompt', id: 'shared', projectId: null, baseVersion: 0, body: prompt('Shared', 'the org prompt') }],
    });
  }
  const members = [];
  for (let i = 0; i < clients; i++) {
    const orgId = orgIds[i % ORGS];
    const reply = await api(url, ownerToken, 'POST', `/orgs/${orgId}/members`, { email: `client${i}@bench.test`, name: `Client ${i}`, role: 'member' });
    if (reply.status !== 200) throw new Error(`adding a member: ${JSON.stringify(reply.body)}`);
    members.push({ index: i, orgId, token: reply.body.token });
  }
  return { orgIds, members };
}

/** One simulated extension until the deadline. */
async function client(url, member, deadline, stats, acked) {
  let cursor = null;
  const versions = { mine: 0, shared: 1 };
  let seq = 0;
  let lastBatch = null;
  const timed = async (kind, method, route, body) => {
    const started = performance.now();
    const reply = await api(url, member.token, method, route, body);
    stats.latencies.push(performance.now() - started);
    (stats.byKind[kind] ??= []).push(performance.now() - started);
    stats.statuses[reply.status] = (stats.statuses[reply.status] ?? 0) + 1;
    return reply;
  };
  const org = `/orgs/${member.orgId}`;
  while (performance.now() < deadline) {
    const pick = Math.random();
    try {
      if (pick < 0.5) {
        const reply = await timed('pull', 'GET', `${org}/sync?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        if (reply.status === 200) cursor = reply.body.cursor;
      } else if (pick < 0.7) {
        const shared = Math.random() < 0.1;
        const id = shared ? 'shared' : `p-${member.index}`;
        const key = shared ? 'shared' : 'mine';
        const reply = await timed('push', 'POST', `${org}/sync/push`, {
          changes: [{ kind: 'prompt', id, projectId: null, baseVersion: versions[key], body: prompt(`Prompt ${member.index}`, `edit ${seq++}`) }],
        });
        if (reply.status === 200) versions[key] = reply.body.applied[0].version;
        else if (reply.status === 409) {
          stats.conflicts++;
          versions[key] = reply.body.conflicts[0].current?.version ?? 0; // take theirs, edit again later
        }
      } else {
        const resend = lastBatch && Math.random() < 0.1;
        const runs = resend ? lastBatch : Array.from({ length: 1 + Math.floor(Math.random() * 3) }, () => runUpload(`c${member.index}-r${seq++}`, Date.now()));
        const reply = await timed('runs', 'POST', `${org}/runs`, { runs });
        if (reply.status === 200) {
          for (const r of runs) acked.add(`${member.orgId}/${r.id}`);
          if (resend) stats.resent += runs.length;
          lastBatch = runs;
        }
      }
    } catch (error) {
      stats.failures++;
      stats.lastError = String(error?.message ?? error);
    }
  }
}

async function measure(backend, { seconds, clients }) {
  const temp = mkdtempSync(path.join(os.tmpdir(), 'flowbar-bench-'));
  let postgres = null;
  let dbArgs;
  let countRows;
  const unregister = register();
  try {
    if (backend === 'postgres') {
      const { startPostgres } = await import('../server/test/startPostgres.ts');
      postgres = await startPostgres();
      const { info } = postgres;
      const pg = (await import('pg')).default;
      const admin = new pg.Client({ host: info.host, port: info.port, user: info.superuser.user, password: info.superuser.password, database: 'postgres' });
      await admin.connect();
      await admin.query('create database flowbar_bench');
      await admin.end();
      const u = (user) => `postgresql://${user.user}:${encodeURIComponent(user.password)}@${info.host}:${info.port}/flowbar_bench`;
      dbArgs = ['--database-url', u(info.api), '--migration-url', u(info.superuser)];
      countRows = async () => {
        const c = new pg.Client({ connectionString: u(info.superuser) });
        await c.connect();
        const runs = (await c.query('select org_id, id from ai_runs')).rows;
        const tasks = Number((await c.query('select count(*) as n from ai_tasks')).rows[0].n);
        await c.end();
        return { runs: runs.map((r) => `${r.org_id}/${r.id}`), tasks };
      };
    } else {
      dbArgs = ['--data-dir', path.join(temp, 'data')];
      countRows = async () => {
        const { PGlite } = await import('@electric-sql/pglite');
        const db = await PGlite.create(path.join(temp, 'data'));
        const runs = (await db.query('select org_id, id from ai_runs')).rows;
        const tasks = Number((await db.query('select count(*)::int as n from ai_tasks')).rows[0].n);
        await db.close();
        return { runs: runs.map((r) => `${r.org_id}/${r.id}`), tasks };
      };
    }
    const ownerToken = await runInit(dbArgs);
    const server = await startServer(dbArgs);
    let stats, acked, elapsed;
    try {
      const { members } = await setUp(server.url, ownerToken, clients);
      stats = { latencies: [], byKind: {}, statuses: {}, conflicts: 0, resent: 0, failures: 0, lastError: null };
      acked = new Set();
      const started = performance.now();
      const deadline = started + seconds * 1000;
      await Promise.all(members.map((m) => client(server.url, m, deadline, stats, acked)));
      elapsed = (performance.now() - started) / 1000;
    } finally {
      await server.stop();
    }
    const stored = await countRows();
    const storedSet = new Set(stored.runs);
    const lost = [...acked].filter((id) => !storedSet.has(id)).length;
    const duplicated = stored.runs.length - storedSet.size;
    const unexpected = stored.runs.filter((id) => !acked.has(id)).length;
    return { backend, seconds: elapsed, clients, stats, acked: acked.size, stored: stored.runs.length, tasks: stored.tasks, lost, duplicated, unexpected };
  } finally {
    await unregister();
    if (postgres) await postgres.stop();
    rmSync(temp, { recursive: true, force: true });
  }
}

function postgresInstalled() {
  return spawnSync('sh', ['-c', 'command -v initdb || ls /usr/lib/postgresql/*/bin/initdb'], { encoding: 'utf8' }).stdout.trim() !== '';
}

export async function run({ quick = false, seconds, clients = 200, backends } = {}) {
  const duration = seconds ?? (quick ? 10 : 60);
  const chosen = backends ?? (postgresInstalled() ? ['pglite', 'postgres'] : ['pglite']);
  const rows = [];
  const details = [];
  for (const backend of chosen) {
    console.log(`  ${backend}: ${clients} clients for ${duration} s…`);
    const r = await measure(backend, { seconds: duration, clients });
    details.push({
      ...r,
      stats: {
        ...r.stats,
        latencies: undefined,
        byKind: Object.fromEntries(Object.entries(r.stats.byKind).map(([k, v]) => [k, { count: v.length, p50: percentile(v, 50), p99: percentile(v, 99) }])),
      },
    });
    const total = r.stats.latencies.length;
    const note = `${r.acked} runs acknowledged (${r.stats.resent} sent twice), ${r.stored} in ai_runs, ${r.tasks} in ai_tasks; ${r.stats.conflicts} pushes refused 409 (a shared prompt edited at once); statuses ${JSON.stringify(r.stats.statuses)}${r.stats.failures ? `; ${r.stats.failures} failed requests (${r.stats.lastError})` : ''}`;
    rows.push(row({ metric: `${backend}: requests per second`, value: total / r.seconds, unit: 'req/s', note }));
    rows.push(row({ metric: `  p50 latency`, value: percentile(r.stats.latencies, 50), unit: 'ms' }));
    rows.push(row({ metric: `  p99 latency`, value: percentile(r.stats.latencies, 99), unit: 'ms' }));
    for (const [kind, values] of Object.entries(r.stats.byKind))
      rows.push(
        row({
          metric: `  ${kind}: p50 / p99`,
          value: percentile(values, 50),
          unit: 'ms',
          note: `p99 ${Math.round(percentile(values, 99))} ms, ${values.length} requests`,
        }),
      );
    rows.push(row({ metric: `  runs lost`, value: r.lost, unit: 'runs', target: { op: '==', value: 0 } }));
    rows.push(row({ metric: `  runs duplicated`, value: r.duplicated + r.unexpected, unit: 'runs', target: { op: '==', value: 0 } }));
    rows.push(
      row({
        metric: `  failed requests (no reply, 5xx)`,
        value:
          r.stats.failures +
          Object.entries(r.stats.statuses)
            .filter(([s]) => Number(s) >= 500)
            .reduce((n, [, c]) => n + c, 0),
        unit: 'requests',
        target: { op: '==', value: 0 },
      }),
    );
  }
  return publish(name, title, rows, { runs: details });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const backend = argValue(args, '--backend', null);
  await run({
    quick: args.includes('--quick'),
    seconds: args.includes('--seconds') ? Number(argValue(args, '--seconds', '60')) : undefined,
    clients: Number(argValue(args, '--clients', '200')),
    backends: backend && backend !== 'both' ? [backend] : undefined,
  });
  setTimeout(() => process.exit(0), 100).unref();
}
