import { useCallback } from 'react';
import { useSelector, useStore } from 'react-redux';
import type { CommandResult } from '@/lib/commands/commandResults';
import type { CommandInput, CommandType } from '@/lib/commands/commandSchemas';
import { sendCommand, type CommandTarget } from '@/lib/commands/sendCommand';
import type { RootState } from '@/lib/store/rootReducer';

// The typed hooks the UIs use. Pages hold a proxy of the background's store: they read state and
// send commands; they never dispatch engine actions.

export const useAppSelector = useSelector.withTypes<RootState>();

/** Returns a function that sends a command to the background and resolves with its result. */
export function useCommand() {
  const store = useStore() as unknown as CommandTarget;
  return useCallback(<T extends CommandType>(type: T, payload: CommandInput<T>): Promise<CommandResult<T>> => sendCommand(store, type, payload), [store]);
}
