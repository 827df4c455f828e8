import { instanceFocused } from '../app/appSlice';
import { EngineError } from '../execution/engineError';
import { instanceAdded, instanceModelSet, resourceAdded, resourceRemoved, turnDeleted, userValueSet, versionSelected } from '../execution/executionSlice';
import { selectIsInstanceBusy } from '../execution/selectors/instanceSelectors';
import { loadInstance, saveInstance } from '../execution/services/runPersistence';
import { mergeScopedValues } from '../execution/services/variableResolver';
import { cleanupInstance, evictInstances } from '../execution/thunks/cleanupInstanceThunk';
import { executeMessage } from '../execution/thunks/executeMessageThunk';
import { fetchScopedVariables } from '../execution/thunks/fetchScopedVariablesThunk';
import { retryLastMessage } from '../execution/thunks/retryMessageThunk';
import { startChat } from '../execution/thunks/startChatThunk';
import { startPromptInstance } from '../execution/thunks/startInstanceThunk';
import { stopInstance } from '../execution/thunks/stopInstanceThunk';
import type { Resource } from '../types';
import type { CommandContext } from './commandContext';
import type { CommandPayload } from './commandSchemas';

/**
 * Starts a message and resolves once it is accepted (every check passed, the answer started),
 * with its task; rejects with the reason it was not. The answer streams on after that: its
 * outcome shows on the instance.
 */
function whenAccepted(start: (onStarted: (taskId: string) => void) => Promise<unknown>): Promise<{ taskId: string }> {
  return new Promise((resolve, reject) => {
    let accepted = false;
    start((taskId) => {
      accepted = true;
      resolve({ taskId });
    }).catch((error: unknown) => {
      // After acceptance a failure is the instance's (status and error), set by the thunk itself.
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the thunk's own rejection (a serialized error with its message) is passed on as it is
      if (!accepted) reject(error);
    });
  });
}

function requireInstance(ctx: CommandContext, instanceId: string) {
  if (!ctx.getState().promptExecution.instances[instanceId]) {
    throw new EngineError({ kind: 'unknown', message: 'This conversation is not open any more: reopen it from History.' });
  }
}

/** Versions and turns change only between answers: the one streaming has its place already. */
function requireIdleWithMessage(ctx: CommandContext, instanceId: string, messageId: string) {
  requireInstance(ctx, instanceId);
  if (selectIsInstanceBusy(ctx.getState(), instanceId)) throw new EngineError({ kind: 'unknown', message: 'An answer is still streaming: stop it first.' });
  if (!ctx.getState().promptExecution.instances[instanceId].conversation.messages.some((m) => m.id === messageId)) {
    throw new EngineError({ kind: 'unknown', message: 'That message is not in this conversation any more.' });
  }
}

export function instanceCommands(ctx: CommandContext) {
  const { dispatch, getState, services } = ctx;

  const addResource = async (instanceId: string, resource: Omit<Resource, 'id' | 'size'>) => {
    requireInstance(ctx, instanceId);
    const full: Resource = { ...resource, id: services.newId(), size: resource.text.length };
    dispatch(resourceAdded({ instanceId, resource: full, at: services.now() }));
    await saveInstance(services.db, getState().promptExecution.instances[instanceId]);
    return { resource: full };
  };

  return {
    async 'cmd/prompt/run'(p: CommandPayload<'cmd/prompt/run'>) {
      const page = getState().page;
      const instanceId = await dispatch(startPromptInstance({ promptId: p.promptId, variables: p.variables, page: p.usePage ? page : undefined })).unwrap();
      dispatch(instanceFocused(instanceId));
      return { instanceId };
    },
    async 'cmd/chat/new'(p: CommandPayload<'cmd/chat/new'>) {
      const instanceId = await dispatch(startChat({ systemPrompt: p.systemPrompt })).unwrap();
      dispatch(instanceFocused(instanceId));
      return { instanceId };
    },
    /** Changes the instance's copy of the settings only: the prompt keeps its own model. */
    async 'cmd/instance/setModel'(p: CommandPayload<'cmd/instance/setModel'>) {
      requireInstance(ctx, p.instanceId);
      if (p.providerId !== null && !getState().providers.byId[p.providerId]) {
        throw new EngineError({ kind: 'unknown', message: 'That provider is gone: pick another one.' });
      }
      dispatch(instanceModelSet({ instanceId: p.instanceId, providerId: p.providerId, model: p.model, at: services.now() }));
      await saveInstance(services.db, getState().promptExecution.instances[p.instanceId]);
      return { ok: true as const };
    },
    async 'cmd/instance/send'(p: CommandPayload<'cmd/instance/send'>) {
      requireInstance(ctx, p.instanceId);
      return whenAccepted((onStarted) => dispatch(executeMessage({ instanceId: p.instanceId, userInput: p.text, onStarted })).unwrap());
    },
    async 'cmd/instance/stop'(p: CommandPayload<'cmd/instance/stop'>) {
      return { stopped: await dispatch(stopInstance({ instanceId: p.instanceId })).unwrap() };
    },
    async 'cmd/instance/retry'(p: CommandPayload<'cmd/instance/retry'>) {
      requireInstance(ctx, p.instanceId);
      return whenAccepted((onStarted) => dispatch(retryLastMessage({ instanceId: p.instanceId, answerId: p.messageId, onStarted })).unwrap());
    },
    async 'cmd/instance/edit'(p: CommandPayload<'cmd/instance/edit'>) {
      requireInstance(ctx, p.instanceId);
      return whenAccepted((onStarted) =>
        dispatch(executeMessage({ instanceId: p.instanceId, userInput: p.text, reply: { kind: 'edit', messageId: p.messageId }, onStarted })).unwrap(),
      );
    },
    async 'cmd/instance/selectVersion'(p: CommandPayload<'cmd/instance/selectVersion'>) {
      requireIdleWithMessage(ctx, p.instanceId, p.messageId);
      dispatch(versionSelected({ instanceId: p.instanceId, messageId: p.messageId, at: services.now() }));
      await saveInstance(services.db, getState().promptExecution.instances[p.instanceId]);
      return { ok: true as const };
    },
    async 'cmd/instance/deleteTurn'(p: CommandPayload<'cmd/instance/deleteTurn'>) {
      requireIdleWithMessage(ctx, p.instanceId, p.messageId);
      dispatch(turnDeleted({ instanceId: p.instanceId, messageId: p.messageId, at: services.now() }));
      await saveInstance(services.db, getState().promptExecution.instances[p.instanceId]);
      return { ok: true as const };
    },
    async 'cmd/instance/close'(p: CommandPayload<'cmd/instance/close'>) {
      await dispatch(cleanupInstance({ instanceId: p.instanceId })).unwrap();
      return { ok: true as const };
    },
    async 'cmd/instance/setVariable'(p: CommandPayload<'cmd/instance/setVariable'>) {
      requireInstance(ctx, p.instanceId);
      dispatch(userValueSet({ instanceId: p.instanceId, name: p.name, value: p.value, at: services.now() }));
      await saveInstance(services.db, getState().promptExecution.instances[p.instanceId]);
      return { ok: true as const };
    },
    async 'cmd/instance/attachPage'(p: CommandPayload<'cmd/instance/attachPage'>) {
      const tabId = getState().page.tabId;
      if (tabId === null) throw new EngineError({ kind: 'unknown', message: 'Open a web page first: Flowbar attaches the page you last used.' });
      const page = await ctx.platform.extractPageText(tabId);
      if (!page.text.trim()) throw new EngineError({ kind: 'unknown', message: `No readable text was found on "${page.title || page.url}".` });
      return addResource(p.instanceId, { kind: 'page', title: page.title || page.url, source: page.url, text: page.text });
    },
    async 'cmd/instance/attachFile'(p: CommandPayload<'cmd/instance/attachFile'>) {
      return addResource(p.instanceId, { kind: 'file', title: p.name, source: p.name, text: p.text });
    },
    async 'cmd/instance/removeResource'(p: CommandPayload<'cmd/instance/removeResource'>) {
      requireInstance(ctx, p.instanceId);
      dispatch(resourceRemoved({ instanceId: p.instanceId, resourceId: p.resourceId, at: services.now() }));
      await saveInstance(services.db, getState().promptExecution.instances[p.instanceId]);
      return { ok: true as const };
    },
    async 'cmd/history/open'(p: CommandPayload<'cmd/history/open'>) {
      if (!getState().promptExecution.instances[p.instanceId]) {
        const instance = await loadInstance(services.db, p.instanceId);
        if (!instance) throw new EngineError({ kind: 'unknown', message: 'That conversation is no longer in the history.' });
        await dispatch(fetchScopedVariables()).unwrap();
        const reopened = {
          ...instance,
          updatedAt: services.now(), // reopening counts as use: not evicted as idle at once
          variables: { ...instance.variables, scopedValues: mergeScopedValues(getState().scopedVariables) },
        };
        dispatch(instanceAdded(reopened));
        await saveInstance(services.db, reopened);
        await dispatch(evictInstances()).unwrap();
      }
      dispatch(instanceFocused(p.instanceId));
      return { instanceId: p.instanceId };
    },
  };
}
