import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { DEFAULT_SELECTION_BUTTON, type SelectionButtonSetting } from '../selectionButton/siteSetting';

/** User settings of the engine itself. */
interface SettingsState {
  /**
   * The longest a provider may stay silent: before its first byte (firstByteTimeoutMs) and between
   * two pieces of a streaming answer (betweenChunksTimeoutMs). Not a limit on the whole answer.
   */
  requestTimeoutSeconds: number;
  /** the button at the selection on web pages: on or off, and the sites it is off on */
  selectionButton: SelectionButtonSetting;
}

const DEFAULT_REQUEST_TIMEOUT_SECONDS = 120;
export const MIN_REQUEST_TIMEOUT_SECONDS = 5;
export const MAX_REQUEST_TIMEOUT_SECONDS = 1800;

const initialState: SettingsState = { requestTimeoutSeconds: DEFAULT_REQUEST_TIMEOUT_SECONDS, selectionButton: DEFAULT_SELECTION_BUTTON };

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
