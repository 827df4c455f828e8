import { createStoreBridge } from '@/lib/bridge/backgroundBridge';
import { createChromePlatform } from '@/lib/background/chromePlatform';
import { queryFrontTab } from '@/lib/background/frontPage';
import { installContextMenus } from '@/lib/background/contextMenus';
import { keepAliveWhileWorking } from '@/lib/background/keepAlive';
import { installKeyboardCommand } from '@/lib/background/keyboardCommand';
import { listenForPageContext } from '@/lib/background/pageContextListener';
import { keepPanelSnapshot } from '@/lib/background/panelSnapshotWriter';
import { listenForSelectionButton } from '@/lib/background/selectionButtonListener';
import { openPanelOnActionClick } from '@/lib/background/sidePanel';
import { createCommandHandlers, type CommandHandlers } from '@/lib/commands/commandHandlers';
import { createCommandMiddleware } from '@/lib/commands/commandMiddleware';
import { openDatabase } from '@/lib/db/database';
import { openaiChatStream, openaiModelLister } from '@/lib/llm/openaiChatStream';
import { addLog } from '@/lib/logs/logsSlice';
import { pageContextReported } from '@/lib/page/pageSlice';
import { createEngineServices } from '@/lib/store/engineServices';
import { hydrateStore } from '@/lib/store/hydrateStore';
import { makeStore, type AppStore } from '@/lib/store/makeStore';
import { createTeamRunMiddleware } from '@/lib/team/teamRunMiddleware';
import { createTeamService } from '@/lib/team/teamService';

// The service worker: the one store, the engine, the database and the browser's entry points.
// Everything is wired synchronously at start-up, so a message that woke the worker is not lost.

export default defineBackground(() => {
  let store: AppStore | undefined;
  const connectStore = createStoreBridge({
    onRefused: (reason) => store?.dispatch(addLog({ level: 'warn', message: `Refused: ${reason}` })),
  });

  const platform = createChromePlatform(() => store!);
  const services = createEngineServices({
    db: openDatabase(),
    chatStream: openaiChatStream,
    listModels: openaiModelLister,
    readPageText: async (fallbackTabId) => {
      // The tab in front now: a PDF tab in Chrome's viewer never reports (no content script runs there).
      const tabId = (await queryFrontTab())?.tabId ?? fallbackTabId;
      if (tabId === null) throw new Error('Open a web page first: Flowbar reads the page in front of you.');
      return platform.extractPageText(tabId);
    },
  });
  let handlers: CommandHandlers | undefined;
  const commandGate = createCommandMiddleware(new Proxy({} as CommandHandlers, { get: (_target, type: string) => handlers?.[type as keyof CommandHandlers] }));
  store = makeStore(services, { middleware: [commandGate, createTeamRunMiddleware(() => services.team)] });
  services.team = createTeamService({ db: services.db, dispatch: store.dispatch, getState: store.getState });
  handlers = createCommandHandlers({ dispatch: store.dispatch, getState: store.getState, services, platform });
  connectStore(store);

  listenForPageContext(store);
  listenForSelectionButton(store);
  // A flow from the context menu runs through its command, with the menu's page facts.
  installContextMenus(store, async (flowId, page) => {
    store.dispatch(pageContextReported({ ...page, updatedAt: Date.now() }));
    await handlers['cmd/flows/run']({ flowId, usePage: true }).catch((error: unknown) =>
      store.dispatch(addLog({ level: 'error', message: `Could not run the flow: ${error instanceof Error ? error.message : String(error)}` })),
    );
  });
  installKeyboardCommand(store);
  keepAliveWhileWorking(store);
  keepPanelSnapshot(store);
  openPanelOnActionClick();

  void store
    .dispatch(hydrateStore())
    .unwrap()
    .then(() => {
      platform.providersChanged();
      // The team connection after the local library: offline or not, the extension works from its copy.
      return services.team!.start();
    })
    .catch((error: unknown) => store.dispatch(addLog({ level: 'error', message: `Could not load Flowbar's data: ${String(error)}` })));

  // For the browser tests and the benchmarks, which drive the worker through the DevTools protocol.
  (globalThis as { flowbar?: unknown }).flowbar = { store, services };
});
