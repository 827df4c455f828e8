import { memo, useEffect, useRef } from 'react';
import { afterNextPaint } from '@/components/afterNextPaint';
import { useAppSelector } from '@/components/storeHooks';
import { selectInstanceTitles, selectRunStatus } from './selectors';
import { RUN_STATUS_LABEL } from './statusLabels';

export const tabId = (instanceId: string) => `tab-${instanceId}`;
export const panelId = (instanceId: string) => `panel-${instanceId}`;

interface InstanceTabProps {
  instanceId: string;
  selected: boolean;
  /** the one tab of the list that Tab reaches (roving tabindex) */
  tabbable: boolean;
  onSelect: (instanceId: string) => void;
}

/** One instance in the tab list: its title, and its status and start time as text. */
export const InstanceTab = memo(function InstanceTab({ instanceId, selected, tabbable, onSelect }: InstanceTabProps) {
  const label = useAppSelector((state) => selectInstanceTitles(state)[instanceId]?.label ?? '');
  const time = useAppSelector((state) => selectInstanceTitles(state)[instanceId]?.time ?? '');
  const status = useAppSelector((state) => selectRunStatus(state, instanceId));
  const ref = useRef<HTMLButtonElement>(null);
  /** set by a click on this tab: the user can see it, so selecting it scrolls nothing */
  const clicked = useRef(false);

  useEffect(() => {
    const byClick = clicked.current;
    clicked.current = false;
    // A tab selected otherwise (a new run, the keyboard, the switcher) is brought into view; a
    // clicked one is in view already. After the next paint, not here: the panel it opens is laid
    // out by then, so the scroll lays out nothing more. Here it forced the layout of the whole new
    // conversation inside React's commit (24 ms of a 77 ms task as 20 runs started, bench/concurrency.mjs).
    if (!selected || byClick) return;
    return afterNextPaint(() => ref.current?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' }));
  }, [selected]);

  return (
    <button
      ref={ref}
      type="button"
      role="tab"
      id={tabId(instanceId)}
      aria-selected={selected}
      aria-controls={selected ? panelId(instanceId) : undefined}
      aria-keyshortcuts="Delete"
      tabIndex={tabbable ? 0 : -1}
      className={selected ? 'tab tab-selected' : 'tab'}
      title={`${label} · ${time}`}
      data-instance-id={instanceId}
      onClick={() => {
        clicked.current = true;
        onSelect(instanceId);
      }}
    >
      <span className="tab-title">{label}</span>
      <span className="tab-meta">
        <span className={`status-dot run-${status}`} aria-hidden="true" />
        <span className="tab-status">{RUN_STATUS_LABEL[status]}</span>
        <span className="visually-hidden">, started</span> <span className="tab-time">{time}</span>
      </span>
    </button>
  );
});

/**
 * The close button of a tab. It lives outside the tab list (a tab list holds tabs only), in a row
 * laid over the tabs so each sits at the end of its tab.
 */
export const TabCloseButton = memo(function TabCloseButton({
  instanceId,
  tabbable,
  onClose,
}: {
  instanceId: string;
  tabbable: boolean;
  onClose: (instanceId: string) => void;
}) {
  const full = useAppSelector((state) => selectInstanceTitles(state)[instanceId]?.full ?? '');
  return (
    <span className="tab-close-slot">
      <button
        type="button"
        className="tab-close"
        aria-label={`Close ${full}`}
        title={`Close ${full}`}
        tabIndex={tabbable ? 0 : -1}
        onClick={() => onClose(instanceId)}
      >
        <span aria-hidden="true">×</span>
      </button>
    </span>
  );
});
