import { describe, expect, it } from 'vitest';
import type { ConversationMessage } from '@/lib/types';
import { isFinished, lastPartialOf, RUN_STATUS_LABEL, runStatus } from './statusLabels';

const message = (role: ConversationMessage['role'], partial?: 'stopped' | 'error' | 'interrupted'): ConversationMessage => ({
  role,
  content: 'x',
  timestamp: '2026-12-01T10:00:00.000Z',
  ...(partial ? { metadata: { partial } } : {}),
});

describe('runStatus', () => {
  it('says what the run is doing in words a user reads on a tab', () => {
    const label = (input: Parameters<typeof runStatus>[0]) => RUN_STATUS_LABEL[runStatus(input)];
    expect(label({ status: 'idle' })).toBe('Not run yet');
    expect(label({ status: 'executing' })).toBe('Waiting');
    expect(label({ status: 'executing', queued: true })).toBe('Queued');
    expect(label({ status: 'streaming' })).toBe('Streaming');
    expect(label({ status: 'completed' })).toBe('Done');
    expect(label({ status: 'completed', lastPartial: 'stopped' })).toBe('Stopped');
    expect(label({ status: 'error' })).toBe('Failed');
    expect(label({ status: 'error', lastPartial: 'error' })).toBe('Failed');
  });

  it('counts done, stopped and failed runs as finished, never one still on its way', () => {
    expect((['done', 'stopped', 'failed'] as const).every(isFinished)).toBe(true);
    expect((['idle', 'queued', 'waiting', 'streaming'] as const).some(isFinished)).toBe(false);
  });
});

describe('lastPartialOf', () => {
  it("reads the last answer's partial mark, not an earlier one's", () => {
    expect(lastPartialOf([message('user'), message('assistant', 'stopped'), message('user'), message('assistant')])).toBeNull();
    expect(lastPartialOf([message('user'), message('assistant'), message('user'), message('assistant', 'stopped'), message('user')])).toBe('stopped');
    expect(lastPartialOf([])).toBeNull();
  });
});
