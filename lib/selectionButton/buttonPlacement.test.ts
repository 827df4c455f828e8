import { describe, expect, it } from 'vitest';
import { BUTTON_GAP, placeSelectionButton, type Rect } from './buttonPlacement';

const viewport = { width: 1000, height: 800, scrollX: 0, scrollY: 0 };
const line = (top: number, left: number, right: number, height = 20): Rect => ({ top, left, right, bottom: top + height });

describe('placeSelectionButton', () => {
  it('puts the button just below-right of the end of the last line', () => {
    expect(placeSelectionButton(line(100, 50, 900), line(140, 50, 300), 28, viewport)).toEqual({ top: 160 + BUTTON_GAP, left: 300 + BUTTON_GAP });
  });

  it('gives document coordinates, so the button scrolls with the text', () => {
    expect(placeSelectionButton(line(100, 50, 300), line(100, 50, 300), 28, { ...viewport, scrollX: 30, scrollY: 2000 })).toEqual({ top: 2124, left: 334 });
  });

  it('never goes past the right edge (a line ending at the edge)', () => {
    const { left } = placeSelectionButton(line(100, 50, 1000), line(100, 50, 1000), 28, viewport);
    expect(left).toBe(1000 - 28 - BUTTON_GAP);
  });

  it('never goes past the left edge, even in a viewport narrower than the button', () => {
    expect(placeSelectionButton(line(100, -300, -100), line(100, -300, -100), 28, viewport).left).toBe(BUTTON_GAP);
    expect(placeSelectionButton(line(100, 0, 10), line(100, 0, 10), 28, { ...viewport, width: 20 }).left).toBe(BUTTON_GAP);
  });

  it('goes above the first line when there is no room below the last one', () => {
    expect(placeSelectionButton(line(600, 50, 300), line(775, 50, 300), 28, viewport).top).toBe(600 - 28 - BUTTON_GAP);
  });

  it('stays below when there is no room above either (a selection as tall as the viewport)', () => {
    expect(placeSelectionButton(line(10, 50, 300), line(775, 50, 300), 28, viewport).top).toBe(795 + BUTTON_GAP);
  });
});
