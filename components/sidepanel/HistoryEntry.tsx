import { memo } from 'react';
import type { HistoryItem } from '@/lib/execution/services/runPersistence';
import { formatRelativeTime, oneLine } from './format';
import { RUN_STATUS_LABEL, runStatus } from './statusLabels';

/** One past conversation in the history list; activating it reopens it; its checkbox chooses it for export. */
export const HistoryEntry = memo(function HistoryEntry({
  item,
  disabled,
  onOpen,
  chosen,
  onChoose,
}: {
  item: HistoryItem;
  disabled: boolean;
  onOpen: (instanceId: string) => void;
  chosen: boolean;
  onChoose: (instanceId: string, chosen: boolean) => void;
}) {
  const preview = oneLine(item.preview, 160);
  const status = runStatus({ status: item.status, lastPartial: item.lastPartial });
  return (
    <li className="history-item">
      <input
        type="checkbox"
        className="history-choose"
        aria-label={`Choose “${item.title}” for export`}
        checked={chosen}
        onChange={(event) => onChoose(item.instanceId, event.target.checked)}
      />
      <button type="button" className="history-entry" disabled={disabled} onClick={() => onOpen(item.instanceId)}>
        <span className="history-entry-head">
          <span className={`status-dot run-${status}`} aria-hidden="true" />
          <span className="history-entry-title">{item.title}</span>
        </span>
        <span className="history-entry-meta muted">
          <time dateTime={new Date(item.updatedAt).toISOString()} title={new Date(item.updatedAt).toLocaleString()}>
            {formatRelativeTime(item.updatedAt)}
          </time>
          {' · '}
          {item.messageCount} {item.messageCount === 1 ? 'message' : 'messages'}
          {' · '}
          {RUN_STATUS_LABEL[status]}
        </span>
        {preview && <span className="history-entry-preview">{preview}</span>}
      </button>
    </li>
  );
});
