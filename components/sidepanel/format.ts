// Formatting helpers of the side panel: sizes, durations, costs and dates as the user reads them.

/** "850 chars", "12.3k chars", "1.2M chars". */
export function formatChars(count: number): string {
  if (count < 1000) return `${count} chars`;
  if (count < 1_000_000) return `${(count / 1000).toFixed(1)}k chars`;
  return `${(count / 1_000_000).toFixed(1)}M chars`;
}

/** "850 ms", "3.2 s", "2 min 5 s"; "—" when unknown. */
export function formatDuration(ms: number | undefined | null): string {
  if (ms === undefined || ms === null || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** "$0.0012"; "<$0.0001" for a tiny non-zero cost; "—" when unknown. */
export function formatCost(cost: number | undefined | null): string {
  if (cost === undefined || cost === null || !Number.isFinite(cost)) return '—';
  if (cost > 0 && cost < 0.0001) return '<$0.0001';
  return `$${cost.toFixed(4)}`;
}

// One formatter each, made on first use: a `toLocale…String` call with options builds a new ICU
// formatter every time (bench/concurrency.mjs: up to 16 ms in one render of 20 answers' stats).
let tokenFormat: Intl.NumberFormat | undefined;
let clockFormat: Intl.DateTimeFormat | undefined;

export function formatTokens(count: number | undefined): string {
  if (count === undefined) return '—';
  tokenFormat ??= new Intl.NumberFormat();
  return tokenFormat.format(count);
}

/** "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", then the date. */
export function formatRelativeTime(at: number, now = Date.now()): string {
  const seconds = Math.round((now - at) / 1000);
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days === 1) return 'yesterday';
  if (days < 7) return `${days} days ago`;
  return new Date(at).toLocaleDateString();
}

export function formatClock(at: number): string {
  clockFormat ??= new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return clockFormat.format(at);
}

/** One line of text, whitespace collapsed, cut at `max` characters. */
export function oneLine(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || 'Something went wrong.';
  return typeof error === 'string' && error ? error : 'Something went wrong.';
}
