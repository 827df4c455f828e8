import { launchFlowbar } from '../lib/flowbar.mjs';
import { seedHistory } from '../lib/seedHistory.mjs';
const fb = await launchFlowbar();
try {
  console.log(await seedHistory(fb.worker, 10000));
  for (let i = 0; i < 2; i++) console.log(await fb.worker.evaluate(async () => {
    const db = flowbar.services.db; const out = {};
    const time = async (k, f) => { const t = performance.now(); const r = await f(); out[k] = [Math.round(performance.now() - t), Array.isArray(r) ? r.length : r]; return r; };
    await time('keys energy', () => db.instances.where('words').startsWith('energy').primaryKeys());
    await time('keys tangerine', () => db.instances.where('words').startsWith('tangerine').primaryKeys());
    await time('keys en', () => db.instances.where('words').startsWith('en').primaryKeys());
    await time('updatedAt fwd keys', () => db.instances.orderBy('updatedAt').primaryKeys());
    await time('updatedAt rev keys', () => db.instances.orderBy('updatedAt').reverse().primaryKeys());
    await time('raw idb getAllKeys updatedAt', () => new Promise((res, rej) => { const tx = db.backendDB().transaction('instances'); const r = tx.objectStore('instances').index('updatedAt').getAllKeys(); r.onsuccess = () => res(r.result); r.onerror = rej; }));
    await time('raw idb index words getAllKeys energy', () => new Promise((res, rej) => { const tx = db.backendDB().transaction('instances'); const r = tx.objectStore('instances').index('words').getAllKeys(IDBKeyRange.bound('energy', 'energy\uffff')); r.onsuccess = () => res(r.result); r.onerror = rej; }));
    await time('recency scan energy', () => db.instances.orderBy('updatedAt').reverse().filter(r => r.words.some(w => w.startsWith('energy'))).limit(31).toArray());
    await time('recency scan en', () => db.instances.orderBy('updatedAt').reverse().filter(r => r.words.some(w => w.startsWith('en'))).limit(31).toArray());
    await time('count energy', () => db.instances.where('words').startsWith('energy').count());
    await time('bulkGet 31', () => db.instances.bulkGet(Array.from({length:31}, (_, i) => 'bench-' + String(i * 300).padStart(6, '0'))));
    await time('bulkGet 6000', () => db.instances.bulkGet(Array.from({length:6000}, (_, i) => 'bench-' + String(i).padStart(6, '0'))));
    return out;
  }));
} finally { await fb.close(); }
