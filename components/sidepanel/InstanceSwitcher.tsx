import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { shallowEqual } from 'react-redux';
import { useAppSelector } from '@/components/storeHooks';
import { selectInstanceTitles, selectRunStatus } from './selectors';
import { isFinished, RUN_STATUS_LABEL } from './statusLabels';

interface InstanceSwitcherProps {
  instanceIds: string[];
  activeId: string | null;
  onSelect: (instanceId: string) => void;
  onCloseFinished: (instanceIds: string[]) => void;
}

/**
 * A button with the number of open runs that opens a menu of all of them with their status, and
 * "Close all finished". Arrow keys, Home and End move in the menu; Escape closes it.
 */
export function InstanceSwitcher({ instanceIds, activeId, onSelect, onCloseFinished }: InstanceSwitcherProps) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const titles = useAppSelector(selectInstanceTitles);
  const statuses = useAppSelector((state) => instanceIds.map((id) => selectRunStatus(state, id)), shallowEqual);
  const finished = instanceIds.filter((_, i) => isFinished(statuses[i]));

  const items = () => Array.from(menu.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? []);
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) toggle.current?.focus();
  };

  // Opening focuses the run shown now (else the first); a click elsewhere closes the menu.
  useEffect(() => {
    if (!open) return;
    const all = items();
    (all.find((item) => item.getAttribute('aria-checked') === 'true') ?? all[0])?.focus();
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !toggle.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const onMenuKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const all = items();
    const index = all.indexOf(document.activeElement as HTMLElement);
    const focusAt = (i: number) => all[(i + all.length) % all.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        focusAt(index + 1);
        break;
      case 'ArrowUp':
        focusAt(index - 1);
        break;
      case 'Home':
        focusAt(0);
        break;
      case 'End':
        focusAt(all.length - 1);
        break;
      case 'Escape':
        close(true);
        break;
      case 'Tab':
        setOpen(false);
        return;
      default:
        return;
    }
    event.preventDefault();
  };

  const onToggleKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(true);
    }
  };

  return (
    <div className="switcher">
      <button
        ref={toggle}
        type="button"
        className="switcher-toggle"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={onToggleKeyDown}
      >
        {instanceIds.length} open<span className="visually-hidden"> conversations</span> <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <ul ref={menu} id={menuId} role="menu" aria-label="Open conversations" className="switcher-menu" onKeyDown={onMenuKeyDown}>
          {instanceIds.map((id, i) => (
            <li key={id} role="none">
              <button
                type="button"
                role="menuitemradio"
                aria-checked={id === activeId}
                tabIndex={-1}
                className="switcher-item"
                onClick={() => {
                  close(false);
                  onSelect(id);
                  requestAnimationFrame(() => document.getElementById(`tab-${id}`)?.focus());
                }}
              >
                <span className="switcher-item-title">{titles[id]?.label}</span>
                <span className="switcher-item-meta">
                  <span className={`status-dot run-${statuses[i]}`} aria-hidden="true" />
                  {RUN_STATUS_LABEL[statuses[i]]}
                  <span className="visually-hidden">, started</span> · {titles[id]?.time}
                </span>
              </button>
            </li>
          ))}
          <li role="separator" className="switcher-separator" />
          <li role="none">
            <button
              type="button"
              role="menuitem"
              tabIndex={-1}
              aria-disabled={finished.length === 0}
              className="switcher-item switcher-close-finished"
              onClick={() => {
                if (finished.length === 0) return;
                close(true);
                onCloseFinished(finished);
              }}
            >
              Close all finished ({finished.length})
            </button>
          </li>
        </ul>
      )}
    </div>
  );
}
