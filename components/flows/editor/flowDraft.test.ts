import { describe, expect, it } from 'vitest';
import { flowInput } from '@/lib/flows/flowInput';
import {
  assignSavedIds,
  describeSaveError,
  draftFromInput,
  draftOps,
  draftToInput,
  earlierOutputs,
  newFlowDraft,
  validateDraft,
  variableWarnings,
} from './flowDraft';

function twoStepDraft() {
  return draftFromInput({
    id: 'f1',
    name: 'Flow',
    description: '',
    steps: [
      {
        id: 's1',
        name: 'Read',
        continueOnError: false,
        actions: [
          { id: 'a1', name: 'a', promptId: null, messages: [{ role: 'user', content: 'A {{selection}}' }], providerId: null, model: '', fileIds: [] },
          {
            id: 'a2',
            name: 'b',
            promptId: null,
            messages: [{ role: 'user', content: 'B {{selection}}' }],
            providerId: null,
            model: '',
            temperature: 0.5,
            fileIds: [],
          },
        ],
      },
      {
        id: 's2',
        name: '',
        continueOnError: true,
        actions: [
          {
            id: 'a3',
            name: 'c',
            promptId: null,
            messages: [{ role: 'user', content: '{{outputs.a}} {{outputs.b}} {{outputs.c}} {{outputs.zz}} {{nope}}' }],
            providerId: null,
            model: '',
            fileIds: [],
          },
        ],
      },
    ],
  });
}

describe('flow draft', () => {
  it('goes back to the same input it came from, and that input passes the save schema', () => {
    const input = draftToInput(twoStepDraft());
    expect(input.steps[0].actions[1]).toMatchObject({ id: 'a2', name: 'b', temperature: 0.5 });
    expect(input.steps[0].actions[0]).not.toHaveProperty('temperature');
    expect(flowInput.safeParse(input).success).toBe(true);
    expect(flowInput.safeParse(draftToInput({ ...newFlowDraft(), name: 'New' })).success).toBe(true);
  });

  it('finds the problems the background would refuse', () => {
    const draft = twoStepDraft();
    const renamed = draftOps.updateAction(draft, draft.steps[0].actions[1].key, { name: 'a', temperature: '3' });
    const errors = validateDraft({ ...renamed, name: ' ' });
    expect(errors.get('flow:name')).toBeTruthy();
    expect(errors.get(`${draft.steps[0].actions[1].key}:name`)).toContain('Two actions are named');
    expect(errors.get(`${draft.steps[0].actions[1].key}:temperature`)).toBeTruthy();
    const bad = draftOps.updateAction(draft, draft.steps[0].actions[0].key, { name: '1abc' });
    expect(validateDraft(bad).get(`${draft.steps[0].actions[0].key}:name`)).toContain('not a valid action name');
  });

  it('offers earlier outputs and warns about the ones that cannot have a value', () => {
    const draft = twoStepDraft();
    expect(earlierOutputs(draft, 0)).toEqual([]);
    expect(earlierOutputs(draft, 1)).toEqual(['a', 'b']);
    const warnings = variableWarnings(draft, 1, draft.steps[1].actions[0], new Set());
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toContain('{{outputs.c}}');
    expect(warnings[1]).toContain('no action is named “zz”');
    expect(warnings[2]).toContain('{{nope}}');
    expect(variableWarnings(draft, 1, draft.steps[1].actions[0], new Set(['nope']))).toHaveLength(2);
  });

  it('duplicates steps and actions with new, unique names and no ids', () => {
    const draft = twoStepDraft();
    const { draft: withStep, step } = draftOps.duplicateStep(draft, 0);
    expect(withStep.steps.map((s) => s.key)).toEqual([draft.steps[0].key, step.key, draft.steps[1].key]);
    expect(step.id).toBeUndefined();
    expect(step.actions.map((a) => a.name)).toEqual(['a_copy', 'b_copy']);
    expect(step.actions.every((a) => a.id === undefined)).toBe(true);
    expect(validateDraft(withStep).size).toBe(0);
    const { action } = draftOps.duplicateAction(withStep, withStep.steps[0].key, 0);
    expect(action.name).toBe('a_copy_2');
  });

  it('moves and removes, never below one step or one action', () => {
    const draft = twoStepDraft();
    expect(draftOps.moveStep(draft, 0, 1).steps.map((s) => s.id)).toEqual(['s2', 's1']);
    expect(draftOps.moveStep(draft, 0, -1).steps).toBe(draft.steps);
    expect(draftOps.moveAction(draft, draft.steps[0].key, 1, -1).steps[0].actions.map((a) => a.id)).toEqual(['a2', 'a1']);
    expect(draftOps.removeAction(draft, draft.steps[1].key, 0).steps[1].actions).toHaveLength(1);
    const one = draftOps.removeStep(draft, 1);
    expect(draftOps.removeStep(one, 0).steps).toHaveLength(1);
  });

  it('takes the ids of a saved flow by position', () => {
    const draft = { ...newFlowDraft(), name: 'X' };
    const saved = draft.steps.map((s) => ({ stepKey: s.key, actionKeys: s.actions.map((a) => a.key) }));
    const next = assignSavedIds(draft, 'f9', saved, [{ id: 'S', actionIds: ['A'] }]);
    expect(next.id).toBe('f9');
    expect(next.steps[0].id).toBe('S');
    expect(next.steps[0].actions[0].id).toBe('A');
  });

  it('says where a refused save went wrong', () => {
    expect(describeSaveError('cmd/flows/save: steps.0.actions.1.name: Bad name')).toBe('Step 1, action 2 (name): Bad name');
    expect(describeSaveError('cmd/flows/save: steps.2.actions: Every step needs at least one action')).toBe('Step 3: Every step needs at least one action');
    expect(describeSaveError('cmd/flows/save: name: Too small')).toBe('name: Too small');
  });
});
