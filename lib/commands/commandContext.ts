import type { EngineServices } from '../store/engineServices';
import type { RootState } from '../store/rootReducer';
import type { AppThunkDispatch } from '../store/thunkConfig';
import type { BackgroundPlatform } from './backgroundPlatform';

export interface CommandContext {
  dispatch: AppThunkDispatch;
  getState: () => RootState;
  services: EngineServices;
  platform: BackgroundPlatform;
}
