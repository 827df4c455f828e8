// Seeds the history: N past instances written straight into the worker's Dexie database
// (db 'flowbar', table 'instances'), as runPersistence.toInstanceRow would write them (an
// ExecutionInstance plus `open` and the `words` search index). Bench scripts are plain Node and
// cannot import the TypeScript, so the row logic is reproduced here and runs inside the worker.
//
// The content is deterministic: answers in Markdown from a Zipf-like vocabulary, a follow-up chat
// in some, an attached page in some; marker words with known frequencies for the search benchmark:
//   tangerine       in exactly 12 instances (rare)
//   photosynthesis  in 1 % of them
//   energy          in about 60 % (common)
import { withTimeout } from './util.mjs';

/** Runs in the service worker (worker.evaluate). Returns { count, ms, approxBytes }. */
export async function seedInstancesInWorker({ count, seed = 42, batch = 500, now = Date.now() }) {
  const db = globalThis.flowbar.services.db;
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  // a vocabulary of 4,000 pseudo-words; Zipf-like picks make a few words very common
  const syllables = ['ka', 'lo', 'mi', 'ra', 'te', 'su', 'ne', 'po', 'di', 'ga', 've', 'shi', 'tor', 'len', 'mar', 'qui', 'bel', 'dor', 'fen', 'zu'];
  const vocabulary = [];
  const seen = new Set();
  while (vocabulary.length < 4000) {
    const n = 1 + Math.floor(random() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += syllables[Math.floor(random() * syllables.length)];
    if (!seen.has(w)) {
      seen.add(w);
      vocabulary.push(w);
    }
  }
  const common = ['the', 'of', 'and', 'to', 'in', 'is', 'that', 'for', 'it', 'as', 'with', 'on', 'this', 'are', 'from'];
  const word = () => (random() < 0.35 ? common[Math.floor(random() * common.length)] : vocabulary[Math.floor(vocabulary.length * random() ** 3)]);
  const words = (n) => Array.from({ length: n }, word).join(' ');
  const sentence = () => {
    const s = words(8 + Math.floor(random() * 12));
    return `${s[0].toUpperCase()}${s.slice(1)}.`;
  };
  const answer = (paragraphs) => {
    const blocks = [];
    for (let i = 0; i < paragraphs; i++) {
      const r = random();
      if (r < 0.5) blocks.push(Array.from({ length: 2 + Math.floor(random() * 4) }, sentence).join(' '));
      else if (r < 0.8) blocks.push(Array.from({ length: 3 + Math.floor(random() * 3) }, () => `- ${sentence()}`).join('\n'));
      else if (r < 0.9) blocks.push(`## ${words(3)}`);
      else blocks.push(['```', ...Array.from({ length: 3 }, () => `let ${word()} = ${Math.floor(random() * 100)};`), '```'].join('\n'));
    }
    return blocks.join('\n\n');
  };

  // toInstanceRow: { ...instance, open, words: searchWordsOf(instance) }
  const MAX_INDEXED_WORDS = 400;
  const searchWordsOf = (instance) => {
    const found = new Set();
    const add = (text) => {
      for (const w of text.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? []) {
        if (found.size >= MAX_INDEXED_WORDS) return;
        found.add(w.slice(0, 40));
      }
    };
    add(instance.title);
    for (const message of instance.conversation.messages) add(message.content);
    return [...found];
  };

  const prompts = [
    ['summarize', 'Summarize'],
    ['explain', 'Explain'],
    ['translate', 'Translate'],
    ['fix-grammar', 'Fix grammar'],
  ];
  const tangerines = new Set(Array.from({ length: 12 }, (_, i) => Math.floor(((i + 0.5) * count) / 12)));
  const started = performance.now();
  let approxBytes = 0;
  for (let offset = 0; offset < count; offset += batch) {
    const rows = [];
    for (let i = offset; i < Math.min(count, offset + batch); i++) {
      const [promptId, promptName] = prompts[i % prompts.length];
      const updatedAt = now - (count - i) * 7 * 60_000 - Math.floor(random() * 60_000); // one every ~7 minutes, newest last
      const createdAt = updatedAt - Math.floor(random() * 600_000);
      const selection = Array.from({ length: 1 + Math.floor(random() * 6) }, sentence).join(' ');
      let first = answer(3 + Math.floor(random() * 6));
      if (random() < 0.6) first += `\n\nThe energy of ${word()} matters.`;
      if (i % 100 === 0) first += '\n\nPhotosynthesis converts light into chemical energy.';
      if (tangerines.has(i)) first += '\n\nRemember the tangerine.';
      const t = (ms) => new Date(ms).toISOString();
      // a message tree (schema version 4): each message follows the one before it
      const messages = [{ id: 'm0', parentId: null, role: 'assistant', content: first, taskId: `task-${i}-1`, timestamp: t(createdAt + 5000) }];
      if (random() < 0.3) {
        messages.push({ id: 'm1', parentId: 'm0', role: 'user', content: sentence(), timestamp: t(createdAt + 60_000) });
        messages.push({
          id: 'm2',
          parentId: 'm1',
          role: 'assistant',
          content: answer(2 + Math.floor(random() * 3)),
          taskId: `task-${i}-2`,
          timestamp: t(createdAt + 65_000),
        });
      }
      const resources =
        random() < 0.1 ? [{ id: `res-${i}`, kind: 'page', title: `Page ${i}`, source: `https://example.test/${i}`, text: answer(25), size: 0 }] : [];
      for (const r of resources) r.size = r.text.length;
      const title = `${promptName}: ${selection.slice(0, 60)}`;
      const instance = {
        instanceId: `bench-${String(i).padStart(6, '0')}`,
        promptId,
        title,
        runId: `run-${i}`,
        status: random() < 0.05 ? 'error' : 'completed',
        error: null,
        createdAt,
        updatedAt,
        settings: { providerId: null, model: '', temperature: 0.3 },
        executionConfig: { auto_run: true, allow_chat: true, show_variables: true, apply_variables: true, track_in_runs: true },
        variables: {
          userValues: {},
          scopedValues: { language: 'English' },
          computedValues: { selection, page_title: `Article ${i}`, page_url: `https://example.test/${i}`, date: t(createdAt).slice(0, 10) },
        },
        conversation: { messages, selected: {}, currentInput: '', resources },
        execution: {
          currentTaskId: null,
          messageStartTime: null,
          timeToFirstToken: 300 + Math.floor(random() * 900),
          lastMessageStats: { timeToFirstToken: 420, totalTime: 5200, tokens: 900, model: 'llama3.2' },
        },
        runTracking: { runId: `run-${i}`, sourceType: 'prompt', sourceId: promptId, runName: title, totalTokens: 900, totalCost: 0 },
        ui: { expandedVariable: null, showVariables: true },
      };
      const row = { ...instance, open: 0, words: searchWordsOf(instance) };
      approxBytes += JSON.stringify(row).length;
      rows.push(row);
    }
    await db.instances.bulkPut(rows);
  }
  return { count: await db.instances.count(), ms: performance.now() - started, approxBytes };
}

/** Seeds `count` instances through a Playwright worker handle. */
export async function seedHistory(worker, count, timeoutMs = 300_000) {
  return withTimeout(worker.evaluate(seedInstancesInWorker, { count }), timeoutMs, `seeding ${count} instances`);
}
