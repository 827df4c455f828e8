import { memo, useEffect, useRef } from 'react';
import { selectInstance } from '@/lib/execution';
import { useAppSelector } from '@/components/storeHooks';
import { STATUS_LABEL } from './statusLabels';

export const tabId = (instanceId: string) => `tab-${instanceId}`;
export const panelId = (instanceId: string) => `panel-${instanceId}`;

interface InstanceTabProps {
  instanceId: string;
  selected: boolean;
  /** the one tab of the list that Tab reaches (roving tabindex) */
  tabbable: boolean;
  onSelect: (instanceId: string) => void;
  onClose: (instanceId: string) => void;
}

/** One instance in the tab strip: status dot, title, close button. */
export const InstanceTab = memo(function InstanceTab({ instanceId, selected, tabbable, onSelect, onClose }: InstanceTabProps) {
  const title = useAppSelector((state) => selectInstance(state, instanceId)?.title ?? '');
  const status = useAppSelector((state) => selectInstance(state, instanceId)?.status ?? 'idle');
  const ref = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (selected) ref.current?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [selected]);

  return (
    <div className={selected ? 'tab tab-selected' : 'tab'} role="presentation">
      <button
        ref={ref}
        type="button"
        role="tab"
        id={tabId(instanceId)}
        aria-selected={selected}
        aria-controls={selected ? panelId(instanceId) : undefined}
        aria-describedby={`${tabId(instanceId)}-status`}
        tabIndex={tabbable ? 0 : -1}
        className="tab-button"
        title={title}
        data-instance-id={instanceId}
        onClick={() => onSelect(instanceId)}
      >
        <span className={`status-dot status-${status}`} aria-hidden="true" />
        <span className="tab-title">{title}</span>
      </button>
      <span id={`${tabId(instanceId)}-status`} className="visually-hidden">
        {STATUS_LABEL[status]}
      </span>
      <button
        type="button"
        className="tab-close"
        aria-label={`Close ${title}`}
        title={`Close ${title}`}
        tabIndex={tabbable ? 0 : -1}
        onClick={() => onClose(instanceId)}
      >
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
});
