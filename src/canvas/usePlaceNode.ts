import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useCallback } from 'react';
import { SNAP_GRID, snapToGridOn } from './commands/snapToGrid.ts';
import { useEditor } from './editor/context.ts';
import { addNode } from './editor/ops.ts';
import type { XY } from './editor/ops.ts';
import { freeSpot } from './editor/placement.ts';

/** Card size used to centre a new node on the visible canvas before it is measured. */
const CARD = { width: 220, height: 130 };

const snapped = (p: XY): XY => {
  if (!snapToGridOn()) return p;
  const [gx, gy] = SNAP_GRID;
  return { x: Math.round(p.x / gx) * gx, y: Math.round(p.y / gy) * gy };
};

/** Room kept between a card and the edge of the view. */
const MARGIN = 12;

interface View {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
  readonly width: number;
  readonly height: number;
}

/** Moves a card's top-left corner (flow coordinates) so the whole card lies inside the view. */
function clampIntoView(p: XY, view: View): XY {
  const clamp = (v: number, size: number, offset: number, extent: number) => {
    const min = (MARGIN - offset) / view.zoom;
    const max = (extent - MARGIN - offset) / view.zoom - size;
    return max < min ? min : Math.min(Math.max(v, min), max);
  };
  return {
    x: clamp(p.x, CARD.width, view.x, view.width),
    y: clamp(p.y, CARD.height, view.y, view.height),
  };
}

/**
 * Adds a node of a kind (its defaults, with `data` over them) and selects it, as one undoable edit: at a point of the screen (its
 * top-left corner there, as a drop does, moved in just far enough that the card is not cut by the
 * view's edge), or else in the middle of the visible canvas, below any card already there. The
 * view moves only when the card lands out of sight, and only as far as needed to show it, so the
 * cards placed before it stay where the person left them.
 */
export function usePlaceNode(): (
  kind: string,
  at?: XY,
  data?: Readonly<Record<string, unknown>>,
) => void {
  const { actions } = useEditor();
  const reactFlow = useStoreApi();
  const { screenToFlowPosition, setViewport } = useReactFlow();
  return useCallback(
    (kind: string, at?: XY, data?: Readonly<Record<string, unknown>>) => {
      const { width, height, transform } = reactFlow.getState();
      const [x, y, zoom] = transform;
      const view = { x, y, zoom, width, height };
      const center = {
        x: (width / 2 - x) / zoom - CARD.width / 2,
        y: (height / 2 - y) / zoom - CARD.height / 2,
      };
      let added = '';
      let placed: XY = center;
      actions.edit((flow) => {
        const spot = at
          ? width > 0
            ? clampIntoView(screenToFlowPosition(at), view)
            : screenToFlowPosition(at)
          : freeSpot(flow.nodes, center);
        placed = snapped({ x: Math.round(spot.x), y: Math.round(spot.y) });
        const result = addNode(flow, kind, placed, data);
        added = result.id;
        return result.flow;
      });
      if (!added) return;
      actions.select({ nodes: new Set([added]), edges: new Set() });
      if (width <= 0) return;
      const shown = clampIntoView(placed, view);
      const dx = (shown.x - placed.x) * zoom;
      const dy = (shown.y - placed.y) * zoom;
      if (Math.abs(dx) >= 1 || Math.abs(dy) >= 1) void setViewport({ x: x + dx, y: y + dy, zoom });
    },
    [actions, reactFlow, screenToFlowPosition, setViewport],
  );
}
