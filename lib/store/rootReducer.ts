import { combineReducers } from '@reduxjs/toolkit';
import { appSlice } from '../app/appSlice';
import { promptExecutionSlice } from '../execution/executionSlice';
import { actionsSlice, filesSlice, flowsSlice } from '../flows/flowsSlice';
import { flowRunsSlice } from '../flows/flowRunsSlice';
import { logsSlice } from '../logs/logsSlice';
import { pageSlice } from '../page/pageSlice';
import { pricesSlice } from '../prices/pricesSlice';
import { promptsSlice } from '../prompts/promptsSlice';
import { providersSlice } from '../providers/providersSlice';
import { settingsSlice } from '../settings/settingsSlice';
import { streamingSlice } from '../streaming/streamingSlice';
import { teamSlice } from '../team/teamSlice';
import { scopedVariablesSlice } from '../variables/scopedVariablesSlice';

export const rootReducer = combineReducers({
  [appSlice.name]: appSlice.reducer,
  [promptsSlice.name]: promptsSlice.reducer,
  [promptExecutionSlice.name]: promptExecutionSlice.reducer,
  [streamingSlice.name]: streamingSlice.reducer,
  [providersSlice.name]: providersSlice.reducer,
  [scopedVariablesSlice.name]: scopedVariablesSlice.reducer,
  [pricesSlice.name]: pricesSlice.reducer,
  [pageSlice.name]: pageSlice.reducer,
  [logsSlice.name]: logsSlice.reducer,
  [flowsSlice.name]: flowsSlice.reducer,
  [actionsSlice.name]: actionsSlice.reducer,
  [filesSlice.name]: filesSlice.reducer,
  [flowRunsSlice.name]: flowRunsSlice.reducer,
  [settingsSlice.name]: settingsSlice.reducer,
  [teamSlice.name]: teamSlice.reducer,
});

export type RootState = ReturnType<typeof rootReducer>;
