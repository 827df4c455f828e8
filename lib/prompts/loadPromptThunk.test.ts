import { describe, expect, it, vi } from 'vitest';
import { testPrompt, useTestEngines } from '../../tests/unit/helpers/testEngine';
import { loadPrompt } from './loadPromptThunk';
import { promptDeleted } from './promptsSlice';

// No model is called: the provider points at a port nothing listens on.
const newEngine = useTestEngines(() => 'http://127.0.0.1:9/v1');

describe('loadPrompt (cache-aware)', () => {
  it('sequential loads read the database once, then serve the cached prompt', async () => {
    const engine = await newEngine({ prompts: [testPrompt({ id: 'p1', name: 'One' })] });
    const get = vi.spyOn(engine.db.prompts, 'get');
    const first = await engine.store.dispatch(loadPrompt('p1')).unwrap();
    const second = await engine.store.dispatch(loadPrompt('p1')).unwrap();
    expect(first.name).toBe('One');
    expect(second).toBe(first);
    expect(get).toHaveBeenCalledTimes(1);
    expect(engine.state().prompts.byId.p1).toBe(first);
    expect(engine.state().prompts.order).toEqual(['p1']);
  });

  it('concurrent loads of one prompt share one read', async () => {
    const engine = await newEngine({ prompts: [testPrompt({ id: 'p1' }), testPrompt({ id: 'p2', name: 'Two' })] });
    const get = vi.spyOn(engine.db.prompts, 'get');
    const results = await Promise.all([
      ...Array.from({ length: 5 }, () => engine.store.dispatch(loadPrompt('p1')).unwrap()),
      engine.store.dispatch(loadPrompt('p2')).unwrap(),
    ]);
    expect(get.mock.calls.map((call) => call[0]).sort()).toEqual(['p1', 'p2']);
    expect(new Set(results.slice(0, 5).map((p) => p.id))).toEqual(new Set(['p1']));
    expect(results[5].name).toBe('Two');
    expect(engine.services.promptReads.size).toBe(0); // nothing left in flight
  });

  it('reads again once the prompt left the store, and rejects clearly for an unknown prompt', async () => {
    const engine = await newEngine({ prompts: [testPrompt({ id: 'p1' })] });
    const get = vi.spyOn(engine.db.prompts, 'get');
    await engine.store.dispatch(loadPrompt('p1')).unwrap();
    engine.store.dispatch(promptDeleted('p1'));
    await engine.store.dispatch(loadPrompt('p1')).unwrap();
    expect(get).toHaveBeenCalledTimes(2);

    await expect(engine.store.dispatch(loadPrompt('missing')).unwrap()).rejects.toThrow(/no prompt with id "missing"/);
    // a failed read is not cached: a prompt added later is found
    await engine.db.prompts.put(testPrompt({ id: 'missing', name: 'Late' }));
    expect((await engine.store.dispatch(loadPrompt('missing')).unwrap()).name).toBe('Late');
  });
});
