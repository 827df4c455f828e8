import { configureStore, type Middleware } from '@reduxjs/toolkit';
import { createRequestQueue } from '../llm/requestQueue';
import { requestLimitAt } from '../providers/requestLimit';
import type { EngineServices } from './engineServices';
import { rootReducer, type RootState } from './rootReducer';

/** The one store: built in the service worker (and in tests, with their own services). */
export function makeStore(services: EngineServices, options: { preloadedState?: Partial<RootState>; middleware?: Middleware<object, RootState>[] } = {}) {
  const store = configureStore({
    reducer: rootReducer,
    preloadedState: options.preloadedState,
    middleware: (getDefault) =>
      getDefault({
        thunk: { extraArgument: services },
        // State is mirrored to pages as JSON; actions from pages carry webext-redux's `_sender`.
        serializableCheck: { ignoredActionPaths: ['_sender', 'meta.arg', 'meta.baseQueryMeta'] },
      }).prepend(...((options.middleware ?? []) as [])),
  });
  // Each host's limit comes from the providers saved for it, read when a request asks for a slot,
  // so an edited limit applies to the next request.
  services.requestQueue = createRequestQueue((origin) => requestLimitAt(Object.values(store.getState().providers.byId), origin));
  return store;
}

export type AppStore = ReturnType<typeof makeStore>;
export type { RootState };
