import type { CommandInput } from '@/lib/commands/commandSchemas';
import { findVariables } from '@/lib/execution/services/variableResolver';
import type { FlowInput } from '@/lib/flows/flowInput';
import { ACTION_NAME_PATTERN } from '@/lib/flows/flowShape';
import type { ChatRole } from '@/lib/types';

// The flow editor's draft: the shape of FlowInput, with a React key on every step, action and
// message (so they keep their identity and focus while they move) and numbers kept as typed.

export interface MessageDraft {
  key: string;
  role: ChatRole;
  content: string;
}

export interface ActionDraft {
  key: string;
  id?: string;
  name: string;
  /** null: the action's own messages */
  promptId: string | null;
  messages: MessageDraft[];
  /** null: the default provider */
  providerId: string | null;
  model: string;
  /** as typed; '' = the prompt's or the provider's */
  temperature: string;
  fileIds: string[];
}

export interface StepDraft {
  key: string;
  id?: string;
  name: string;
  continueOnError: boolean;
  actions: ActionDraft[];
}

export interface FlowDraft {
  id?: string;
  name: string;
  description: string;
  steps: StepDraft[];
}

let nextKey = 1;
const newKey = (prefix: string) => `${prefix}${nextKey++}`;

export function newMessage(role: ChatRole = 'user', content = ''): MessageDraft {
  return { key: newKey('m'), role, content };
}

function newAction(name: string): ActionDraft {
  return { key: newKey('a'), name, promptId: null, messages: [newMessage('user', '{{selection}}')], providerId: null, model: '', temperature: '', fileIds: [] };
}

function newStep(actionName: string): StepDraft {
  return { key: newKey('s'), name: '', continueOnError: false, actions: [newAction(actionName)] };
}

export function newFlowDraft(): FlowDraft {
  return { name: '', description: '', steps: [newStep('action_1')] };
}

export function draftFromInput(input: FlowInput): FlowDraft {
  return {
    id: input.id,
    name: input.name,
    description: input.description ?? '',
    steps: input.steps.map((step) => ({
      key: newKey('s'),
      id: step.id,
      name: step.name,
      continueOnError: step.continueOnError,
      actions: step.actions.map((action) => ({
        key: newKey('a'),
        id: action.id,
        name: action.name,
        promptId: action.promptId,
        messages: action.messages.map((m) => newMessage(m.role, m.content)),
        providerId: action.providerId,
        model: action.model,
        temperature: action.temperature === undefined ? '' : String(action.temperature),
        fileIds: [...action.fileIds],
      })),
    })),
  };
}

/** What cmd/flows/save receives. With a prompt chosen, the action's own messages are not kept. */
export function draftToInput(draft: FlowDraft): CommandInput<'cmd/flows/save'> {
  return {
    ...(draft.id ? { id: draft.id } : {}),
    name: draft.name.trim(),
    ...(draft.description.trim() ? { description: draft.description.trim() } : {}),
    steps: draft.steps.map((step) => ({
      ...(step.id ? { id: step.id } : {}),
      name: step.name.trim(),
      continueOnError: step.continueOnError,
      actions: step.actions.map((action) => ({
        ...(action.id ? { id: action.id } : {}),
        name: action.name.trim(),
        promptId: action.promptId,
        messages: action.promptId ? [] : action.messages.map(({ role, content }) => ({ role, content })),
        providerId: action.providerId,
        model: action.model.trim(),
        ...(action.temperature.trim() ? { temperature: Number(action.temperature) } : {}),
        fileIds: action.fileIds,
      })),
    })),
  };
}

/** Every action name in the draft. */
function allNames(draft: FlowDraft): string[] {
  return draft.steps.flatMap((s) => s.actions.map((a) => a.name.trim()));
}

/** `base`, or `base_2`, `base_3`… : the first name no action of the draft has. */
function uniqueActionName(draft: FlowDraft, base: string): string {
  const taken = new Set(allNames(draft));
  const clean = ACTION_NAME_PATTERN.test(base) ? base : 'action';
  if (!taken.has(clean)) return clean;
  const stem = clean.replace(/_\d+$/, '');
  for (let n = 2; ; n++) if (!taken.has(`${stem}_${n}`)) return `${stem}_${n}`;
}

export const ACTION_NAME_RULE = 'Start with a letter or _, then letters, digits, _ or - (no spaces).';

/** Problems that keep the draft from being saved, by field: `flow:name`, `<actionKey>:name|messages|temperature`. */
export function validateDraft(draft: FlowDraft): Map<string, string> {
  const errors = new Map<string, string>();
  if (!draft.name.trim()) errors.set('flow:name', 'Give the flow a name.');
  const counts = new Map<string, number>();
  for (const name of allNames(draft)) counts.set(name, (counts.get(name) ?? 0) + 1);
  for (const step of draft.steps) {
    for (const action of step.actions) {
      const name = action.name.trim();
      if (!name) errors.set(`${action.key}:name`, 'Give the action a name: later steps read its answer by it.');
      else if (!ACTION_NAME_PATTERN.test(name) || name.length > 60)
        errors.set(`${action.key}:name`, `“${name}” is not a valid action name. ${ACTION_NAME_RULE}`);
      else if ((counts.get(name) ?? 0) > 1) errors.set(`${action.key}:name`, `Two actions are named “${name}”: {{outputs.${name}}} must say which.`);
      if (action.promptId === null && action.messages.length === 0) errors.set(`${action.key}:messages`, 'Choose a prompt or write at least one message.');
      const temperature = action.temperature.trim();
      if (temperature && !(Number.isFinite(Number(temperature)) && Number(temperature) >= 0 && Number(temperature) <= 2)) {
        errors.set(`${action.key}:temperature`, 'The temperature is a number from 0 to 2.');
      }
    }
  }
  return errors;
}

export const PAGE_VARIABLES: readonly { name: string; note: string }[] = [
  { name: 'selection', note: 'the selected text' },
  { name: 'page_title', note: 'the page’s title' },
  { name: 'page_url', note: 'the page’s address' },
  { name: 'date', note: 'today’s date' },
];

/** Names of valid actions of the steps before `stepIndex`: what {{outputs.<name>}} can read there. */
export function earlierOutputs(draft: FlowDraft, stepIndex: number): string[] {
  return draft.steps
    .slice(0, stepIndex)
    .flatMap((s) => s.actions.map((a) => a.name.trim()))
    .filter((name) => ACTION_NAME_PATTERN.test(name));
}

/**
 * Variables an action's messages use that will have no value when it runs: outputs of its own or a
 * later step, of no action, or names that are neither page, scoped nor output variables.
 */
export function variableWarnings(draft: FlowDraft, stepIndex: number, action: ActionDraft, scopedNames: ReadonlySet<string>): string[] {
  if (action.promptId !== null) return [];
  const earlier = new Set(earlierOutputs(draft, stepIndex));
  const sameStep = new Set(draft.steps[stepIndex]?.actions.map((a) => a.name.trim()) ?? []);
  const later = new Set(draft.steps.slice(stepIndex + 1).flatMap((s) => s.actions.map((a) => a.name.trim())));
  const warnings: string[] = [];
  for (const name of findVariables(action.messages.map((m) => m.content))) {
    if (name.startsWith('outputs.')) {
      const source = name.slice('outputs.'.length);
      if (earlier.has(source)) continue;
      if (sameStep.has(source)) warnings.push(`{{${name}}}: “${source}” runs in this same step, at the same time; move it to an earlier step.`);
      else if (later.has(source)) warnings.push(`{{${name}}}: “${source}” runs in a later step.`);
      else warnings.push(`{{${name}}}: no action is named “${source}”.`);
    } else if (!PAGE_VARIABLES.some((v) => v.name === name) && !scopedNames.has(name)) {
      warnings.push(`{{${name}}} has no value: set it as a variable in the settings, or the run fails with “Missing {{${name}}}”.`);
    }
  }
  return warnings;
}

/** "steps.0.actions.1.name: …" from the background → "Step 1, action 2 (name): …". */
export function describeSaveError(message: string): string {
  const text = message.replace(/^cmd\/[\w/]+:\s*/, '');
  const match = /^steps\.(\d+)(?:\.actions\.(\d+))?(?:\.(\w+))?[.\w]*:\s*([\s\S]*)$/.exec(text);
  if (!match) return text || 'The flow could not be saved.';
  const [, step, action, field, rest] = match;
  const where = `Step ${Number(step) + 1}${action !== undefined ? `, action ${Number(action) + 1}` : ''}${field && field !== 'actions' ? ` (${field})` : ''}`;
  return `${where}: ${rest}`;
}

// Structural edits, pure: each returns the new draft.

function move<T>(items: T[], index: number, by: -1 | 1): T[] {
  const target = index + by;
  if (target < 0 || target >= items.length) return items;
  const next = [...items];
  [next[index], next[target]] = [next[target], next[index]];
  return next;
}

function copyAction(draft: FlowDraft, action: ActionDraft): ActionDraft {
  return {
    ...action,
    key: newKey('a'),
    id: undefined,
    name: uniqueActionName(draft, `${action.name.trim() || 'action'}_copy`),
    messages: action.messages.map((m) => newMessage(m.role, m.content)),
    fileIds: [...action.fileIds],
  };
}

export const draftOps = {
  updateStep: (draft: FlowDraft, stepKey: string, change: Partial<StepDraft>): FlowDraft => ({
    ...draft,
    steps: draft.steps.map((s) => (s.key === stepKey ? { ...s, ...change } : s)),
  }),
  updateAction: (draft: FlowDraft, actionKey: string, change: Partial<ActionDraft>): FlowDraft => ({
    ...draft,
    steps: draft.steps.map((s) =>
      s.actions.some((a) => a.key === actionKey) ? { ...s, actions: s.actions.map((a) => (a.key === actionKey ? { ...a, ...change } : a)) } : s,
    ),
  }),
  addStep: (draft: FlowDraft): { draft: FlowDraft; step: StepDraft } => {
    const step = newStep(uniqueActionName(draft, `action_${allNames(draft).length + 1}`));
    return { draft: { ...draft, steps: [...draft.steps, step] }, step };
  },
  moveStep: (draft: FlowDraft, index: number, by: -1 | 1): FlowDraft => ({ ...draft, steps: move(draft.steps, index, by) }),
  duplicateStep: (draft: FlowDraft, index: number): { draft: FlowDraft; step: StepDraft } => {
    const original = draft.steps[index];
    let working = draft;
    const actions: ActionDraft[] = [];
    for (const action of original.actions) {
      const copy = copyAction(working, action);
      actions.push(copy);
      // the next copy's name must differ from this one's too
      working = { ...working, steps: [...working.steps, { ...original, key: '', actions: [copy] }] };
    }
    const step: StepDraft = { ...original, key: newKey('s'), id: undefined, actions };
    const steps = [...draft.steps];
    steps.splice(index + 1, 0, step);
    return { draft: { ...draft, steps }, step };
  },
  removeStep: (draft: FlowDraft, index: number): FlowDraft =>
    draft.steps.length <= 1 ? draft : { ...draft, steps: draft.steps.filter((_, i) => i !== index) },
  addAction: (draft: FlowDraft, stepKey: string): { draft: FlowDraft; action: ActionDraft } => {
    const action = newAction(uniqueActionName(draft, `action_${allNames(draft).length + 1}`));
    return { draft: draftOps.updateStepActions(draft, stepKey, (actions) => [...actions, action]), action };
  },
  moveAction: (draft: FlowDraft, stepKey: string, index: number, by: -1 | 1): FlowDraft =>
    draftOps.updateStepActions(draft, stepKey, (actions) => move(actions, index, by)),
  duplicateAction: (draft: FlowDraft, stepKey: string, index: number): { draft: FlowDraft; action: ActionDraft } => {
    const step = draft.steps.find((s) => s.key === stepKey)!;
    const action = copyAction(draft, step.actions[index]);
    return {
      draft: draftOps.updateStepActions(draft, stepKey, (actions) => {
        const next = [...actions];
        next.splice(index + 1, 0, action);
        return next;
      }),
      action,
    };
  },
  removeAction: (draft: FlowDraft, stepKey: string, index: number): FlowDraft =>
    draftOps.updateStepActions(draft, stepKey, (actions) => (actions.length <= 1 ? actions : actions.filter((_, i) => i !== index))),
  updateStepActions: (draft: FlowDraft, stepKey: string, fn: (actions: ActionDraft[]) => ActionDraft[]): FlowDraft => ({
    ...draft,
    steps: draft.steps.map((s) => (s.key === stepKey ? { ...s, actions: fn(s.actions) } : s)),
  }),
};

/**
 * Gives the draft the ids the background gave a saved flow's steps and actions, matched by
 * position in what was saved (`saved`: step keys, each with its action keys).
 */
export function assignSavedIds(
  draft: FlowDraft,
  flowId: string,
  saved: { stepKey: string; actionKeys: string[] }[],
  stored: { id: string; actionIds: string[] }[],
): FlowDraft {
  if (saved.length !== stored.length || saved.some((s, i) => s.actionKeys.length !== stored[i].actionIds.length)) return { ...draft, id: flowId };
  const stepIds = new Map(saved.map((s, i) => [s.stepKey, stored[i].id]));
  const actionIds = new Map(saved.flatMap((s, i) => s.actionKeys.map((key, j) => [key, stored[i].actionIds[j]] as const)));
  return {
    ...draft,
    id: flowId,
    steps: draft.steps.map((step) => ({
      ...step,
      id: step.id ?? stepIds.get(step.key),
      actions: step.actions.map((action) => ({ ...action, id: action.id ?? actionIds.get(action.key) })),
    })),
  };
}
