import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { ModelPrice, PriceTable } from '../types';

/** The per-model price table (USD per million tokens) the cost estimate uses; the user edits it. */
interface PricesState {
  table: PriceTable;
}

const initialState: PricesState = { table: {} };

export const pricesSlice = createSlice({
  name: 'prices',
  initialState,
  reducers: {
    pricesHydrated(state, action: PayloadAction<PriceTable>) {
      state.table = action.payload;
    },
    priceSet(state, action: PayloadAction<{ model: string; price: ModelPrice }>) {
      state.table[action.payload.model] = action.payload.price;
    },
    priceDeleted(state, action: PayloadAction<string>) {
      delete state.table[action.payload];
    },
  },
});

export const { pricesHydrated, priceSet, priceDeleted } = pricesSlice.actions;
