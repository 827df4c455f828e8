import { configureStore, type Middleware } from '@reduxjs/toolkit';
import type { EngineServices } from './engineServices';
import { rootReducer, type RootState } from './rootReducer';

/** The one store: built in the service worker (and in tests, with their own services). */
export function makeStore(services: EngineServices, options: { preloadedState?: Partial<RootState>; middleware?: Middleware<object, RootState>[] } = {}) {
  return configureStore({
    reducer: rootReducer,
    preloadedState: options.preloadedState,
    middleware: (getDefault) =>
      getDefault({
        thunk: { extraArgument: services },
        // State is mirrored to pages as JSON; actions from pages carry webext-redux's `_sender`.
        serializableCheck: { ignoredActionPaths: ['_sender', 'meta.arg', 'meta.baseQueryMeta'] },
      }).prepend(...((options.middleware ?? []) as [])),
  });
}

export type AppStore = ReturnType<typeof makeStore>;
export type { RootState };
