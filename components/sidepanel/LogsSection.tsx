import { memo, useState } from 'react';
import { createSelector } from '@reduxjs/toolkit';
import type { RootState } from '@/lib/store/rootReducer';
import { useAppSelector } from '@/components/storeHooks';
import { LogList } from './LogList';

const selectErrorCount = createSelector([(state: RootState) => state.logs.entries], (entries) =>
  entries.reduce((n, entry) => n + (entry.level === 'error' ? 1 : 0), 0),
);

/** The engine's log at the bottom of the panel; its entries are read from the store only while open. */
export const LogsSection = memo(function LogsSection() {
  const [open, setOpen] = useState(false);
  const count = useAppSelector((state) => state.logs.entries.length);
  const errors = useAppSelector(selectErrorCount);
  return (
    <details className="logs" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        Logs{' '}
        <span className="muted">
          ({count}
          {errors > 0 ? `, ${errors} ${errors === 1 ? 'error' : 'errors'}` : ''})
        </span>
      </summary>
      {open && <LogList />}
    </details>
  );
});
