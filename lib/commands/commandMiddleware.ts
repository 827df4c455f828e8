import type { Middleware } from '@reduxjs/toolkit';
import { addLog } from '../logs/logsSlice';
import type { CommandHandlers } from './commandHandlers';
import { commandSchemas, type CommandType } from './commandSchemas';

/** webext-redux adds the sender of an action that came from another context as `_sender`. */
interface BridgedAction {
  type: string;
  payload?: unknown;
  _sender?: unknown;
}

function isCommand(type: string): type is CommandType {
  return Object.hasOwn(commandSchemas, type);
}

/**
 * The gate for actions from pages: only known commands with a valid payload run, as their
 * handler; anything else a page sends is refused and logged. Actions from the engine itself
 * (no `_sender`) pass through. The bridge has already refused senders that are not extension pages.
 */
export function createCommandMiddleware(handlers: CommandHandlers): Middleware {
  return (api) => (next) => (action) => {
    const bridged = action as BridgedAction;
    if (!bridged || typeof bridged !== 'object' || !('_sender' in bridged)) return next(action);

    const refuse = (reason: string) => {
      api.dispatch(addLog({ level: 'warn', message: `Refused a message from a page: ${reason}` }));
      return Promise.reject(new Error(reason));
    };
    const type = String(bridged.type);
    if (!isCommand(type)) return refuse(`unknown command "${type.slice(0, 80)}"`);
    const parsed = commandSchemas[type].safeParse(bridged.payload ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return refuse(`${type}: ${issue?.path.join('.') || 'payload'}: ${issue?.message ?? 'invalid'}`);
    }
    const handler = handlers[type] as (payload: unknown) => Promise<unknown>;
    // webext-redux's proxy store resolves dispatch() with `value.payload`.
    return handler(parsed.data).then((result) => ({ payload: result }));
  };
}
