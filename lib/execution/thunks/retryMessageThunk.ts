import { createAsyncThunk } from '@reduxjs/toolkit';
import type { ThunkConfig } from '../../store/thunkConfig';
import { executeMessage, type ExecuteMessageArgs, type ExecuteMessageResult } from './executeMessageThunk';

/**
 * Retry: the same messages sent again, the new answer a version beside the earlier one (complete,
 * partial or failed), which stays in the conversation (‹ 2/2 ›). `answerId` retries that answer
 * (default: the last of the active path, or its unanswered question).
 */
export const retryLastMessage = createAsyncThunk<
  ExecuteMessageResult,
  Pick<ExecuteMessageArgs, 'instanceId' | 'onStarted'> & { answerId?: string },
  ThunkConfig
>('promptExecution/retryLastMessage', async ({ instanceId, onStarted, answerId }, { dispatch }) =>
  dispatch(executeMessage({ instanceId, reply: { kind: 'retry', answerId }, onStarted })).unwrap(),
);
