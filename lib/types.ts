import type { ProviderErrorKind } from './llm/providerError';
import type { PageTextInfo } from './page/pageText';

// Domain types shared by the engine (lib/) and the UIs. Everything here is serialisable:
// it lives in the Redux store that webext-redux mirrors to every extension page.

export type ChatRole = 'system' | 'user' | 'assistant';
export type VariableScope = 'user' | 'org' | 'project';

/** A message of a prompt template: its content may contain {{variables}}. */
export interface TemplateMessage {
  role: ChatRole;
  content: string;
}

export interface PromptSettings {
  /** null = the default provider */
  providerId: string | null;
  /** empty = the provider's default model */
  model: string;
  temperature?: number;
  maxTokens?: number;
}

export interface ExecutionConfig {
  /** run the first message as soon as the instance is created (if its variables are all set) */
  auto_run: boolean;
  /** the user may continue the conversation after the first answer */
  allow_chat: boolean;
  /** the panel shows the variable editor */
  show_variables: boolean;
  /** replace {{variables}} in the template; off sends the template literally */
  apply_variables: boolean;
  /** give the instance a run record (its name, token and cost totals); tasks are written for every call */
  track_in_runs: boolean;
}

export interface Prompt {
  id: string;
  name: string;
  description?: string;
  messages: TemplateMessage[];
  settings: PromptSettings;
  executionConfig: ExecutionConfig;
  builtIn?: boolean;
  /** offered first in the panel's prompt picker (options → Prompts → Pin) */
  pinned?: boolean;
  createdAt: number;
  updatedAt: number;
}

/**
 * A message of a conversation, a node of its tree: a retried answer is a sibling of the earlier
 * one (a version of the turn), an edited question a sibling of the original (a branch).
 */
export interface ConversationMessage {
  /** unique within its conversation */
  id: string;
  /** the message this one answers or follows; null for the first messages (after the prompt's template) */
  parentId: string | null;
  role: ChatRole;
  content: string;
  taskId?: string;
  timestamp: string;
  metadata?: {
    /** the answer ended early: stopped by the user, an error, or a worker restart */
    partial?: 'stopped' | 'error' | 'interrupted';
    reasoning?: string;
    /** why the model stopped, when it was not a plain stop: 'length' = cut off by the token limit */
    finishReason?: string;
    /** sources the provider sent beside the answer (untrusted URLs), in order: `[1]` is the first */
    citations?: string[];
    /** tools the model tried to call; Flowbar offers none, so none ran */
    toolCalls?: string[];
    /** the model that wrote this answer, and its provider (an answer's own record: the instance's pick may change later) */
    model?: string;
    providerId?: string;
  };
}

export interface Resource {
  id: string;
  /** 'selection': the text the user had selected when a chat was started on it (the keyboard's new chat) */
  kind: 'page' | 'file' | 'selection';
  title: string;
  /** where it came from: a page URL or a file name */
  source: string;
  text: string;
  /** characters of text */
  size: number;
}

export type InstanceStatus = 'idle' | 'executing' | 'streaming' | 'completed' | 'error';

/** What went wrong: the engine's own refusals, or a provider's fault (ProviderErrorKind). */
export type ErrorKind = 'missing-variables' | 'no-provider' | 'chat-disabled' | 'interrupted' | 'unknown' | ProviderErrorKind;

export interface InstanceError {
  kind: ErrorKind;
  message: string;
  missingVariables?: string[];
}

export interface MessageStats {
  timeToFirstToken?: number;
  totalTime?: number;
  promptTokens?: number;
  completionTokens?: number;
  tokens?: number;
  cost?: number;
  model?: string;
  providerId?: string;
}

export interface ExecutionInstance {
  instanceId: string;
  promptId: string;
  /** a short human title (prompt name and a bit of the selection) for tabs and history */
  title: string;
  runId: string | null;
  status: InstanceStatus;
  error: InstanceError | null;
  createdAt: number;
  updatedAt: number;
  /** a copy of the prompt's settings; the panel's model picker changes this copy only (cmd/instance/setModel) */
  settings: PromptSettings;
  /** plain chat's optional system prompt: sent first, before the template, never variable-expanded */
  systemPrompt?: string;
  executionConfig: ExecutionConfig;
  variables: {
    userValues: Record<string, string>;
    scopedValues: Record<string, string>;
    computedValues: Record<string, string>;
  };
  conversation: {
    /** every message of every branch, in the order they were added (a tree by parentId); read the linear conversation with activePath */
    messages: ConversationMessage[];
    /** the chosen child of a message (key: its id, or ROOT_KEY for the first messages); none chosen = the newest */
    selected: Record<string, string>;
    currentInput: string;
    resources: Resource[];
  };
  execution: {
    currentTaskId: string | null;
    /** while a message is answered: the message the answer will follow (null: the first) */
    answerParentId?: string | null;
    /** while a message is answered: the id its answer will have */
    answerId?: string;
    messageStartTime: number | null;
    timeToFirstToken: number | undefined;
    lastMessageStats: MessageStats | null;
  };
  runTracking: {
    runId: string | null;
    sourceType: string;
    sourceId: string;
    runName: string | null;
    totalTokens: number;
    totalCost: number;
  };
  ui: {
    showVariables: boolean;
  };
  /** the page text this instance uses (`{{page_text}}`, or `selection` after "Use the whole page"), or why it could not be read */
  pageText?: PageTextInfo | { failed: string };
}

/** A provider as every page sees it: the key itself never enters the store. */
export interface ProviderInfo {
  id: string;
  name: string;
  baseURL: string;
  defaultModel: string;
  hasKey: boolean;
  createdAt: number;
  /** when its settings or key were last saved (absent on rows saved before it existed); a changed key re-checks the provider */
  updatedAt?: number;
  /** requests in flight at once to its host, 1–6 (absent: the default, lib/providers/requestLimit.ts) */
  maxConcurrentRequests?: number;
}

export interface ModelPrice {
  inputPerMillion: number;
  outputPerMillion: number;
}
export type PriceTable = Record<string, ModelPrice>;

export interface ScopedVariable {
  scope: VariableScope;
  name: string;
  value: string;
}

/** What the content script of the page the user last worked in reported. */
export interface PageContext {
  tabId: number | null;
  title: string;
  url: string;
  selection: string;
  updatedAt: number;
}

export interface RunRecord {
  runId: string;
  instanceId: string;
  sourceType: 'prompt' | 'flow';
  sourceId: string;
  name: string | null;
  totalTokens: number;
  totalCost: number;
  createdAt: number;
  updatedAt: number;
}

export type TaskStatus = 'running' | 'completed' | 'error' | 'stopped' | 'interrupted';

/** One model call. */
export interface TaskRecord {
  taskId: string;
  runId: string | null;
  instanceId: string;
  providerId: string;
  model: string;
  status: TaskStatus;
  error: string | null;
  promptTokens?: number;
  completionTokens?: number;
  cost?: number;
  timeToFirstToken?: number;
  duration?: number;
  /** the answer so far while streaming; the final answer once done */
  output: string;
  createdAt: number;
  updatedAt: number;
}
