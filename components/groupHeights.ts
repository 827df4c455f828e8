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
