import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

/**
 * `hydrated` turns true once the worker has rebuilt the store from the database. `focus` asks the
 * panel to show an instance (a run started from the context menu or the keyboard), `runFocus` a
 * flow run; `seq` makes a repeated request for the same one a new one.
 */
interface AppState {
  hydrated: boolean;
  focus: { instanceId: string | null; seq: number };
  runFocus: { runId: string | null; seq: number };
}

const initialState: AppState = { hydrated: false, focus: { instanceId: null, seq: 0 }, runFocus: { runId: null, seq: 0 } };

export const appSlice = createSlice({
  name: 'app',
  initialState,
  reducers: {
    hydrationFinished(state) {
      state.hydrated = true;
    },
    instanceFocused(state, action: PayloadAction<string>) {
      state.focus = { instanceId: action.payload, seq: state.focus.seq + 1 };
    },
    flowRunFocused(state, action: PayloadAction<string>) {
      state.runFocus = { runId: action.payload, seq: state.runFocus.seq + 1 };
    },
  },
});

export const { hydrationFinished, instanceFocused, flowRunFocused } = appSlice.actions;
