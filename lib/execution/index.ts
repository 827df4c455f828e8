// The prompt execution engine's state for the UIs: the slice, its selectors and errors. The thunks
// (which reach the database) are imported from their own files by the background, so a page that
// imports this barrel does not bundle Dexie and the run persistence.
export * from './executionSlice';
export * from './engineError';
export * from './selectors/instanceSelectors';
export * from './selectors/messageSelectors';
export * from './selectors/conversationSelectors';
export * from './selectors/variableSelectors';
