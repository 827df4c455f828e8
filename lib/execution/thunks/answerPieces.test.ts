// A streaming answer is saved as append-only pieces: the bytes written grow with the answer.
import { describe, expect, it } from 'vitest';
import { scenarioPrompt, useFakeLlmServer, useTestEngines, words } from '../../../tests/unit/helpers/testEngine';
import { executeMessage } from './executeMessageThunk';
import { startPromptInstance } from './startInstanceThunk';

const server = useFakeLlmServer();
const newEngine = useTestEngines(() => server().url);

describe('saving an answer while it streams', () => {
  it('writes O(answer) bytes over a long stream: each piece holds only the text since the last one', async () => {
    // 2,000 chunks over about a second: many saves while it streams
    const e = await newEngine({ prompts: [scenarioPrompt('timed', 'timed-2000-1000')] });
    const answer = words(2000);
    let written = 0;
    const pieces: string[] = [];
    const count = (value: unknown) => (typeof value === 'string' ? value.length : 0);
    e.db.tasks.hook('creating', (_key, task) => {
      written += count(task.output);
    });
    e.db.tasks.hook('updating', (changes) => {
      written += count((changes as { output?: unknown }).output);
    });
    // (the piece table does not exist before version 3 of the schema)
    e.db.taskChunks?.hook('creating', (_key, piece) => {
      written += count(piece.text);
      pieces.push(piece.text);
    });

    const id = await e.store.dispatch(startPromptInstance({ promptId: 'timed' })).unwrap();
    const { taskId } = await e.store.dispatch(executeMessage({ instanceId: id })).unwrap();

    expect(e.instance(id).conversation.messages.at(-1)?.content).toBe(answer);
    // pieces once, plus the final output on the task row once
    expect(written).toBeLessThanOrEqual(2 * answer.length);
    // the pieces, in order, are the answer as it arrived, nothing repeated
    expect(pieces.length).toBeGreaterThanOrEqual(3);
    expect(answer.startsWith(pieces.join(''))).toBe(true);
    // once complete, the task holds the whole answer and its pieces are gone
    expect(await e.db.tasks.get(taskId)).toMatchObject({ status: 'completed', output: answer });
    expect(await e.db.taskChunks.where('taskId').equals(taskId).count()).toBe(0);
  });
});
