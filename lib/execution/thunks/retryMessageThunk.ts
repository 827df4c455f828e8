import { createAsyncThunk } from '@reduxjs/toolkit';
import type { ThunkConfig } from '../../store/thunkConfig';
import { lastAnswerRemoved } from '../executionSlice';
import { executeMessage, type ExecuteMessageResult } from './executeMessageThunk';

/** Retry: the last answer (complete, partial or failed) is dropped and the same messages sent again. */
export const retryLastMessage = createAsyncThunk<ExecuteMessageResult, { instanceId: string }, ThunkConfig>(
  'promptExecution/retryLastMessage',
  async ({ instanceId }, { dispatch, extra }) => {
    dispatch(lastAnswerRemoved({ instanceId, at: extra.now() }));
    return dispatch(executeMessage({ instanceId })).unwrap();
  },
);
