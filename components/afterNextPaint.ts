/**
 * Runs `work` once the next frame is painted (a task after its animation frame), when the layout
 * that frame did is still valid: reading or scrolling then lays out nothing more, and the frame is
 * not delayed by the work. Returns a cancel function, for an effect's cleanup.
 */
export function afterNextPaint(work: () => void): () => void {
  if (typeof requestAnimationFrame !== 'function') {
    // No frames here (a worker, some test environments): about one frame's time.
    const timer = setTimeout(work, 16);
    return () => clearTimeout(timer);
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(work, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}
