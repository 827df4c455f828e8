import { EngineError } from '../execution/engineError';
import { conversationsToJson, conversationsToMarkdown, exportFileName, redactSecrets, type ExportContext } from '../execution/conversation/conversationExport';
import { localDate } from '../execution/services/localDate';
import { loadInstance } from '../execution/services/runPersistence';
import type { ExecutionInstance } from '../types';
import type { CommandContext } from './commandContext';
import type { CommandPayload } from './commandSchemas';

/** Export: conversations (open ones as the store has them, others from the database) as one file's text. */
export function conversationCommands(ctx: CommandContext) {
  const { getState, services } = ctx;
  return {
    async 'cmd/conversations/export'(p: CommandPayload<'cmd/conversations/export'>) {
      const state = getState();
      const exportedAt = new Date(services.now()).toISOString();
      const items: Array<{ instance: ExecutionInstance; context: ExportContext }> = [];
      for (const instanceId of [...new Set(p.instanceIds)]) {
        const instance = state.promptExecution.instances[instanceId] ?? (await loadInstance(services.db, instanceId));
        if (!instance) throw new EngineError({ kind: 'unknown', message: 'A conversation to export is no longer in the history.' });
        const prompt = state.prompts.byId[instance.promptId] ?? (await services.db.prompts.get(instance.promptId));
        const providerId = instance.settings.providerId ?? state.providers.defaultProviderId;
        const providerName = providerId ? state.providers.byId[providerId]?.name : undefined;
        items.push({ instance, context: { prompt, providerName, exportedAt } });
      }
      const text = p.format === 'markdown' ? conversationsToMarkdown(items) : conversationsToJson(items, exportedAt);
      // A key pasted into a message or a variable is taken out too: an export never carries one.
      const keys = (await services.db.providerKeys.toArray()).map((row) => row.apiKey);
      return {
        // the user's local date, as the other exports' file names
        fileName: exportFileName(
          items.map((item) => item.instance.title),
          p.format,
          localDate(new Date(services.now())),
        ),
        mimeType: p.format === 'markdown' ? 'text/markdown' : 'application/json',
        text: redactSecrets(text, keys),
      };
    },
  };
}
