import { createAsyncThunk } from '@reduxjs/toolkit';
import type { ThunkConfig } from '../../store/thunkConfig';
import { executeMessage, type ExecuteMessageArgs, type ExecuteMessageResult } from './executeMessageThunk';

/**
 * Retry: the same messages sent again without the last answer (complete, partial or failed). The
 * answer is removed only once every check has passed: a retry that cannot run keeps it.
 */
export const retryLastMessage = createAsyncThunk<ExecuteMessageResult, Pick<ExecuteMessageArgs, 'instanceId' | 'onStarted'>, ThunkConfig>(
  'promptExecution/retryLastMessage',
  async ({ instanceId, onStarted }, { dispatch }) => dispatch(executeMessage({ instanceId, replaceLastAnswer: true, onStarted })).unwrap(),
);
