/** `YYYY-MM-DD` of `now` in the user's own time zone (the browser's), which is what `{{date}}` means: not UTC's date. */
export function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
