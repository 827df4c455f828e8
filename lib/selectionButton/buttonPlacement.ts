// Where the selection button goes: just after the end of the selection, kept inside the viewport.
// Pure: the content script passes in the rectangles it measured.

export interface Rect {
  top: number;
  left: number;
  right: number;
  bottom: number;
}

export interface Viewport {
  width: number;
  height: number;
  scrollX: number;
  scrollY: number;
}

/** The gap between the selection and the button, and between the button and the viewport's edge. */
export const BUTTON_GAP = 4;

/**
 * The button's top-left corner in document coordinates (so it scrolls with the text).
 * `start` and `end` are the viewport rectangles of the selection's first and last line.
 * Below-right of the last line; above the first line when there is no room below; never past the
 * right or left edge.
 */
export function placeSelectionButton(start: Rect, end: Rect, size: number, viewport: Viewport): { top: number; left: number } {
  const maxLeft = Math.max(BUTTON_GAP, viewport.width - size - BUTTON_GAP);
  const left = Math.min(Math.max(end.right + BUTTON_GAP, BUTTON_GAP), maxLeft);
  const below = end.bottom + BUTTON_GAP;
  const above = start.top - size - BUTTON_GAP;
  const top = below + size <= viewport.height - BUTTON_GAP || above < BUTTON_GAP ? below : above;
  return { top: Math.round(top + viewport.scrollY), left: Math.round(left + viewport.scrollX) };
}
