import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

/** User settings of the engine itself. */
interface SettingsState {
  /**
   * The longest a provider may stay silent: before its first byte (firstByteTimeoutMs) and between
   * two pieces of a streaming answer (betweenChunksTimeoutMs). Not a limit on the whole answer.
   */
  requestTimeoutSeconds: number;
}

const DEFAULT_REQUEST_TIMEOUT_SECONDS = 120;
export const MIN_REQUEST_TIMEOUT_SECONDS = 5;
export const MAX_REQUEST_TIMEOUT_SECONDS = 1800;

const initialState: SettingsState = { requestTimeoutSeconds: DEFAULT_REQUEST_TIMEOUT_SECONDS };

export const settingsSlice = createSlice({
  name: 'settings',
  initialState,
  reducers: {
    settingsChanged(state, action: PayloadAction<Partial<SettingsState>>) {
      Object.assign(state, action.payload);
    },
  },
});

export const { settingsChanged } = settingsSlice.actions;
