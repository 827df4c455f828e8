import type { HistoryPage } from '../execution/services/runPersistence';
import type { CommandType } from './commandSchemas';
import type { Resource } from '../types';
import type { PageTextInfo } from '../page/pageText';
import type { FlowRunSummary } from '../flows/flowRunPersistence';
import type { ProviderCheckResult } from '../setup/providerCheck';
import type { ShortcutInfo } from '../setup/keyboardShortcuts';

/** What each command resolves to in the page that sent it. */
interface CommandResults {
  'cmd/prompt/run': { instanceId: string };
  'cmd/instance/send': { taskId: string };
  'cmd/instance/stop': { stopped: boolean };
  'cmd/instance/retry': { taskId: string };
  'cmd/instance/close': { ok: true };
  'cmd/instance/setVariable': { ok: true };
  'cmd/instance/attachPage': { resource: Resource };
  'cmd/instance/attachFile': { resource: Resource };
  'cmd/instance/removeResource': { ok: true };
  'cmd/instance/useWholePage': { info: PageTextInfo; started: boolean };
  'cmd/history/search': HistoryPage;
  'cmd/history/open': { instanceId: string };
  'cmd/providers/save': { id: string; /** the stored key was removed: the base URL moved to another origin and no key was typed */ keyDropped: boolean };
  'cmd/providers/delete': { ok: true };
  'cmd/providers/setDefault': { ok: true };
  'cmd/providers/listModels': { models: string[] };
  'cmd/providers/test': { ok: boolean; message: string };
  'cmd/providers/check': ProviderCheckResult;
  'cmd/shortcuts/list': { shortcuts: ShortcutInfo[] };
  'cmd/variables/set': { ok: true };
  'cmd/variables/delete': { ok: true };
  'cmd/prompts/save': { id: string };
  'cmd/prompts/delete': { ok: true };
  'cmd/prompts/setDefault': { ok: true };
  'cmd/prompts/export': { json: string };
  'cmd/prompts/import': { count: number };
  'cmd/prices/set': { ok: true };
  'cmd/prices/delete': { ok: true };
  'cmd/flows/save': { id: string };
  'cmd/flows/delete': { ok: true };
  'cmd/flows/export': { json: string };
  'cmd/flows/import': { count: number };
  'cmd/flows/run': { runId: string };
  'cmd/flows/runStep': { runId: string };
  'cmd/flows/runAction': { runId: string };
  'cmd/flows/resume': { runId: string };
  'cmd/flows/runAgain': { runId: string };
  'cmd/flows/cancel': { ok: true };
  'cmd/flows/listRuns': { runs: FlowRunSummary[] };
  'cmd/flows/openRun': { runId: string };
  'cmd/files/add': { id: string };
  'cmd/files/delete': { ok: true };
  'cmd/settings/set': { ok: true };
  'cmd/settings/selectionButton': { ok: true };
  'cmd/prompts/setPinned': { ok: true };
}

export type CommandResult<T extends CommandType> = CommandResults[T];
