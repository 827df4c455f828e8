// A long message the user sent (a page's whole selection, up to 100,000 characters) is shown by
// its beginning until asked for, so the answer under it is not a long scroll away. (It did not
// shorten the first task of a run with a 30,000-character selection: docs/performance.md.)

/** A message longer than this is shown by its beginning. */
export const LONG_MESSAGE_CHARS = 3000;
/** About how much of it is shown then. */
export const PREVIEW_CHARS = 1200;

/** The beginning of a long text, cut at a line end or a space near PREVIEW_CHARS; the whole text when short. */
export function previewOf(text: string): string {
  if (text.length <= LONG_MESSAGE_CHARS) return text;
  const head = text.slice(0, PREVIEW_CHARS);
  const lineEnd = head.lastIndexOf('\n');
  if (lineEnd > PREVIEW_CHARS / 2) return head.slice(0, lineEnd);
  const space = head.lastIndexOf(' ');
  return space > PREVIEW_CHARS / 2 ? head.slice(0, space) : head;
}
