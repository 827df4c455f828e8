import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

interface LogEntry {
  id: number;
  at: number;
  level: 'info' | 'warn' | 'error';
  message: string;
  instanceId?: string;
  /** a flow run the entry is about: it is kept with the run too */
  runId?: string;
}

interface LogsState {
  entries: LogEntry[];
  nextId: number;
}

/** The store keeps the latest entries only: logs are for the panel, not an archive. */
export const MAX_LOG_ENTRIES = 200;

const initialState: LogsState = { entries: [], nextId: 1 };

export const logsSlice = createSlice({
  name: 'logs',
  initialState,
  reducers: {
    addLog: {
      reducer(state, action: PayloadAction<Omit<LogEntry, 'id'>>) {
        state.entries.push({ ...action.payload, id: state.nextId++ });
        if (state.entries.length > MAX_LOG_ENTRIES) state.entries.splice(0, state.entries.length - MAX_LOG_ENTRIES);
      },
      prepare(entry: { level: LogEntry['level']; message: string; instanceId?: string; runId?: string; at?: number }) {
        return {
          payload: { at: entry.at ?? Date.now(), level: entry.level, message: entry.message, instanceId: entry.instanceId, runId: entry.runId },
        };
      },
    },
  },
});

export const { addLog } = logsSlice.actions;
