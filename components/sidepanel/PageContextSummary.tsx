import { useAppSelector } from '@/components/storeHooks';
import { MAX_SELECTION_CHARS } from '@/lib/messaging/pageContextProtocol';
import { oneLine } from './format';

/** What {{selection}} will be for the next run: the page the user last worked in and its selection. */
export function PageContextSummary() {
  const title = useAppSelector((state) => state.page.title);
  const url = useAppSelector((state) => state.page.url);
  const selection = useAppSelector((state) => state.page.selection);
  const pageName = title || url;
  const preview = selection.trim() ? oneLine(selection, 240) : '';

  return (
    <div className="page-context" aria-label="Current page" role="group">
      {pageName && (
        <div className="page-context-title" title={url || undefined}>
          {pageName}
        </div>
      )}
      {preview ? (
        <div className="page-context-selection" title={oneLine(selection, 1000)}>
          <span className="muted">Selection: </span>“{preview}”
          <span className="muted">
            {selection.length >= MAX_SELECTION_CHARS
              ? ` (cut to the first ${MAX_SELECTION_CHARS.toLocaleString()} chars)`
              : ` (${selection.length.toLocaleString()} chars)`}
          </span>
        </div>
      ) : (
        <div className="page-context-selection muted">Select text on a page to use it</div>
      )}
    </div>
  );
}
