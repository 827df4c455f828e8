import { useCallback, useEffect, useRef, useState } from 'react';
import type { HistoryItem } from '@/lib/execution/services/runPersistence';
import { useCommand } from '@/components/storeHooks';
import { downloadText } from '@/components/download';
import { errorMessage } from './format';
import { HistoryEntry } from './HistoryEntry';
import { InlineError } from './InlineError';
import { useCommandAction } from './useCommandAction';
import './historyExport.css';

const PAGE_SIZE = 30;
// Short: the wait is part of the time to results. It only gathers keys typed together; a search
// still running when the next one starts is cancelled in the worker (the command's `view`).
const SEARCH_DELAY_MS = 30;

/** Past conversations: search, load more, reopen one in a tab. */
export function HistoryView({ onOpened }: { onOpened: (instanceId: string) => void }) {
  const send = useCommand();
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<HistoryItem[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [searchError, setSearchError] = useState<string | null>(null);
  const open = useCommandAction();
  const exporting = useCommandAction();
  /** the conversations ticked for export */
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const onChoose = useCallback((instanceId: string, isChosen: boolean) => {
    setChosen((previous) => {
      const next = new Set(previous);
      if (isChosen) next.add(instanceId);
      else next.delete(instanceId);
      return next;
    });
  }, []);
  const exportChosen = (format: 'markdown' | 'json') =>
    void exporting.run(async () => {
      const file = await send('cmd/conversations/export', { instanceIds: [...chosen], format });
      downloadText(file.text, file.fileName, file.mimeType);
    });
  /** only the answer of the latest request counts */
  const requestSeq = useRef(0);
  const firstSearch = useRef(true);
  /** names this view to the worker (unique across windows: each panel's React would number its ids alike) */
  const [view] = useState(() => `history-${crypto.randomUUID()}`);

  const load = useCallback(
    async (forQuery: string, offset: number) => {
      const seq = ++requestSeq.current;
      setLoading(true);
      setSearchError(null);
      try {
        const page = await send('cmd/history/search', { query: forQuery, offset, limit: PAGE_SIZE, view });
        if (seq !== requestSeq.current) return;
        setItems((previous) => (offset === 0 ? page.items : [...previous, ...page.items]));
        setHasMore(page.hasMore);
      } catch (caught) {
        if (seq === requestSeq.current) setSearchError(errorMessage(caught));
      } finally {
        if (seq === requestSeq.current) setLoading(false);
      }
    },
    [send, view],
  );

  useEffect(() => {
    const delay = firstSearch.current ? 0 : SEARCH_DELAY_MS;
    firstSearch.current = false;
    const timer = setTimeout(() => void load(query.trim(), 0), delay);
    return () => clearTimeout(timer);
  }, [query, load]);

  // Unmounting abandons whatever is on its way.
  useEffect(() => () => void requestSeq.current++, []);

  const onOpen = useCallback(
    (instanceId: string) =>
      void open
        .run(() => send('cmd/history/open', { instanceId }))
        .then((result) => {
          if (result) onOpened(result.instanceId);
        }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- open.run is a stable useCallback; `open` itself is a new object every render
    [open.run, send, onOpened],
  );

  return (
    <section className="history" aria-label="History">
      <h2 className="section-heading">History</h2>
      <input
        type="search"
        aria-label="Search history"
        placeholder="Search past conversations"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        autoFocus
      />
      <InlineError message={searchError} onDismiss={() => setSearchError(null)} />
      <InlineError message={open.error} onDismiss={open.clearError} />
      {chosen.size > 0 && (
        <div className="history-export" role="group" aria-label="Export the chosen conversations">
          <span>{chosen.size} chosen</span>
          <button type="button" disabled={exporting.pending} onClick={() => exportChosen('markdown')}>
            Export Markdown
          </button>
          <button type="button" disabled={exporting.pending} onClick={() => exportChosen('json')}>
            Export JSON
          </button>
          <button type="button" className="link-button" onClick={() => setChosen(new Set())}>
            Clear
          </button>
        </div>
      )}
      <InlineError message={exporting.error} onDismiss={exporting.clearError} />
      <p role="status" className="muted history-status">
        {loading ? 'Searching…' : items.length === 0 ? (query.trim() ? 'Nothing found.' : 'No conversations yet.') : ''}
      </p>
      {items.length > 0 && (
        <ul className="history-list">
          {items.map((item) => (
            <HistoryEntry key={item.instanceId} item={item} disabled={open.pending} onOpen={onOpen} chosen={chosen.has(item.instanceId)} onChoose={onChoose} />
          ))}
        </ul>
      )}
      {hasMore && (
        <button type="button" className="load-more" disabled={loading} onClick={() => void load(query.trim(), items.length)}>
          Load more
        </button>
      )}
    </section>
  );
}
