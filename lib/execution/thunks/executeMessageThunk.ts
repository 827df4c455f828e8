import { createAsyncThunk, type GetThunkAPI } from '@reduxjs/toolkit';
import { loadPrompt } from '../../prompts/loadPromptThunk';
import { createStreamBatcher } from '../../streaming/streamBatcher';
import { firstTokenMarked, streamNoticeSet, streamStarted, usageReceived } from '../../streaming/streamingSlice';
import { streamAnswer } from '../../llm/streamAnswer';
import type { EngineServices } from '../../store/engineServices';
import type { ThunkConfig } from '../../store/thunkConfig';
import type { ConversationMessage, InstanceError } from '../../types';
import { EngineError, toInstanceError } from '../engineError';
import { firstTokenReceived, instanceErrorSet, messageStarted, runLinked } from '../executionSlice';
import { selectInstance, selectIsInstanceBusy } from '../selectors/instanceSelectors';
import { buildChatMessages } from '../services/messageBuilder';
import { recordMessageStart, saveTaskProgress } from '../services/runPersistence';
import { describeVariables, mergeVariables } from '../services/variableResolver';
import { resolveProvider } from '../services/providerResolver';
import { completeExecution, type CompletionOutcome } from './completeExecutionThunk';

export interface ExecuteMessageArgs {
  instanceId: string;
  /** a chat message to send after the conversation so far */
  userInput?: string;
}

export interface ExecuteMessageResult {
  taskId: string;
  outcome: CompletionOutcome;
}

/** Instances whose executeMessage has not reached messageStarted yet, per store (its services). */
const starting = new WeakMap<EngineServices, Map<string, object>>();

/**
 * Sends the instance's messages (template with variables, resources, conversation, and the new
 * input) to its model and streams the answer into the store. Resolves when the answer is complete
 * and saved; checks that fail before the call (missing variables, no provider) reject with a
 * message the instance also shows.
 */
export const executeMessage = createAsyncThunk<ExecuteMessageResult, ExecuteMessageArgs, ThunkConfig>(
  'promptExecution/executeMessage',
  (args, api) => {
    // Claimed before the first await: two sends in the same tick (a double click, Send right after
    // an auto run) must not both pass the busy check and start two answers on one instance. Once
    // the message has started, the instance's status (selectIsInstanceBusy) guards it instead.
    const claims = starting.get(api.extra) ?? new Map<string, object>();
    starting.set(api.extra, claims);
    if (claims.has(args.instanceId)) throw new EngineError({ kind: 'unknown', message: 'An answer is still streaming: stop it first.' });
    const claim = {};
    claims.set(args.instanceId, claim);
    const release = () => {
      if (claims.get(args.instanceId) === claim) claims.delete(args.instanceId);
    };
    return runMessage(args, api, release).finally(release);
  },
);

async function runMessage(
  { instanceId, userInput }: ExecuteMessageArgs,
  { dispatch, getState, extra }: GetThunkAPI<ThunkConfig>,
  started: () => void,
): Promise<ExecuteMessageResult> {
  const refuse = (error: InstanceError): never => {
    dispatch(instanceErrorSet({ instanceId, error, at: extra.now() }));
    throw new EngineError(error);
  };

  const instance = selectInstance(getState(), instanceId);
  if (!instance) throw new EngineError({ kind: 'unknown', message: 'This conversation is no longer open.' });
  if (selectIsInstanceBusy(getState(), instanceId)) throw new EngineError({ kind: 'unknown', message: 'An answer is still streaming: stop it first.' });
  const prompt = await dispatch(loadPrompt(instance.promptId)).unwrap();

  const input = userInput?.trim() ?? '';
  const answered = instance.conversation.messages.some((m) => m.role === 'assistant');
  if (input && answered && !instance.executionConfig.allow_chat) {
    refuse({ kind: 'chat-disabled', message: `Chat is turned off for "${prompt.name}".` });
  }
  if (!input && instance.conversation.messages.at(-1)?.role === 'assistant') {
    refuse({ kind: 'unknown', message: 'Type a message to continue the conversation.' });
  }

  const startedAt = extra.now();
  const userMessage: ConversationMessage | undefined = input
    ? { role: 'user', content: input, timestamp: new Date(startedAt).toISOString() }
    : undefined;
  const built = buildChatMessages({
    template: prompt.messages,
    conversation: userMessage ? [...instance.conversation.messages, userMessage] : instance.conversation.messages,
    resources: instance.conversation.resources,
    variables: mergeVariables(instance.variables),
    applyVariables: instance.executionConfig.apply_variables,
  });
  if (built.missing.length > 0) {
    refuse({
      kind: 'missing-variables',
      message: `Fill in ${describeVariables(built.missing)} before running.`,
      missingVariables: built.missing,
    });
  }

  const target = resolveProvider(getState(), instance.settings);
  if ('error' in target) refuse(target.error);
  const { provider, model } = target as Exclude<typeof target, { error: InstanceError }>;
  const apiKey = (await extra.db.providerKeys.get(provider.id))?.apiKey;

  const newRun = instance.executionConfig.track_in_runs && !instance.runId;
  const runId = newRun ? extra.newId() : instance.runId;
  if (newRun) dispatch(runLinked({ instanceId, runId: runId! }));
  const taskId = extra.newId();
  dispatch(streamStarted({ taskId, startedAt, model, providerId: provider.id }));
  dispatch(messageStarted({ instanceId, taskId, at: startedAt, userMessage }));
  started();

  const controller = new AbortController();
  extra.inFlight.set(taskId, controller);
  const batcher = (extra.batcher ??= createStreamBatcher(dispatch, extra.streamFlushMs));
  // Written while the request goes out (not before it: that would delay the first token): the
  // instance in flight, its task and its run, so a worker stopped mid-answer is recovered as
  // interrupted by hydrateStore. Progress saves wait for it; so does completeExecution.
  const recorded = recordMessageStart(extra.db, {
    run: newRun
      ? { runId: runId!, instanceId, sourceType: 'prompt', sourceId: instance.promptId, name: instance.runTracking.runName, totalTokens: 0, totalCost: 0, createdAt: startedAt, updatedAt: startedAt }
      : null,
    task: { taskId, runId, instanceId, providerId: provider.id, model, status: 'running', error: null, output: '', createdAt: startedAt, updatedAt: startedAt },
    instance: selectInstance(getState(), instanceId)!,
  });
  let progressWrite: Promise<void> = recorded;
  let outcome: CompletionOutcome = 'completed';
  let failure: InstanceError | undefined;

  try {
    const request = {
      providerName: provider.name,
      baseURL: provider.baseURL,
      apiKey,
      model,
      messages: built.messages,
      temperature: instance.settings.temperature,
      maxTokens: instance.settings.maxTokens,
      signal: controller.signal,
      timeoutMs: getState().settings.requestTimeoutSeconds * 1000,
    };
    await streamAnswer(extra.chatStream, request, {
      now: extra.now,
      onDelta: (kind, text) => batcher.append(taskId, kind, text),
      onFirstToken: (at) => {
        dispatch(firstTokenMarked({ taskId, at }));
        dispatch(firstTokenReceived({ instanceId, timeToFirstToken: at - startedAt }));
      },
      onUsage: (usage) => dispatch(usageReceived({ taskId, usage })),
      onProgress: (text, at) => {
        progressWrite = progressWrite.then(() => saveTaskProgress(extra.db, taskId, text, at));
      },
      progressEveryMs: extra.persistIntervalMs,
      onRateLimitRetry: (seconds, attempt) =>
        dispatch(streamNoticeSet({ taskId, notice: `${provider.name} is rate limiting requests: retrying in ${seconds} s (try ${attempt + 1}).` })),
    });
  } catch (error) {
    if (controller.signal.aborted) outcome = 'stopped';
    else {
      outcome = 'error';
      failure = toInstanceError(error);
    }
  } finally {
    extra.inFlight.delete(taskId);
    batcher.flush();
  }
  const writeError = await progressWrite.then(
    () => null,
    (error: unknown) => error,
  );
  if (writeError && outcome !== 'error') {
    outcome = 'error';
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a rejection reason of any kind: String() is the fallback for what is not an Error
    failure = { kind: 'unknown', message: `Flowbar could not save this answer: ${writeError instanceof Error ? writeError.message : String(writeError)}` };
  }
  await dispatch(completeExecution({ instanceId, outcome, error: failure })).unwrap();
  return { taskId, outcome };
}
