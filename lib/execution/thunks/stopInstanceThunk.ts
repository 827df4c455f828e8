import { createAsyncThunk } from '@reduxjs/toolkit';
import type { ThunkConfig } from '../../store/thunkConfig';

/** Stop: aborts the HTTP request; the answer so far is kept, marked as stopped. */
export const stopInstance = createAsyncThunk<boolean, { instanceId: string }, ThunkConfig>(
  'promptExecution/stopInstance',
  async ({ instanceId }, { getState, extra }) => {
    const taskId = getState().promptExecution.instances[instanceId]?.execution.currentTaskId;
    const controller = taskId ? extra.inFlight.get(taskId) : undefined;
    controller?.abort();
    return !!controller;
  },
);
