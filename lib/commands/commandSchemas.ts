import { z } from 'zod';
import { flowInput } from '../flows/flowInput';
import { CHAT_PROMPT_ID } from '../prompts/chatPrompt';
import { MAX_REQUEST_TIMEOUT_SECONDS, MIN_REQUEST_TIMEOUT_SECONDS } from '../settings/settingsSlice';
import { selectionButtonSetting } from '../selectionButton/siteSettingSchema';
import { MAX_CONCURRENT_REQUESTS, MIN_CONCURRENT_REQUESTS } from '../providers/requestLimit';

// The commands extension pages may dispatch into the background store, each with the schema its
// payload must match. Pages dispatch nothing else: internal actions come from the engine only.

const id = z.string().min(1).max(200);
const name = z.string().trim().min(1).max(200);
/** Names that would reach an object's prototype are refused, whatever the pattern allows. */
const RESERVED_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
const variableName = z
  .string()
  .regex(/^[A-Za-z_][\w.-]*$/, 'Variable names use letters, digits, _ . and -')
  .max(100)
  .refine((name) => !RESERVED_NAMES.has(name), 'This name is reserved');
const text = (max: number) => z.string().max(max);

const templateMessage = z.object({ role: z.enum(['system', 'user', 'assistant']), content: text(200_000) });
const executionConfig = z.object({
  auto_run: z.boolean(),
  allow_chat: z.boolean(),
  show_variables: z.boolean(),
  apply_variables: z.boolean(),
  track_in_runs: z.boolean(),
});
export const promptInput = z.object({
  /** the plain-chat prompt's id is taken by the built-in chat (lib/prompts/chatPrompt.ts) */
  id: id.refine((value) => value !== CHAT_PROMPT_ID, 'This prompt id is reserved for plain chat').optional(),
  name,
  description: text(2000).optional(),
  messages: z.array(templateMessage).min(1).max(50),
  settings: z.object({
    providerId: id.nullable(),
    model: text(200),
    temperature: z.number().min(0).max(2).optional(),
    maxTokens: z.number().int().positive().max(1_000_000).optional(),
  }),
  executionConfig,
});

const providerInput = z.object({
  id: id.optional(),
  name,
  baseURL: z.url({ protocol: /^https?$/, error: 'The base URL must be an http:// or https:// address' }).max(2000),
  defaultModel: text(200),
  /** undefined: keep the key; null or '': remove it */
  apiKey: text(10_000).nullable().optional(),
  /** requests in flight at once to its host; absent: the default (lib/providers/requestLimit.ts) */
  maxConcurrentRequests: z
    .number()
    .int('Requests at once must be a whole number')
    .min(MIN_CONCURRENT_REQUESTS, `Requests at once must be at least ${MIN_CONCURRENT_REQUESTS}`)
    .max(
      MAX_CONCURRENT_REQUESTS,
      `Requests at once can be at most ${MAX_CONCURRENT_REQUESTS}: Chromium opens at most ${MAX_CONCURRENT_REQUESTS} connections to one host`,
    )
    .optional(),
});

/**
 * A saved provider (`id`), or the settings being edited in the form (`baseURL`, a typed `apiKey`),
 * for List models and Test connection before saving.
 */
const providerProbe = z
  .object({
    id: id.optional(),
    name: z.string().max(200).optional(),
    baseURL: providerInput.shape.baseURL.optional(),
    apiKey: text(10_000).nullable().optional(),
    /** the model Test connection asks for its one-token answer (else the saved default, else the first listed) */
    defaultModel: text(200).optional(),
  })
  .refine((p) => p.id !== undefined || p.baseURL !== undefined, 'Give a saved provider or a base URL');

export const commandSchemas = {
  'cmd/prompt/run': z.object({
    promptId: id,
    variables: z.record(variableName, text(5_000_000)).optional(),
    /** use the current page's selection, title and URL */
    usePage: z.boolean().default(true),
  }),
  /** a plain chat (no saved prompt), with an optional system prompt */
  'cmd/chat/new': z.object({ systemPrompt: text(200_000).optional() }),
  'cmd/instance/send': z.object({ instanceId: id, text: text(1_000_000).optional() }),
  'cmd/instance/stop': z.object({ instanceId: id }),
  /** a new version of an answer (default: the last one); the earlier versions stay */
  'cmd/instance/retry': z.object({ instanceId: id, messageId: id.optional() }),
  /** a sent message, changed: sent again as a new branch from the message before it */
  'cmd/instance/edit': z.object({ instanceId: id, messageId: id, text: text(1_000_000) }),
  /** ‹ n/m ›: continue the conversation from this version of its turn */
  'cmd/instance/selectVersion': z.object({ instanceId: id, messageId: id }),
  /** deletes the turn the message belongs to (a question and its answers) */
  'cmd/instance/deleteTurn': z.object({ instanceId: id, messageId: id }),
  'cmd/instance/close': z.object({ instanceId: id }),
  'cmd/instance/setVariable': z.object({ instanceId: id, name: variableName, value: text(5_000_000) }),
  /** the panel's model picker: provider (null = the default provider) and model (empty = the provider's default) of the next message */
  'cmd/instance/setModel': z.object({ instanceId: id, providerId: id.nullable(), model: z.string().trim().max(200) }),
  'cmd/instance/attachPage': z.object({ instanceId: id }),
  'cmd/instance/attachFile': z.object({ instanceId: id, name, text: text(5_000_000) }),
  'cmd/instance/removeResource': z.object({ instanceId: id, resourceId: id }),
  /** the page's text becomes the instance's {{selection}} (nothing was selected) */
  'cmd/instance/useWholePage': z.object({ instanceId: id }),
  /** `view` names the History view asking: its newer search cancels its older one */
  'cmd/history/search': z.object({
    query: text(500),
    offset: z.number().int().min(0),
    limit: z.number().int().min(1).max(200),
    view: z.string().min(1).max(64).optional(),
  }),
  'cmd/history/open': z.object({ instanceId: id }),
  /** conversations as one file: Markdown (the active path of each) or JSON (every branch) */
  'cmd/conversations/export': z.object({ instanceIds: z.array(id).min(1).max(500), format: z.enum(['markdown', 'json']) }),
  'cmd/providers/save': providerInput,
  'cmd/providers/delete': z.object({ id }),
  'cmd/providers/setDefault': z.object({ id }),
  'cmd/providers/listModels': providerProbe,
  'cmd/providers/test': providerProbe,
  /** does the default provider answer? (the panel's setup card); `force` skips the few-second cache */
  'cmd/providers/check': z.object({ force: z.boolean().default(false) }),
  'cmd/shortcuts/list': z.object({}),
  'cmd/variables/set': z.object({ scope: z.enum(['user', 'org', 'project']), name: variableName, value: text(1_000_000) }),
  'cmd/variables/delete': z.object({ scope: z.enum(['user', 'org', 'project']), name: variableName }),
  'cmd/prompts/save': promptInput,
  'cmd/prompts/delete': z.object({ id }),
  'cmd/prompts/setDefault': z.object({ id }),
  'cmd/prompts/export': z.object({}),
  'cmd/prompts/import': z.object({ json: text(20_000_000) }),
  'cmd/prices/set': z.object({ model: name, inputPerMillion: z.number().min(0), outputPerMillion: z.number().min(0) }),
  'cmd/prices/delete': z.object({ model: name }),
  'cmd/flows/save': flowInput,
  'cmd/flows/delete': z.object({ id }),
  'cmd/flows/export': z.object({ id: id.optional() }),
  'cmd/flows/import': z.object({ json: text(20_000_000) }),
  'cmd/flows/run': z.object({ flowId: id, values: z.record(variableName, text(5_000_000)).optional(), usePage: z.boolean().default(true) }),
  'cmd/flows/runStep': z.object({ runId: id, stepIndex: z.number().int().min(0) }),
  'cmd/flows/runAction': z.object({ runId: id, stepIndex: z.number().int().min(0), actionIndex: z.number().int().min(0) }),
  'cmd/flows/resume': z.object({ runId: id }),
  'cmd/flows/runAgain': z.object({ runId: id }),
  'cmd/flows/cancel': z.object({ runId: id }),
  'cmd/flows/listRuns': z.object({ flowId: id, offset: z.number().int().min(0), limit: z.number().int().min(1).max(100) }),
  'cmd/flows/openRun': z.object({ runId: id }),
  'cmd/files/add': z.object({ name, text: text(5_000_000) }),
  'cmd/files/delete': z.object({ id }),
  'cmd/settings/selectionButton': selectionButtonSetting,
  'cmd/prompts/setPinned': z.object({ id, pinned: z.boolean() }),
  /** the token goes to the background only, which keeps it in its database and sends it to that server alone */
  'cmd/team/connect': z.object({
    serverUrl: z.string().trim().min(1, 'Enter the server URL').max(2000),
    token: z.string().trim().min(1, 'Paste the token').max(1000),
  }),
  'cmd/team/signOut': z.object({}),
  'cmd/team/sync': z.object({}),
  'cmd/team/select': z.object({ orgId: z.uuid().nullable(), projectId: z.uuid().nullable() }),
  'cmd/team/share': z.object({ kind: z.enum(['prompt', 'flow']), id, orgId: z.uuid(), projectId: z.uuid().nullable() }),
  'cmd/team/resolve': z.object({ kind: z.enum(['prompt', 'flow', 'variable']), id, choice: z.enum(['mine', 'theirs']) }),
  'cmd/team/members': z.object({ orgId: z.uuid() }),
  'cmd/team/setMemberRole': z.object({ orgId: z.uuid(), userId: z.uuid(), role: z.enum(['owner', 'admin', 'member', 'viewer']) }),
  'cmd/team/removeMember': z.object({ orgId: z.uuid(), userId: z.uuid() }),
  'cmd/team/syncUserVariables': z.object({ on: z.boolean() }),
  'cmd/settings/set': z.object({
    requestTimeoutSeconds: z.number().int().min(MIN_REQUEST_TIMEOUT_SECONDS).max(MAX_REQUEST_TIMEOUT_SECONDS),
  }),
} as const;

export type CommandType = keyof typeof commandSchemas;
/** What a page passes (defaults may be left out). */
export type CommandInput<T extends CommandType> = z.input<(typeof commandSchemas)[T]>;
/** What a handler receives, validated. */
export type CommandPayload<T extends CommandType> = z.output<(typeof commandSchemas)[T]>;
