import type { ProviderCheckResult } from '@/lib/setup/providerCheck';
import { setupAdvice, type SetupAdvice } from './setupAdvice';

// When the panel asks the background whether the default provider answers. Pure (a reducer and
// selectors, unit-tested); useProviderCheck.ts does the timers and the command.
//   open the panel ──▶ waiting ──(after the first paint)──▶ checking ──▶ settled
//   settled on a failure ──(5 s, 10 s, 20 s, then every 30 s)──▶ checking   (polls while the card shows)
//   settled on an answer: no more checks, until the providers change or the user presses Try again.

export interface CheckState {
  phase: 'waiting' | 'checking' | 'settled';
  /** the last answer; kept while a new check runs, so the card does not flicker */
  result: ProviderCheckResult | null;
  /** consecutive failed checks, for the backoff */
  failures: number;
  /** the provider settings the checks are for (see selectProviderSettingsKey) */
  providersKey: string;
  /** bumped by every restart, so a check started before it cannot overwrite a newer answer */
  generation: number;
  /** the next check skips the background's few-second cache (Try again) */
  force: boolean;
}

export type CheckEvent =
  | { type: 'check-started' }
  | { type: 'check-finished'; generation: number; result: ProviderCheckResult }
  /** the command itself failed (the worker was restarting): try again later, keep the last answer */
  | { type: 'check-errored'; generation: number }
  | { type: 'providers-changed'; providersKey: string }
  | { type: 'retry' };

export const POLL_DELAYS_MS = [5_000, 10_000, 20_000, 30_000] as const;

export function initialCheckState(providersKey: string): CheckState {
  return { phase: 'waiting', result: null, failures: 0, providersKey, generation: 0, force: false };
}

export function checkReducer(state: CheckState, event: CheckEvent): CheckState {
  switch (event.type) {
    case 'check-started':
      return state.phase === 'waiting' || state.phase === 'settled' ? { ...state, phase: 'checking', force: false } : state;
    case 'check-finished':
      if (event.generation !== state.generation || state.phase !== 'checking') return state;
      return { ...state, phase: 'settled', result: event.result, failures: event.result.status === 'ok' ? 0 : state.failures + 1 };
    case 'check-errored':
      if (event.generation !== state.generation || state.phase !== 'checking') return state;
      return { ...state, phase: 'settled', failures: state.failures + 1 };
    case 'providers-changed':
      if (event.providersKey === state.providersKey) return state;
      return { ...state, phase: 'waiting', providersKey: event.providersKey, failures: 0, generation: state.generation + 1, force: true };
    case 'retry':
      return { ...state, phase: 'waiting', failures: 0, generation: state.generation + 1, force: true };
  }
}

/** When to check next (ms from now), or null for no check. */
export function nextCheckDelay(state: CheckState): number | null {
  if (state.phase === 'waiting') return 0;
  if (state.phase === 'checking') return null;
  if (state.result?.status === 'ok') return null;
  return POLL_DELAYS_MS[Math.min(Math.max(state.failures, 1), POLL_DELAYS_MS.length) - 1];
}

/** What the setup card shows, or null for no card. */
export function selectSetupCard(state: CheckState): SetupAdvice | null {
  return state.result ? setupAdvice(state.result) : null;
}
