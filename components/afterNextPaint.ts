/**
 * Runs `work` once the next frame is painted (a task after it), when the layout that frame did is
 * still valid: reading or scrolling then lays out nothing more. Returns a cancel function, for an
 * effect's cleanup.
 */
export function afterNextPaint(work: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(work, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}
