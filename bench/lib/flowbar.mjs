// Flowbar in real Chromium for the benchmarks: build (if needed), launch with the extension
// loaded in a fresh profile, reach the service worker's store, open the side panel as a tab.
// Everything is bounded by a timeout, and the browser only talks to 127.0.0.1.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM } from './machine.mjs';
import { withTimeout } from './util.mjs';
import { extensionLaunchArgs } from '../../tests/support/chromiumLaunch.mjs';

// Playwright watches a service worker's network traffic and console through DevTools; a user's
// browser does not, and the watching slows the worker down. Off for the benchmarks.
process.env.PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK ??= '1';
process.env.PLAYWRIGHT_DISABLE_SERVICE_WORKER_CONSOLE ??= '1';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BUILD_DIR = path.join(ROOT, '.output/chrome-mv3');

/** Builds the extension when `.output/chrome-mv3` is missing (or when forced). */
export async function ensureBuilt({ force = false } = {}) {
  if (!force && existsSync(path.join(BUILD_DIR, 'manifest.json'))) return { built: false };
  console.log(force ? 'bench: building the extension (npx wxt build)…' : 'bench: .output/chrome-mv3 is missing: building it (npx wxt build)…');
  await withTimeout(
    new Promise((resolve, reject) => {
      const child = spawn('npx', ['wxt', 'build'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`wxt build exited with ${code}`))));
    }),
    300_000,
    'wxt build',
  );
  return { built: true };
}

let snapshot = null;

/**
 * A private copy of the build for this benchmark process: others may rebuild `.output` while the
 * benchmarks run, and a browser must not load half a build.
 */
export function extensionSnapshot() {
  if (snapshot) return snapshot;
  if (!existsSync(path.join(BUILD_DIR, 'manifest.json'))) throw new Error('no build in .output/chrome-mv3: run `npx wxt build`');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'flowbar-bench-ext-'));
  cpSync(BUILD_DIR, dir, { recursive: true });
  snapshot = { dir, builtAt: statSync(path.join(BUILD_DIR, 'manifest.json')).mtime.toISOString() };
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return snapshot;
}

/**
 * Chromium with Flowbar in a fresh profile (or in `userDataDir`, to reopen one). Resolves once the
 * worker's store is hydrated.
 * @returns {Promise<{ context: import('@playwright/test').BrowserContext, worker: import('@playwright/test').Worker, extensionId: string, close: () => Promise<void> }>}
 */
export async function launchFlowbar({ extDir = extensionSnapshot().dir, args = [], userDataDir = '' } = {}) {
  const context = await withTimeout(
    chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [...extensionLaunchArgs(extDir), ...args],
      viewport: { width: 420, height: 900 }, // about a side panel's size
      timeout: 60_000,
    }),
    70_000,
    'Chromium to start',
  );
  const close = () => withTimeout(context.close(), 30_000, 'Chromium to close').catch(() => undefined);
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
    await waitHydrated(worker);
    return { context, worker, extensionId: new URL(worker.url()).host, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export async function waitHydrated(worker, timeoutMs = 20_000) {
  await worker.evaluate(async (timeout) => {
    const deadline = Date.now() + timeout;
    while (!globalThis.flowbar?.store.getState().app.hydrated) {
      if (Date.now() > deadline) throw new Error('the store did not hydrate');
      await new Promise((r) => setTimeout(r, 20));
    }
  }, timeoutMs);
}

/** A command as a page sends it (through the command gate), from the worker. */
export function command(worker, type, payload, timeoutMs = 30_000) {
  return withTimeout(
    worker.evaluate(({ type, payload }) => globalThis.flowbar.store.dispatch({ type, payload, _sender: {} }), { type, payload }),
    timeoutMs,
    type,
  );
}

/** Points the default provider at the local server (and the model given). */
export async function useLocalProvider(worker, baseURL, model) {
  if (!new URL(baseURL).hostname.startsWith('127.')) throw new Error(`benchmarks only talk to 127.0.0.1, not ${baseURL}`);
  await command(worker, 'cmd/providers/save', { id: 'ollama', name: 'Bench LLM', baseURL, defaultModel: model });
}

/** Opens the side panel as a tab, after `initScripts` (functions or source strings) are installed. */
export async function openPanel(context, extensionId, { initScripts = [], waitReady = true } = {}) {
  const page = await context.newPage();
  for (const script of initScripts) await page.addInitScript(script);
  await withTimeout(page.goto(`chrome-extension://${extensionId}/sidepanel.html`), 20_000, 'the side panel to load');
  if (waitReady) await page.getByRole('combobox', { name: 'Prompt' }).waitFor({ timeout: 20_000 });
  return page;
}

/** Waits until no instance is busy in the worker's store. */
export async function waitAllIdle(worker, timeoutMs = 60_000) {
  await worker.evaluate(async (timeout) => {
    const busy = () =>
      Object.values(globalThis.flowbar.store.getState().promptExecution.instances).some((i) => ['initializing', 'executing', 'streaming'].includes(i.status)) ||
      Object.keys(globalThis.flowbar.store.getState().streaming.byTaskId).length > 0;
    const deadline = Date.now() + timeout;
    while (busy()) {
      if (Date.now() > deadline) throw new Error('instances still busy');
      await new Promise((r) => setTimeout(r, 20));
    }
  }, timeoutMs);
}

/** Closes every open instance (keeps the panel's state small and equal between runs). */
export async function closeAllInstances(worker) {
  await worker.evaluate(async () => {
    const { store } = globalThis.flowbar;
    for (const instanceId of Object.keys(store.getState().promptExecution.instances)) {
      await store.dispatch({ type: 'cmd/instance/close', payload: { instanceId }, _sender: {} });
    }
  });
}

// ------------------------------------------------------------------------------------------
// DevTools protocol: the panel through its page session; the service worker through a target
// attached from that session (Playwright's newCDPSession only takes pages).

/**
 * A CDP session to the extension's service worker.
 * @param {import('@playwright/test').CDPSession} pageSession
 */
export async function attachWorkerSession(pageSession) {
  const { targetInfos } = await pageSession.send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
  if (!target) throw new Error('no extension service worker target');
  const { sessionId } = await pageSession.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
  let nextId = 1;
  const pending = new Map();
  const onMessage = (event) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message);
    if (message.id && pending.has(message.id)) {
      const { resolve, reject } = pending.get(message.id);
      pending.delete(message.id);
      if (message.error) reject(new Error(`${message.error.message} (${message.error.code})`));
      else resolve(message.result);
    }
  };
  pageSession.on('Target.receivedMessageFromTarget', onMessage);
  return {
    send(method, params = {}, timeoutMs = 30_000) {
      const id = nextId++;
      const answer = new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
      void pageSession.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
      return withTimeout(answer, timeoutMs, `service worker ${method}`);
    },
    async detach() {
      pageSession.off('Target.receivedMessageFromTarget', onMessage);
      await pageSession.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    },
  };
}

/** JS heap in use after a full garbage collection, in bytes. `session` has send(method, params). */
export async function heapAfterGc(session) {
  await session.send('HeapProfiler.enable').catch(() => undefined);
  await session.send('HeapProfiler.collectGarbage');
  await session.send('HeapProfiler.collectGarbage');
  const { usedSize, totalSize } = await session.send('Runtime.getHeapUsage');
  return { usedBytes: usedSize, totalBytes: totalSize };
}

/** CDP Performance metrics of a page as an object (ScriptDuration, TaskDuration in seconds; heap in bytes). */
export async function pageMetrics(session) {
  const { metrics } = await session.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}
