import { useCallback, type KeyboardEvent } from 'react';
import { InstanceSwitcher } from './InstanceSwitcher';
import { InstanceTab, TabCloseButton, tabId } from './InstanceTab';

interface InstanceTabsProps {
  instanceIds: string[];
  activeId: string | null;
  historyOpen: boolean;
  /** the Flows view is shown instead of a conversation */
  flowsOpen: boolean;
  onSelect: (instanceId: string) => void;
  onClose: (instanceId: string) => void;
  onCloseFinished: (instanceIds: string[]) => void;
  onToggleHistory: () => void;
  onToggleFlows: () => void;
}

/**
 * The open instances as tabs (arrow keys, Home and End move between them, Delete closes one), the
 * switcher listing them all, and the Flows and History toggles. The tab strip scrolls sideways
 * inside its own box: however many tabs are open, the panel is never wider than its window.
 */
export function InstanceTabs({
  instanceIds,
  activeId,
  historyOpen,
  flowsOpen,
  onSelect,
  onClose,
  onCloseFinished,
  onToggleHistory,
  onToggleFlows,
}: InstanceTabsProps) {
  const moveTo = useCallback(
    (instanceId: string | undefined) => {
      if (!instanceId) return;
      onSelect(instanceId);
      document.getElementById(tabId(instanceId))?.focus();
    },
    [onSelect],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (target.getAttribute('role') !== 'tab') return;
    const current = target.dataset.instanceId ?? '';
    const index = instanceIds.indexOf(current);
    if (index < 0) return;
    switch (event.key) {
      case 'ArrowRight':
        moveTo(instanceIds[(index + 1) % instanceIds.length]);
        break;
      case 'ArrowLeft':
        moveTo(instanceIds[(index - 1 + instanceIds.length) % instanceIds.length]);
        break;
      case 'Home':
        moveTo(instanceIds[0]);
        break;
      case 'End':
        moveTo(instanceIds[instanceIds.length - 1]);
        break;
      case 'Delete':
        onClose(current);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <nav className="tabs-bar" aria-label="Conversations">
      <div className="tabs-toolbar">
        {instanceIds.length > 0 ? (
          <InstanceSwitcher instanceIds={instanceIds} activeId={activeId} onSelect={onSelect} onCloseFinished={onCloseFinished} />
        ) : (
          <span className="tablist-empty muted">No open conversations</span>
        )}
        <button type="button" className="flows-toggle" aria-pressed={flowsOpen} onClick={onToggleFlows}>
          Flows
        </button>
        <button type="button" className="history-toggle" aria-pressed={historyOpen} onClick={onToggleHistory}>
          History
        </button>
      </div>
      {instanceIds.length > 0 && (
        <div className="tab-strip">
          <div role="tablist" aria-label="Open conversations" aria-orientation="horizontal" className="tablist" onKeyDown={onKeyDown}>
            {instanceIds.map((id) => (
              <InstanceTab key={id} instanceId={id} selected={!historyOpen && !flowsOpen && id === activeId} tabbable={id === activeId} onSelect={onSelect} />
            ))}
          </div>
          <div className="tab-closes">
            {instanceIds.map((id) => (
              <TabCloseButton key={id} instanceId={id} tabbable={id === activeId} onClose={onClose} />
            ))}
          </div>
        </div>
      )}
    </nav>
  );
}
