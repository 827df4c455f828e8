import { createAsyncThunk, type GetThunkAPI } from '@reduxjs/toolkit';
import { loadPrompt } from '../../prompts/loadPromptThunk';
import { createStreamBatcher } from '../../streaming/streamBatcher';
import { createTextBatcher } from '../../streaming/textBatcher';
import { addLog } from '../../logs/logsSlice';
import {
  citationsReceived,
  firstTokenMarked,
  streamFinished,
  streamNoticeSet,
  streamStarted,
  toolCallNoted,
  usageReceived,
} from '../../streaming/streamingSlice';
import { queuedChatStream, queuedNotice } from '../../llm/requestQueue';
import { streamAnswer } from '../../llm/streamAnswer';
import type { EngineServices } from '../../store/engineServices';
import type { ThunkConfig } from '../../store/thunkConfig';
import type { ChatMessage } from '../../llm/chatModel';
import type { ConversationMessage, InstanceError, ProviderInfo } from '../../types';
import { EngineError, toInstanceError } from '../engineError';
import { placeReply, type ReplyRequest } from '../conversation/replyPlacement';
import { firstTokenReceived, instanceErrorSet, messageStarted, runLinked } from '../executionSlice';
import { selectInstance, selectIsInstanceBusy } from '../selectors/instanceSelectors';
import { buildChatMessages, instanceTemplate } from '../services/messageBuilder';
import { appendTaskPiece, recordMessageStart } from '../services/runPersistence';
import { describeVariables, mergeVariables } from '../services/variableResolver';
import { resolveProvider } from '../services/providerResolver';
import { completeExecution, type CompletionOutcome } from './completeExecutionThunk';

export interface ExecuteMessageArgs {
  instanceId: string;
  /** a chat message to send after the conversation so far */
  userInput?: string;
  /**
   * Where the message goes (default: a send after the active path). Retry answers again as a new
   * version of an answer; edit sends `userInput` as a new version of a question. Earlier versions stay.
   */
  reply?: ReplyRequest;
  /** told once the message is accepted (every check passed, the answer started) */
  onStarted?: (taskId: string) => void;
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
 * and saved. Anything that stops it before the call (missing variables, no provider, a prompt
 * deleted meanwhile, a failed read) rejects with a message the instance also shows; only a busy or
 * closed instance is refused without touching it.
 */
export const executeMessage = createAsyncThunk<ExecuteMessageResult, ExecuteMessageArgs, ThunkConfig>('promptExecution/executeMessage', (args, api) => {
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
});

/** What a message needs once its checks have passed. */
interface PreparedMessage {
  messages: ChatMessage[];
  provider: ProviderInfo;
  model: string;
  apiKey: string | undefined;
  userMessage: ConversationMessage | undefined;
  /** the message the answer will follow */
  answerParentId: string | null;
  startedAt: number;
}

async function runMessage(args: ExecuteMessageArgs, api: GetThunkAPI<ThunkConfig>, started: () => void): Promise<ExecuteMessageResult> {
  const { instanceId } = args;
  const { dispatch, getState, extra } = api;
  if (!selectInstance(getState(), instanceId)) throw new EngineError({ kind: 'unknown', message: 'This conversation is no longer open.' });
  if (selectIsInstanceBusy(getState(), instanceId)) throw new EngineError({ kind: 'unknown', message: 'An answer is still streaming: stop it first.' });
  let prepared: PreparedMessage;
  try {
    prepared = await prepareMessage(args, api);
  } catch (error) {
    // Whatever stopped it (a check, a deleted prompt, a failed read) shows on the instance.
    dispatch(instanceErrorSet({ instanceId, error: toInstanceError(error), at: extra.now() }));
    throw error;
  }
  return streamMessage(args, api, prepared, started);
}

/** The checks before a call, on the conversation as it will be sent; nothing is changed yet. */
async function prepareMessage(
  { instanceId, userInput, reply = { kind: 'send' } }: ExecuteMessageArgs,
  { dispatch, getState, extra }: GetThunkAPI<ThunkConfig>,
): Promise<PreparedMessage> {
  const refuse = (error: InstanceError): never => {
    throw new EngineError(error);
  };
  const instance = selectInstance(getState(), instanceId)!;
  const prompt = await dispatch(loadPrompt(instance.promptId))
    .unwrap()
    // e.g. the prompt was deleted while the conversation stayed open (unwrap rejects with a SerializedError)
    .catch((error: { message?: string }) =>
      refuse({ kind: 'unknown', message: `The prompt of this conversation could not be loaded. ${error.message ?? ''}`.trim() }),
    );

  const input = reply.kind === 'retry' ? '' : (userInput?.trim() ?? '');
  const placement = placeReply(instance.conversation, reply);
  if ('refused' in placement) refuse({ kind: 'unknown', message: placement.refused });
  const { history, parentId } = placement as Exclude<typeof placement, { refused: string }>;
  if (reply.kind === 'edit' && !input) refuse({ kind: 'unknown', message: 'An edited message cannot be empty.' });
  const answered = history.some((m) => m.role === 'assistant');
  if (input && answered && !instance.executionConfig.allow_chat) {
    refuse({ kind: 'chat-disabled', message: `Chat is turned off for "${prompt.name}".` });
  }
  if (!input && history.at(-1)?.role === 'assistant') {
    refuse({ kind: 'unknown', message: 'Type a message to continue the conversation.' });
  }

  const startedAt = extra.now();
  const userMessage: ConversationMessage | undefined = input
    ? { id: extra.newId(), parentId, role: 'user', content: input, timestamp: new Date(startedAt).toISOString() }
    : undefined;
  const built = buildChatMessages({
    template: instanceTemplate(prompt.messages, instance.systemPrompt),
    conversation: userMessage ? [...history, userMessage] : history,
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

  // A plain chat (no template) has nothing to send until the user writes.
  if (!built.messages.some((m) => m.role !== 'system')) {
    refuse({ kind: 'unknown', message: 'Type a message to start the conversation.' });
  }

  const target = resolveProvider(getState(), instance.settings);
  if ('error' in target) refuse(target.error);
  const { provider, model } = target as Exclude<typeof target, { error: InstanceError }>;
  const apiKey = (await extra.db.providerKeys.get(provider.id))?.apiKey;
  return { messages: built.messages, provider, model, apiKey, userMessage, answerParentId: userMessage ? userMessage.id : parentId, startedAt };
}

async function streamMessage(
  { instanceId, onStarted }: ExecuteMessageArgs,
  { dispatch, getState, extra }: GetThunkAPI<ThunkConfig>,
  { messages, provider, model, apiKey, userMessage, answerParentId, startedAt }: PreparedMessage,
  started: () => void,
): Promise<ExecuteMessageResult> {
  // The instance may have changed during the checks' reads (closed, or sent from elsewhere).
  const instance = selectInstance(getState(), instanceId);
  if (!instance) throw new EngineError({ kind: 'unknown', message: 'This conversation is no longer open.' });
  const newRun = instance.executionConfig.track_in_runs && !instance.runId;
  const runId = newRun ? extra.newId() : instance.runId;
  if (newRun) dispatch(runLinked({ instanceId, runId: runId! }));
  const taskId = extra.newId();
  dispatch(streamStarted({ taskId, startedAt, model, providerId: provider.id }));
  // A retry's earlier answer stays as a version: the new one is reserved beside it.
  dispatch(messageStarted({ instanceId, taskId, at: startedAt, userMessage, answerId: extra.newId(), answerParentId }));
  started();
  onStarted?.(taskId);

  const controller = new AbortController();
  extra.inFlight.set(taskId, controller);
  const batcher = (extra.batcher ??= createStreamBatcher(dispatch, extra.streamFlushMs));
  // Written while the request goes out (not before it: that would delay the first token): the
  // instance in flight, its task and its run, so a worker stopped mid-answer is recovered as
  // interrupted by hydrateStore. Piece saves wait for it; so does completeExecution.
  const recorded = recordMessageStart(extra.db, {
    run: newRun
      ? {
          runId: runId!,
          instanceId,
          sourceType: 'prompt',
          sourceId: instance.promptId,
          name: instance.runTracking.runName,
          totalTokens: 0,
          totalCost: 0,
          createdAt: startedAt,
          updatedAt: startedAt,
        }
      : null,
    task: { taskId, runId, instanceId, providerId: provider.id, model, status: 'running', error: null, output: '', createdAt: startedAt, updatedAt: startedAt },
    instance: selectInstance(getState(), instanceId)!,
  });
  let progressWrite: Promise<void> = recorded;
  // The answer is saved while it streams as append-only pieces (the text since the last piece),
  // at most pieceFlushMs after it arrived: a stopped worker loses only that last stretch.
  let seq = 0;
  const pieces = createTextBatcher((batch) => {
    const text = batch[taskId]?.text;
    if (!text) return;
    const piece = seq++;
    const at = extra.now();
    // Not one after the other: IndexedDB commits writes to one table in the order they were
    // issued, and a piece waiting for the previous one's commit would be lost in a stop.
    const write = recorded.then(() => appendTaskPiece(extra.db, taskId, piece, text, at));
    progressWrite = Promise.all([progressWrite, write]).then(() => undefined);
  }, extra.pieceFlushMs);
  let outcome: CompletionOutcome = 'completed';
  let failure: InstanceError | undefined;

  try {
    const request = {
      providerName: provider.name,
      baseURL: provider.baseURL,
      apiKey,
      model,
      messages,
      temperature: instance.settings.temperature,
      maxTokens: instance.settings.maxTokens,
      signal: controller.signal,
      firstByteTimeoutMs: getState().settings.requestTimeoutSeconds * 1000,
      betweenChunksTimeoutMs: getState().settings.requestTimeoutSeconds * 1000,
    };
    // Waits its turn for a connection to the provider (shown on the instance); the timeout starts when it is sent.
    const queued = queuedChatStream(extra.chatStream, extra.requestQueue, {
      onQueued: (ahead) => dispatch(streamNoticeSet({ taskId, notice: queuedNotice(ahead), queuedAhead: ahead })),
      onSent: () => dispatch(streamNoticeSet({ taskId, notice: null })),
    });
    await streamAnswer(queued, request, {
      now: extra.now,
      onDelta: (kind, text) => {
        batcher.append(taskId, kind, text);
        if (kind === 'text') pieces.append(taskId, 'text', text);
      },
      onFirstToken: (at) => {
        dispatch(firstTokenMarked({ taskId, at }));
        dispatch(firstTokenReceived({ instanceId, timeToFirstToken: at - startedAt }));
      },
      // The usage and the finish come last (after the whole text): the text still in the batcher goes
      // first, in the same store update burst, so the bridge sends the last words with them, not a frame later.
      onUsage: (usage) => {
        batcher.flush();
        dispatch(usageReceived({ taskId, usage }));
      },
      onRateLimitRetry: (seconds, attempt) =>
        dispatch(streamNoticeSet({ taskId, notice: `${provider.name} is rate limiting requests: retrying in ${seconds} s (try ${attempt + 1}).` })),
      onCitations: (urls) => dispatch(citationsReceived({ taskId, urls })),
      onToolCall: (name) => dispatch(toolCallNoted({ taskId, name })),
      onWarning: (message) => dispatch(addLog({ level: 'warn', message: `${provider.name}: ${message}`, instanceId, at: extra.now() })),
      onFinish: (finishReason) => {
        batcher.flush();
        dispatch(streamFinished({ taskId, finishReason }));
      },
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
    // The whole answer goes to the task row now (completeExecution), and its pieces are deleted.
    pieces.dispose();
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
