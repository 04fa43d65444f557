/** A rectangle in flow coordinates. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The label's font size and padding in cards.css (`.react-flow__edge-text`, its background). */
const CHAR_WIDTH = 6.4;
const HEIGHT = 18;
const PAD = 6;

/**
 * The box a label of this text takes around its centre, a little larger than drawn so that a
 * label that only just touches a card counts as covered.
 * @example labelBox(100, 50, 'Answer') // { x: 75.8, y: 41, width: 48.4, height: 18 }
 */
export function labelBox(cx: number, cy: number, text: string): Rect {
  const width = text.length * CHAR_WIDTH + PAD * 2;
  return { x: cx - width / 2, y: cy - HEIGHT / 2, width, height: HEIGHT };
}

export const overlaps = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
