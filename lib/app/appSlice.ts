import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

/**
 * `hydrated` turns true once the worker has rebuilt the store from the database. `focus` asks the
 * panel to show an instance (a run started from the context menu or the keyboard); `seq` makes a
 * repeated request for the same instance a new one.
 */
export interface AppState {
  hydrated: boolean;
  focus: { instanceId: string | null; seq: number };
}

const initialState: AppState = { hydrated: false, focus: { instanceId: null, seq: 0 } };

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
  },
});

export const { hydrationFinished, instanceFocused } = appSlice.actions;
