import { createAction, createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { Flow, FlowAction, FlowFile } from './flowTypes';

// Flow definitions (`state.flows.flows.byId[flowId]`, as in the seed). Their actions and files live in
// their own slices, which follow the same library actions.

export const flowsHydrated = createAction<{ flows: Flow[]; actions: FlowAction[]; files: FlowFile[] }>('flows/flowsHydrated');
/** A flow is saved with its actions; actions it no longer uses go. */
export const flowSaved = createAction<{ flow: Flow; actions: FlowAction[]; removedActionIds: string[] }>('flows/flowSaved');
export const flowDeleted = createAction<{ flowId: string; actionIds: string[] }>('flows/flowDeleted');

interface FlowsState {
  flows: { byId: Record<string, Flow>; order: string[] };
}

const initialState: FlowsState = { flows: { byId: {}, order: [] } };

export const flowsSlice = createSlice({
  name: 'flows',
  initialState,
  reducers: {},
  extraReducers: (builder) => {
    builder
      .addCase(flowsHydrated, (state, { payload }) => {
        state.flows.byId = Object.fromEntries(payload.flows.map((f) => [f.id, f]));
        state.flows.order = payload.flows.map((f) => f.id);
      })
      .addCase(flowSaved, (state, { payload }) => {
        if (!state.flows.byId[payload.flow.id]) state.flows.order.push(payload.flow.id);
        state.flows.byId[payload.flow.id] = payload.flow;
      })
      .addCase(flowDeleted, (state, { payload }) => {
        delete state.flows.byId[payload.flowId];
        state.flows.order = state.flows.order.filter((id) => id !== payload.flowId);
      });
  },
});

/** The actions (model calls) of all flows, by id. */
export const actionsSlice = createSlice({
  name: 'actions',
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- createSlice infers its state type from this: without it, `byId` would be `{}`
  initialState: { byId: {} as Record<string, FlowAction> },
  reducers: {},
  extraReducers: (builder) => {
    builder
      .addCase(flowsHydrated, (state, { payload }) => {
        state.byId = Object.fromEntries(payload.actions.map((a) => [a.id, a]));
      })
      .addCase(flowSaved, (state, { payload }) => {
        for (const a of payload.actions) state.byId[a.id] = a;
        for (const id of payload.removedActionIds) delete state.byId[id];
      })
      .addCase(flowDeleted, (state, { payload }) => {
        for (const id of payload.actionIds) delete state.byId[id];
      });
  },
});

/** Text files actions attach to their messages, by id. */
export const filesSlice = createSlice({
  name: 'files',
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- createSlice infers its state type from this: without it, `byId` would be `{}`
  initialState: { byId: {} as Record<string, FlowFile> },
  reducers: {
    fileSaved(state, action: PayloadAction<FlowFile>) {
      state.byId[action.payload.id] = action.payload;
    },
    fileDeleted(state, action: PayloadAction<string>) {
      delete state.byId[action.payload];
    },
  },
  extraReducers: (builder) => {
    builder.addCase(flowsHydrated, (state, { payload }) => {
      state.byId = Object.fromEntries(payload.files.map((f) => [f.id, f]));
    });
  },
});

export const { fileSaved, fileDeleted } = filesSlice.actions;
