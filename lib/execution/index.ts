// The prompt execution engine: one import for the UIs and the background.
export * from './executionSlice';
export * from './engineError';
export * from './selectors/instanceSelectors';
export * from './selectors/messageSelectors';
export * from './selectors/variableSelectors';
export { loadPrompt } from '../prompts/loadPromptThunk';
export { startPromptInstance, type StartInstanceArgs } from './thunks/startInstanceThunk';
export { startChat, selectionResource, type StartChatArgs } from './thunks/startChatThunk';
export { executeMessage, type ExecuteMessageArgs, type ExecuteMessageResult } from './thunks/executeMessageThunk';
export { completeExecution, type CompletionOutcome } from './thunks/completeExecutionThunk';
export { cleanupInstance, evictInstances, selectInstancesToEvict, MAX_INSTANCES, MAX_INSTANCE_AGE_MS } from './thunks/cleanupInstanceThunk';
export { fetchScopedVariables } from './thunks/fetchScopedVariablesThunk';
export { stopInstance } from './thunks/stopInstanceThunk';
export { retryLastMessage } from './thunks/retryMessageThunk';
