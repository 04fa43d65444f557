import { getViewportForBounds } from '@xyflow/react';
import type { FlowNode } from '../../flow/index.ts';
import type { Size, Viewport } from '../editor/editor.ts';
import { cardSize } from '../nodes/cardSize.ts';

/**
 * How every "fit the flow to the screen" frames it: with a margin, and counting the nodes the
 * far-zoom overview hides from React Flow (they are still the flow).
 */
export const FIT_VIEW = { padding: 0.2, includeHiddenNodes: true } as const;

/**
 * The view React Flow's fit would give `nodes` on a pane of `pane`'s size (zoom within
 * `minZoom` and 1), with the cards not measured yet at the size they will have. Known before any
 * card is drawn, so a big flow opens at the zoom it will be seen at instead of drawing its cards
 * to measure them first.
 * @example fittedView([node], new Map(), { width: 800, height: 600 }, 0.05).zoom // 1
 */
export function fittedView(
  nodes: readonly FlowNode[],
  measured: ReadonlyMap<string, Size>,
  pane: Size,
  minZoom: number,
): Viewport {
  if (nodes.length === 0) return { x: 0, y: 0, zoom: 1 };
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const n of nodes) {
    const { width, height } = cardSize(n, measured);
    left = Math.min(left, n.position.x);
    top = Math.min(top, n.position.y);
    right = Math.max(right, n.position.x + width);
    bottom = Math.max(bottom, n.position.y + height);
  }
  const bounds = { x: left, y: top, width: right - left, height: bottom - top };
  return getViewportForBounds(bounds, pane.width, pane.height, minZoom, 1, FIT_VIEW.padding);
}
