import { useEffect, useRef } from 'react';
import { useAppSelector } from '@/components/storeHooks';
import { formatClock } from './format';

/** The log entries, newest last, scrolled to the newest. */
export function LogList() {
  const entries = useAppSelector((state) => state.logs.entries);
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [entries]);
  if (entries.length === 0) return <p className="muted logs-empty">No log entries.</p>;
  return (
    <ol className="log-list" ref={list} tabIndex={0} aria-label="Log entries">
      {entries.map((entry) => (
        <li key={entry.id} className={`log-entry log-${entry.level}`}>
          <time dateTime={new Date(entry.at).toISOString()}>{formatClock(entry.at)}</time> <span className="log-level">{entry.level}</span>{' '}
          <span className="log-message">{entry.message}</span>
        </li>
      ))}
    </ol>
  );
}
