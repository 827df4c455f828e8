import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { ProviderInfo } from '../types';

/** Providers as pages see them: `hasKey` tells whether a key is set, never what it is. */
interface ProvidersState {
  byId: Record<string, ProviderInfo>;
  order: string[];
  defaultProviderId: string | null;
}

const initialState: ProvidersState = { byId: {}, order: [], defaultProviderId: null };

export const providersSlice = createSlice({
  name: 'providers',
  initialState,
  reducers: {
    providersHydrated(state, action: PayloadAction<{ providers: ProviderInfo[]; defaultProviderId: string | null }>) {
      state.byId = Object.fromEntries(action.payload.providers.map((p) => [p.id, p]));
      state.order = action.payload.providers.map((p) => p.id);
      state.defaultProviderId = action.payload.defaultProviderId;
    },
    providerSaved(state, action: PayloadAction<ProviderInfo>) {
      if (!state.byId[action.payload.id]) state.order.push(action.payload.id);
      state.byId[action.payload.id] = action.payload;
      state.defaultProviderId ??= action.payload.id;
    },
    providerDeleted(state, action: PayloadAction<string>) {
      delete state.byId[action.payload];
      state.order = state.order.filter((id) => id !== action.payload);
      if (state.defaultProviderId === action.payload) state.defaultProviderId = state.order[0] ?? null;
    },
    defaultProviderSet(state, action: PayloadAction<string>) {
      if (state.byId[action.payload]) state.defaultProviderId = action.payload;
    },
  },
});

export const { providersHydrated, providerSaved, providerDeleted, defaultProviderSet } = providersSlice.actions;
