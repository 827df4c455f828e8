// Flow input: validation, export/import, and the example flows a new user gets.
import Dexie from 'dexie';
import { afterAll, describe, expect, it } from 'vitest';
import { action, flow, step, useFlowEngines } from '../../tests/unit/helpers/flowTestEngine';
import { useFakeLlmServer, waitFor } from '../../tests/unit/helpers/testEngine';
import { commandSchemas } from '../commands/commandSchemas';
import { pageContextReported } from '../page/pageSlice';
import { hydrateStore } from '../store/hydrateStore';
import { EXAMPLE_FLOWS } from './exampleFlows';
import { denormalizeFlow, FLOW_EXPORT_FORMAT, flowInput, parseFlowImport } from './flowInput';

const server = useFakeLlmServer();
const engine = useFlowEngines(() => server().url);
afterAll(async () => {
  // every engine deleted its database
  expect((await Dexie.getDatabaseNames()).filter((n) => n.startsWith('flows-'))).toEqual([]);
});

const raw = (steps: unknown[]) => ({ name: 'F', steps });

describe('flowInput validation', () => {
  it('refuses two actions with the same name, in any steps, with a message naming it', () => {
    const result = flowInput.safeParse(raw([{ actions: [action('summary', 'echo', 'a')] }, { actions: [action('summary', 'echo', 'b')] }]));
    expect(result.success).toBe(false);
    expect(result.error!.issues).toEqual([
      expect.objectContaining({ path: ['steps', 1, 'actions', 0, 'name'], message: 'Two actions are named "summary": {{outputs.summary}} must say which' }),
    ]);
    // the command gate uses the same schema
    const viaGate = commandSchemas['cmd/flows/save'].safeParse(raw([{ actions: [action('x', 'echo', 'a'), action('x', 'echo', 'b')] }]));
    expect(viaGate.success).toBe(false);
    expect(viaGate.error!.issues[0].message).toMatch(/Two actions are named "x"/);
    // and an import
    const file = JSON.stringify({ format: FLOW_EXPORT_FORMAT, version: 1, flows: [raw([{ actions: [action('x', 'echo', 'a'), action('x', 'echo', 'b')] }])] });
    expect(() => parseFlowImport(file)).toThrow(/flows\.0\.steps\.0\.actions\.1\.name: Two actions are named "x"/);
  });

  it('refuses names {{outputs.<name>}} cannot hold, empty steps, flows without steps and actions with nothing to send', () => {
    const message = (input: unknown) => {
      const r = flowInput.safeParse(input);
      expect(r.success).toBe(false);
      return r.error!.issues[0].message;
    };
    expect(message(raw([{ actions: [action('my summary', 'echo', 'a')] }]))).toMatch(/Action names start with a letter/);
    expect(message(raw([{ actions: [] }]))).toBe('Every step needs at least one action');
    expect(message(raw([]))).toBe('A flow needs at least one step');
    expect(message(raw([{ actions: [{ ...action('a', 'echo', ''), messages: [] }] }]))).toBe('Action "a" needs a prompt or messages');
    expect(flowInput.safeParse(raw([{ actions: [action('a', 'echo', 'x'), action('b-2', 'echo', 'y')] }])).success).toBe(true);
  });
});

describe('export and import', () => {
  it('an exported flow imports elsewhere with the same steps and actions, and re-importing replaces rather than duplicates', async () => {
    const a = await engine();
    const flowId = await a.saveFlow({
      ...flow('f', [
        step(
          [
            { ...action('one', 'echo', 'One {{selection}}'), temperature: 0.2 },
            { ...action('two', '', 'Two'), providerId: null },
          ],
          { name: 'Read', continueOnError: true },
        ),
        step(
          [
            {
              ...action('three', 'echo-all', 'x'),
              messages: [
                { role: 'system', content: 'S' },
                { role: 'user', content: '{{outputs.one}}' },
              ],
            },
          ],
          { name: 'Write' },
        ),
      ]),
      description: 'A description',
    });
    const original = denormalizeFlow(a.state().flows.flows.byId[flowId], a.state().actions.byId);
    const { json } = await a.handlers['cmd/flows/export']({ id: flowId });
    expect(JSON.parse(json)).toMatchObject({ format: FLOW_EXPORT_FORMAT, version: 1, flows: [{ name: 'Flow f' }] });

    const b = await engine();
    expect(await b.handlers['cmd/flows/import']({ json })).toEqual({ count: 1 });
    const imported = b.state().flows.flows.byId[flowId];
    expect(denormalizeFlow(imported, b.state().actions.byId)).toEqual(original);
    expect(imported.steps.map((s) => [s.name, s.continueOnError, s.actionIds.length])).toEqual([
      ['Read', true, 2],
      ['Write', false, 1],
    ]);
    // stored too, not only in the store
    expect(await b.db.flowActions.where('flowId').equals(flowId).count()).toBe(3);

    await b.handlers['cmd/flows/import']({ json });
    expect(b.state().flows.flows.order).toEqual([flowId]);
    expect(Object.keys(b.state().actions.byId)).toHaveLength(3);
    expect(() => parseFlowImport('{"format":"something-else","version":1,"flows":[]}')).toThrow(/not a Flowbar flow export/);
    expect(() => parseFlowImport('nope')).toThrow('This file is not JSON.');
  });

  it('saving a flow without one of its actions removes that action from the store and the database', async () => {
    const e = await engine();
    const input = flow('f', [step([action('a', 'echo', 'a'), action('b', 'echo', 'b')])]);
    await e.saveFlow(input);
    const [idA, idB] = e.state().flows.flows.byId.f.steps[0].actionIds;
    const edited = denormalizeFlow(e.state().flows.flows.byId.f, e.state().actions.byId);
    edited.steps[0].actions = edited.steps[0].actions.filter((x) => x.name === 'a');
    await e.saveFlow(edited);
    expect(e.state().flows.flows.byId.f.steps[0].actionIds).toEqual([idA]);
    expect(e.state().actions.byId[idB]).toBeUndefined();
    expect(await e.db.flowActions.get(idB)).toBeUndefined();
  });
});

describe('example flows', () => {
  it('are seeded on the first hydrate only: one the user deletes stays deleted, and they run', async () => {
    const first = await engine();
    await first.store.dispatch(hydrateStore()).unwrap();
    const ids = EXAMPLE_FLOWS.map((f) => f.id!);
    expect(ids.every((id) => first.state().flows.flows.byId[id]?.builtIn === true)).toBe(true);
    const actionCount = EXAMPLE_FLOWS.flatMap((f) => f.steps.flatMap((s) => s.actions)).length;
    expect(await first.db.flowActions.count()).toBe(actionCount);

    await first.handlers['cmd/flows/delete']({ id: ids[1] });
    expect(first.state().flows.flows.byId[ids[1]]).toBeUndefined();

    const second = await engine({ dbName: first.dbName });
    await second.store.dispatch(hydrateStore()).unwrap();
    expect(second.state().flows.flows.order.filter((id) => ids.includes(id))).toEqual([ids[0]]);
    expect(await second.db.flows.count()).toBe(1);
    const kept = EXAMPLE_FLOWS[0].steps.flatMap((s) => s.actions).length;
    expect(await second.db.flowActions.count()).toBe(kept);

    // the brief example runs end to end on the default provider: step 2 reads both step-1 outputs
    second.store.dispatch(pageContextReported({ tabId: 1, title: 'T', url: 'https://example.test/', selection: 'Cats sleep a lot.', updatedAt: 1 }));
    const from = server().requests.length;
    const { runId } = await second.handlers['cmd/flows/run']({ flowId: ids[0], usePage: true });
    await waitFor(() => second.run(runId).status !== 'running', 'the example run');
    expect(second.run(runId).status).toBe('completed');
    const last = server().requests.slice(from).at(-1)!;
    const userMessage = String(last.body?.messages?.at(-1)?.content);
    expect(userMessage).toContain('Summary:\nYou said: Summarize this text in three bullet points:\n\nCats sleep a lot.');
    expect(userMessage).toContain('Key terms:\nYou said: List the five key terms');
  });
});
