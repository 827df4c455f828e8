import { createLatestOnly } from '../execution/services/latestOnly';
import { searchHistory } from '../execution/services/runPersistence';
import type { CommandContext } from './commandContext';
import type { CommandResult } from './commandResults';
import type { CommandPayload, CommandType } from './commandSchemas';
import { conversationCommands } from './conversationCommands';
import { flowCommands } from './flowCommands';
import { instanceCommands } from './instanceCommands';
import { libraryCommands } from './libraryCommands';
import { pageCommands } from './pageCommands';
import { providerCommands } from './providerCommands';
import { teamCommands } from './teamCommands';

export type CommandHandlers = { [T in CommandType]: (payload: CommandPayload<T>) => Promise<CommandResult<T>> };

/** Every command's handler: the type checker holds this list to the list of schemas. */
export function createCommandHandlers(ctx: CommandContext): CommandHandlers {
  // One History view's new search replaces its previous one (a view names itself; other views' searches run on).
  const searches = createLatestOnly();
  return {
    ...instanceCommands(ctx),
    ...libraryCommands(ctx),
    ...providerCommands(ctx),
    ...flowCommands(ctx),
    ...conversationCommands(ctx),
    ...pageCommands(ctx),
    ...teamCommands(ctx),
    async 'cmd/shortcuts/list'() {
      return { shortcuts: await ctx.platform.listShortcuts() };
    },
    async 'cmd/history/search'(p) {
      if (!p.view) return searchHistory(ctx.services.db, p.query, p.offset, p.limit);
      return searches.run(p.view, (signal) => searchHistory(ctx.services.db, p.query, p.offset, p.limit, signal));
    },
  };
}
