// The heights of Markdown block groups (components/Markdown.tsx) as last laid out, by what they
// show. A finished answer mounts anew in the conversation: the groups it showed while streaming keep
// their height there, so they can stay `content-visibility: auto` boxes and only the groups in
// view are laid out (bench/panelMainThread.mjs: a 130-block answer laid out whole, 2,690 objects,
// in one task at completion), while the message keeps its height and nothing on screen moves.

const MAX_REMEMBERED = 300;
const heights = new Map<string, number>();

/**
 * What identifies a group's content, cheaply: its block count and length, and the start and end
 * of its text. Two different groups sharing all of these would only swap a height guess.
 */
export function groupKey(sources: readonly string[]): string {
  let length = 0;
  for (const source of sources) length += source.length;
  return `${sources.length}:${length}:${(sources[0] ?? '').slice(0, 48)}:${(sources.at(-1) ?? '').slice(-48)}`;
}

export function rememberGroupHeight(key: string, px: number): void {
  if (!(px > 0)) return;
  heights.delete(key);
  heights.set(key, px);
  if (heights.size > MAX_REMEMBERED) heights.delete(heights.keys().next().value!);
}

export function rememberedGroupHeight(key: string): number | undefined {
  return heights.get(key);
}

/**
 * A group of a streaming answer that was never laid out (it arrived out of view, e.g. a fast
 * answer's text all at once) has no height to remember: it gets this guess, so the finished answer
 * keeps it a box of its own instead of laying it out. It was a placeholder box while it streamed
 * too, so nothing on screen moves; laid out once, the group's real height replaces the guess.
 */
export function rememberGroupEstimate(key: string, px: number): void {
  if (!heights.has(key)) rememberGroupHeight(key, px);
}

/** A guess at the rendered height (px) of a text in a narrow panel, until it has been laid out once. */
export function estimatedTextHeight(text: string): number {
  let lines = 0;
  for (const line of text.split('\n')) lines += Math.max(1, Math.ceil(line.length / 48));
  return Math.min(20_000, lines * 20);
}
