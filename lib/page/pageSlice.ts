import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { PageContext } from '../types';

/** The page the user last selected text in (or focused): its selection, title and URL. */
const initialState: PageContext = { tabId: null, title: '', url: '', selection: '', updatedAt: 0 };

export const pageSlice = createSlice({
  name: 'page',
  initialState,
  reducers: {
    pageContextReported(_state, action: PayloadAction<PageContext>) {
      return action.payload;
    },
  },
});

export const { pageContextReported } = pageSlice.actions;
