import { memo } from 'react';
import { useAppSelector } from '@/components/storeHooks';
import { MAX_SELECTION_CHARS } from '@/lib/messaging/pageContextProtocol';
import { oneLine } from './format';

/**
 * What {{selection}} will be for the next run: the page in front of the user and its selection,
 * named by title and host so the user sees where the text comes from.
 */
export const PageContextSummary = memo(function PageContextSummary() {
  const title = useAppSelector((state) => state.page.title);
  const url = useAppSelector((state) => state.page.url);
  const selection = useAppSelector((state) => state.page.selection);
  const host = hostOfPage(url);
  const preview = selection.trim() ? oneLine(selection, 240) : '';

  return (
    <div className="page-context" aria-label="Current page" role="group">
      {(title || host) && (
        <div className="page-context-title" title={url || undefined}>
          <span className="muted">From: </span>
          {title || host}
          {title && host && <span className="page-context-host muted"> · {host}</span>}
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
});

/** The host a page's URL names (or the URL itself for pages without one, such as file:). */
function hostOfPage(url: string): string {
  if (!url) return '';
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}
