import { ProviderError } from '../llm/providerError';
import type { InstanceError } from '../types';

/** An error the engine reports to the user: its message says what happened and what to do. */
export class EngineError extends Error {
  constructor(readonly info: InstanceError) {
    super(info.message);
    this.name = 'EngineError';
  }
}

export function toInstanceError(error: unknown): InstanceError {
  if (error instanceof EngineError) return error.info;
  if (error instanceof ProviderError) return { kind: error.kind, message: error.message };
  return { kind: 'unknown', message: error instanceof Error ? error.message : String(error) };
}
