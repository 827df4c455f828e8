import { createAsyncThunk } from '@reduxjs/toolkit';
import { loadPrompt } from '../../prompts/loadPromptThunk';
import type { ThunkConfig } from '../../store/thunkConfig';
import { capPageText, templateUsesPageText } from '../../page/pageText';
import type { EngineServices } from '../../store/engineServices';
import type { ExecutionConfig, ExecutionInstance, PageContext, Resource, TemplateMessage } from '../../types';
import { instanceAdded } from '../executionSlice';
import { selectMissingVariables } from '../selectors/variableSelectors';
import { saveInstance } from '../services/runPersistence';
import { computeRuntimeValues, mergeScopedValues } from '../services/variableResolver';
import { evictInstances } from './cleanupInstanceThunk';
import { executeMessage } from './executeMessageThunk';
import { fetchScopedVariables } from './fetchScopedVariablesThunk';

export interface StartInstanceArgs {
  promptId: string;
  /** overrides of the prompt's own execution config */
  executionConfig?: Partial<ExecutionConfig>;
  /** user-entered values */
  variables?: Record<string, string>;
  /** the page the run is about: selection, title and URL become computed variables */
  page?: Partial<Pick<PageContext, 'selection' | 'title' | 'url' | 'tabId'>>;
  sourceType?: string;
  /** plain chat's optional system prompt (see ExecutionInstance.systemPrompt) */
  systemPrompt?: string;
  /** attached from the start (e.g. the selection a chat was started on) */
  resources?: Resource[];
}

function titleFor(promptName: string, selection: string | undefined): string {
  const snippet = (selection ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
  return snippet ? `${promptName}: ${snippet}` : promptName;
}

/**
 * `{{page_text}}`, read only when the template uses it (an injection, or a PDF download): the
 * page's text cut at MAX_PAGE_TEXT_CHARS, its title and URL (the page read is the one in front,
 * which may be a PDF tab that never reported), and what the panel shows about it.
 */
async function pageTextValues(template: readonly TemplateMessage[], page: StartInstanceArgs['page'], extra: EngineServices) {
  if (!page || !extra.readPageText || !templateUsesPageText(template)) return null;
  try {
    const read = await extra.readPageText(page.tabId ?? null);
    if (!read.text.trim()) return { values: {}, info: { failed: `No readable text was found on "${read.title || read.url}".` } };
    const { text, info } = capPageText(read, 'page_text');
    const values: Record<string, string> = { page_text: text };
    if (read.title.trim()) values.page_title = read.title;
    if (read.url.trim()) values.page_url = read.url;
    return { values, info };
  } catch (error) {
    return { values: {}, info: { failed: error instanceof Error ? error.message : String(error) } };
  }
}

/**
 * Creates an execution instance of a prompt and returns its id. With auto_run, and every
 * variable set, the first message starts at once (its outcome shows on the instance).
 */
export const startPromptInstance = createAsyncThunk<string, StartInstanceArgs, ThunkConfig>(
  'promptExecution/startPromptInstance',
  async (args, { dispatch, getState, extra }) => {
    const prompt = await dispatch(loadPrompt(args.promptId)).unwrap();
    await dispatch(fetchScopedVariables()).unwrap();
    const pageText = await pageTextValues(prompt.messages, args.page, extra);
    const now = extra.now();
    const executionConfig = { ...prompt.executionConfig, ...args.executionConfig };
    const instance: ExecutionInstance = {
      instanceId: extra.newId(),
      promptId: prompt.id,
      title: titleFor(prompt.name, args.page?.selection),
      runId: null,
      status: 'idle',
      error: null,
      createdAt: now,
      updatedAt: now,
      settings: { ...prompt.settings },
      ...(args.systemPrompt?.trim() ? { systemPrompt: args.systemPrompt.trim() } : {}),
      executionConfig,
      variables: {
        userValues: { ...args.variables },
        scopedValues: mergeScopedValues(getState().scopedVariables),
        computedValues: { ...computeRuntimeValues(args.page ?? {}, new Date(now)), ...pageText?.values },
      },
      conversation: { messages: [], selected: {}, currentInput: '', resources: [...(args.resources ?? [])] },
      execution: { currentTaskId: null, messageStartTime: null, timeToFirstToken: undefined, lastMessageStats: null },
      runTracking: {
        runId: null,
        sourceType: args.sourceType ?? 'prompt',
        sourceId: prompt.id,
        runName: titleFor(prompt.name, args.page?.selection),
        totalTokens: 0,
        totalCost: 0,
      },
      ui: { showVariables: executionConfig.show_variables },
      ...(pageText ? { pageText: pageText.info } : {}),
    };
    dispatch(instanceAdded(instance));
    // The row is written while an auto run's checks and request go ahead (the command waits for it
    // all the same): not one database round trip before the other. The message's own record of
    // its start (recordMessageStart) is a later transaction on the same table, which IndexedDB
    // runs after this one.
    const saved = saveInstance(extra.db, instance);
    // Awaited below: a failure before then must not be reported as an unhandled rejection.
    saved.catch(() => undefined);
    await dispatch(evictInstances());

    if (executionConfig.auto_run && selectMissingVariables(getState(), instance.instanceId).length === 0) {
      // Not awaited: the stream goes on after the instance is handed back.
      void dispatch(executeMessage({ instanceId: instance.instanceId }));
    }
    await saved;
    return instance.instanceId;
  },
);
