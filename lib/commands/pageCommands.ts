import { EngineError } from '../execution/engineError';
import { pageTextRead, userValueSet } from '../execution/executionSlice';
import { selectMissingVariables } from '../execution/selectors/variableSelectors';
import { saveInstance } from '../execution/services/runPersistence';
import { executeMessage } from '../execution/thunks/executeMessageThunk';
import { capPageText, type PageTextInfo } from '../page/pageText';
import type { CommandContext } from './commandContext';
import type { CommandPayload } from './commandSchemas';

/** The page as context: "Use the whole page" for a prompt that needs {{selection}} when nothing is selected. */
export function pageCommands(ctx: CommandContext) {
  const { dispatch, getState, services } = ctx;
  return {
    /**
     * Reads the page in front (article, PDF or transcript), cut at MAX_PAGE_TEXT_CHARS, and makes it
     * this instance's `selection`, as a value entered for it (a user value: the run's selection,
     * kept with the instance, shown in the Variables editor). If the first message was waiting for
     * it alone and the prompt runs on its own (auto_run), it starts: one click.
     */
    async 'cmd/instance/useWholePage'(p: CommandPayload<'cmd/instance/useWholePage'>): Promise<{ info: PageTextInfo; started: boolean }> {
      const instance = getState().promptExecution.instances[p.instanceId];
      if (!instance) throw new EngineError({ kind: 'unknown', message: 'This conversation is not open any more: reopen it from History.' });
      if (!services.readPageText) throw new EngineError({ kind: 'unknown', message: 'Flowbar cannot read pages here.' });
      const page = await services.readPageText(getState().page.tabId);
      if (!page.text.trim()) throw new EngineError({ kind: 'unknown', message: `No readable text was found on "${page.title || page.url}".` });
      const { text, info } = capPageText(page, 'selection');
      const at = services.now();
      dispatch(userValueSet({ instanceId: p.instanceId, name: 'selection', value: text, at }));
      dispatch(pageTextRead({ instanceId: p.instanceId, info, at }));
      const updated = getState().promptExecution.instances[p.instanceId];
      await saveInstance(services.db, updated);
      const ready =
        updated.conversation.messages.length === 0 && updated.executionConfig.auto_run && selectMissingVariables(getState(), p.instanceId).length === 0;
      // Not awaited: the answer streams on; its outcome shows on the instance.
      if (ready) void dispatch(executeMessage({ instanceId: p.instanceId }));
      return { info, started: ready };
    },
  };
}
