import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

/** User settings of the engine itself. */
interface SettingsState {
  /** a model call (whole stream) is given up after this long */
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
