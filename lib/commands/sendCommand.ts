import type { CommandResult } from './commandResults';
import type { CommandInput, CommandType } from './commandSchemas';

/** The part of webext-redux's proxy store a page needs to send commands. */
export interface CommandTarget {
  dispatch(action: { type: string; payload: unknown }): unknown;
}

const BACKGROUND_ERROR_PREFIX = /^[\s\S]*inspect your background page for more details\.\n/;

/**
 * Sends a command to the background store and resolves with its result. A refused command
 * rejects with the background's message, cleaned of webext-redux's generic preamble.
 */
export async function sendCommand<T extends CommandType>(store: CommandTarget, type: T, payload: CommandInput<T>): Promise<CommandResult<T>> {
  try {
    return (await store.dispatch({ type, payload })) as CommandResult<T>;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(message.replace(BACKGROUND_ERROR_PREFIX, '').trim() || 'The background did not answer.');
  }
}
