import type { ThunkDispatch, UnknownAction } from '@reduxjs/toolkit';
import type { EngineServices } from './engineServices';
import type { RootState } from './rootReducer';

export type AppThunkDispatch = ThunkDispatch<RootState, EngineServices, UnknownAction>;

/** The typing every createAsyncThunk of the engine uses. */
export interface ThunkConfig {
  state: RootState;
  dispatch: AppThunkDispatch;
  extra: EngineServices;
  rejectValue?: never;
}
