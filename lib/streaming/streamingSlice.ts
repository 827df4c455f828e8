import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { messageCompleted, messageFailed } from '../execution/executionSlice';

/** Streaming responses, one per model call (task), while they stream. */
export interface StreamingResponse {
  model: string;
  providerId: string;
  text: string;
  reasoning: string;
  startedAt: number;
  firstTokenAt: number | null;
  usage: { promptTokens?: number; completionTokens?: number; totalTokens?: number } | null;
  /** what the user should know while waiting (e.g. "rate limited, retrying in 2 s"), or null */
  notice: string | null;
  /** while the request waits in the provider's queue: how many wait ahead of it; else null */
  queuedAhead: number | null;
  /** why the model stopped, once the stream ended normally ('length' = cut off by the token limit) */
  finishReason: string | null;
  /** sources sent beside the answer, in order ([1] is the first) */
  citations: string[];
  /** tools the model tried to call (Flowbar offers none) */
  toolCalls: string[];
}

export interface StreamingState {
  byTaskId: Record<string, StreamingResponse>;
}

type StreamDeltas = Record<string, { text?: string; reasoning?: string }>;

const initialState: StreamingState = { byTaskId: {} };

export const streamingSlice = createSlice({
  name: 'streaming',
  initialState,
  reducers: {
    streamStarted(state, action: PayloadAction<{ taskId: string; startedAt: number; model: string; providerId: string }>) {
      state.byTaskId[action.payload.taskId] = {
        model: action.payload.model,
        providerId: action.payload.providerId,
        text: '',
        reasoning: '',
        startedAt: action.payload.startedAt,
        firstTokenAt: null,
        usage: null,
        notice: null,
        queuedAhead: null,
        finishReason: null,
        citations: [],
        toolCalls: [],
      };
    },
    /** One store update for all the text that arrived since the last one, for every task. */
    deltasReceived(state, action: PayloadAction<StreamDeltas>) {
      for (const [taskId, delta] of Object.entries(action.payload)) {
        const response = state.byTaskId[taskId];
        if (!response) continue;
        if (delta.text) response.text += delta.text;
        if (delta.reasoning) response.reasoning += delta.reasoning;
      }
    },
    firstTokenMarked(state, action: PayloadAction<{ taskId: string; at: number }>) {
      const response = state.byTaskId[action.payload.taskId];
      if (response && response.firstTokenAt === null) response.firstTokenAt = action.payload.at;
      if (response) {
        response.notice = null;
        response.queuedAhead = null;
      }
    },
    /** queuedAhead: set while the request waits its turn; any other notice ends the wait */
    streamNoticeSet(state, action: PayloadAction<{ taskId: string; notice: string | null; queuedAhead?: number }>) {
      const response = state.byTaskId[action.payload.taskId];
      if (!response) return;
      response.notice = action.payload.notice;
      response.queuedAhead = action.payload.queuedAhead ?? null;
    },
    usageReceived(state, action: PayloadAction<{ taskId: string; usage: NonNullable<StreamingResponse['usage']> }>) {
      const response = state.byTaskId[action.payload.taskId];
      if (response) response.usage = { ...response.usage, ...action.payload.usage };
    },
    citationsReceived(state, action: PayloadAction<{ taskId: string; urls: string[] }>) {
      const response = state.byTaskId[action.payload.taskId];
      if (response) response.citations = action.payload.urls;
    },
    toolCallNoted(state, action: PayloadAction<{ taskId: string; name: string }>) {
      state.byTaskId[action.payload.taskId]?.toolCalls.push(action.payload.name);
    },
    streamFinished(state, action: PayloadAction<{ taskId: string; finishReason: string | null }>) {
      const response = state.byTaskId[action.payload.taskId];
      if (response) response.finishReason = action.payload.finishReason;
    },
    streamRemoved(state, action: PayloadAction<string>) {
      delete state.byTaskId[action.payload];
    },
  },
  // The finished answer takes its stream's place in the same store update, so the bridge sees the
  // text leave the stream as it enters the conversation and moves it instead of sending it again
  // (stateDiff.ts); the panel never shows both for a moment either.
  extraReducers: (builder) => {
    builder.addCase(messageCompleted, (state, action) => {
      const taskId = action.payload.message.taskId;
      if (taskId) delete state.byTaskId[taskId];
    });
    builder.addCase(messageFailed, (state, action) => {
      const taskId = action.payload.partial?.taskId;
      if (taskId) delete state.byTaskId[taskId];
    });
  },
});

export const {
  streamStarted,
  deltasReceived,
  firstTokenMarked,
  streamNoticeSet,
  usageReceived,
  citationsReceived,
  toolCallNoted,
  streamFinished,
  streamRemoved,
} = streamingSlice.actions;
