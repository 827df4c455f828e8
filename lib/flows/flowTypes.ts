import type { TemplateMessage } from '../types';

// Flows: a list of steps run in order; a step is a set of actions (model calls) run in parallel.
// A later action reads an earlier one's answer as {{outputs.<action name>}}.

export interface FlowAction {
  id: string;
  /** the name later steps use: {{outputs.<name>}}; unique within its flow */
  name: string;
  /** run this prompt's messages, or (null) the action's own */
  promptId: string | null;
  messages: TemplateMessage[];
  providerId: string | null;
  /** empty = the prompt's model, else the provider's default */
  model: string;
  temperature?: number;
  /** text files whose content is attached to the action's messages */
  fileIds: string[];
}

export interface FlowStep {
  id: string;
  name: string;
  actionIds: string[];
  /** when on, a failed action neither cancels its siblings nor stops the flow */
  continueOnError: boolean;
}

export interface Flow {
  id: string;
  name: string;
  description?: string;
  steps: FlowStep[];
  builtIn?: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface FlowFile {
  id: string;
  name: string;
  text: string;
  size: number;
}

export type ActionRunStatus = 'pending' | 'running' | 'completed' | 'failed' | 'canceled';
export type StepRunStatus = 'pending' | 'running' | 'completed' | 'failed' | 'canceled';
export type FlowRunStatus = 'running' | 'completed' | 'failed' | 'canceled' | 'interrupted';

export interface ActionRun {
  actionId: string;
  name: string;
  status: ActionRunStatus;
  output: string;
  streamingOutput: boolean;
  error: string | null;
  startedAt: number | null;
  duration: number | null;
  timeToFirstToken: number | null;
  promptTokens: number | null;
  completionTokens: number | null;
  cost: number | null;
  model: string | null;
  /** while its request waits for a connection: how many requests wait before it (lib/llm/requestQueue.ts) */
  queuedAhead?: number | null;
}

export interface StepRun {
  stepId: string;
  /** the step's name when the run started (the flow may have changed since) */
  name?: string;
  status: StepRunStatus;
  actions: ActionRun[];
}

interface FlowRunLog {
  at: number;
  level: 'info' | 'warn' | 'error';
  message: string;
}

/** An action as a run took it. */
export interface SnapshotAction {
  actionId: string;
  name: string;
  promptId: string | null;
  /** the messages it sends: its prompt's when the run started, or its own */
  template: TemplateMessage[];
  /** the action's (or its prompt's) provider; null = the default provider */
  providerId: string | null;
  /** the action's (or its prompt's) model; '' = the provider's default */
  model: string;
  temperature?: number;
  maxTokens?: number;
  fileIds: string[];
  /** why it cannot run, from the flow itself (a deleted prompt, no messages) */
  problem: string | null;
}

export interface SnapshotStep {
  stepId: string;
  name: string;
  continueOnError: boolean;
  actions: SnapshotAction[];
}

/** A copy of the flow a run ran, taken when it started (see flowRunSnapshot.ts). */
export interface FlowRunSnapshot {
  flowName: string;
  steps: SnapshotStep[];
}

export interface FlowRun {
  runId: string;
  flowId: string;
  flowName: string;
  status: FlowRunStatus;
  /** the values the run started with: page (selection, page_title, page_url, date) and user inputs */
  inputs: Record<string, string>;
  steps: StepRun[];
  logs: FlowRunLog[];
  startedAt: number;
  updatedAt: number;
  endedAt: number | null;
  /** the flow as it was when the run started; absent in runs saved before snapshots were kept ("unknown") */
  snapshot?: FlowRunSnapshot;
  /** the last save of this run to the database failed: why (store only, never saved; cleared by the next good save) */
  saveError?: string;
}
